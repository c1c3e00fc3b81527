package review_test

import (
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"testing"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations/review"
)

// TestReassignToAMember: the administrator moves CODIR-IN's stage to marie with a
// reason; it is audited before → after, marie gets the card, the card in CODIR-IN's
// channel decides nothing any more, CODIR-IN's members are refused, the requester is
// told, and marie decides.
func TestReassignToAMember(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("marie").Say("bonjour")
	r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("→ #codir")
	old, err := h.db.PostedCards(h.ctx, id, 1, requests.CODIRReview)
	if err != nil || len(old) != 1 || !old[0].Conversation.Group {
		t.Fatalf("posted cards = %+v, %v", old, err)
	}
	r.As("bob").Say("réassigner la demande 1 à marie — motif : congé").Want("Seuls les administrateurs peuvent réassigner")
	r.As("admin").Say("réassigner la demande 1 à marie").Want("Indiquez le motif")
	r.As("admin").Say("réassigner la demande 1 à alice — motif : test").Want("jamais confiée à la personne qui l'a faite")
	r.As("admin").Say("réassigner la demande 1 à marie — motif : congé").
		Want("RÉASSIGNER CETTE ÉTAPE ?", "Confiée à : CODIR-IN → marie", "Raison : congé")
	r.Say("oui").Want("C'est fait : l'étape de la demande n° 1 passe de CODIR-IN à marie — congé.",
		"Réassignée à marie par admin — congé", "→ marie", "DEMANDE D'APPROBATION N° 1", "→ alice", "confiée à marie")
	// The old card in CODIR-IN's channel lost its buttons; a press on it all the same
	// (a client showing it as it was) is refused, and audited.
	stale := h.eng
	replies, err := stale.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "codir2", Name: "codir2"}, Locale: "fr",
		Conversation: old[0].Conversation, Action: &bot.Action{Verb: review.VerbReject, Subject: ref(id, 1, requests.CODIRReview),
			Values: map[string]string{"comment": "Non"}, MessageID: old[0].MessageID}})
	if err != nil || !strings.Contains(texts(replies), "Ce bouton n'est plus valide") {
		t.Fatalf("a press on the old card: %s, %v", texts(replies), err)
	}
	if got := texts(h.clickAs("codir", review.VerbApprove, ref(id, 1, requests.CODIRReview), "")); !strings.Contains(got, "confiée à marie") {
		t.Fatalf("codir after the reassignment: %s", got)
	}
	r.As("marie").Say("demandes à examiner").Want("DEMANDE D'APPROBATION N° 1")
	r.As("codir").Say("demandes à examiner").Want("Aucune demande").WantNot("DEMANDE D'APPROBATION N° 1")
	if got := texts(h.clickAs("marie", review.VerbReject, ref(id, 1, requests.CODIRReview), "Hors procédure")); !strings.Contains(got, "refusée") {
		t.Fatalf("marie decides: %s", got)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := h.auditNames(workflow.AuditReassign, requests.Subject(id)); len(got) != 1 || got[0] != "admin | role:codir-in → terminal:marie — congé" {
		t.Fatalf("audit = %q", got)
	}
	if n := h.audited("review.denied", requests.Subject(id)); n < 3 {
		t.Fatalf("%d refusals audited, want the non-admin, the old card and codir", n)
	}
}

// TestReassignToARole: moved to the privacy committee, only its members decide.
func TestReassignToARole(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("cprpsi").Say("bonjour")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1")
	r.As("admin").Say("reassign request 1 to the cprpsi role - reason: conflict of interest").
		Want("REASSIGN THIS STAGE?", "Assigned to : CODIR-IN → CPRPSI")
	r.Say("yes").Want("→ cprpsi", "goes from CODIR-IN to CPRPSI")
	r.As("admin").Say("reassign request 1 to the cprpsi role - reason: again").Want("assigned there already")
	if got := texts(h.clickAs("codir", review.VerbApprove, ref(id, 1, requests.CODIRReview), "")); !strings.Contains(got, "autorisé") {
		t.Fatalf("codir after the reassignment to the privacy committee: %s", got)
	}
	if got := texts(h.clickAs("cprpsi", review.VerbReject, ref(id, 1, requests.CODIRReview), "Non")); !strings.Contains(got, "refusée") {
		t.Fatalf("cprpsi decides: %s", got)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestReassignToSomeoneNeverMet: the stage moves, and the administrator is told the
// card reached no one yet.
func TestReassignToSomeoneNeverMet(t *testing.T) {
	h := newHarness(t)
	r := h.r
	h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1")
	r.As("admin").Say("réassigner la demande 1 à nouvelle.personne@cssdgs.gouv.qc.ca — motif : remplacement").Want("nouvelle.personne@cssdgs.gouv.qc.ca")
	r.Say("oui").Want("passe de CODIR-IN à nouvelle.personne@cssdgs.gouv.qc.ca", "n'a pu être remise à nouvelle.personne@cssdgs.gouv.qc.ca")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
