package workflow_test

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

func TestAudienceOf(t *testing.T) {
	codir := requests.Request{ID: 1, RequesterKey: "alice", Status: requests.CODIRReview, Round: 2}
	sti := requests.Request{ID: 2, RequesterKey: "alice", Status: requests.STIReview, Round: 1}
	member := workflow.Actor{Key: "carl", Roles: []string{"codir-in"}}
	for _, tc := range []struct {
		name  string
		r     requests.Request
		stage requests.Status
		round int
		who   workflow.Actor
		own   bool
		want  workflow.Audience
	}{
		{"member of the stage's role", codir, requests.CODIRReview, 2, member, false, workflow.Reviewer},
		{"STI member on the STI stage", sti, requests.STIReview, 1, workflow.Actor{Key: "sam", Roles: []string{"sti"}}, false, workflow.Reviewer},
		{"member of another role", codir, requests.CODIRReview, 2, workflow.Actor{Key: "sam", Roles: []string{"sti"}}, false, workflow.Observer},
		{"no role", codir, requests.CODIRReview, 2, workflow.Actor{Key: "bob"}, false, workflow.Observer},
		{"the requester", codir, requests.CODIRReview, 2, workflow.Actor{Key: "alice"}, false, workflow.Requester},
		{"the requester holding the role", codir, requests.CODIRReview, 2, workflow.Actor{Key: "alice", Roles: []string{"codir-in"}}, false, workflow.Requester},
		{"the requester under another key", codir, requests.CODIRReview, 2, workflow.Actor{Key: "alice@x", Roles: []string{"codir-in"}}, true, workflow.Requester},
		{"a card of an earlier round", codir, requests.CODIRReview, 1, member, false, workflow.Observer},
		{"a card of a stage passed", codir, requests.STIReview, 2, workflow.Actor{Key: "sam", Roles: []string{"sti"}}, false, workflow.Observer},
		{"no stage", codir, requests.Approved, 2, member, false, workflow.Observer},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := workflow.AudienceOf(tc.r, tc.stage, tc.round, tc.who, tc.own); got != tc.want {
				t.Errorf("AudienceOf = %d, want %d", got, tc.want)
			}
		})
	}
}
