package annexe_test

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/requests"
)

// TestResumeAfterRestart stops the engine mid-dialog, starts a new one on the same
// database file, and goes on: first by answering straight away, then after a pause.
func TestResumeAfterRestart(t *testing.T) {
	first := newEnv(t)
	first.fill("alice", 5)
	first.r.Want(step(6))
	first.done()
	if err := first.db.Close(); err != nil {
		t.Fatal(err)
	}

	second := openEnv(t, first.path)
	second.r.As("alice").Say("non").Want("C'est noté.", step(7))
	second.r.Say("pause").Want("« reprendre »")
	second.done()
	second.db.Close()

	third := openEnv(t, first.path)
	third.r.As("alice").Say("reprendre").Want("On reprend la demande n° 1 à l'étape 7 de 35.", "Qui est votre supérieur immédiat ?")
	for _, a := range frScript[atStep(frScript, 7):] {
		third.r.Say(a.say)
	}
	third.r.Want("Toutes les questions de la demande n° 1 ont une réponse")
	third.done()
	r := third.draftOf("terminal:alice")
	checkStored(t, r, frScript)
	if r.Status != requests.Draft {
		t.Errorf("status = %s, want draft until submitted", r.Status)
	}
}
