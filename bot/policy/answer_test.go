package policy

import (
	"strings"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

// TestAnswers checks what each kind of answer must say, in the language of the
// question.
func TestAnswers(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		q       string
		want    []string
		notWant []string
	}{
		{"Puis-je utiliser Copilot pour résumer un article ?", []string{
			"**Oui, c'est permis.** Microsoft Copilot Chat est approuvé pour la synthèse.",
			"« L'intelligence artificielle générative a été utilisée pour la synthèse. Le contenu a été vérifié et validé. »",
			"_Références : procédure 30-02, art. 6.1 et 5.1.7._"}, []string{"e-mail", "5.1.6"}},
		{"Can I use Copilot to summarize an article?", []string{
			"**Yes, this is allowed.**", "“Generative artificial intelligence was used for summarizing. The content was reviewed and validated.”",
			"sections 6.1 and 5.1.7"}, nil},
		{"Puis-je générer une image avec Copilot ?", []string{"**Oui, sous conditions.**", "- aucune photo de personne",
			"Sobriété numérique", "art. 5.1.6", "informez votre supérieur immédiat"}, nil},
		{"Puis-je mettre les notes de mes élèves dans Copilot pour faire des statistiques ?", []string{
			"**Non, c'est interdit.**", "des notes ou des bulletins", "système d'IAG public",
			"Assistant IAG CSSDGS (privé) : système privé sécurisé, hébergé au Québec", "art. 6.2"},
			[]string{"Microsoft Copilot Chat :"}},
		{"Can I use Claude to draft an email to parents?", []string{"**No.** Claude is not", "start a request", "s. 6.3.1",
			"Assistant IAG CSSDGS (privé): private secured system, hosted in Québec"}, nil},
		{"Puis-je utiliser Claude pour traduire une lettre ?", []string{"« faire une demande »", "art. 6.3.1",
			"Systèmes approuvés pour la traduction :"}, nil},
		{"Puis-je utiliser ScribeIA pour un compte rendu ?", []string{"**Non, pas pour le moment.**", "suspendue",
			"Motif : EFVP en révision"}, nil},
		{"Puis-je utiliser l'IA pour résumer un texte ?", []string{"**De quel outil s'agit-il ?**", "Systèmes approuvés pour la synthèse :",
			"abstenez-vous", "art. 6.1 et 6.2"}, nil},
		{"Puis-je utiliser Copilot ?", []string{"**Pour quel usage ?**", "Usages permis :", "- Synthèse",
			"Usages permis sous conditions :", "- Communication aux parents : Rédigez un message générique"}, []string{"Usages interdits"}},
		{"Que puis-je faire avec Copilot ?", []string{"**Ce que vous pouvez faire avec Microsoft Copilot Chat** (système public, hébergé au Canada) :",
			"Usages interdits :", "- Commentaires de bulletin"}, nil},
		{"Quels outils sont approuvés ?", []string{"Systèmes d'IAG approuvés au CSSDGS :", "- Microsoft Copilot Chat", "- PlanifIA"},
			[]string{"ScribeIA", "ImagiClasse"}},
		{"Which tools are approved for translation?", []string{"Systems approved for translation:", "ChatGPT"}, []string{"PlanifIA"}},
		{"Puis-je utiliser l'assistant privé pour rédiger le plan d'intervention d'un élève ?", []string{
			"**Seulement après approbation.**", "CPRPSI", "consentement", "intervenir, valider ou arrêter",
			"système privé sécurisé (art. 6.2)", "art. 5.1.11"}, nil},
		{"Puis-je utiliser l'assistant IAG pour la formation des groupes ?", []string{"**Oui, sous conditions.**",
			"Projet pilote approuvé par le CPRPSI", "il faut aussi", "consentement"}, nil},
		{"Puis-je utiliser ChatGPT pour créer des exercices ?", []string{"n'est pas approuvé pour la création d'exercices",
			"Systèmes approuvés pour la création d'exercices :"}, nil},
		{"Est-ce que je peux utiliser Copilote pour résumer ?", []string{"J'ai compris que vous parliez de Microsoft Copilot Chat."}, nil},
	} {
		r := e.Evaluate(tc.q, i18n.FR)
		got := Answer(r, r.Lang)
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: answer lacks %q:\n%s", tc.q, w, got)
			}
		}
		for _, w := range tc.notWant {
			if strings.Contains(got, w) {
				t.Errorf("%q: answer has %q:\n%s", tc.q, w, got)
			}
		}
		if strings.Contains(got, "policy.") || strings.Contains(got, "<no value>") {
			t.Errorf("%q: untranslated message in:\n%s", tc.q, got)
		}
	}
}

