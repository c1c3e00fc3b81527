package policy

import (
	"sort"

	"github.com/cssdgs/iagbot/bot/inventory"
)

// allowedIndex holds, computed once per engine, the approved systems in the order
// alternatives are offered: private ones first, then by hosting (Québec, Canada,
// abroad: 5.1.12), then in inventory order; overall and for each use.
type allowedIndex struct {
	all    []SystemRef
	byUse  map[string][]SystemRef // use id → approved systems permitting or restricting it
	counts map[string][2]int      // use id → (systems permitting, systems allowing)
}

func newAllowedIndex(inv *inventory.Inventory) allowedIndex {
	ix := allowedIndex{byUse: map[string][]SystemRef{}, counts: map[string][2]int{}}
	for _, s := range inv.Systems {
		if s.Status != inventory.Approved {
			continue
		}
		ref := SystemRef{ID: s.ID, Name: s.Name, Kind: s.Kind, Hosting: s.Hosting}
		ix.all = append(ix.all, ref)
		add := func(use string, rule inventory.Rule, cond inventory.Text) {
			r := ref
			r.Rule, r.Conditions = rule, cond
			ix.byUse[use] = append(ix.byUse[use], r)
			c := ix.counts[use]
			if rule == inventory.Permitted {
				c[0]++
			}
			c[1]++
			ix.counts[use] = c
		}
		for _, u := range s.Permitted {
			add(u, inventory.Permitted, inventory.Text{})
		}
		for _, r := range s.Restricted {
			add(r.Use, inventory.Restricted, r.Conditions)
		}
	}
	order := func(list []SystemRef) {
		sort.SliceStable(list, func(i, j int) bool {
			if (list[i].Kind == inventory.Private) != (list[j].Kind == inventory.Private) {
				return list[i].Kind == inventory.Private
			}
			return hostingRank(list[i].Hosting) < hostingRank(list[j].Hosting)
		})
	}
	order(ix.all)
	for _, l := range ix.byUse {
		order(l)
	}
	return ix
}

// approvedFor lists the approved systems that allow use (all approved systems when
// use is nil), except the one named exclude; with personal data, private ones only.
func (e *Engine) approvedFor(use *inventory.Use, personal bool, exclude string) []SystemRef {
	from := e.allowed.all
	if use != nil {
		from = e.allowed.byUse[use.ID]
	}
	var out []SystemRef
	for _, s := range from {
		if s.ID != exclude && (!personal || s.Kind == inventory.Private) {
			out = append(out, s)
		}
	}
	return out
}

func hostingRank(h inventory.Hosting) int {
	for i, x := range inventory.Hostings {
		if x == h {
			return i
		}
	}
	return len(inventory.Hostings)
}

// systemUses lists what a system allows and forbids, in the order the inventory does.
func (e *Engine) systemUses(s *inventory.System) []UseRef {
	var out []UseRef
	for l := range s.Listings() {
		ref := UseRef{ID: l.Use, Label: inventory.Text{FR: l.Use, EN: l.Use}, Rule: l.Rule, Conditions: l.Conditions}
		if i, ok := e.useIndex[l.Use]; ok {
			u := &e.inv.Uses[i]
			ref.Label, ref.AutomatedDecision = u.Label, u.AutomatedDecision
		}
		out = append(out, ref)
	}
	return out
}

// strictest picks, among uses the question fits equally well, the one the system
// treats most strictly: forbidden, then not listed, then restricted, then permitted.
// When a question could mean two uses, the answer must hold for both (6.2).
func (e *Engine) strictest(s *inventory.System, uses []int) int {
	rank := func(i int) int {
		rule, _, ok := s.RuleFor(e.inv.Uses[i].ID)
		switch {
		case !ok:
			return 1
		case rule == inventory.Forbidden:
			return 0
		case rule == inventory.Restricted:
			return 2
		}
		return 3
	}
	best := uses[0]
	for _, u := range uses[1:] {
		if rank(u) < rank(best) {
			best = u
		}
	}
	return best
}

// leastAllowed picks, among uses the question fits equally well, the one fewest
// approved systems allow, for questions that name no inventory system: the
// alternatives offered must then suit the stricter reading.
func (e *Engine) leastAllowed(uses []int) int {
	best := uses[0]
	bc := e.allowed.counts[e.inv.Uses[best].ID]
	for _, u := range uses[1:] {
		c := e.allowed.counts[e.inv.Uses[u].ID]
		if c[0] < bc[0] || (c[0] == bc[0] && c[1] < bc[1]) {
			best, bc = u, c
		}
	}
	return best
}
