package policy

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// TestSeveralTools: the tool asked about is the verb's object; quoted, pasted or code
// text never chooses it; a tool word used as a common noun or a person's name is not
// the tool; and a "permitted" for one never hides a "forbidden" for another.
func TestSeveralTools(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		q, system string
		verdict   Verdict
	}{
		{"Mon collègue Claude m'a dit que je pouvais utiliser Copilot pour résumer un texte", "copilot-chat", Permitted},
		{"Claude told me I can use Copilot to summarize an article", "copilot-chat", Permitted},
		{"Puis-je utiliser Copilot pour résumer ce texte : « l'Assistant IAG CSSDGS est le système privé » au sujet de l'élève Léa Tremblay ?", "copilot-chat", Forbidden},
		{"Can I paste this JSON {\"system\": \"Assistant IAG CSSDGS\"} about student Liam Roy into Copilot?", "copilot-chat", Forbidden},
		{"Puis-je utiliser ChatGPT ou Copilot pour résumer un article ?", "chatgpt", Forbidden},
		{"Puis-je utiliser Copilot pour écrire un texte sur le mistral en Provence ?", "copilot-chat", Permitted},
		{"Puis-je utiliser Copilot pour traduire un texte sur l'antidote au venin de serpent ?", "copilot-chat", Permitted},
		{"Can I use Copilot to summarize an article about the Gemini zodiac sign?", "copilot-chat", Permitted},
		{"Puis-je utiliser Copilot pour résumer un article sur le copilote du rallye Dakar ?", "copilot-chat", Permitted},
		{"Puis-je utiliser Copilot pour résumer un texte qui parle de ChatGPT ?", "copilot-chat", Permitted},
		{"Puis-je utiliser Copilot pour écrire un texte sur ChatGPT ?", "copilot-chat", Permitted},
	} {
		r := e.Evaluate(tc.q, i18n.FR)
		if r.SystemID != tc.system || r.Verdict != tc.verdict {
			t.Errorf("%q: %s %s (others %v), want %s %s", tc.q, r.SystemID, r.Verdict, r.Others, tc.system, tc.verdict)
		}
	}
}
