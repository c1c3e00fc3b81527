package config

import (
	"fmt"
	"sort"
)

// The decision rules of a committee (procedure 30-02 gives decisions to committees,
// 6.3.3, 8): the first vote decides for the whole role (the default), a majority of
// the votes cast once a quorum has voted, or every member.
const (
	RuleFirst     = "first"
	RuleMajority  = "majority"
	RuleUnanimous = "unanimous"
)

// Committee is how one review role decides: `committees: {codir-in: {rule: majority,
// quorum: 3, secret: true}}`.
type Committee struct {
	// Rule is first (default), majority or unanimous.
	Rule string `yaml:"rule"`
	// Quorum is, for majority, how many votes must be cast before the stage can
	// close; at most the role's number of members.
	Quorum int `yaml:"quorum"`
	// Secret hides what each member voted (not who voted) until the stage closes.
	Secret bool `yaml:"secret"`
}

// CommitteeOf returns role's decision rule, the first vote's when none is configured.
func (f *File) CommitteeOf(role string) Committee {
	c, ok := f.Committees[role]
	if !ok || c.Rule == "" {
		c.Rule = RuleFirst
	}
	return c
}

// validateCommittees checks each committee's rule against the role's members, naming
// the key at fault.
func (f *File) validateCommittees() error {
	names := make([]string, 0, len(f.Committees))
	for role := range f.Committees {
		names = append(names, role)
	}
	sort.Strings(names)
	for _, role := range names {
		c := f.Committees[role]
		key := "committees." + role
		if !known(role) || role == RoleAdmin {
			return fmt.Errorf("%s: not a review role (want sti, codir-in or cprpsi)", key)
		}
		members := len(f.Roles[role])
		switch c.Rule {
		case "", RuleFirst:
			if c.Quorum != 0 {
				return fmt.Errorf("%s.quorum: only a majority rule has a quorum", key)
			}
		case RuleMajority:
			switch {
			case c.Quorum < 1:
				return fmt.Errorf("%s.quorum: a majority needs a quorum of at least 1 vote", key)
			case c.Quorum > members:
				return fmt.Errorf("%s.quorum: %d is more than the %d member(s) of roles.%s", key, c.Quorum, members, role)
			}
		case RuleUnanimous:
			if c.Quorum != 0 {
				return fmt.Errorf("%s.quorum: a unanimous rule counts every member, it has no quorum", key)
			}
			if members == 0 {
				return fmt.Errorf("%s.rule: unanimous needs the members of roles.%s", key, role)
			}
		default:
			return fmt.Errorf("%s.rule: %q is not first, majority or unanimous", key, c.Rule)
		}
	}
	return nil
}
