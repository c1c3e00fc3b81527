package workflow

import (
	"errors"
	"fmt"
	"testing"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
)

// roles are the people of the table below, in its column order: the requester (no
// review role), each review role, an administrator, and someone with no role.
var roles = []struct {
	name  string
	actor Actor
}{
	{"requester", Actor{Key: "req@x"}},
	{"sti", Actor{Key: "sti@x", Roles: []string{config.RoleSTI}}},
	{"codir", Actor{Key: "codir@x", Roles: []string{config.RoleCODIRIN}}},
	{"cprpsi", Actor{Key: "cprpsi@x", Roles: []string{config.RoleCPRPSI}}},
	{"admin", Actor{Key: "admin@x", Roles: []string{config.RoleAdmin}}},
	{"other", Actor{Key: "other@x"}},
}

// outcomes are the codes of the table: allowed, or the error returned.
var outcomes = map[byte]error{
	'y': nil, 'a': ErrNotAuthorised, 'm': ErrMovedOn, 'r': ErrNotRequester, 'e': ErrNotEditable, 'j': ErrSTICannotReject,
}

// table says, for every status and action, what each role (columns as in roles) gets
// when acting on a request in that status, round 1, from a card of that status.
var table = map[requests.Status]map[Action]string{
	requests.Draft: {Submit: "yrrrrr", Cancel: "yrrrrr", Approve: "mmmmmm", Reject: "mmmmmm",
		RequestChanges: "mmmmmm", FillSTI: "mmmmmm"},
	requests.Submitted: {Submit: "errrrr", Cancel: "errrrr", Approve: "mmmmmm", Reject: "mmmmmm",
		RequestChanges: "mmmmmm", FillSTI: "mmmmmm"},
	requests.STIReview: {Submit: "errrrr", Cancel: "errrrr", Approve: "ayaaaa", Reject: "ajaaaa",
		RequestChanges: "ayaaaa", FillSTI: "ayaaaa"},
	requests.CODIRReview: {Submit: "errrrr", Cancel: "errrrr", Approve: "aayaaa", Reject: "aayaaa",
		RequestChanges: "aayaaa", FillSTI: "mmmmmm"},
	requests.PrivacyReview: {Submit: "errrrr", Cancel: "errrrr", Approve: "aaayaa", Reject: "aaayaa",
		RequestChanges: "aaayaa", FillSTI: "mmmmmm"},
	requests.ChangesRequested: {Submit: "yrrrrr", Cancel: "yrrrrr", Approve: "mmmmmm", Reject: "mmmmmm",
		RequestChanges: "mmmmmm", FillSTI: "mmmmmm"},
	requests.Approved: {Submit: "errrrr", Cancel: "errrrr", Approve: "mmmmmm", Reject: "mmmmmm",
		RequestChanges: "mmmmmm", FillSTI: "mmmmmm"},
	requests.Rejected: {Submit: "errrrr", Cancel: "errrrr", Approve: "mmmmmm", Reject: "mmmmmm",
		RequestChanges: "mmmmmm", FillSTI: "mmmmmm"},
	requests.Cancelled: {Submit: "errrrr", Cancel: "errrrr", Approve: "mmmmmm", Reject: "mmmmmm",
		RequestChanges: "mmmmmm", FillSTI: "mmmmmm"},
	requests.Closed: {Submit: "errrrr", Cancel: "errrrr", Approve: "mmmmmm", Reject: "mmmmmm",
		RequestChanges: "mmmmmm", FillSTI: "mmmmmm"},
}

// next is where each allowed action leads, for a request whose use supports no
// decision about a person (automatedNext: one that does).
var next = map[requests.Status]map[Action]requests.Status{
	requests.Draft:            {Submit: requests.Submitted, Cancel: requests.Cancelled},
	requests.ChangesRequested: {Submit: requests.Submitted, Cancel: requests.Cancelled},
	requests.STIReview: {Approve: requests.CODIRReview, RequestChanges: requests.ChangesRequested,
		FillSTI: requests.STIReview},
	requests.CODIRReview: {Approve: requests.Approved, Reject: requests.Rejected,
		RequestChanges: requests.ChangesRequested},
	requests.PrivacyReview: {Approve: requests.Approved, Reject: requests.Rejected,
		RequestChanges: requests.ChangesRequested},
}

func TestEveryStatusActionAndRole(t *testing.T) {
	if len(table) != len(requests.Statuses) {
		t.Fatalf("the table has %d statuses, the workflow %d", len(table), len(requests.Statuses))
	}
	for _, st := range requests.Statuses {
		for _, act := range Actions {
			row, ok := table[st][act]
			if !ok || len(row) != len(roles) {
				t.Fatalf("table[%s][%s] = %q: want one code per role", st, act, row)
			}
			for i, who := range roles {
				t.Run(fmt.Sprintf("%s/%s/%s", st, act, who.name), func(t *testing.T) {
					r := requests.Request{ID: 7, RequesterKey: "req@x", Status: st, Round: 1}
					want := outcomes[row[i]]
					if err := Check(r, st, 1, act, who.actor); !errors.Is(err, want) || (want == nil && err != nil) {
						t.Fatalf("Check = %v, want %v", err, want)
					}
					if want != nil {
						return
					}
					if got := Next(r, st, act); got != next[st][act] {
						t.Errorf("Next = %s, want %s", got, next[st][act])
					}
				})
			}
		}
	}
}

