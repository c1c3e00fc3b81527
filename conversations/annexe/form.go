package annexe

import (
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
)

// The request as a form: one page per section, each item a field checked by the same
// reading as the dialog's answer (Feature.read), saved in the same draft, so that a
// person may switch between the form and the dialog at any step.

// Verbs of the form's buttons. The subject is "REQUEST:PAGE".
const (
	VerbForm     = "annexe.form"      // open the form where the person is (subject: the request, or none)
	VerbFormNext = "annexe.form.next" // save the page, show the next
	VerbFormBack = "annexe.form.back" // show the page before, saving nothing
	VerbFormSave = "annexe.form.save" // save the page and stop
	VerbFormChat = "annexe.form.chat" // go on in the dialog, one question at a time
)

// Fields the form adds to the items'.
const (
	fieldUsesOther = "uses_other" // free words for uses the taxonomy lacks
	fieldSTIPart   = "sti_part"   // leave the page's unanswered items to the STI
)

// page is a section of the form.
type page struct {
	id    string
	items []Item
}

// pageOf names the page of an item: the annex's groups, with the system's
// identification split between what the system is and what it is for.
func pageOf(it Item) string {
	switch it.Group {
	case "system":
		switch it.Tag {
		case requests.TagUses, requests.TagPersonalData, requests.TagAutomatedDecision, requests.TagSupervisor:
			return "uses"
		}
		return "system"
	case "description":
		return "uses"
	case "training", "change":
		return "training"
	case "risks", "impacts", "oversight", "improvement":
		return "risks"
	}
	return it.Group // "dng", "efvp"
}

// pages are the form's sections in the annex's order.
var pages = func() []page {
	var out []page
	for _, it := range catalogue {
		id := pageOf(it)
		if len(out) == 0 || out[len(out)-1].id != id {
			out = append(out, page{id: id})
		}
		out[len(out)-1].items = append(out[len(out)-1].items, it)
	}
	return out
}()

// pageIndex is the position of page id, or -1.
func pageIndex(id string) int {
	for i, p := range pages {
		if p.id == id {
			return i
		}
	}
	return -1
}

// pageOfTag is the position of the page holding tag (the first page for none).
func pageOfTag(tag requests.Tag) int {
	if it, ok := ItemFor(tag); ok {
		return pageIndex(pageOf(it))
	}
	return 0
}

// formSubject is the subject of a page's buttons.
func formSubject(id uint, page int) string {
	return strconv.FormatUint(uint64(id), 10) + ":" + pages[page].id
}

// parseFormSubject reads a subject made by formSubject; a subject with a request and
// no page names the request only (page -1).
func parseFormSubject(s string) (id uint, page int, ok bool) {
	num, name, hasPage := strings.Cut(s, ":")
	n, err := strconv.ParseUint(num, 10, 64)
	if err != nil || n == 0 {
		return 0, 0, false
	}
	if !hasPage {
		return uint(n), -1, true
	}
	p := pageIndex(name)
	return uint(n), p, p >= 0
}

// stiPage reports a page whose items the requester may all leave to the STI.
func stiPage(p page) bool {
	for _, it := range p.items {
		if !it.ForSTIAllowed() {
			return false
		}
	}
	return true
}

// formPage builds page n of r. values are what the person sent (kept after an error;
// nil: the draft's answers), errs the problems by field id.
func (f *Feature) formPage(v view, r requests.Request, n int, values, errs map[string]string, pageErr string) *cards.Form {
	lang := v.lang
	p := pages[n]
	subject := formSubject(r.ID, n)
	fm := &cards.Form{
		Title: i18n.T(lang, "annexe.form.title", map[string]any{"ID": r.ID}),
		Heading: i18n.T(lang, "annexe.form.heading", map[string]any{"Page": i18n.T(lang, "annexe.form.page."+p.id),
			"N": n + 1, "Total": len(pages)}),
		Sections: []cards.Section{{Text: i18n.T(lang, "annexe.form.intro."+p.id)}},
		Error:    pageErr,
		Close:    i18n.T(lang, "annexe.form.close"),
	}
	if values == nil {
		values = draftValues(v, r, p)
	}
	facts := r.Facts()
	sti := stiPage(p)
	for _, it := range p.items {
		in := f.field(v, it, sti || !it.Required(facts))
		in.Value, in.Error = values[string(it.Tag)], errs[string(it.Tag)]
		fm.Inputs = append(fm.Inputs, in)
		if it.Kind == KindUses && len(v.uses) > 0 {
			fm.Inputs = append(fm.Inputs, cards.Input{ID: fieldUsesOther, Label: i18n.T(lang, "annexe.form.uses_other"),
				MaxLength: maxUses * maxUseLabel, Value: values[fieldUsesOther], Error: errs[fieldUsesOther]})
		}
	}
	if sti {
		fm.Inputs = append(fm.Inputs, cards.Input{ID: fieldSTIPart, Label: i18n.T(lang, "annexe.form.sti_part"),
			Type: cards.InputToggle, Value: values[fieldSTIPart]})
	}
	next := "annexe.form.next"
	if n == len(pages)-1 {
		next = "annexe.form.finish"
	}
	fm.Submit = cards.Button{Label: i18n.T(lang, next), Verb: VerbFormNext, Subject: subject, Style: cards.StylePrimary}
	if n > 0 {
		fm.Buttons = append(fm.Buttons, cards.Button{Label: i18n.T(lang, "annexe.form.back"), Verb: VerbFormBack, Subject: subject, NoInputs: true})
	}
	fm.Buttons = append(fm.Buttons,
		cards.Button{Label: i18n.T(lang, "annexe.form.save"), Verb: VerbFormSave, Subject: subject},
		cards.Button{Label: i18n.T(lang, "annexe.form.chat"), Verb: VerbFormChat, Subject: subject, NoInputs: true})
	return fm
}

