package teams

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/cards"
)

func TestSummary(t *testing.T) {
	long := strings.Repeat("é", 200)
	for _, tc := range []struct {
		name string
		r    bot.Reply
		want string
	}{
		{"text first line, plain", bot.Reply{Text: "**Voici** la réponse :\n\n- un", Card: &cards.Card{Title: "T"}}, "Voici la réponse :"},
		{"title and subtitle", bot.Reply{Card: &cards.Card{Title: "Demande n° 42", Subtitle: "En attente du CODIR-IN"}},
			"Demande n° 42 — En attente du CODIR-IN"},
		{"subtitle alone", bot.Reply{Card: &cards.Card{Subtitle: "En attente"}}, "En attente"},
		{"first heading", bot.Reply{Card: &cards.Card{Sections: []cards.Section{{Text: "x"}, {Heading: "Usages"}}}}, "Usages"},
		{"one line", bot.Reply{Card: &cards.Card{Title: "a\n  b"}}, "a b"},
		{"cut", bot.Reply{Card: &cards.Card{Title: long}}, long[:2*(maxSummary-1)] + "…"},
		{"nothing", bot.Reply{Card: &cards.Card{}}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := summary(tc.r); got != tc.want {
				t.Errorf("summary = %q, want %q", got, tc.want)
			}
		})
	}
	// A card with nothing to say still has a summary: the bot's name.
	act, err := activity(bot.Reply{Card: &cards.Card{Buttons: []cards.Button{{Label: "OK", Verb: "x"}}}}, "fr")
	if err != nil || act.Summary != DefaultBotName {
		t.Errorf("summary = %q, %v", act.Summary, err)
	}
	// A text without card needs none: Teams shows the text.
	if act, _ := activity(bot.Text("Bonjour"), "fr"); act.Summary != "" {
		t.Errorf("text reply summary = %q", act.Summary)
	}
}
