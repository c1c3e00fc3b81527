package review

import (
	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// formReply is a review form (the approval form, the STI's items) for the person who
// pressed: the card itself where forms are cards (Teams, the terminal), and the same
// fields as a modal where the platform has them (Slack), whose submission comes back
// as the card's button would. Each field's problem is on the field (Input.Error).
func formReply(lang i18n.Lang, c *cards.Card, replace bool) bot.Reply {
	f := &cards.Form{Title: c.Title, Heading: c.Subtitle, Sections: c.Sections, Inputs: c.Inputs,
		Close: i18n.T(lang, "review.form.close")}
	if c.Footer != "" {
		f.Sections = append(append([]cards.Section(nil), f.Sections...), cards.Section{Text: c.Footer})
	}
	if len(c.Buttons) > 0 {
		f.Submit, f.Buttons = c.Buttons[0], c.Buttons[1:]
	}
	return bot.Reply{Card: c, Form: f, Private: true, Replace: replace}
}
