package incident

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/storage"
)

// routeIntent returns the incident intent the engine would pick for text, or "" when
// it does not match and the turn goes elsewhere.
func routeIntent(t *testing.T) func(text string) string {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "intents.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	f, err := New(Config{Store: db, Notify: delivery.New(db, map[bot.Channel]bot.Messenger{}), FormURL: "https://maestro.example/f",
		Systems: []string{"PlanifIA"}})
	feats := []conversations.Feature{f}
	if err != nil {
		t.Fatal(err)
	}
	var intents []conversations.Intent
	for _, f := range feats {
		if p, ok := f.(conversations.IntentProvider); ok {
			intents = append(intents, p.Intents()...)
		}
	}
	sort.SliceStable(intents, func(i, j int) bool { return intents[i].Priority > intents[j].Priority })
	return func(msg string) string {
		for _, in := range intents {
			if in.Match(nil, text.FoldWords(msg)) {
				return in.Name
			}
		}
		return ""
	}
}

func TestIncidentIntent(t *testing.T) {
	route := routeIntent(t)
	for _, tc := range []struct {
		text string
		want string
	}{
		// French, with and without accents.
		{"j'ai mis par erreur des notes d'élèves dans ChatGPT", "incident"},
		{"jai mis par erreur des notes d eleves dans chatgpt", "incident"},
		{"oups j'ai copié le dossier d'un élève dans Copilot", "incident"},
		{"OUPS J'AI COPIE LE DOSSIER D'UN ELEVE DANS COPILOT", "incident"},
		{"Je viens de coller le plan d'intervention de mon élève dans Gemini", "incident"},
		{"J’ai accidentellement collé les coordonnées des parents dans un outil d'IA", "incident"},
		{"mon collègue a téléversé des bulletins dans Claude", "incident"},
		{"J'ai saisi le dossier d'une élève dans PlanifIA", "incident"},
		{"je pense que j'ai fait un incident de confidentialité", "incident"},
		{"Comment déclarer un incident de confidentialité ?", "incident"},
		{"Oups, un courriel d'une mère est parti dans ChatGPT par erreur", "incident"},
		// English.
		{"I pasted a parent's email into Gemini", "incident"},
		{"i accidentally uploaded my students' report cards to chatgpt", "incident"},
		{"We've shared a student's IEP with an AI tool by mistake", "incident"},
		{"Oops, I typed my class list into Copilot", "incident"},
		{"I think I need to report a privacy breach", "incident"},
		// Not incidents: policy questions, requests, negations, nothing personal.
		{"puis-je mettre des notes dans ChatGPT ?", ""},
		{"Puis-je coller le dossier d'un élève dans Copilot ?", ""},
		{"Est-ce que j'ai le droit de mettre des notes d'élèves dans ChatGPT ?", ""},
		{"j'ai mis à jour ma demande", ""},
		{"j'ai mis à jour les notes des élèves dans ChatGPT", ""},
		{"J'ai envoyé ma demande pour utiliser ChatGPT avec des données d'élèves", ""},
		{"je n'ai pas mis de renseignements personnels dans ChatGPT", ""},
		{"j'ai mis mes notes de cours dans ChatGPT pour les résumer", ""},
		{"J'ai utilisé ChatGPT pour résumer un article", ""},
		{"Can I paste student grades into ChatGPT?", ""},
		{"May I put a parent's email in Copilot?", ""},
		{"I pasted my lesson plan into ChatGPT", ""},
		{"I submitted my request for Gemini", ""},
		{"aide", ""},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := route(tc.text); got != tc.want {
				t.Errorf("route(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}
