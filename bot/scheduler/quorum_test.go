package scheduler_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestQuorumOutOfReachEscalatesToTheAdmins: CODIR-IN decides by a majority with a
// quorum of 3 among its three members. c1 voted; c2 is away without a delegate, so
// only two votes can ever be cast: on the nudge day the administrators are told
// instead of the members, once, saying why, and the escalation is audited once. With
// c2's absence delegated, the stage nudges only the members who have not voted (c3,
// and del in c2's seat), saying how many votes it still needs.
func TestQuorumOutOfReachEscalatesToTheAdmins(t *testing.T) {
	for _, tc := range []struct {
		name     string
		delegate string
	}{{"away without a delegate", ""}, {"away with a delegate", "del@x"}} {
		t.Run(tc.name, func(t *testing.T) {
			p := &platform{}
			members := map[string][]string{"codir-in": {"c1@x", "c2@x", "c3@x"}}
			rules := scheduler.WithRules(func(role string) workflow.Rule {
				if role == config.RoleCODIRIN {
					return workflow.Rule{Kind: config.RuleMajority, Quorum: 3}
				}
				return workflow.Rule{Kind: config.RuleFirst}
			})
			h := newHarness(t, dbPath(t), at("2027-05-19", 11, 0), p, testConfig(), members, rules)
			var r requests.Request
			h.then(at("2027-05-01", 9, 0), func() {
				r = storagetest.Draft(t, h.db, "rita@x", "fr", map[requests.Tag]string{requests.TagSystemName: "Gemini",
					requests.TagSupervisor: "boss@x", requests.TagEFVPDate: "2027-04-01", requests.TagEFVPStatus: requests.EFVPDone})
			})
			h.then(at("2027-05-19", 10, 0), func() { r = storagetest.InReview(t, h.db, r.ID, requests.CODIRReview) })
			meet(t, h.db, "c1@x", "c2@x", "c3@x", "del@x")
			channel(t, h.db, "admin")
			_, err := h.db.CastVote(context.Background(), workflow.Vote{RequestID: r.ID, Round: r.Round, Stage: requests.CODIRReview,
				VoterKey: "c1@x", VoterName: "C1", Choice: workflow.ChoiceApprove}, func(requests.Request, []workflow.Vote) (*workflow.Decision, workflow.Planner, error) {
				return nil, nil, nil
			})
			if err != nil {
				t.Fatal(err)
			}
			away(t, h.db, "c2@x", tc.delegate, "2027-05-20", "2027-06-10")
			h.start()
			sent := sentOn(h, p, "2027-05-31")
			got := strings.Join(sent["2027-05-27"], "\n")
			escalated := strings.Contains(got, "C-admin: ") && strings.Contains(got, "**Quorum impossible** : la demande nº") &&
				strings.Contains(got, "membres pouvant voter : 2 ; votes requis : 3")
			if tc.delegate == "" && (!escalated || len(sent["2027-05-27"]) != 1) {
				t.Fatalf("27 May: %q, want the administrators told that the quorum is out of reach", got)
			}
			if tc.delegate != "" {
				// Only those who have not voted: c3, and del in c2's seat; not c1.
				var to []string
				for _, s := range sent["2027-05-27"] {
					to = append(to, strings.SplitN(s, ":", 2)[0])
					if !strings.Contains(s, "Il manque encore 2 votes ; ce rappel va aux membres qui n'ont pas encore voté.") {
						t.Errorf("the nudge does not say how many votes are needed: %q", s)
					}
				}
				if escalated || !slices.Equal(to, []string{"D-c3@x", "D-del@x"}) {
					t.Fatalf("27 May: %q, want c3 and del (for c2) nudged, not c1 who voted", got)
				}
			}
			for d, s := range sent {
				if d != "2027-05-27" && strings.Contains(strings.Join(s, "\n"), "Quorum") {
					t.Errorf("%s: %q, escalated again", d, s)
				}
			}
			log, err := h.db.AuditLog(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			n := 0
			for _, e := range log {
				if e.Action == "review.escalate_away" && e.Subject == requests.Subject(r.ID) && strings.Contains(e.Comment, "fewer than the 3 votes") {
					n++
				}
			}
			if want := map[bool]int{true: 1, false: 0}[tc.delegate == ""]; n != want {
				t.Fatalf("%d quorum escalations audited, want %d", n, want)
			}
		})
	}
}
