package policy

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// TestDoubt: weak signals on a public system give a restricted answer with the
// condition, the private alternative and the question; strong ones a forbidden one;
// none, the verdict as before. The person's yes or no settles it.
func TestDoubt(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		q       string
		verdict Verdict
		doubt   bool
	}{
		{"Puis-je utiliser Copilot pour résumer le texte d'Olivier ?", Restricted, true},
		{"Puis-je utiliser Copilot pour résumer un texte sur la santé mentale ?", Restricted, true},
		{"Can I use Copilot to summarize a text about anxiety?", Restricted, true},
		{"Puis-je utiliser Copilot pour résumer un signalement à la DPJ concernant un élève ?", Forbidden, false},
		{"Puis-je utiliser Copilot pour résumer le texte de Léa Tremblay ?", Forbidden, false},
		{"Puis-je utiliser Copilot pour résumer un texte ?", Permitted, false},
		{"Puis-je utiliser l'assistant IAG pour résumer un texte sur la santé mentale ?", Permitted, false},
	} {
		r := e.Evaluate(tc.q, i18n.FR)
		if r.Verdict != tc.verdict || r.Doubt != tc.doubt {
			t.Errorf("%q: %s doubt=%v %v, want %s doubt=%v", tc.q, r.Verdict, r.Doubt, r.DoubtReasons, tc.verdict, tc.doubt)
			continue
		}
		if !r.Doubt {
			continue
		}
		fr, en := Answer(r, i18n.FR), Answer(r, i18n.EN)
		for _, want := range []string{"Seulement sans renseignement personnel ni donnée confidentielle", "Votre texte contient-il des renseignements sur une personne identifiable ?", "Assistant IAG"} {
			if !strings.Contains(fr, want) {
				t.Errorf("%q: answer lacks %q:\n%s", tc.q, want, fr)
			}
		}
		if !strings.Contains(en, "Does your text contain information about an identifiable person?") {
			t.Errorf("%q: English answer lacks the question:\n%s", tc.q, en)
		}
		if yes := e.EvaluateAssuming(tc.q, i18n.FR, true); yes.Verdict != Forbidden || yes.Doubt || !yes.PersonalData {
			t.Errorf("%q, yes: %s doubt=%v pd=%v, want forbidden", tc.q, yes.Verdict, yes.Doubt, yes.PersonalData)
		}
		if no := e.EvaluateAssuming(tc.q, i18n.FR, false); no.Verdict != Permitted || no.Doubt || no.PersonalData {
			t.Errorf("%q, no: %s doubt=%v pd=%v, want permitted", tc.q, no.Verdict, no.Doubt, no.PersonalData)
		}
	}
}
