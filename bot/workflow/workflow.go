// Package workflow is the review workflow of approval requests (procedure 30-02,
// 6.3.3, 5.1.11, Annexe 1) as pure rules: its stages and who decides each, which
// action is allowed to whom at which status, where a decision or a resubmission
// leads, and what an approval changes in the inventory (a ChangeSet, see
// approval.go). The conversation feature asks these functions; the store writes what
// they return. Nothing here reads a database, a clock or a platform.
//
// A submitted request goes to the STI when items were left to it, then to CODIR-IN,
// which decides every request, then to the privacy committee (CPRPSI) when the use
// supports a decision about a person; any stage may send it back to the requester for
// changes, and a resubmission starts a new round.
package workflow

import (
	"errors"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
)

// Action is what someone does to a request.
type Action string

// The actions. Approve, Reject and RequestChanges are a review stage's decisions;
// their values are stored with the decision and named in the audit log
// ("review.approve").
const (
	Submit         Action = "submit"   // the requester hands a draft, or a changed request, to review
	Cancel         Action = "cancel"   // the requester abandons an editable request
	Approve        Action = "approve"  // a stage approves: the next stage, or approved
	Reject         Action = "reject"   // a stage refuses: rejected
	RequestChanges Action = "changes"  // a stage sends the request back to the requester
	FillSTI        Action = "sti_fill" // the STI completes the items left to it
)

// Actions lists every action, for tables.
var Actions = []Action{Submit, Cancel, Approve, Reject, RequestChanges, FillSTI}

// Decides reports whether a is a review stage's decision.
func (a Action) Decides() bool { return a == Approve || a == Reject || a == RequestChanges }

// NeedsComment reports whether a decision must say why: a refusal or a request for
// changes is explained to the requester.
func (a Action) NeedsComment() bool { return a == Reject || a == RequestChanges }

// RoleRequester is the pseudo-role of the person who made the request; the other roles
// are config's (sti, codir-in, cprpsi, admin).
const RoleRequester = "requester"

// Stage is one review stage: the role that decides it and the sections it rests on.
type Stage struct {
	Status   requests.Status
	Role     string
	Sections []string
}

// stages are the review stages of 6.3.3 in order: the STI prepares the risk and data
// parts (Annexe 1, 8), CODIR-IN rules on every request and on its uses (6.3.3, 8), the
// privacy committee approves uses that support a decision about a person (5.1.11, 8).
var stages = []Stage{
	{requests.STIReview, config.RoleSTI, []string{"Annexe 1", "8"}},
	{requests.CODIRReview, config.RoleCODIRIN, []string{"6.3.3", "8"}},
	{requests.PrivacyReview, config.RoleCPRPSI, []string{"5.1.11", "8"}},
}

// Stages returns the review stages in order.
func Stages() []Stage { return append([]Stage(nil), stages...) }

// StageOf returns the review stage of status st; ok is false when st is not one.
func StageOf(st requests.Status) (Stage, bool) {
	for _, s := range stages {
		if s.Status == st {
			return s, true
		}
	}
	return Stage{}, false
}

// Sections are the sections of procedure 30-02 a decision on stage st rests on.
func Sections(st requests.Status) []string {
	s, _ := StageOf(st)
	return append([]string(nil), s.Sections...)
}

// StagesOf returns the review stages whose role is among roles, in order.
func StagesOf(roles []string) []Stage {
	var out []Stage
	for _, s := range stages {
		for _, r := range roles {
			if r == s.Role {
				out = append(out, s)
				break
			}
		}
	}
	return out
}

// Decision is one decision on one stage of one round.
type Decision struct {
	RequestID uint
	Round     int
	Stage     requests.Status // the status the request was in: sti_review, codir_review, privacy_review
	Decision  Action          // Approve, Reject or RequestChanges
	ActorKey  string
	ActorName string
	// ForKey and ForName are the person the actor stood in for (a delegation), empty
	// when they decided in their own right.
	ForKey, ForName string
	Comment         string
	// Details is JSON owned by the feature (uses ruled, EFVP date, training calendar).
	Details string
	At      time.Time
	// To is the request's status after the decision. Deciding needs it; it is not
	// stored, so the decisions read back leave it empty.
	To requests.Status
	// Sections are the sections of procedure 30-02 the decision rests on (audit log).
	Sections []string
}

// FirstStage is where a submitted request starts its round. previous are the
// decisions of the earlier rounds, oldest first, empty for a first submission. Items
// left to the STI take the request to the STI; otherwise a resubmission returns to the
// stage that asked for changes, so that the reviewer who asked sees what changed; a
// first submission goes to CODIR-IN, which decides every request (6.3.3). The privacy
// committee approves what CODIR-IN ruled (5.1.11): it gets the request back only when
// CODIR-IN has approved it in an earlier round (Ruling finds that ruling), else
// CODIR-IN rules first.
func FirstStage(r requests.Request, previous []Decision) requests.Status {
	if len(r.Facts().PendingSTI()) > 0 {
		return requests.STIReview
	}
	switch asked := askedChanges(previous); asked {
	case requests.STIReview, requests.CODIRReview:
		return asked
	case requests.PrivacyReview:
		if _, ok := Ruling(previous); ok {
			return requests.PrivacyReview
		}
	}
	return requests.CODIRReview
}