// field is the input of an item: its step and label, its hint, and the kind of field
// its answer takes. optional fields are not required by the platform (the feature
// still checks them: an STI page may be left to the STI as a whole).
func (f *Feature) field(v view, it Item, optional bool) cards.Input {
	lang := v.lang
	in := cards.Input{ID: string(it.Tag), Label: it.StepLabel() + ". " + it.Label(lang),
		Hint:     i18n.T(lang, "annexe.form.hint", map[string]any{"Hint": it.Hint(lang)}),
		Required: !optional, RequiredError: i18n.T(lang, "annexe.form.required")}
	switch it.Kind {
	case KindShort:
		in.MaxLength = maxShort
	case KindLong:
		in.Multiline, in.MaxLength = true, maxLong
	case KindPerson:
		in.MaxLength, in.Placeholder = maxShort, i18n.T(lang, "annexe.form.person_hint")
	case KindChoice, KindYesNo:
		values := it.Choices
		if it.Kind == KindYesNo {
			values = []string{requests.Yes, requests.No}
		}
		for _, c := range values {
			in.Choices = append(in.Choices, cards.Choice{Value: c, Label: ChoiceLabel(lang, c)})
		}
		if it.ForSTIAllowed() {
			in.Choices = append(in.Choices, cards.Choice{Value: formSTI, Label: i18n.T(lang, "annexe.form.choice.sti")})
		}
	case KindUses:
		for _, c := range v.uses {
			in.Choices = append(in.Choices, cards.Choice{Value: c.ID, Label: c.Label})
		}
		in.Multi = len(in.Choices) > 0
		if !in.Multi {
			in.Multiline, in.MaxLength = true, maxUses*maxUseLabel
		}
	case KindDate:
		in.Type = cards.InputDate
	case KindDates:
		in.Placeholder = i18n.T(lang, "annexe.form.dates_hint")
	case KindInterval:
		in.Placeholder = i18n.T(lang, "annexe.form.interval_hint")
	}
	return in
}

// formSTI is the choice that leaves an item to the STI: a word the dialog's reading
// takes for « je sais pas », so the form's choice is read as the dialog's answer is.
const formSTI = "sti"

// draftValues are the fields of page p filled from r's answers.
func draftValues(v view, r requests.Request, p page) map[string]string {
	out := map[string]string{}
	allSTI := true
	for _, it := range p.items {
		a, ok := r.Answers[it.Tag]
		allSTI = allSTI && ok && a.ForSTI
		switch {
		case !ok:
		case a.ForSTI && (it.Kind == KindChoice || it.Kind == KindYesNo):
			out[string(it.Tag)] = formSTI
		case a.ForSTI:
		case it.Kind == KindDates:
			out[string(it.Tag)] = strings.Join(requests.SplitList(a.Value), ", ")
		case it.Kind == KindUses && len(v.uses) > 0:
			var known, other []string
			for _, u := range requests.SplitList(a.Value) {
				if _, ok := matchUse(v.uses, u); ok {
					known = append(known, u)
				} else {
					other = append(other, u)
				}
			}
			out[string(it.Tag)], out[fieldUsesOther] = strings.Join(known, ","), strings.Join(other, ", ")
		default:
			out[string(it.Tag)] = a.Value
		}
	}
	if stiPage(p) && allSTI {
		out[fieldSTIPart] = cards.ToggleOn
	}
	return out
}
