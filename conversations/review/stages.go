package review

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

const roleAdmin = config.RoleAdmin

// stage is one review stage: the role that decides it and the sections it rests on.
type stage struct {
	role     string
	sections []string
}

// stages are the review stages of 6.3.3: the STI prepares the risk and data parts
// (Annexe 1, 8), CODIR-IN rules on every request and on its uses (6.3.3, 8), the
// privacy committee approves uses that support a decision about a person (5.1.11, 8).
var stages = map[requests.Status]stage{
	requests.STIReview:     {role: config.RoleSTI, sections: []string{"Annexe 1", "8"}},
	requests.CODIRReview:   {role: config.RoleCODIRIN, sections: []string{"6.3.3", "8"}},
	requests.PrivacyReview: {role: config.RoleCPRPSI, sections: []string{"5.1.11", "8"}},
}

// The decisions, as stored in DecisionRow.Decision and named in the audit log.
const (
	decApprove = "approve"
	decReject  = "reject"
	decChanges = "changes"
)

// firstStage is where a submitted request starts: with the STI when items were left
// to it, else with CODIR-IN, which decides every request (6.3.3).
func firstStage(r requests.Request) requests.Status {
	if len(r.Facts().PendingSTI()) > 0 {
		return requests.STIReview
	}
	return requests.CODIRReview
}

// nextStatus is the request's status after decision on stage.
func nextStatus(r requests.Request, from requests.Status, decision string) requests.Status {
	switch decision {
	case decReject:
		return requests.Rejected
	case decChanges:
		return requests.ChangesRequested
	}
	switch from {
	case requests.STIReview:
		return requests.CODIRReview
	case requests.CODIRReview:
		if r.Facts().AutomatedDecision() {
			return requests.PrivacyReview
		}
	}
	return requests.Approved
}

// finalApproval reports whether approving stage approves the request, which writes it
// into the inventory.
func finalApproval(r requests.Request, st requests.Status) bool {
	return nextStatus(r, st, decApprove) == requests.Approved
}

// reviewRoles are the review roles the person holds.
func reviewRoles(s *conversations.Session) []string {
	var out []string
	for _, st := range []requests.Status{requests.STIReview, requests.CODIRReview, requests.PrivacyReview} {
		if s.HasRole(stages[st].role) {
			out = append(out, stages[st].role)
		}
	}
	return out
}

// cardRef is what a review button names: a stage of a round of a request. It says
// what the person meant to decide; the state itself is re-read from the database.
type cardRef struct {
	id    uint
	round int
	stage requests.Status
}

func (c cardRef) String() string { return fmt.Sprintf("%d:%d:%s", c.id, c.round, c.stage) }

// parseRef reads a button subject made by cardRef.String.
func parseRef(subject string) (cardRef, bool) {
	parts := strings.Split(subject, ":")
	if len(parts) != 3 {
		return cardRef{}, false
	}
	id, err1 := strconv.ParseUint(parts[0], 10, 64)
	round, err2 := strconv.Atoi(parts[1])
	st := requests.Status(parts[2])
	if _, ok := stages[st]; !ok || err1 != nil || err2 != nil || id == 0 || round < 1 {
		return cardRef{}, false
	}
	return cardRef{id: uint(id), round: round, stage: st}, true
}

// parseID reads a button subject holding a request id.
func parseID(subject string) (uint, bool) {
	id, err := strconv.ParseUint(subject, 10, 64)
	return uint(id), err == nil && id > 0
}

func refOf(r requests.Request) cardRef { return cardRef{id: r.ID, round: r.Round, stage: r.Status} }
