package workflow

import (
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
)

// QuorumOutOfReach reports whether a stage decided by votes can still close: the
// members who voted, and those who still may (present, or away with a delegate who
// votes in their seat), are able; needed is the quorum under a majority, every member
// under unanimity. Fewer able than needed — the configuration changed, or members
// are away without a delegate — and the stage would wait for no one (#19). The first
// rule needs one member, which AllAway covers.
func QuorumOutOfReach(rule Rule, members []string, votes []Vote, day time.Time, all []Delegation) (able, needed int, out bool) {
	if !rule.Votes() {
		return 0, 0, false
	}
	voted := Voters(votes)
	able = len(voted)
	for _, m := range members {
		if voted[strings.ToLower(m)] {
			continue
		}
		if d, ok := Away(m, day, all); ok && d.DelegateKey == "" {
			continue
		}
		able++
	}
	needed = rule.Quorum
	if rule.Kind == config.RuleUnanimous {
		needed = len(members)
	}
	return able, needed, able < needed
}

// Voters are the members who voted, by lower-cased key.
func Voters(votes []Vote) map[string]bool {
	voted := map[string]bool{}
	for _, v := range votes {
		voted[strings.ToLower(v.VoterKey)] = true
	}
	return voted
}
