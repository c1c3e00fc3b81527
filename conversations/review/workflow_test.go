package review_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
)

// TestApprovePath: submitted → CODIR-IN (cards in its registered channel) → approved,
// the ruling in the inventory, the card updated, requester and supervisor told.
func TestApprovePath(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("bob").Say("bonjour")
	r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN").Want("C'est fait", "CODIR-IN")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "→ #codir", "DEMANDE D'APPROBATION N° 1 — CHATGPT ÉDU",
		"Étape : décision du CODIR-IN", "[1] Approuver", "[2] Approuver avec conditions", "[3] Refuser", "[4] Demander des modifications",
		"[5] Demander un avis", "[6] Détails")
	r.As("codir").In("codir").Press("Approuver", nil).
		Want("APPROBATION DE LA DEMANDE N° 1", "[1] Confirmer l'approbation")
	r.Press("Confirmer l'approbation", map[string]string{"use:summary": "permis", "use:translation": "restreint",
		"cond:translation": "Relire la traduction", "hosting": "canada", "comment": "Conforme",
		"trainees": "Julie.Roy@example.org, marc@example.org"}).
		Want("C'est noté : la demande n° 1 est approuvée", "✎", "Approuvée par codir le 2026-09-01 à 10 h 00",
			"→ alice", "Bonne nouvelle", "Traduction : restreint — Relire la traduction", "→ bob", "Pour votre information")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	got := h.request(id)
	if got.Status != requests.Approved || got.DecidedAt == nil {
		t.Fatalf("status = %s, decided %v; want approved", got.Status, got.DecidedAt)
	}
	sys := h.system("ChatGPT Édu")
	if sys.Name != "ChatGPT Édu" || sys.Status != "approved" || sys.Hosting != "canada" || sys.OwnerKey != "terminal:alice" || sys.EFVPNextReview == nil ||
		sys.EFVPNextReview.Format("2006-01-02") != "2027-08-15" {
		t.Errorf("system = %+v; want approved, canada, owner alice, EFVP revised 2027-08-15", sys)
	}
	if rule, cond := h.rule(sys.ID, "translation"); rule != inventory.Restricted || cond.FR != "Relire la traduction" ||
		cond.EN != "Relire la traduction" {
		t.Errorf("translation = %s %+v; want restricted with the condition", rule, cond)
	}
	// The requester and the two people named are to be trained at the first session (7).
	trainings := h.trainings(id)
	for _, who := range []string{"terminal:alice", "julie.roy@example.org", "marc@example.org"} {
		if got, ok := trainings[who]; !ok || got != "2026-09-15" {
			t.Errorf("training of %s = %q (%v); want the session of 2026-09-15", who, got, ok)
		}
	}
	want := []string{"request.submit", "review.start", "review.approve"}
	if got := h.actions(requests.Subject(id)); !slices.Equal(got, want) {
		t.Errorf("audit of the request = %v, want %v", got, want)
	}
	if got := h.actions("system:" + sys.ID); !slices.Equal(got, []string{"inventory.approve"}) {
		t.Errorf("audit of the system = %v, want [inventory.approve]", got)
	}
}

// TestRejectNeedsAComment: a rejection without a comment is refused with a message;
// with one, the request is rejected and the requester told why.
func TestRejectNeedsAComment(t *testing.T) {
	h := newHarness(t)
	r := h.r
	h.draft("alice", baseAnswers())
	r.As("codir").Say("aide")
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "→ codir")
	r.As("codir").Press("Refuser", nil).Want("Écrivez un commentaire")
	r.Press("Refuser", map[string]string{"comment": "Un système privé existe déjà"}).
		Want("est refusée", "→ alice", "« Un système privé existe déjà »", "Le système ne peut pas être utilisé (6.1)")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := h.request(1); got.Status != requests.Rejected {
		t.Fatalf("status = %s, want rejected", got.Status)
	}
	if n := len(h.inventory().Systems); n != 0 {
		t.Fatalf("a rejection wrote %d systems into the inventory", n)
	}
}

// TestChangesThenResubmit: CODIR-IN asks for changes, the requester edits and
// resubmits; the new round gets a new card, the old card decides nothing.
func TestChangesThenResubmit(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1")
	r.As("codir").In("codir").Press("Demander des modifications", map[string]string{"comment": "Précisez le calendrier de formation"}).
		Want("renvoyée au demandeur", "✎", "Modifications demandées par codir", "→ alice", "modifier ma demande 1")
	if got := h.request(id); got.Status != requests.ChangesRequested {
		t.Fatalf("status = %s, want changes_requested", got.Status)
	}
	if err := h.db.SetAnswer(h.ctx, id, requests.TagTrainingCalendar, requests.Answer{Value: "2026-09-10"}); err != nil {
		t.Fatal(err)
	}
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "soumission n° 2")
	if got := h.request(id); got.Round != 2 || got.Status != requests.CODIRReview {
		t.Fatalf("after resubmission: round %d, %s; want 2, codir_review", got.Round, got.Status)
	}
	// A click left on the first round's card: already decided, nothing changes.
	replies, err := h.click("codir2", "review.reject", ref(id, 1, requests.CODIRReview), map[string]string{"comment": "non"})
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(replies); !strings.Contains(got, "déjà été décidée par codir le 2026-09-01 à 10 h 00 (Modifications demandées)") {
		t.Errorf("old card click = %q, want already decided", got)
	}
	r.As("codir2").In("codir").Press("Approuver", nil).Press("Confirmer l'approbation", map[string]string{"hosting": "foreign"}).
		Want("est approuvée")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := h.request(id); got.Status != requests.Approved || got.Round != 2 {
		t.Fatalf("status = %s round %d, want approved in round 2", got.Status, got.Round)
	}
	if rule, cond := h.rule(h.system("ChatGPT Édu").ID, "summary"); rule != inventory.Restricted ||
		!strings.Contains(cond.FR, "Aucun renseignement personnel") || !strings.Contains(cond.EN, "No personal information") {
		t.Errorf("summary on a public system = %s %+v; want the default restriction of 6.2", rule, cond)
	}
}

