package workflow

import (
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
)

func TestQuorumOutOfReach(t *testing.T) {
	day := time.Date(2027, 5, 20, 0, 0, 0, 0, time.UTC)
	awayFrom := func(key, delegate string) Delegation {
		return Delegation{PersonKey: key, DelegateKey: delegate, From: day.AddDate(0, 0, -1), To: day.AddDate(0, 0, 5)}
	}
	five := []string{"c1", "c2", "c3", "c4", "c5"}
	majority := Rule{Kind: config.RuleMajority, Quorum: 3}
	vote := func(key string) Vote { return Vote{VoterKey: key, Choice: ChoiceApprove} }
	for _, tc := range []struct {
		name    string
		rule    Rule
		members []string
		votes   []Vote
		away    []Delegation
		able    int
		out     bool
	}{
		{"first rule never", Rule{Kind: config.RuleFirst}, []string{"c1"}, nil, []Delegation{awayFrom("c1", "")}, 0, false},
		{"five present", majority, five, nil, nil, 5, false},
		{"two members left after a configuration change", majority, []string{"c1", "c2"}, nil, nil, 2, true},
		{"three away without a delegate", majority, five, nil,
			[]Delegation{awayFrom("c1", ""), awayFrom("c2", ""), awayFrom("c3", "")}, 2, true},
		{"away with a delegate votes in the seat", majority, five, nil,
			[]Delegation{awayFrom("c1", "d"), awayFrom("c2", ""), awayFrom("c3", "")}, 3, false},
		{"a vote cast before leaving still counts", majority, five, []Vote{vote("C1"), vote("c2")},
			[]Delegation{awayFrom("c1", ""), awayFrom("c2", ""), awayFrom("c3", "")}, 4, false},
		{"an absence over is no absence", majority, five, nil, []Delegation{{PersonKey: "c1", From: day.AddDate(0, 0, -9),
			To: day.AddDate(0, 0, -2)}, awayFrom("c2", ""), awayFrom("c3", "")}, 3, false},
		{"unanimity waits for every member", Rule{Kind: config.RuleUnanimous}, five, []Vote{vote("c1")},
			[]Delegation{awayFrom("c5", "")}, 4, true},
		{"unanimity with everyone", Rule{Kind: config.RuleUnanimous}, five, nil, nil, 5, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			able, _, out := QuorumOutOfReach(tc.rule, tc.members, tc.votes, day, tc.away)
			if able != tc.able || out != tc.out {
				t.Fatalf("able %d out %v, want %d %v", able, out, tc.able, tc.out)
			}
		})
	}
}
