package review_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
)

// TestPrivacyStage: a use that supports a decision about a person goes from CODIR-IN
// to the privacy committee (5.1.11), and only its approval writes the inventory, with
// CODIR-IN's ruling.
func TestPrivacyStage(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("codir").Say("aide")
	r.As("cprpsi").Say("aide")
	a := baseAnswers()
	a[requests.TagSystemKind], a[requests.TagPersonalData], a[requests.TagAutomatedDecision] = "private", "yes", "yes"
	a[requests.TagUses] = "grading"
	id := h.draft("alice", a)
	r.As("alice").Say("soumettre 1").Want("→ codir", "Modèle ouvert", "Hébergement au Québec ou au Canada")
	r.As("codir").Press("Approuver", nil).Want("la demande passera ensuite au CPRPSI (5.1.11)",
		"Correction et évaluation des apprentissages : restreint — Consentement de la personne concernée")
	r.Press("Confirmer l'approbation", map[string]string{"hosting": "quebec"}).
		Want("transmise au CPRPSI", "→ cprpsi", "Étape : approbation du CPRPSI (5.1.11)", "Décision du CODIR-IN sur les usages",
			"→ alice", "doit maintenant être approuvée par le CPRPSI")
	if got := h.request(id); got.Status != requests.PrivacyReview {
		t.Fatalf("status = %s, want privacy_review", got.Status)
	}
	if n := len(h.inventory().Systems); n != 0 {
		t.Fatalf("%d systems in the inventory before the CPRPSI approved, want 0", n)
	}
	// CODIR-IN cannot take the privacy committee's decision.
	replies, err := h.click("codir", "review.approve", ref(id, 1, requests.PrivacyReview), nil)
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(replies); !strings.Contains(got, "seuls les membres du CPRPSI") {
		t.Errorf("CODIR-IN on the privacy stage = %q, want not authorised", got)
	}
	r.As("cprpsi").Press("Approuver", nil).Want("est approuvée", "→ alice", "Bonne nouvelle")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if rule, cond := h.rule(h.inventory().Systems[0].ID, "grading"); rule != inventory.Restricted || !strings.Contains(cond.FR, "5.1.11") {
		t.Errorf("grading = %s %+v; want restricted to consent and oversight (5.1.11)", rule, cond)
	}
	want := []string{"request.submit", "review.start", "review.approve", "review.denied", "review.approve"}
	if got := h.actions(requests.Subject(id)); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
}

// TestSTIStage: items left to the STI send the request to it first; the STI fills
// them (a bad interval is refused with a message) and approves, which sends the
// request to CODIR-IN. The STI cannot refuse a request (6.3.3).
func TestSTIStage(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("sti").Say("aide")
	r.As("codir").Say("aide")
	id := h.draft("alice", baseAnswers(), "a1.sti.dng.access", requests.TagRiskReviewInterval)
	r.As("alice").Say("soumettre 1").Want("transmise au STI", "→ sti", "Étape : analyse par le STI",
		"2 éléments restent à compléter", "[1] Compléter les éléments", "[2] Approuver", "[3] Demander des modifications")
	r.As("sti").Press("Approuver", nil).Want("Il reste 2 éléments à compléter avant de transmettre")
	replies, err := h.click("sti", "review.reject", ref(id, 1, requests.STIReview), map[string]string{"comment": "non"})
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(replies); !strings.Contains(got, "Le STI ne refuse pas une demande") {
		t.Errorf("STI reject = %q", got)
	}
	r.As("sti").Press("Compléter les éléments", nil).Want("ÉLÉMENTS À COMPLÉTER — DEMANDE N° 1", "[1] Enregistrer")
	r.Press("Enregistrer", map[string]string{"sti:risk.review_interval": "souvent"}).Want("indiquez un nombre de jours")
	r.Press("Enregistrer", map[string]string{"sti:risk.review_interval": "3 mois", "sti:a1.sti.dng.access": "Accès par groupes, revus chaque année"}).
		Want("2 éléments enregistrés. Tous les éléments confiés au STI sont complétés", "[1] Approuver").WantNot("Il reste 0 élément")
	r.Press("Approuver", nil).Want("transmise au CODIR-IN", "→ codir", "Étape : décision du CODIR-IN", "→ alice",
		"Le STI a complété l'analyse")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	got := h.request(id)
	if got.Status != requests.CODIRReview || len(got.Facts().PendingSTI()) != 0 {
		t.Fatalf("status %s, pending %v; want codir_review, none", got.Status, got.Facts().PendingSTI())
	}
	if days, _ := got.Facts().RiskReviewInterval(); days != 90 {
		t.Errorf("risk review interval = %d days, want 90", days)
	}
	want := []string{"request.submit", "review.start", "review.sti_fill", "review.approve"}
	if got := h.actions(requests.Subject(id)); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
}

// TestResubmissionReturnsToTheSTI: a request the STI sent back for changes goes back
// to the STI when resubmitted, not straight to CODIR-IN.
func TestResubmissionReturnsToTheSTI(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("sti").Say("aide")
	id := h.draft("alice", baseAnswers(), "a1.sti.dng.access")
	r.As("alice").Say("soumettre 1").Want("transmise au STI")
	r.As("sti").Press("Demander des modifications", map[string]string{"comment": "Précisez les accès"}).
		Want("renvoyée au demandeur", "→ alice")
	if err := h.db.SetAnswer(h.ctx, id, "a1.sti.dng.access", requests.Answer{Value: "Accès par groupes"}); err != nil {
		t.Fatal(err)
	}
	r.As("alice").Say("soumettre 1").Want("transmise au STI", "soumission n° 2", "→ sti")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := h.request(id); got.Round != 2 || got.Status != requests.STIReview || len(got.Facts().PendingSTI()) != 0 {
		t.Fatalf("after resubmission: round %d, %s, pending %v; want round 2 with the STI, nothing pending",
			got.Round, got.Status, got.Facts().PendingSTI())
	}
}
