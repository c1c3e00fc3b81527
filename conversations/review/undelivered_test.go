package review_test

import "testing"

// TestUndeliveredCardTellsAdminsAndIsPostedAgain: CODIR-IN has no channel and none of
// its members ever talked to the bot, so the request's card reaches no one. The
// requester is told reviewers will find it, the administrators are told to fix the
// role, and the card is posted again once a member asks for « demandes à examiner ».
func TestUndeliveredCardTellsAdminsAndIsPostedAgain(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("admin").Say("aide")
	r.As("alice").Say("aide")
	h.draft("alice", baseAnswers())
	r.Say("soumettre 1").Want("Aucun canal d'approbation n'a pu être joint", "→ admin",
		"La carte de la demande n° 1 n'a pu être remise à personne du rôle CODIR-IN")
	r.As("codir").Say("demandes à examiner").Want("→ codir", "DEMANDE D'APPROBATION N° 1").WantNot("⚠")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
