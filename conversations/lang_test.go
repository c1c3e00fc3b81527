package conversations

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

func TestDetectLang(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want i18n.Lang
		ok   bool
	}{
		{"help", i18n.EN, true},
		{"aide", i18n.FR, true},
		{"Puis-je utiliser ChatGPT pour résumer un texte ?", i18n.FR, true},
		{"Can I use ChatGPT to summarize a text?", i18n.EN, true},
		{"mes demandes", i18n.FR, true},
		{"my requests", i18n.EN, true},
		{"ChatGPT", "", false},
		{"", "", false},
	} {
		got, ok := DetectLang(text.FoldWords(tc.in))
		if got != tc.want || ok != tc.ok {
			t.Errorf("DetectLang(%q) = %q, %v; want %q, %v", tc.in, got, ok, tc.want, tc.ok)
		}
	}
}
