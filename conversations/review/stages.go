package review

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
)

const roleAdmin = config.RoleAdmin

// The stages, transitions and rights of the workflow are bot/workflow's; this file
// only names a stage on a button.

// reviewRoles are the review roles the person holds.
func reviewRoles(s *conversations.Session) []string {
	var out []string
	for _, st := range workflow.StagesOf(s.Roles) {
		out = append(out, st.Role)
	}
	return out
}

// stageRole is the role that decides stage st.
func stageRole(st requests.Status) string {
	stg, _ := workflow.StageOf(st)
	return stg.Role
}

// cardRef is what a review button names: a stage of a round of a request. It says
// what the person meant to decide; the state itself is re-read from the database.
type cardRef struct {
	id    uint
	round int
	stage requests.Status
	// as is whom the presser stands in for (a delegation), once checkAct found it.
	as workflow.Principal
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
	if _, ok := workflow.StageOf(st); !ok || err1 != nil || err2 != nil || id == 0 || round < 1 {
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
