package workflow

import (
	"errors"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
)

// An Assignment moves a pending stage to another member or another role, by an
// administrator with a reason: the stage's role check then accepts the assignee only
// (ToKey), or the members of ToRole instead of the stage's own role.
type Assignment struct {
	ID        uint
	RequestID uint
	Round     int
	Stage     requests.Status
	// Exactly one of ToKey (a member, with ToName) and ToRole is set.
	ToKey, ToName string
	ToRole        string
	Reason        string
	By            audit.Actor
	At            time.Time
}

// AuditReassign is the audit action of a reassignment.
const AuditReassign = "review.reassign"

// Why a reassignment is refused.
var (
	ErrNotPending      = errors.New("workflow: the request is not waiting at a review stage")
	ErrAssignRequester = errors.New("workflow: a request is never assigned to its requester")
	ErrSameAssignment  = errors.New("workflow: the stage is assigned there already")
)

// Assignee names where a stage goes: "role:ROLE" or the member's key.
func (a Assignment) Assignee() string {
	if a.ToRole != "" {
		return "role:" + a.ToRole
	}
	return a.ToKey
}

// CheckAssignment reports why a may not be made on request r whose stage is now
// assigned to current (nil when never reassigned), or nil.
func CheckAssignment(r requests.Request, a Assignment, current *Assignment) error {
	st, ok := StageOf(r.Status)
	switch {
	case !ok || a.Stage != r.Status || a.Round != r.Round:
		return ErrNotPending
	case a.ToKey != "" && strings.EqualFold(a.ToKey, r.RequesterKey):
		return ErrAssignRequester
	case (a.ToKey == "") == (a.ToRole == ""):
		return errors.New("workflow: an assignment names a member or a role")
	case current == nil && a.ToRole == st.Role,
		current != nil && strings.EqualFold(current.Assignee(), a.Assignee()):
		return ErrSameAssignment
	}
	return nil
}

// Entry is the assignment's audit entry: where the stage was before and where it goes.
func (a Assignment) Entry(before string) audit.Entry {
	return audit.Entry{ActorKey: a.By.Key, ActorName: a.By.Name, Action: AuditReassign, Subject: requests.Subject(a.RequestID),
		From: string(a.Stage), To: string(a.Stage), Comment: before + " → " + a.Assignee() + " — " + a.Reason,
		Sections: Sections(a.Stage)}
}

// Principal is a person someone stands in for, with the roles that person holds.
type Principal struct {
	Key, Name string
	Roles     []string
}

// Standing is what, besides their own roles, may let a person act on a stage: the
// people they stand in for today and the stage's assignment, if it was reassigned.
type Standing struct {
	For        []Principal
	Assignment *Assignment
}

// CheckAs is Check for a person who may act through standing. It returns whom they
// act for (a zero Principal when in their own right). A reassigned stage accepts its
// assignee alone (a member), or the members of the role it went to and those
// standing in for them; otherwise a delegate acts for a delegator holding the
// stage's role. A delegate never decides the delegator's own request, nor their own.
func CheckAs(r requests.Request, stage requests.Status, round int, act Action, who Actor, standing Standing) (Principal, error) {
	if act == Submit || act == Cancel {
		return Principal{}, Check(r, stage, round, act, who)
	}
	st, ok := StageOf(stage)
	if !ok {
		return Principal{}, ErrMovedOn
	}
	// Once the person may act on the stage, the rest of Check applies as to its role.
	authorised := Actor{Key: who.Key, Roles: []string{st.Role}}
	role := st.Role
	if a := standing.Assignment; a != nil && a.RequestID == r.ID && a.Round == round && a.Stage == stage {
		if a.ToKey != "" {
			if !strings.EqualFold(a.ToKey, who.Key) {
				return Principal{}, ErrNotAuthorised
			}
			return Principal{}, Check(r, stage, round, act, authorised)
		}
		role = a.ToRole
	}
	if who.holds(role) {
		return Principal{}, Check(r, stage, round, act, authorised)
	}
	err := ErrNotAuthorised
	for _, p := range standing.For {
		if !contains(p.Roles, role) {
			continue
		}
		if strings.EqualFold(p.Key, r.RequesterKey) {
			err = ErrOwnRequest
			continue
		}
		if e := Check(r, stage, round, act, authorised); e != nil {
			return Principal{}, e
		}
		return p, nil
	}
	return Principal{}, err
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
