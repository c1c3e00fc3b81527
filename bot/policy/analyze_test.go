package policy

import (
	"reflect"
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/text"
)

func TestNormalize(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want []string
	}{
		{"L'élève", []string{"eleve"}},
		{"Qu'est-ce que j'utilise ?", []string{"est", "ce", "que", "utilise"}},
		{"d’intervention", []string{"intervention"}},
		{"Chat-GPT, chat gpt!", []string{"chat", "gpt", "chat", "gpt"}},
		{"RÉSUMÉ  Synthèse…", []string{"resume", "synthese"}},
		{"Emma's report-card", []string{"emma", "report", "card"}},
		{"students' grades", []string{"students", "grades"}},
		{"aujourd'hui", []string{"aujourdhui"}},
		{"Œuvre à l'école", []string{"oeuvre", "a", "ecole"}},
		{"e\u0301le\u0300ve", []string{"eleve"}}, // decomposed accents
		{"doesn't", []string{"doesnt"}},
		{"jusqu'à 3 élèves", []string{"a", "3", "eleves"}},
		{"", []string{}},
		{"¿¡…!?", []string{}},
	} {
		if got := text.Words(tc.in); !reflect.DeepEqual(got, tc.want) {
			t.Errorf("text.Words(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTokenFlags(t *testing.T) {
	toks := text.Tokenize("Sans l'élève, n'inclut pas Léa")
	got := map[string][3]bool{}
	for _, tk := range toks {
		got[tk.Fold] = [3]bool{tk.Stop, tk.Neg, tk.Cap}
	}
	if !got["sans"][1] || !got["inclut"][1] || !got["pas"][1] || !got["lea"][2] || got["eleve"][0] {
		t.Errorf("flags = %v", got)
	}
	q := "Le bulletin de l'élève Léa"
	for _, tk := range text.Tokenize(q) {
		if tk.Fold == "eleve" && q[tk.Start:tk.End] != "élève" {
			t.Errorf("offsets of élève cover %q", q[tk.Start:tk.End])
		}
	}
}

func TestDetectPersonalData(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []PIIKind
	}{
		// Categories named in words.
		{"les notes de mes élèves", []PIIKind{PIIGrades}},
		{"le bulletin de Léa Tremblay", []PIIKind{PIIName, PIIGrades}},
		{"l'élève Mathis a un TDAH", []PIIKind{PIIName, PIIHealth}},
		{"Mme Gagnon, enseignante de 3e année", []PIIKind{PIIName}},
		{"le plan d'intervention", []PIIKind{PIISupportPlan}},
		{"the student's IEP and medical diagnosis", []PIIKind{PIISupportPlan, PIIHealth}},
		{"photos of my students", []PIIKind{PIIPhoto}},
		{"l'adresse et le numéro de téléphone des parents", []PIIKind{PIIAddress, PIIPhone}},
		{"student email addresses", []PIIKind{PIIEmail}},
		{"date de naissance", []PIIKind{PIIBirthDate}},
		{"le code permanent", []PIIKind{PIICodePermanent}},
		{"numéro d'assurance sociale", []PIIKind{PIISIN}},
		{"le dossier disciplinaire d'un employé", []PIIKind{PIIHRFile}},
		{"un document confidentiel", []PIIKind{PIIConfidential}},
		{"des renseignements personnels", []PIIKind{PIIPersonalInfo}},
		{"the cumulative file of a student", []PIIKind{PIIStudentFile}},
		{"my student Liam's essay", []PIIKind{PIIName}},
		{"report cards", []PIIKind{PIIGrades}},
		// Literal patterns.
		{"écrire à marie.roy@cssdgs.gouv.qc.ca", []PIIKind{PIIEmail}},
		{"call (450) 555-1234", []PIIKind{PIIPhone}},
		{"appeler le 514.555.9876", []PIIKind{PIIPhone}},
		{"+1 438 555 0000", []PIIKind{PIIPhone}},
		{"code TREM12059801", []PIIKind{PIICodePermanent}},
		{"NAS 046 454 286", []PIIKind{PIISIN}},
		{"SIN 046-454-286", []PIIKind{PIISIN}},
		{"à J5R 1A1", []PIIKind{PIIPostalCode}},
		{"postal code h2x1y4", []PIIKind{PIIPostalCode}},
		// Negatives: students, parents or numbers alone are not personal data.
		{"un texte pour mes élèves", nil},
		{"a letter to parents", nil},
		{"students in grade 5", nil},
		{"sans renseignements personnels", nil},
		{"without any personal information", nil},
		{"des notes anonymisées", nil},
		{"anonymized student grades", nil},
		{"commentaires de bulletin génériques", nil},
		{"prendre des notes de réunion", nil},
		{"Microsoft Copilot Chat et Google Gemini", nil},
		{"un plan de cours de 3 pages en 2026", nil},
		{"Puis-je utiliser Copilot ?", nil},
		{"Le Plan d'Intervention Révisé", []PIIKind{PIISupportPlan}},
		{"un plan d'intervention type", nil}, // a template is no one's plan
		{"un texte sur le Moyen Âge", nil},
		{"Léa", nil},
	} {
		got, _ := DetectPersonalData(tc.text)
		if !slices.Equal(got, tc.want) {
			t.Errorf("DetectPersonalData(%q) = %v, want %v", tc.text, got, tc.want)
		}
	}
}

func TestRedaction(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Écrire à marie.roy@cssdgs.gouv.qc.ca au sujet de l'élève Léa Tremblay, née le 2015-03-04",
			"Écrire à [courriel] au sujet de l'élève [nom], née le [date de naissance]"},
		{"Can I put student Liam's IEP, code TREM12059801, in ChatGPT?",
			"Can I put student [nom]'s IEP, code [code permanent], in ChatGPT?"},
		{"Appeler le (450) 555-1234 ou H2X 1Y4 pour le NAS 046 454 286",
			"[nom] le [téléphone] ou [code postal] pour le NAS [NAS]"}, // a word opening a sentence may be a name,
		{"Puis-je résumer un texte ?", "Puis-je résumer un texte ?"},
	} {
		_, got := DetectPersonalData(tc.in)
		if got != tc.want {
			t.Errorf("redact(%q)\n got  %q\n want %q", tc.in, got, tc.want)
		}
	}
}

