package review

import (
	"context"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// A request naming a system already in the inventory asks for uses of that system:
// its approval changes only the ruled uses and the trainings (workflow.PlanApproval).
// The reviewers see where the request's answers differ from the inventory, since the
// inventory's are the ones that stay.

// existing reports whether the requested system is in the inventory.
func (v view) existing() bool { return v.system != nil }

// kind is the system's kind as the approval will leave it: the inventory's for an
// existing system, else the request's.
func (v view) kind() string {
	if v.system != nil && v.system.Kind != "" {
		return v.system.Kind
	}
	return v.req.Facts().Kind()
}

// difference is one answer of the request that the inventory contradicts.
type difference struct{ label, inventory, request string }

// differences lists the request's answers that differ from the inventory's entry.
func (v view) differences() []difference {
	if v.system == nil {
		return nil
	}
	f, s := v.req.Facts(), v.system
	var out []difference
	if name := f.SystemName(); text.Compact(name) != text.Compact(s.Name) {
		out = append(out, difference{v.t("review.fact.system"), s.Name, name})
	}
	if k := f.Kind(); k != "" && k != s.Kind {
		out = append(out, difference{v.t("review.fact.kind"), v.kindLabel(s.Kind), v.kindLabel(k)})
	}
	if vendor := f.Vendor(); vendor != "" && text.Compact(vendor) != text.Compact(s.Vendor) {
		out = append(out, difference{v.t("review.fact.vendor"), orNone(v, s.Vendor), vendor})
	}
	return out
}

func (v view) kindLabel(k string) string {
	if k == "" {
		return v.t("review.value.none")
	}
	return v.t("review.kind." + k)
}

func orNone(v view, s string) string {
	if s == "" {
		return v.t("review.value.none")
	}
	return s
}

// inventorySection tells the reviewers that the system is in the inventory and that
// only its uses change; where the request differs, both values side by side, as a
// warning. ok is false for a new system.
func (v view) inventorySection() (cards.Section, bool) {
	if v.system == nil {
		return cards.Section{}, false
	}
	sec := cards.Section{Heading: v.t("review.inventory.heading", map[string]any{"System": v.system.Name})}
	diffs := v.differences()
	for _, d := range diffs {
		sec.Facts = append(sec.Facts, cards.Fact{Label: d.label,
			Value: v.t("review.inventory.differs", map[string]any{"Inventory": d.inventory, "Request": d.request})})
	}
	sec.Text = v.t("review.inventory.kept", map[string]any{"System": v.system.Name})
	sec.Warning = len(diffs) > 0
	return sec, true
}

// warnings are the sections every reviewer card shows before the rest: the inventory's
// entry against the request, and the rule of 6.2 at stake.
func (v view) warnings() []cards.Section {
	var out []cards.Section
	if s, ok := v.inventorySection(); ok {
		out = append(out, s)
	}
	if s, ok := v.publicPersonalSection(); ok {
		out = append(out, s)
	}
	return out
}

// publicPersonal reports a request for a public system (3.9) with personal
// information or confidential data, which 6.2 forbids.
func (v view) publicPersonal() bool {
	return v.kind() == requests.KindPublic && v.req.Facts().PersonalData()
}

// publicPersonalSection is the red warning of 6.2 on every reviewer card.
func (v view) publicPersonalSection() (cards.Section, bool) {
	if !v.publicPersonal() {
		return cards.Section{}, false
	}
	return cards.Section{Heading: v.t("review.pi_public.heading"), Text: v.t("review.pi_public.text"), Warning: true}, true
}

// aliasTaken names the system of the inventory that an alias already designates
// (its name, id or an alias), or "": a new system's alias must not send questions
// about another system to it.
func (f *Feature) aliasTaken(ctx context.Context) func(string) string {
	return func(alias string) string {
		sys, err := f.Store.FindSystem(ctx, alias)
		if err != nil {
			return ""
		}
		if exact, _ := workflow.NameMatch(alias, append([]string{sys.ID, sys.Name}, sys.Aliases...)); !exact {
			return "" // a typo away only: not the same name
		}
		return sys.Name
	}
}
