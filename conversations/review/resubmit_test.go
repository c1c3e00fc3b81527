package review_test

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations/annexe"
)

// TestResubmissionHistory: the STI asks for changes; the resubmission returns to the
// STI with its comment and the history on the card; CODIR-IN then sees both rounds.
// « mes demandes » lists the same history for the requester.
func TestResubmissionHistory(t *testing.T) {
	h := newHarness(t)
	d := annexe.New(h.db)
	d.History = h.f.HistoryLines
	h.eng.Register(d)
	r := h.r
	r.As("sti").Say("aide")
	r.As("codir").Say("aide")
	id := h.draft("alice", baseAnswers(), "a1.sti.dng.access")
	r.As("alice").Say("soumettre 1").Want("transmise au STI")
	r.As("sti").Press("Demander des modifications", map[string]string{"comment": "Précisez les accès"}).
		Want("renvoyée au demandeur", "→ alice")
	if err := h.db.SetAnswer(h.ctx, id, "a1.sti.dng.access", requests.Answer{Value: "Accès par groupes"}); err != nil {
		t.Fatal(err)
	}
	r.As("alice").Say("soumettre 1").Want("transmise au STI", "→ sti", "soumission n° 2", "Décisions prises",
		"Analyse par le STI · soumission n° 1 : Modifications demandées par sti le 2026-09-01 à 10 h 00 — Précisez les accès")
	r.As("sti").Press("Approuver", nil).Want("transmise au CODIR-IN", "→ codir",
		"Analyse par le STI · soumission n° 1 : Modifications demandées par sti le 2026-09-01 à 10 h 00 — Précisez les accès",
		"Analyse par le STI · soumission n° 2 : Approuvée par sti")
	r.As("alice").Say("mes demandes").Want("n° 1", "Analyse par le STI · soumission n° 1 : Modifications demandées par sti",
		"— Précisez les accès", "Analyse par le STI · soumission n° 2 : Approuvée par sti")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := h.request(id); got.Status != requests.CODIRReview || got.Round != 2 {
		t.Fatalf("status %s round %d, want codir_review in round 2", got.Status, got.Round)
	}
}

// TestResubmissionReturnsToCODIRAndPrivacy: CODIR-IN's request for changes brings the
// request back to CODIR-IN; the privacy committee's brings it back to the committee,
// which approves CODIR-IN's ruling of the earlier round.
func TestResubmissionReturnsToCODIRAndPrivacy(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("codir").Say("aide")
	r.As("cprpsi").Say("aide")
	a := baseAnswers()
	a[requests.TagSystemKind], a[requests.TagPersonalData], a[requests.TagAutomatedDecision] = "private", "yes", "yes"
	a[requests.TagUses] = "grading"
	id := h.draft("alice", a)
	r.As("alice").Say("soumettre 1").Want("→ codir")
	r.As("codir").Press("Demander des modifications", map[string]string{"comment": "Ajoutez une date de formation"})
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "→ codir", "soumission n° 2",
		"Décision du CODIR-IN · soumission n° 1 : Modifications demandées par codir", "— Ajoutez une date de formation")
	r.As("codir").Press("Approuver", nil).Press("Confirmer l'approbation", map[string]string{"hosting": "quebec"}).
		Want("transmise au CPRPSI", "→ cprpsi")
	r.As("cprpsi").Press("Demander des modifications", map[string]string{"comment": "Décrivez le consentement"})
	r.As("alice").Say("soumettre 1").Want("transmise de nouveau au CPRPSI", "→ cprpsi", "soumission n° 3", "Décision du CODIR-IN sur les usages",
		"Approbation du CPRPSI · soumission n° 2 : Modifications demandées par cprpsi", "— Décrivez le consentement")
	if got := h.request(id); got.Status != requests.PrivacyReview || got.Round != 3 {
		t.Fatalf("status %s round %d, want privacy_review in round 3", got.Status, got.Round)
	}
	r.As("cprpsi").Press("Approuver", nil).Want("est approuvée", "→ alice", "Bonne nouvelle",
		"Correction et évaluation des apprentissages : restreint")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if rule, cond := h.rule(h.inventory().Systems[0].ID, "grading"); rule != inventory.Restricted || !strings.Contains(cond.FR, "5.1.11") {
		t.Errorf("grading = %s %+v; want CODIR-IN's ruling of round 2", rule, cond)
	}
}
