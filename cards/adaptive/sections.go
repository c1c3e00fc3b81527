package adaptive

import (
	"cmp"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// Checklist marks: emoji read the same in every Teams client and theme, where an
// Adaptive Card has no checkbox that is not an input.
const (
	markMet   = "✅"
	markUnmet = "⬜"
)

// appendSections adds one Container per non-empty section; every section after the
// first of the card is separated by a rule, as the terminal separates them with a
// blank line.
func appendSections(body []any, sections []cards.Section) []any {
	for _, s := range sections {
		items := sectionItems(s)
		if len(items) == 0 {
			continue
		}
		c := container{Type: "Container", Items: items}
		if s.Warning {
			c.Style = "attention"
		}
		if len(body) > 0 {
			c.Separator, c.Spacing = true, "Medium"
		}
		body = append(body, c)
	}
	return body
}

func sectionItems(s cards.Section) []any {
	var items []any
	if s.Heading != "" {
		tb := textBlock{Type: "TextBlock", Text: plainLine(s.Heading), Wrap: true, Weight: "Bolder"}
		if s.Warning {
			tb.Color = "Attention"
		}
		items = append(items, tb)
	}
	for _, p := range paragraphs(s.Text) {
		items = append(items, textBlock{Type: "TextBlock", Text: p, Wrap: true})
	}
	if len(s.Facts) > 0 {
		fs := factSet{Type: "FactSet"}
		for _, f := range s.Facts {
			fs.Facts = append(fs.Facts, fact{Title: plainLine(f.Label), Value: plain(f.Value)})
		}
		items = append(items, fs)
	}
	for i, ch := range s.Checklist {
		mark := markUnmet
		if ch.Met {
			mark = markMet
		}
		tb := textBlock{Type: "TextBlock", Text: mark + " " + plain(ch.Label), Wrap: true}
		if i > 0 {
			tb.Spacing = "Small"
		}
		items = append(items, tb)
	}
	return items
}

// paragraphs splits text on blank lines: one TextBlock per paragraph gives the spacing
// the text's Markdown means, which Teams' TextBlock markdown does not render itself.
func paragraphs(text string) []string {
	text = strings.ReplaceAll(text, "\r\n", "\n")
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.Trim(p, "\n"); strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// input renders a field, followed by its hint and by the error the feature found in
// the value sent (server-side validation: Adaptive Cards has no way to put an input in
// its error state, so the message is a red line right under the field).
func input(in cards.Input, required bool, lang i18n.Lang) []any {
	errMsg := ""
	if required {
		errMsg = cmp.Or(in.RequiredError, i18n.T(lang, "teams.card.required"))
	}
	var field any
	switch {
	case in.Type == cards.InputDate:
		field = inputDate{Type: "Input.Date", ID: in.ID, Label: in.Label, Value: in.Value, IsRequired: required, ErrorMessage: errMsg}
	case in.Type == cards.InputToggle:
		value := cards.ToggleOff
		if in.Value == cards.ToggleOn {
			value = cards.ToggleOn
		}
		field = inputToggle{Type: "Input.Toggle", ID: in.ID, Title: in.Label, Value: value, ValueOn: cards.ToggleOn,
			ValueOff: cards.ToggleOff, Wrap: true, IsRequired: required, ErrorMessage: errMsg}
	case len(in.Choices) > 0:
		cs := inputChoiceSet{Type: "Input.ChoiceSet", ID: in.ID, Label: in.Label, Value: in.Value, Wrap: true,
			IsMulti: in.Multi, IsRequired: required, ErrorMessage: errMsg}
		// Radio buttons (or check boxes) while they fit at a glance, a drop-down beyond.
		cs.Style = "expanded"
		if len(in.Choices) > 4 {
			cs.Style, cs.Placeholder = "compact", in.Placeholder
		}
		for _, ch := range in.Choices {
			cs.Choices = append(cs.Choices, choice{Title: ch.Label, Value: ch.Value})
		}
		field = cs
	default:
		it := inputText{Type: "Input.Text", ID: in.ID, Label: in.Label, Placeholder: in.Placeholder, Value: in.Value,
			IsMultiline: in.Multiline, MaxLength: in.MaxLength, IsRequired: required, ErrorMessage: errMsg}
		if in.Pattern != "" {
			// An empty optional field passes: Teams applies the regex to empty values too.
			it.Regex = in.Pattern
			if !required {
				it.Regex = "^$|" + in.Pattern
			}
			it.ErrorMessage = in.PatternError
		}
		field = it
	}
	out := []any{field}
	if h := strings.TrimSpace(in.Hint); h != "" {
		out = append(out, textBlock{Type: "TextBlock", Text: plain(h), Wrap: true, Size: "Small", IsSubtle: true, Spacing: "None"})
	}
	if e := strings.TrimSpace(in.Error); e != "" {
		out = append(out, textBlock{Type: "TextBlock", Text: "⚠ " + plain(e), Wrap: true, Size: "Small", Color: "Attention", Spacing: "None"})
	}
	return out
}

// button maps a cards.Button to an Action.Execute with the button's verb. It gathers and validates the inputs
// ("auto") only when every input Teams validates is one this button needs or one the
// card requires anyway; otherwise a required comment meant for "Reject" would also
// block "Approve".
func button(b cards.Button, inputs []cards.Input, required map[string]bool) execute {
	s := execute{Type: "Action.Execute", Title: b.Label, Verb: b.Verb, AssociatedInputs: "auto",
		Data: actionData{Verb: b.Verb, Subject: b.Subject}}
	if b.NoInputs {
		s.AssociatedInputs = "none"
	}
	switch b.Style {
	case cards.StylePrimary:
		s.Style = "positive"
	case cards.StyleDanger:
		s.Style = "destructive"
	}
	needs := map[string]bool{}
	for _, id := range b.Needs {
		needs[id] = true
	}
	for _, in := range inputs {
		if required[in.ID] && !in.Required && !needs[in.ID] {
			s.AssociatedInputs = "none"
			break
		}
	}
	return s
}