// TestEveryAnswerIsComplete renders every question of the table in both languages
// and checks that no message id or empty template field leaks out.
func TestEveryAnswerIsComplete(t *testing.T) {
	e := testEngine(t)
	for _, c := range questions {
		r := e.Evaluate(c.q, i18n.FR)
		for _, lang := range i18n.Langs {
			for name, text := range map[string]string{"Answer": Answer(r, lang), "Why": Why(r, lang)} {
				if text == "" || strings.Contains(text, "policy.") || strings.Contains(text, "<no value>") ||
					strings.Contains(text, "()") || strings.Contains(text, "pour .") || strings.Contains(text, "  ") {
					t.Errorf("%s(%q, %s):\n%s", name, c.q, lang, text)
				}
			}
		}
		if lang := r.Lang; lang == i18n.FR && strings.Contains(Answer(r, lang), "e-mail") {
			t.Errorf("French answer says e-mail: %q", c.q)
		}
	}
}

func TestWhy(t *testing.T) {
	e := testEngine(t)
	r := e.Evaluate("Puis-je mettre les notes de mes élèves dans ChatGPT ?", i18n.FR)
	got := Why(r, r.Lang)
	for _, w := range []string{"1. ChatGPT figure à l'inventaire du CSSDGS (système public) (art. 6.1).",
		"3. La question mentionne des notes ou des bulletins : c'est interdit dans un système public, quel que soit l'usage (art. 6.2).",
		"Conclusion : **interdit**."} {
		if !strings.Contains(got, w) {
			t.Errorf("Why lacks %q:\n%s", w, got)
		}
	}
	r = e.Evaluate("Can I use the private assistant to prepare an IEP?", i18n.FR)
	if got := Why(r, r.Lang); !strings.Contains(got, "requires prior approval by the CPRPSI") || !strings.Contains(got, "(ss. 5.1.11 and 8)") {
		t.Errorf("Why:\n%s", got)
	}
	if got := Why(Result{}, i18n.FR); !strings.Contains(got, "Posez-moi d'abord") {
		t.Errorf("Why(empty) = %s", got)
	}
	if got := Answer(e.Evaluate("pourquoi ?", i18n.FR), i18n.FR); !strings.Contains(got, "Posez-moi d'abord") {
		t.Errorf("Answer(why) = %s", got)
	}
}

// TestRawQuestionNotKept checks that a question with personal data survives only in
// redacted form in the result, however it is printed.
func TestRawQuestionNotKept(t *testing.T) {
	e := testEngine(t)
	q := "Puis-je envoyer à ChatGPT le bulletin de Léa Tremblay (TREM12059801, lea@exemple.ca, 450-555-1234) ?"
	r := e.Evaluate(q, i18n.FR)
	if !r.PersonalData {
		t.Fatal("no personal data found")
	}
	dump := strings.Join([]string{r.Redacted, Answer(r, i18n.FR), Why(r, i18n.FR), Answer(r, i18n.EN)}, "\n")
	for _, secret := range []string{"Léa", "Tremblay", "TREM12059801", "lea@exemple.ca", "555-1234"} {
		if strings.Contains(dump, secret) {
			t.Errorf("result keeps %q:\n%s", secret, dump)
		}
	}
}

func TestConcurrentEvaluateAndRebuild(t *testing.T) {
	live := NewLive(inventory.Sample())
	var wg sync.WaitGroup
	for g := 0; g < 8; g++ {
		wg.Add(1)
		go func(g int) {
			defer wg.Done()
			for i, c := range questions {
				if (i+g)%4 != 0 {
					continue
				}
				r := live.Engine().Evaluate(c.q, i18n.FR)
				_ = Answer(r, r.Lang)
			}
		}(g)
	}
	inv := inventory.Sample()
	inv.Systems[1].Status = inventory.Suspended // ChatGPT
	live.Rebuild(inv)
	inv.Systems[1].Status = inventory.Approved // the engine kept its own copy
	wg.Wait()
	if r := live.Engine().Evaluate("Puis-je utiliser ChatGPT pour traduire ?", i18n.FR); r.Verdict != NotApproved || r.Rule != 2 {
		t.Errorf("after rebuild: %s rule %d", r.Verdict, r.Rule)
	}
}
