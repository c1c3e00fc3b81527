package annexe

import (
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
)

// question renders the question of it: where the person is, what a good answer
// contains, an example, the choices, the current answer and the ways out.
func (f *Feature) question(v view, it Item, r requests.Request) string {
	lang := v.lang
	facts := r.Facts()
	var b strings.Builder
	b.WriteString(i18n.T(lang, "annexe.ask.where", map[string]any{"Step": it.StepLabel(), "Total": steps(),
		"Group": GroupLabel(lang, it.Group), "Sections": sections(lang, it.Sections)}))
	q := it.Question(lang)
	if it.Tag == requests.TagEFVPDate {
		// The same item asks for a date done or a date planned, once the status is known.
		if facts.EFVPDone() {
			q = i18n.T(lang, "annexe.ask.efvp_date.done")
		} else if facts.EFVPPlanned() {
			q = i18n.T(lang, "annexe.ask.efvp_date.planned")
		}
	}
	b.WriteString("\n\n**" + q + "**")
	// Paragraphs are separated by a blank line: Teams joins single line breaks.
	b.WriteString("\n\n" + i18n.T(lang, "annexe.ask.hint", map[string]any{"Hint": it.Hint(lang)}))
	b.WriteString("\n\n" + i18n.T(lang, "annexe.ask.example", map[string]any{"Example": it.Example(lang)}))
	if opts := f.options(v, it); opts != "" {
		b.WriteString("\n\n" + opts)
	}
	if a, ok := r.Answers[it.Tag]; ok {
		b.WriteString("\n\n" + i18n.T(lang, "annexe.ask.current", map[string]any{"Value": f.display(v, it, a, 0)}))
	}
	switch {
	case !it.Required(facts):
		b.WriteString("\n\n" + i18n.T(lang, "annexe.ask.optional"))
	case it.Tag == firstSTI().Tag:
		b.WriteString("\n\n" + i18n.T(lang, "annexe.ask.sti_part", map[string]any{"From": it.Step(), "To": lastSTI()}))
	case it.ForSTIAllowed():
		b.WriteString("\n\n" + i18n.T(lang, "annexe.ask.sti"))
	}
	return strings.TrimRight(b.String(), "\n")
}

// options lists the choices of a choice item, numbered.
func (f *Feature) options(v view, it Item) string {
	lang := v.lang
	var lines []string
	switch it.Kind {
	case KindChoice:
		for i, c := range it.Choices {
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, ChoiceLabel(lang, c)))
		}
	case KindYesNo:
		lines = append(lines, "1. "+ChoiceLabel(lang, requests.Yes), "2. "+ChoiceLabel(lang, requests.No))
	case KindUses:
		catalog := v.uses
		if len(catalog) == 0 {
			return i18n.T(lang, "annexe.ask.uses.free")
		}
		lines = append(lines, i18n.T(lang, "annexe.ask.uses.list"))
		for i, c := range catalog {
			lines = append(lines, fmt.Sprintf("%d. %s", i+1, c.Label))
		}
	default:
		return ""
	}
	return strings.Join(lines, "\n")
}

// display shows a stored answer in lang, cut to max characters (0: whole).
func (f *Feature) display(v view, it Item, a requests.Answer, max int) string {
	lang := v.lang
	if a.ForSTI {
		return i18n.T(lang, "annexe.value.sti")
	}
	if a.Value == "" {
		return i18n.T(lang, "annexe.value.skipped")
	}
	val := a.Value
	switch it.Kind {
	case KindChoice, KindYesNo:
		val = ChoiceLabel(lang, val)
	case KindUses:
		val = v.useLabels(val)
	case KindDate, KindDates:
		var ds []string
		for _, s := range requests.SplitList(val) {
			if t, err := parseStored(s); err == nil {
				ds = append(ds, formatDate(lang, t))
			} else {
				ds = append(ds, s)
			}
		}
		val = strings.Join(ds, " · ")
	case KindInterval:
		if n, err := strconv.Atoi(val); err == nil {
			val = i18n.T(lang, "annexe.value.days", map[string]any{"Count": n})
		}
	}
	if max > 0 && utf8.RuneCountInString(val) > max {
		val = string([]rune(val)[:max]) + "…"
	}
	return val
}

// sections cites the sections of procedure 30-02: "Annexe 1, art. 7".
func sections(lang i18n.Lang, secs []string) string {
	out := make([]string, len(secs))
	for i, s := range secs {
		if s == "Annexe 1" {
			out[i] = i18n.T(lang, "annexe.ref.annex")
		} else {
			out[i] = i18n.T(lang, "annexe.ref.section", map[string]any{"N": s})
		}
	}
	return strings.Join(out, ", ")
}
