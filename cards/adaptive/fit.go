package adaptive

import (
	"fmt"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// textCaps are the lengths, longest first, to which fit shortens a card's long texts
// until it fits in MaxBytes. A request's answers may each be 2,000 characters, so the
// details of a full Annexe 1 are several times what Teams takes.
var textCaps = []int{1500, 1000, 600, 300, 150, 80}

// fit returns the smallest change of c that Teams posts: the texts and fact values of
// its sections and details shortened (ending with "…") to the longest cap that fits,
// and a note saying so first in the footer. Input values are never shortened: a
// prefilled field is what the reviewer submits. ok is false when even the shortest cap
// does not fit.
func fit(c *cards.Card, opts []Option, lang i18n.Lang) (raw []byte, ok bool, err error) {
	for _, limit := range textCaps {
		short := *c
		short.Sections = capSections(c.Sections, limit)
		short.Details = capSections(c.Details, limit)
		short.Footer = joinFooter(i18n.T(lang, "teams.card.shortened"), c.Footer)
		ac, err := build(&short, opts)
		if err != nil {
			return nil, false, err
		}
		raw, err := marshal(ac)
		if err != nil || len(raw) <= MaxBytes {
			return raw, err == nil, err
		}
	}
	return nil, false, nil
}

func capSections(in []cards.Section, limit int) []cards.Section {
	out := make([]cards.Section, len(in))
	for i, s := range in {
		s.Text = capText(s.Text, limit)
		if len(s.Facts) > 0 {
			facts := make([]cards.Fact, len(s.Facts))
			for j, f := range s.Facts {
				facts[j] = cards.Fact{Label: f.Label, Value: capText(f.Value, limit)}
			}
			s.Facts = facts
		}
		out[i] = s
	}
	return out
}

// capText cuts s to limit characters (runes, never inside one) and marks the cut.
func capText(s string, limit int) string {
	r := []rune(s)
	if len(r) <= limit {
		return s
	}
	return string(r[:limit-1]) + "…"
}

func joinFooter(note, footer string) string {
	if footer == "" {
		return note
	}
	return fmt.Sprintf("%s\n\n%s", note, footer)
}