func TestDetectLanguage(t *testing.T) {
	for _, tc := range []struct {
		text     string
		fallback i18n.Lang
		want     i18n.Lang
	}{
		{"Puis-je utiliser ChatGPT pour résumer ?", i18n.EN, i18n.FR},
		{"Can I use ChatGPT to summarize?", i18n.FR, i18n.EN},
		{"puis je utiliser copilot", i18n.EN, i18n.FR},
		{"is copilot approved", i18n.FR, i18n.EN},
		{"ChatGPT ?", i18n.EN, i18n.EN},
		{"ChatGPT ?", i18n.FR, i18n.FR},
		{"Copilot pour la synthèse", i18n.EN, i18n.FR},
		{"Copilot for lesson planning", i18n.FR, i18n.EN},
		{"Quels outils sont approuvés?", i18n.EN, i18n.FR},
		{"Which tools are approved?", i18n.FR, i18n.EN},
		{"pourquoi", i18n.EN, i18n.FR},
		{"why", i18n.FR, i18n.EN},
		{"Résumé", i18n.EN, i18n.FR},
		{"", i18n.EN, i18n.EN},
	} {
		if got := DetectLanguage(tc.text, tc.fallback); got != tc.want {
			t.Errorf("DetectLanguage(%q, %s) = %s, want %s", tc.text, tc.fallback, got, tc.want)
		}
	}
}

