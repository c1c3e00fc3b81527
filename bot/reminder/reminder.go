// Package reminder is the vocabulary of the reminders of procedure 30-02: their
// kinds, what a recipient may do with each, deliveries and their statuses,
// recipients' preferences, and the state reminders are derived from. The scheduler
// that sends them, the chat commands that snooze them and the store that records
// them share these types; the rules of when a reminder falls due stay in
// bot/scheduler.
package reminder

import (
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
)

// Kind is a kind of reminder.
type Kind string

// The kinds of reminder.
const (
	EFVP       Kind = "efvp"        // to the system's owner: 30 days, 7 days, on the day
	EFVPLate   Kind = "efvp-late"   // past due, weekly: CODIR-IN's channel, the owner's supervisor
	Training   Kind = "training"    // to a person to train, before and after their session
	Untrained  Kind = "untrained"   // to the managers, a week before deployment: who is not trained
	Review     Kind = "review"      // a stage waiting N business days: the stage role's members
	ReviewLate Kind = "review-late" // waiting 2N: the committee's channel, the requester's supervisor
	ReviewAway Kind = "review-away" // waiting N, every member of the role away without a delegate: the admins
	Risk       Kind = "risk"        // risk follow-up at the request's interval, to the requester
	Digest     Kind = "digest"      // weekly, to CODIR-IN's channel
	Draft      Kind = "draft"       // a draft idle for draft_remind_days, to the requester
	DraftClose Kind = "draft-close" // a draft idle for draft_close_days: closed, requester told
	// Gate is the delivery row that lets one aggregated message a day through per
	// recipient.
	Gate Kind = "daily"
)

// kindInfo says how a kind is delivered and what its recipients may do with it.
type kindInfo struct {
	// aggregated kinds go to managers and channels in one message a day per recipient.
	aggregated bool
	// snooze and stop tell whether a person may put off or stop the reminder. Stopping
	// makes sense only where nothing is lost: the training list still reaches the
	// managers, and an idle draft closes anyway.
	snooze, stop bool
}

var kinds = map[Kind]kindInfo{
	EFVP:       {snooze: true},
	EFVPLate:   {aggregated: true, snooze: true},
	Training:   {snooze: true, stop: true},
	Untrained:  {aggregated: true, snooze: true},
	Review:     {aggregated: true, snooze: true},
	ReviewLate: {aggregated: true, snooze: true},
	ReviewAway: {aggregated: true, snooze: true},
	Risk:       {snooze: true},
	Digest:     {},
	Draft:      {snooze: true, stop: true},
	DraftClose: {},
}

// Snoozable reports whether a person may snooze reminders of kind k.
func (k Kind) Snoozable() bool { return kinds[k].snooze }

// Stoppable reports whether a person may stop reminders of kind k.
func (k Kind) Stoppable() bool { return kinds[k].stop }

// Aggregated reports whether reminders of kind k go to managers and channels in one
// message a day per recipient.
func (k Kind) Aggregated() bool { return kinds[k].aggregated }

// ParseKey splits a delivery key into its parts; ok is false for a malformed key.
func ParseKey(key string) (kind Kind, subject, occurrence, recipient string, ok bool) {
	p := strings.SplitN(key, "|", 4)
	if len(p) != 4 {
		return "", "", "", "", false
	}
	return Kind(p[0]), p[1], p[2], p[3], true
}

// Status is what became of a delivery.
type Status string

// The statuses of a delivery.
const (
	Pending     Status = "pending"     // claimed, being sent (or the sender died)
	Sent        Status = "sent"        // the platform accepted it
	Failed      Status = "failed"      // an error; retried by later passes, MaxAttempts in all
	Unreachable Status = "unreachable" // nobody to write to; listed in the digest
	Skipped     Status = "skipped"     // moot when its turn came (a draft resumed meanwhile)
)

// MaxAttempts bounds the sends of one failed delivery across passes.
const MaxAttempts = 3

// Claim is a delivery about to be made.
type Claim struct {
	Key       string
	Kind      Kind
	Recipient string
}

// Delivery is a recorded delivery.
type Delivery struct {
	Key        string
	Kind       Kind
	Subject    string
	Occurrence string
	Recipient  string
	Status     Status
	Attempts   int
	LastError  string
	CreatedAt  time.Time
	SentAt     *time.Time
}

// Pref is a recipient's choice about one reminder: snoozed until a time, or stopped.
type Pref struct {
	Kind         Kind
	Subject      string
	Recipient    string
	SnoozedUntil *time.Time
	Stopped      bool
}

// System is an inventory system with an EFVP review date.
type System struct {
	ID       string
	Name     string
	Aliases  []string
	Status   string // approved | suspended | withdrawn
	OwnerKey string
	// NextReview is the EFVP's next review date; Done the last one done, if known.
	NextReview time.Time
	Done       *time.Time
	// RequestID is the approval request that added the system, 0 when none; the
	// supervisor and language come from it.
	RequestID     uint
	SupervisorKey string
	Lang          string
}

// TrainingRecord is one person to train for one approved request (7).
type TrainingRecord struct {
	RequestID   uint
	PersonKey   string
	SessionAt   *time.Time
	CompletedAt *time.Time
}

// SourceStatuses are the statuses of the requests that may need a reminder: the
// requests of Sources.
var SourceStatuses = []requests.Status{requests.Draft, requests.Submitted, requests.STIReview,
	requests.CODIRReview, requests.PrivacyReview, requests.Approved}

// SourceTags are the answers reminders read: those Sources holds of its requests.
var SourceTags = []requests.Tag{requests.TagSystemName, requests.TagSupervisor,
	requests.TagDeploymentDate, requests.TagTrainingCalendar, requests.TagRiskReviewInterval}

// Sources is the database state reminders are derived from.
type Sources struct {
	// Systems with an EFVP review date, withdrawn ones left out.
	Systems []System
	// Requests that may need a reminder: drafts, in review, approved; their answers
	// hold at least the tags the reminders read (deployment date, training calendar,
	// risk review interval).
	Requests []requests.Request
	// Trainings of the approved requests, by request.
	Trainings map[uint][]TrainingRecord
	// Counts of every request by status.
	Counts map[requests.Status]int
	// Unreachable are the recipients a delivery could not reach lately.
	Unreachable []string
	// Names are the display names of the people above, by key, when known.
	Names map[string]string
	// Same maps a key to the person's one key when they were seen under several: the
	// e-mail links a terminal name or a platform id to the e-mail key.
	Same map[string]string
}
