// Package requests is the domain of approval requests for a generative-AI system
// (procedure 30-02, 6.3.1 and Annexe 1): a Request, its status and its answers, and the
// typed facts the review workflow and the reminders read from those answers. It is
// pure: no storage, no i18n, no platform.
//
// Answers are keyed by Tag. The tags declared below are a contract shared by the
// Annexe 1 dialog (which writes them), the review workflow and the reminders (which
// read them through Facts); the dialog's other items use tags under "a1.requester."
// and "a1.sti.".
package requests

import (
	"errors"
	"strconv"
	"strings"
	"time"
)

// Tag names one item of a request.
type Tag string

// The tags the workflow reads. Stored values are normalised as documented.
const (
	TagSystemName         Tag = "system.name"
	TagSystemVendor       Tag = "system.vendor"
	TagSystemKind         Tag = "system.kind"          // public | private
	TagUses               Tag = "uses"                 // comma-separated use ids or free labels
	TagPersonalData       Tag = "personal_data"        // yes | no
	TagAutomatedDecision  Tag = "automated_decision"   // yes | no
	TagSupervisor         Tag = "supervisor"           // an e-mail or a name
	TagEFVPDate           Tag = "efvp.date"            // YYYY-MM-DD
	TagEFVPStatus         Tag = "efvp.status"          // done | planned
	TagTrainingCalendar   Tag = "training.calendar"    // comma-separated YYYY-MM-DD, sorted
	TagDeploymentDate     Tag = "deployment.date"      // YYYY-MM-DD
	TagRiskReviewInterval Tag = "risk.review_interval" // a number of days
	TagHosting            Tag = "system.hosting"       // quebec | canada | foreign (5.1.12, 6.3.3)
	TagSystemOpen         Tag = "system.open"          // yes | no (3.7)
	TagSystemSpecialized  Tag = "system.specialized"   // yes | no (3.10)
)

// The stored values of choice items.
const (
	Yes         = "yes"
	No          = "no"
	KindPublic  = "public"
	KindPrivate = "private"
	EFVPDone    = "done"
	EFVPPlanned = "planned"
	// Where the system's data are hosted (5.1.12, 6.3.3), the inventory's words.
	HostingQuebec  = "quebec"
	HostingCanada  = "canada"
	HostingForeign = "foreign"
)

// DateLayout is how dates are stored in answers.
const DateLayout = "2006-01-02"

// Status is where a request stands.
type Status string

// The statuses, from draft to decision.
const (
	Draft            Status = "draft"
	Submitted        Status = "submitted"
	STIReview        Status = "sti_review"
	CODIRReview      Status = "codir_review"
	PrivacyReview    Status = "privacy_review"
	ChangesRequested Status = "changes_requested"
	Approved         Status = "approved"
	Rejected         Status = "rejected"
	Cancelled        Status = "cancelled"
	Closed           Status = "closed"
)

// Statuses lists every status, in workflow order.
var Statuses = []Status{Draft, Submitted, STIReview, CODIRReview, PrivacyReview, ChangesRequested, Approved, Rejected, Cancelled, Closed}

// Valid reports whether s is a known status.
func (s Status) Valid() bool {
	for _, v := range Statuses {
		if v == s {
			return true
		}
	}
	return false
}

// Editable reports whether the requester may change the answers and submit: while
// drafting, and when the reviewers asked for changes.
func (s Status) Editable() bool { return s == Draft || s == ChangesRequested }

// Final reports whether the request is over (decided, cancelled or closed).
func (s Status) Final() bool {
	return s == Approved || s == Rejected || s == Cancelled || s == Closed
}

// RoundOver reports whether a review round ends on s: approved, rejected, or sent back
// to the requester for changes.
func (s Status) RoundOver() bool { return s == Approved || s == Rejected || s == ChangesRequested }

// Answer is the answer to one item.
type Answer struct {
	// Value is the normalised answer; empty when the item was skipped or left to the STI.
	Value string
	// ForSTI marks an item of the STI part that the requester left for the STI to
	// complete during review.
	ForSTI    bool
	UpdatedAt time.Time
}

// Request is an approval request.
type Request struct {
	ID            uint
	RequesterKey  string
	RequesterName string
	Lang          string
	Status        Status
	// Round counts submissions; a resubmission after changes starts a new round.
	Round         int
	SystemName    string
	SupervisorKey string
	StageSince    *time.Time
	SubmittedAt   *time.Time
	DecidedAt     *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time
	// Answers may be nil when the request was listed without them.
	Answers map[Tag]Answer
}

// Facts returns typed accessors over the request's answers.
func (r Request) Facts() Facts { return Facts{answers: r.Answers} }

// Subject is how audit entries and reminders name the request ("request:12").
func Subject(id uint) string { return "request:" + strconv.FormatUint(uint64(id), 10) }

// ErrNoEFVP refuses a submission without an EFVP date: 6.3.2 makes the EFVP mandatory
// for every request.
var ErrNoEFVP = errors.New("requests: an EFVP date (done or planned) is required (6.3.2)")

// CheckSubmittable reports why the request cannot be submitted yet, or nil. Only the
// rules of the procedure itself live here; the dialog checks each item it asks.
func (r Request) CheckSubmittable() error {
	if _, ok := r.Facts().EFVPDate(); !ok {
		return ErrNoEFVP
	}
	return nil
}

// SupervisorKey is how the supervisor answered in TagSupervisor is keyed for
// notifications: a lower-cased e-mail (bot.User.Key) or a platform key ("slack:U…");
// a name alone reaches no one, so it keys no one.
func SupervisorKey(answer string) string {
	v := strings.TrimSpace(answer)
	switch {
	case strings.Contains(v, "@"):
		return strings.ToLower(v)
	case strings.HasPrefix(v, "slack:"), strings.HasPrefix(v, "teams:"), strings.HasPrefix(v, "terminal:"):
		return v
	}
	return ""
}