func TestCheckRefusesOwnRequestAndOldCards(t *testing.T) {
	both := Actor{Key: "codir@x", Roles: []string{config.RoleCODIRIN}}
	r := requests.Request{ID: 7, RequesterKey: "codir@x", Status: requests.CODIRReview, Round: 2}
	if err := Check(r, requests.CODIRReview, 2, Approve, both); err != ErrOwnRequest {
		t.Errorf("a reviewer's own request: %v, want ErrOwnRequest", err)
	}
	r.RequesterKey = "req@x"
	if err := Check(r, requests.CODIRReview, 1, Approve, both); err != ErrMovedOn {
		t.Errorf("a card of round 1 in round 2: %v, want ErrMovedOn", err)
	}
	if err := Check(r, requests.STIReview, 2, Approve, both); err != ErrNotAuthorised {
		t.Errorf("an STI card pressed by CODIR-IN: %v, want ErrNotAuthorised (the role comes first)", err)
	}
	sti := Actor{Key: "sti@x", Roles: []string{config.RoleSTI}}
	if err := Check(r, requests.STIReview, 2, Approve, sti); err != ErrMovedOn {
		t.Errorf("an STI card after the STI stage: %v, want ErrMovedOn", err)
	}
}

func TestAutomatedUsesGoToThePrivacyCommittee(t *testing.T) {
	auto := requests.Request{Answers: map[requests.Tag]requests.Answer{requests.TagAutomatedDecision: {Value: requests.Yes}}}
	if got := Next(auto, requests.CODIRReview, Approve); got != requests.PrivacyReview {
		t.Errorf("CODIR-IN approves an automated use: %s, want privacy_review (5.1.11)", got)
	}
	if FinalApproval(auto, requests.CODIRReview) || !FinalApproval(auto, requests.PrivacyReview) {
		t.Error("for an automated use, the privacy committee's approval is the final one")
	}
	if !FinalApproval(requests.Request{}, requests.CODIRReview) || FinalApproval(requests.Request{}, requests.STIReview) {
		t.Error("otherwise CODIR-IN's approval is the final one")
	}
}

func TestFirstStage(t *testing.T) {
	pending := map[requests.Tag]requests.Answer{"a1.sti.risks.causes": {ForSTI: true}}
	changes := func(st requests.Status) []Decision {
		return []Decision{{Stage: requests.STIReview, Decision: Approve}, {Stage: st, Decision: RequestChanges}}
	}
	for _, tc := range []struct {
		name     string
		answers  map[requests.Tag]requests.Answer
		previous []Decision
		want     requests.Status
	}{
		{"first round", nil, nil, requests.CODIRReview},
		{"items left to the STI", pending, nil, requests.STIReview},
		{"the STI asked for changes", nil, changes(requests.STIReview)[1:], requests.STIReview},
		{"CODIR-IN asked for changes", nil, changes(requests.CODIRReview), requests.CODIRReview},
		{"CODIR-IN asked, items left to the STI", pending, changes(requests.CODIRReview), requests.STIReview},
		{"the privacy committee asked: back to it, CODIR-IN's ruling stands", nil,
			[]Decision{{Stage: requests.CODIRReview, Decision: Approve}, {Stage: requests.PrivacyReview, Decision: RequestChanges}},
			requests.PrivacyReview},
		{"the privacy committee asked twice: still back to it", nil,
			[]Decision{{Round: 1, Stage: requests.CODIRReview, Decision: Approve}, {Round: 1, Stage: requests.PrivacyReview, Decision: RequestChanges},
				{Round: 2, Stage: requests.PrivacyReview, Decision: RequestChanges}}, requests.PrivacyReview},
		{"the privacy committee asked without a CODIR-IN ruling: CODIR-IN first", nil, changes(requests.PrivacyReview)[1:], requests.CODIRReview},
		{"CODIR-IN asked in round 2 after the STI in round 1", nil,
			append(changes(requests.STIReview)[1:], Decision{Round: 2, Stage: requests.CODIRReview, Decision: RequestChanges}), requests.CODIRReview},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := FirstStage(requests.Request{Answers: tc.answers}, tc.previous); got != tc.want {
				t.Errorf("FirstStage = %s, want %s", got, tc.want)
			}
		})
	}
}

func TestStages(t *testing.T) {
	got := StagesOf([]string{config.RoleCPRPSI, config.RoleAdmin, config.RoleSTI})
	if len(got) != 2 || got[0].Status != requests.STIReview || got[1].Status != requests.PrivacyReview {
		t.Errorf("StagesOf(cprpsi, admin, sti) = %+v, want the STI then the privacy stage", got)
	}
	if s := Sections(requests.CODIRReview); len(s) != 2 || s[0] != "6.3.3" {
		t.Errorf("Sections(codir) = %v", s)
	}
	if _, ok := StageOf(requests.Submitted); ok {
		t.Error("submitted is not a review stage")
	}
	if !RequestChanges.NeedsComment() || !Reject.NeedsComment() || Approve.NeedsComment() {
		t.Error("a refusal and a request for changes say why; an approval need not")
	}
}
