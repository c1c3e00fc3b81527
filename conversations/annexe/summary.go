package annexe

import (
	"strconv"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
)

// summaryValueMax cuts answers in the summary card to about one line; the full text
// is kept and shown when the item is edited (« modifier N »).
const summaryValueMax = 70

// Verbs of the summary card's buttons.
const (
	VerbSubmit = "annexe.submit"
	VerbCancel = "annexe.cancel"
)

// summaryCard shows every item of r with its answer, grouped as the annex is. The
// submit and cancel buttons are added when buttons is set and r may be submitted.
func (f *Feature) summaryCard(v view, r requests.Request, buttons bool) *cards.Card {
	lang := v.lang
	c := &cards.Card{
		Title: i18n.T(lang, "annexe.summary.title", map[string]any{"ID": r.ID, "System": orDash(r.Facts().SystemName())}),
		Subtitle: i18n.T(lang, "annexe.summary.subtitle", map[string]any{"Status": StatusLabel(lang, r.Status),
			"Answered": answered(r), "Total": steps()}),
		Footer: i18n.T(lang, "annexe.summary.footer"),
	}
	var sec *cards.Section
	last := ""
	stiAll := allForSTI(r)
	for _, it := range catalogue {
		if stiAll && it.Part == PartSTI {
			// The STI's whole part left to it: one line, not sixteen.
			if last != string(PartSTI) {
				last = string(PartSTI)
				c.Sections = append(c.Sections, cards.Section{Heading: PartLabel(lang, PartSTI), Facts: []cards.Fact{{
					Label: strconv.Itoa(firstSTI().Step()) + "–" + strconv.Itoa(lastSTI()), Value: i18n.T(lang, "annexe.value.sti")}}})
			}
			continue
		}
		if key := string(it.Part) + "/" + it.Group; key != last {
			last = key
			c.Sections = append(c.Sections, cards.Section{Heading: PartLabel(lang, it.Part) + " › " + GroupLabel(lang, it.Group)})
			sec = &c.Sections[len(c.Sections)-1]
		}
		value := "—"
		if a, ok := r.Answers[it.Tag]; ok {
			value = f.display(v, it, a, summaryValueMax)
		}
		sec.Facts = append(sec.Facts, cards.Fact{Label: it.StepLabel() + ". " + it.Label(lang), Value: value})
	}
	if buttons && r.Status.Editable() && len(missing(r)) == 0 {
		subject := strconv.FormatUint(uint64(r.ID), 10)
		c.Buttons = []cards.Button{
			{Label: i18n.T(lang, "annexe.button.submit"), Verb: VerbSubmit, Subject: subject, Style: cards.StylePrimary},
			{Label: i18n.T(lang, "annexe.button.cancel"), Verb: VerbCancel, Subject: subject, Style: cards.StyleDanger},
		}
	}
	return c
}

// allForSTI reports whether every item of the STI part is left to the STI.
func allForSTI(r requests.Request) bool {
	for _, it := range catalogue {
		if it.Part == PartSTI && !r.Answers[it.Tag].ForSTI {
			return false
		}
	}
	return true
}

// answered counts the steps with an answer (given, skipped or left to the STI).
func answered(r requests.Request) int {
	n := 0
	for _, it := range catalogue {
		if _, ok := r.Answers[it.Tag]; ok && !it.Sub {
			n++
		}
	}
	return n
}

// missing lists the items a submission still needs: required and neither answered
// nor left to the STI.
func missing(r requests.Request) []Item {
	facts := r.Facts()
	var out []Item
	for _, it := range catalogue {
		a := r.Answers[it.Tag]
		if it.Required(facts) && a.Value == "" && !a.ForSTI {
			out = append(out, it)
		}
	}
	return out
}

// nextItem is the first item not answered yet, in order; ok is false when all are.
func nextItem(r requests.Request) (Item, bool) {
	for _, it := range catalogue {
		if _, ok := r.Answers[it.Tag]; !ok {
			return it, true
		}
	}
	return Item{}, false
}

// StatusLabel names a request status in lang ("Brouillon").
func StatusLabel(lang i18n.Lang, s requests.Status) string {
	return i18n.T(lang, "annexe.status."+string(s))
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return s
}