// TestApprovalFormChecks: a bad value in the approval form shows the form again with
// what to correct, and decides nothing; a use made restricted gets its conditions
// field.
func TestApprovalFormChecks(t *testing.T) {
	h := newHarness(t)
	a := baseAnswers()
	a[requests.TagSystemKind] = "private"
	id := h.submitted(a)
	subject := ref(id, 1, requests.CODIRReview)
	for _, tc := range []struct {
		name   string
		values map[string]string
		want   string
	}{
		{"no hosting", map[string]string{}, "Choisissez l'hébergement des données"},
		{"restricted without conditions", map[string]string{"hosting": "canada", "use:summary": "restreint"},
			"Usage « Synthèse » : un usage restreint doit préciser ses conditions (6.1)."},
		{"unknown rule", map[string]string{"hosting": "canada", "use:summary": "peut-être"}, "choisissez permis, restreint ou interdit"},
		{"unknown hosting", map[string]string{"hosting": "Mars"}, "Choisissez l'hébergement"},
		{"EFVP date in the past", map[string]string{"hosting": "canada", "efvp_next": "2026-01-01"}, "doit être à une date future"},
		{"EFVP date unreadable", map[string]string{"hosting": "canada", "efvp_next": "demain"}, "« demain » n'est pas une date"},
		{"training date unreadable", map[string]string{"hosting": "canada", "training": "2026-09-15, bientôt"}, "« bientôt » n'est pas une date"},
		{"trainee not an e-mail", map[string]string{"hosting": "canada", "trainees": "julie.roy@example.org, Marc Gagnon"}, "« Marc » n'est pas une adresse courriel"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			replies, err := h.click("codir", "review.confirm", subject, tc.values)
			if err != nil {
				t.Fatal(err)
			}
			if len(replies) != 1 || replies[0].Card == nil || len(replies[0].Card.Sections) == 0 ||
				!strings.Contains(replies[0].Card.Sections[0].Text, tc.want) {
				t.Fatalf("got %q, want the form again with %q", texts(replies), tc.want)
			}
		})
	}
	replies, err := h.click("codir", "review.confirm", subject, map[string]string{"hosting": "canada", "use:summary": "restreint"})
	if err != nil {
		t.Fatal(err)
	}
	var hasField bool
	for _, in := range replies[0].Card.Inputs {
		hasField = hasField || in.ID == "cond:summary"
	}
	if !hasField {
		t.Errorf("a use made restricted has no conditions field: %+v", replies[0].Card.Inputs)
	}
	if n := h.decisions(id, 1); n != 0 {
		t.Fatalf("%d decisions after invalid forms, want 0", n)
	}
	replies, err = h.click("codir", "review.confirm", subject, map[string]string{"hosting": "canada", "use:summary": "restreint",
		"cond:summary": "Documents publics seulement"})
	if err != nil || !strings.Contains(texts(replies), "est approuvée") {
		t.Fatalf("valid form = %q, %v", texts(replies), err)
	}
}

// TestInEnglish: people who chose English get the workflow in English — the
// requester's replies and notifications, a reviewer's cards and answers; a card for a
// role without a channel reaches each member in their language.
func TestInEnglish(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("codir").Say("in English please").Want("English")
	r.As("alice").Say("in English please")
	id := h.draft("alice", baseAnswers())
	r.Say("soumettre 1").Want("Your request #1 is sent to CODIR-IN, which decides on every request (6.3.3).",
		"→ codir", "APPROVAL REQUEST #1")
	r.As("codir").Say("pending reviews").Want("1 request is waiting for your decision", "APPROVAL REQUEST #1 — CHATGPT ÉDU",
		"Stage: CODIR-IN decision (6.3.3)", "Uses requested : Summary, Translation", "[1] Approve", "[2] Approve with conditions", "[3] Reject", "[4] Request changes")
	r.Press("Reject", nil).Want("Write a comment explaining your decision")
	r.Press("Request changes", map[string]string{"comment": "Give the training dates"}).
		Want("Done: request #1 is sent back to the requester for changes.", "→ alice",
			"codir (CODIR-IN decision) asks for changes to your request #1", "edit my request 1")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := h.request(id); got.Status != requests.ChangesRequested {
		t.Fatalf("status = %s, want changes_requested", got.Status)
	}
}
