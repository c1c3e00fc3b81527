package app

import (
	"context"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
)

// twoDialogs is the app's engine behind a script runner, for a person with two
// dialogs under way.
func twoDialogs(t *testing.T) *consoletest.Runner {
	t.Helper()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(context.Background(), cfg, Options{Roles: config.DemoRoles()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	// A clock that moves, as a real one does: the dialog saved last is the one that
	// reads the next turn.
	var mu sync.Mutex
	now := time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC)
	clock := func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		now = now.Add(time.Second)
		return now
	}
	a.DB.Now = clock
	a.Engine.SetClock(clock)
	r := consoletest.New(t, a.Engine)
	a.Notify.Add(bot.Terminal, r.Con)
	return r
}

// TestIncidentMidRequestTakesTheNextAnswer: an incident told as a question in the
// middle of an Annexe 1 request offers a report; the "oui" that follows is for that
// offer, not the request's first answer, and the request resumes when the report ends.
func TestIncidentMidRequestTakesTheNextAnswer(t *testing.T) {
	r := twoDialogs(t)
	r.As("alice").Say("faire une demande").Want("Quel système d'IAG")
	r.Say("Qu'est-ce que je fais, j'ai mis par erreur des notes d'élèves dans ChatGPT ?").
		Want("Préparer le rapport").WantNot("Quel système d'IAG")
	r.Say("oui").WantNot("C'est noté", "Étape 2 de 35")
	r.Say("annuler").Want("je n'envoie rien", "Étape 1 de 35", "Quel système d'IAG")
	r.Say("ChatGPT Edu").Want("C'est noté", "Étape 2 de 35")
}

// TestLapsedIncidentOfferPassesTheAnswerOn: an answer to the request typed instead of
// replying to the incident offer lets the offer lapse and still reaches the request.
func TestLapsedIncidentOfferPassesTheAnswerOn(t *testing.T) {
	r := twoDialogs(t)
	r.As("alice").Say("faire une demande")
	r.Say("Qu'est-ce que je fais, j'ai mis par erreur des notes d'élèves dans ChatGPT ?")
	r.Say("ChatGPT Edu").Want("C'est noté", "Étape 2 de 35")
}

// TestDeleteMyDataMidRequest: "supprimer mes données" typed while a draft is open is
// the erasure command, not the answer to the step; "non" keeps everything and the
// request asks its question again.
func TestDeleteMyDataMidRequest(t *testing.T) {
	r := twoDialogs(t)
	r.As("alice").Say("faire une demande")
	r.Say("mes données").Want("CE QUE JE CONSERVE", "Étape 1 de 35").WantNot("C'est noté")
	r.Say("supprimer mes données").Want("SUPPRIMER VOS DONNÉES").WantNot("C'est noté", "Étape 1 de 35")
	r.Say("non").Want("je ne supprime rien", "Étape 1 de 35")
	r.Say("ChatGPT Edu").Want("C'est noté", "Étape 2 de 35")

	r.As("bob").Say("new request").Say("delete my data").Want("DELETE YOUR DATA").WantNot("Noted")
	r.Say("ChatGPT Edu").Want("Noted", "Step 2 of 35")
}

// TestIncidentStatementMidRequest: an incident told as a statement (no question mark)
// in the middle of a request is handled as an incident, not saved as an answer.
func TestIncidentStatementMidRequest(t *testing.T) {
	r := twoDialogs(t)
	r.As("alice").Say("faire une demande").Want("Quel système d'IAG")
	r.Say("J'ai mis par erreur des notes d'élèves dans ChatGPT").
		Want("Préparer le rapport").WantNot("C'est noté")
	r.Say("non").WantNot("C'est noté", "Étape 2 de 35")
	r.Say("ChatGPT Edu").Want("C'est noté", "Étape 2 de 35")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestCommandsMidRequestAreNotAnswers: reviewers' and reminders' commands typed in the
// middle of a request are handled, and the request asks its question again.
func TestCommandsMidRequestAreNotAnswers(t *testing.T) {
	r := twoDialogs(t)
	r.As("codir").Say("faire une demande").Want("Quel système d'IAG")
	r.Say("demandes à examiner").WantNot("C'est noté").Want("Quel système d'IAG")
	r.Say("rappelle-moi dans une semaine").WantNot("C'est noté").Want("Quel système d'IAG")
	r.Say("ChatGPT Edu").Want("C'est noté", "Étape 2 de 35")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
