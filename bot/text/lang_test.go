package text_test

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/text"
)

func TestLanguage(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want string
		sure bool
	}{
		// Accents are evidence: folded, « à » would read as the English "a".
		{"Authentification à deux facteurs.", "fr", true},
		{"Puis-je utiliser ChatGPT pour résumer un texte ?", "fr", true},
		{"Can I use ChatGPT to summarize a text?", "en", true},
		{"Which tools are approved?", "en", true},
		{"Quels outils sont approuvés ?", "fr", true},
		{"je sais pas", "fr", true},
		{"I don't know", "en", true},
		{"l'élève", "fr", false},
		// One word, a number or a command never decides the person's language.
		{"ok", "", false},
		{"1", "", false},
		{"clear", "", false},
		{"/in", "", false},
		{"/in codir", "", false},
		{"help", "en", false},
		{"aide", "fr", false},
		{"Résumé", "fr", false},
		{"ChatGPT", "", false},
		{"", "", false},
		// One English word in a product name is not enough to switch.
		{"Microsoft Copilot for Education", "en", false},
		{"mes demandes", "fr", true},
		{"my requests", "en", true},
	} {
		got, sure := text.Language(tc.in)
		if got != tc.want || sure != tc.sure {
			t.Errorf("Language(%q) = %q, %v; want %q, %v", tc.in, got, sure, tc.want, tc.sure)
		}
	}
}

// TestLanguageTokens: the language of tokens already read is the language of the text,
// spaces around it included.
func TestLanguageTokens(t *testing.T) {
	for _, s := range []string{"", "  ", "/in codir", " /in codir", "Puis-je utiliser ChatGPT pour résumer un texte ?",
		"  Can I use Gemini to translate a letter to parents?  ", "aide", "ok", "l'élève d'Émilie", "\tin English please\n", "1"} {
		l, sure := text.Language(s)
		l2, sure2 := text.LanguageTokens(s, text.Tokenize(s))
		if l != l2 || sure != sure2 {
			t.Errorf("%q: LanguageTokens = %q %v, Language = %q %v", s, l2, sure2, l, sure)
		}
	}
}
