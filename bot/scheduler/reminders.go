// Package scheduler sends the reminders of procedure 30-02: EFVP revision (6.3.2),
// training before deployment (7), pending reviews (6.3.3), risk follow-up (Annexe 1),
// the weekly digest to CODIR-IN, and idle drafts.
//
// Reminders are derived from the database, never held only in memory: each pass reads
// the state (EFVP dates, training rows, requests and their answers), works out which
// occurrences are due, and delivers those not delivered yet. Every delivery is recorded
// under a unique key (kind, subject, occurrence, recipient) inserted before sending, so a
// restart, a catch-up after downtime or two processes sharing one database never send
// the same reminder twice. The only loss this allows is at-most-once: a process that
// dies between the insert and the send leaves a pending row that is not retried.
//
// Passes run on business days only, at the configured time (America/Toronto): weekends,
// Québec's statutory holidays (see Holidays) and the school calendar's closure days are
// quiet, and what fell due on them goes out on the next business day.
package scheduler

import (
	"context"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"

	"github.com/cssdgs/iagbot/bot/reminder"
)

// RolePrefix marks a recipient that is a role ("role:codir-in"): its registered
// channel, or its members without one.
const RolePrefix = "role:"

// Item is one occurrence of a reminder to one recipient.
type Item struct {
	Kind    Kind
	Subject string // "system:<id>", "request:<id>", "week"
	// Occurrence tells occurrences of one reminder apart: the dates it hangs on and
	// its stage, e.g. "2027-05-01/7".
	Occurrence string
	Recipient  string // a person key, or RolePrefix+role
	// Due is when the occurrence falls due.
	Due time.Time
	// What the message says.
	System  string    // the system's name
	Date    time.Time // the date the reminder is about (review, session, deployment…)
	Stage   string    // the stage within the kind
	Request uint      // the request, when the subject is one
	Role    string    // the review stage's role (Review, ReviewLate)
	Days    int       // days late, business days waiting, interval…
	Names   []string  // people not trained (Untrained)
	// Quorum is, for a ReviewAway escalation of a stage whose votes can no longer
	// close it, the votes it needs; Able the members able to give them.
	Quorum, Able int
	// Votes are the votes a committee's stage still needs (Review).
	Votes  int
	Digest *DigestData
	Lang   string // the request's language, when the recipient chose none
}

// Key is the delivery key: unique per kind, subject, occurrence and recipient.
func (it Item) Key() string {
	return string(it.Kind) + "|" + it.Subject + "|" + it.Occurrence + "|" + it.Recipient
}

// MaxAttempts bounds the sends of one failed delivery across passes.
const MaxAttempts = reminder.MaxAttempts

// Store is the database the reminders read and record deliveries in.
type Store interface {
	// ReminderSources reads the state; since bounds the unreachable deliveries listed.
	ReminderSources(ctx context.Context, since time.Time) (Sources, error)
	// ReminderDeliveries returns the recorded deliveries among keys.
	ReminderDeliveries(ctx context.Context, keys []string) (map[string]Delivery, error)
	// ClaimReminders records claims as pending in one transaction, before sending, and
	// returns the keys claimed: a new key, or one that failed fewer than maxAttempts
	// times. A non-empty gate is claimed first the same way; when it cannot be,
	// nothing is claimed.
	ClaimReminders(ctx context.Context, gate *Claim, claims []Claim, maxAttempts int, at time.Time) ([]string, error)
	// FinishReminders records the outcome of claimed deliveries.
	FinishReminders(ctx context.Context, keys []string, status Status, errText string, at time.Time) error
	// ReminderPrefs returns every snooze and stop.
	ReminderPrefs(ctx context.Context) ([]Pref, error)
	// ReminderLang returns the language a person chose, empty when none.
	ReminderLang(ctx context.Context, key string) (string, error)
	// FindPersonKey resolves an e-mail or platform id to a person key (bot.ErrNotFound).
	FindPersonKey(ctx context.Context, who string) (string, error)
	// CloseDraft closes an idle draft (bot.ErrConflict when it is no longer a draft).
	CloseDraft(ctx context.Context, id uint, reason string) error
	// DelegationsOn returns the delegations not over on day (workflow.Delegation).
	DelegationsOn(ctx context.Context, day time.Time) ([]workflow.Delegation, error)
	// CurrentAssignments returns where the reassigned stages waiting now are.
	CurrentAssignments(ctx context.Context) ([]workflow.Assignment, error)
	// Votes returns the votes cast on a stage of a round (workflow.Vote).
	Votes(ctx context.Context, id uint, round int, stage requests.Status) ([]workflow.Vote, error)
	// Audit appends an entry to the audit log (an escalation of a stage whose
	// members are all away).
	Audit(ctx context.Context, e audit.Entry) error
	// PruneInboundEvents deletes the inbound event keys recorded before before (see
	// KeepEvents) and returns how many.
	PruneInboundEvents(ctx context.Context, before time.Time) (int64, error)
}