// Ruling is CODIR-IN's latest approval among decisions (oldest first): what the
// privacy committee approves when it decides a later round.
func Ruling(decisions []Decision) (Decision, bool) {
	for i := len(decisions) - 1; i >= 0; i-- {
		if d := decisions[i]; d.Stage == requests.CODIRReview && d.Decision == Approve {
			return d, true
		}
	}
	return Decision{}, false
}

// askedChanges is the stage that last sent the request back, or "".
func askedChanges(decisions []Decision) requests.Status {
	for i := len(decisions) - 1; i >= 0; i-- {
		if decisions[i].Decision == RequestChanges {
			return decisions[i].Stage
		}
	}
	return ""
}

// Next is the request's status after act on stage (for a decision), or after a
// requester's Submit or Cancel. FillSTI leaves the status as it is.
func Next(r requests.Request, stage requests.Status, act Action) requests.Status {
	switch act {
	case Submit:
		return requests.Submitted
	case Cancel:
		return requests.Cancelled
	case Reject:
		return requests.Rejected
	case RequestChanges:
		return requests.ChangesRequested
	case FillSTI:
		return stage
	}
	switch stage {
	case requests.STIReview:
		return requests.CODIRReview
	case requests.CODIRReview:
		if r.Facts().AutomatedDecision() {
			return requests.PrivacyReview
		}
	}
	return requests.Approved
}

// FinalApproval reports whether approving stage approves the request, which writes it
// into the inventory.
func FinalApproval(r requests.Request, stage requests.Status) bool {
	return Next(r, stage, Approve) == requests.Approved
}

// Why an action is refused.
var (
	// ErrNotAuthorised: the person does not hold the stage's role.
	ErrNotAuthorised = errors.New("workflow: not authorised for this stage")
	// ErrOwnRequest: a reviewer never decides their own request.
	ErrOwnRequest = errors.New("workflow: a reviewer does not decide their own request")
	// ErrMovedOn: the request is no longer at the stage and round acted on (a double
	// click, another reviewer first, an old card).
	ErrMovedOn = errors.New("workflow: the request is no longer at that stage")
	// ErrSTICannotReject: the STI prepares the request; only CODIR-IN and the privacy
	// committee refuse it (6.3.3).
	ErrSTICannotReject = errors.New("workflow: the STI does not reject a request")
	// ErrNotRequester: only the requester submits or cancels their request.
	ErrNotRequester = errors.New("workflow: only the requester may do this")
	// ErrNotEditable: the request is not a draft nor sent back for changes.
	ErrNotEditable = errors.New("workflow: the request is not editable")
)

// Actor is who acts: their person key and the roles they hold (config's role names;
// being the requester is read from the request).
type Actor struct {
	Key   string
	Roles []string
}

func (a Actor) holds(role string) bool {
	for _, r := range a.Roles {
		if r == role {
			return true
		}
	}
	return false
}

// Check reports why who may not take act on request r, or nil. For a stage's action,
// stage and round are what the person acted on (the card they pressed); the request
// must still be there. The reasons are checked in this order: role, own request,
// moved on, the STI's refusal.
func Check(r requests.Request, stage requests.Status, round int, act Action, who Actor) error {
	switch act {
	case Submit, Cancel:
		if who.Key == "" || who.Key != r.RequesterKey {
			return ErrNotRequester
		}
		if !r.Status.Editable() {
			return ErrNotEditable
		}
		return nil
	}
	st, ok := StageOf(stage)
	if !ok || (act == FillSTI && stage != requests.STIReview) {
		return ErrMovedOn
	}
	switch {
	case !who.holds(st.Role):
		return ErrNotAuthorised
	case r.RequesterKey == who.Key:
		return ErrOwnRequest
	case r.Round != round || r.Status != stage:
		return ErrMovedOn
	case act == Reject && stage == requests.STIReview:
		return ErrSTICannotReject
	}
	return nil
}

// Audience is what a person sees of the card of a stage posted to its role's channel
// (per-person views).
type Audience int

// The audiences of a stage's card.
const (
	// Observer reads a summary: no buttons, nothing to do.
	Observer Audience = iota
	// Reviewer may decide the stage now: the buttons.
	Reviewer
	// Requester follows their own request: its status and history.
	Requester
)

// AudienceOf says what who sees of the card of stage (round) of request r. own is
// whether the feature knows who as the requester under another identifier (an e-mail
// on one channel, a platform id on another). The requester never decides their own
// request; a reviewer is anyone Check lets approve the stage now, so that the buttons
// are shown exactly to those whose press would be carried out.
func AudienceOf(r requests.Request, stage requests.Status, round int, who Actor, own bool) Audience {
	if own || (who.Key != "" && who.Key == r.RequesterKey) {
		return Requester
	}
	if Check(r, stage, round, Approve, who) == nil {
		return Reviewer
	}
	return Observer
}
