package mydata_test

import (
	"context"
	"path/filepath"
	"sort"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/storage"
)

// routeIntent returns the intent the engine would pick for text among the features
// about incidents, disclosure and the bot itself (the highest priority match), or ""
// when none matches and the turn goes elsewhere.
func routeIntent(t *testing.T) func(text string) string {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "intents.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	feats, err := privacyFeatures(db, delivery.New(db, map[bot.Channel]bot.Messenger{}), config.Retention{})
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

func TestDisclosureAndOtherIntents(t *testing.T) {
	route := routeIntent(t)
	for _, tc := range []struct {
		text string
		want string
	}{
		{"comment divulguer ?", "disclosure"},
		{"Comment divulguer une synthèse", "disclosure"},
		{"COMMENT DIVULGUER L'UTILISATION DE L'IA AUX PARENTS ?", "disclosure"},
		{"modèle de divulgation", "disclosure"},
		{"Comment mentionner l'utilisation de l'IA dans mon document ?", "disclosure"},
		{"how do I disclose?", "disclosure"},
		{"How should I disclose a translation done with Copilot", "disclosure"},
		{"disclosure statement for ideation", "disclosure"},
		{"puis-je divulguer des notes d'élèves à ChatGPT ?", ""},
		{"Can I disclose student grades to Gemini?", ""},
		{"j'ai divulgué par erreur le dossier d'un élève dans ChatGPT", "incident"},
		{"comment fonctionnes-tu ?", "transparency"},
		{"Es-tu une IA ?", "transparency"},
		{"est-ce que tu es une ia", "transparency"},
		{"how do you work?", "transparency"},
		{"Are you an AI?", "transparency"},
		{"comment ça marche ?", "transparency"},
		{"comment ça marche pour faire une demande ?", ""},
		{"mes données", "mydata"},
		{"Mes donnees svp", "mydata"},
		{"my data", "mydata"},
		{"what do you know about me?", "mydata"},
		{"puis-je mettre mes données dans ChatGPT ?", ""},
		{"supprimer mes données", "mydata.erase"},
		{"je veux effacer mes données", "mydata.erase"},
		{"delete my data please", "mydata.erase"},
		{"forget me", "mydata.erase"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := route(tc.text); got != tc.want {
				t.Errorf("route(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}