func TestIntent(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct {
		q    string
		want Intent
	}{
		{"Quels outils sont approuvés ?", IntentApprovedTools},
		{"Which AI tools are allowed?", IntentApprovedTools},
		{"Quels outils puis-je utiliser pour traduire ?", IntentApprovedTools},
		{"Que puis-je faire avec Copilot ?", IntentSystemUses},
		{"What can I do with the private assistant?", IntentSystemUses},
		{"Pourquoi ?", IntentWhy},
		{"why?", IntentWhy},
		{"Puis-je utiliser Copilot pour résumer ?", IntentVerdict},
		{"Pourquoi ChatGPT est-il interdit pour résumer ?", IntentVerdict},
	} {
		if got := e.Evaluate(tc.q, i18n.FR).Intent; got != tc.want {
			t.Errorf("intent(%q) = %s, want %s", tc.q, got, tc.want)
		}
	}
}

func TestToolRecognition(t *testing.T) {
	e := testEngine(t)
	for _, tc := range []struct{ q, tool, system string }{
		{"copilot", "Microsoft Copilot Chat", "copilot-chat"}, // the inventory wins over the catalogue
		{"Microsoft Copilot", "Microsoft Copilot Chat", "copilot-chat"},
		{"Chat-GPT", "ChatGPT", "chatgpt"},
		{"chat gpt", "ChatGPT", "chatgpt"},
		{"ChatGPT's answer", "ChatGPT", "chatgpt"},
		{"Copilote", "Microsoft Copilot Chat", "copilot-chat"},
		{"OpenAI", "ChatGPT", "chatgpt"}, // a catalogue alias of a tool the inventory lists
		{"GPT-4o", "ChatGPT", "chatgpt"},
		{"Bing Chat", "Microsoft Copilot Chat", "copilot-chat"},
		{"Gemini au lieu de Copilot", "Google Gemini", ""}, // the first named wins
		{"Dall-E 3", "DALL-E", ""},
		{"le chat mistral", "Mistral Le Chat", ""},
		{"une gamme de produits", "", ""}, // not Gamma
		{"une clause du contrat", "", ""}, // not Claude
		{"la salle de classe", "", ""},    // not DALL-E
		{"dans le chat Teams", "", ""},    // not Le Chat
		{"l'intelligence artificielle", "", ""},
	} {
		r := e.Evaluate("Puis-je utiliser "+tc.q+" ?", i18n.FR)
		if r.Tool != tc.tool || r.SystemID != tc.system {
			t.Errorf("%q: tool %q system %q, want %q %q", tc.q, r.Tool, r.SystemID, tc.tool, tc.system)
		}
	}
}

func TestOSADistance(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		d    int
	}{{"copilot", "copilote", 1}, {"chatgtp", "chatgpt", 1}, {"gemeni", "gemini", 1}, {"abc", "abc", 0}, {"claude", "cluade", 1}, {"canva", "canal", 2}, {"", "ab", 2}} {
		if got := osaDistance(tc.a, tc.b); got != tc.d {
			t.Errorf("osa(%q,%q) = %d, want %d", tc.a, tc.b, got, tc.d)
		}
	}
}

// TestInventoryOverridesCatalogue: a system the inventory lists under a catalogue name
// is judged by the inventory.
func TestInventoryOverridesCatalogue(t *testing.T) {
	inv := inventory.Sample()
	inv.Systems = append(inv.Systems, inventory.System{ID: "gemini", Name: "Gemini", Aliases: []string{"bard"},
		Kind: inventory.Public, Hosting: inventory.Foreign, Status: inventory.Approved, Permitted: []string{"translation"}})
	e := NewEngine(inv)
	r := e.Evaluate("Can I use Bard to translate a letter?", i18n.EN)
	if r.SystemID != "gemini" || r.Verdict != Permitted {
		t.Errorf("got %s %s", r.SystemID, r.Verdict)
	}
	if !strings.Contains(Answer(r, r.Lang), "Yes") {
		t.Errorf("answer: %s", Answer(r, r.Lang))
	}
	// The catalogue's other names for it lead to the inventory's system too.
	if r := e.Evaluate("Puis-je utiliser Google Gemini pour traduire ?", i18n.FR); r.SystemID != "gemini" || r.Verdict != Permitted {
		t.Errorf("Google Gemini: %s %s", r.SystemID, r.Verdict)
	}
}
