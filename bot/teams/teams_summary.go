package teams

import (
	"strings"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot"
)

// maxSummary bounds a card's summary: one line of a chat list or a notification.
const maxSummary = 120

// summary is the short text Teams shows for a card activity in the chat list and
// notifications: the reply's first line when it has text, else the card's title and
// subtitle, else its first heading; plain text, at most maxSummary characters.
func summary(r bot.Reply) string {
	s := plainLine(r.Text, true)
	if s == "" && r.Card != nil {
		c := r.Card
		s = strings.TrimSpace(c.Title)
		if sub := strings.TrimSpace(c.Subtitle); sub != "" {
			s = strings.TrimPrefix(s+" — "+sub, " — ")
		}
		for _, sec := range c.Sections {
			if s != "" {
				break
			}
			s = strings.TrimSpace(sec.Heading)
		}
	}
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) > maxSummary {
		s = string([]rune(s)[:maxSummary-1]) + "…"
	}
	return s
}
