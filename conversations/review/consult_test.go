package review_test

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/record"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// TestConsultationAnsweredAfterTheDecision: CODIR-IN asks the SGC, decides without
// waiting, and the SGC's opinion, given afterwards by one member only, is recorded as
// given after the decision and shown on CODIR-IN's card, updated in place.
func TestConsultationAnsweredAfterTheDecision(t *testing.T) {
	h := newHarness(t)
	r := h.r
	clock := now
	h.db.Now = func() time.Time { return clock }
	r.As("codir").Say("aide")
	r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN").Want("C'est fait")
	r.As("admin").In("sgc").Say("enregistrer ce canal pour SGC").Want("C'est fait", "SGC")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "[5] Demander un avis")
	r.As("codir").In("codir").Press("Demander un avis", nil).Want("DEMANDE D'AVIS — DEMANDE N° 1", "[1] Envoyer la demande d'avis")
	r.Press("Envoyer la demande d'avis", map[string]string{"consult_role": "sgc", "question": "Droit d'auteur des synthèses ?"}).
		Want("l'avis du SGC est demandé (demande d'avis n° 1)", "→ #sgc", "DEMANDE D'AVIS N° 1 — DEMANDE N° 1",
			"Droit d'auteur des synthèses ?", "toute analyse éthique et légale", "✎", "Avis du SGC", "attendu — demandé par codir")
	// A second member asks again while the opinion is awaited: nothing new is posted.
	r.As("codir2").In("codir").Press("Demander un avis", nil)
	r.Press("Envoyer la demande d'avis", map[string]string{"consult_role": "sgc"}).
		Want("déjà demandé et attendu (demande d'avis n° 1)").WantNot("→ #sgc")
	// CODIR-IN decides without waiting.
	replies, err := h.click("codir", "review.reject", ref(id, 1, requests.CODIRReview), map[string]string{"comment": "Un système privé existe déjà"})
	if err != nil || !strings.Contains(texts(replies), "est refusée") {
		t.Fatalf("reject = %q, %v", texts(replies), err)
	}
	// The SGC finds the request for its opinion in « demandes à examiner ».
	r.As("sophie").Say("demandes à examiner").Want("Une demande d'avis attend votre rôle", "DEMANDE D'AVIS N° 1",
		"Le comité a déjà statué (Refusée")
	clock = clock.Add(26 * time.Hour)
	// Someone outside the SGC presses the consultation card's button.
	r.As("bob").In("sgc").Press("Donner un avis", map[string]string{"opinion": "favourable"}).
		Want("Seuls les membres du SGC peuvent donner cet avis")
	r.As("sophie").In("sgc").Press("Donner un avis", map[string]string{"opinion": "reserved"}).Want("doit être motivé")
	r.Press("Donner un avis", map[string]string{"opinion": "reserved", "opinion_text": "Vérifier les licences des textes résumés."}).
		Want("votre avis (Réservé) est transmis", "comme donné après la décision", "✎", "→ codir",
			"Avis du SGC sur la demande n° 1", "Réservé", "(donné après la décision)")
	r.As("serge").Say("demandes à examiner").Want("Aucune demande d'avis n'attend votre rôle")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	// Another member, from a copy of the card they still had open.
	replies, err = h.click("serge", "review.opinion", "1", map[string]string{"opinion": "favourable"})
	if got := texts(replies); err != nil || !strings.Contains(got, "déjà été donné par sophie le 2026-09-02 à 12 h 00 (Réservé)") {
		t.Errorf("second member = %q, %v; want already given", got, err)
	}
	cs, err := h.db.Consultations(h.ctx, id)
	if err != nil || len(cs) != 1 {
		t.Fatalf("consultations = %+v, %v; want one", cs, err)
	}
	c := cs[0]
	d, err := h.db.DecisionFor(h.ctx, id, 1, requests.CODIRReview)
	if err != nil {
		t.Fatal(err)
	}
	if c.Opinion != workflow.Reserved || c.ByKey != "terminal:sophie" || c.Role != config.RoleSGC || !c.AfterDecision(d) {
		t.Errorf("consultation = %+v; want sophie's reserved opinion, after the decision", c)
	}
	want := []string{"request.submit", "review.start", "consult.ask", "review.reject", "consult.denied", "consult.opinion", "consult.late"}
	if got := h.actions(requests.Subject(id)); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
	// The rejection sent the record to the requester and CODIR-IN's channel, before
	// the opinion; the record read now says the opinion came after the decision.
	for _, want := range []string{"REGISTRE DE DÉCISION — DEMANDE N° 1 — CHATGPT ÉDU", "Registre de décision complet de la demande n° 1",
		"Avis du SGC : attendu"} {
		if !strings.Contains(r.All(), want) {
			t.Errorf("the conversation lacks %q", want)
		}
	}
	rec, err := h.f.Record(h.ctx, id, "fr")
	if err != nil {
		t.Fatal(err)
	}
	md := string(record.Markdown(rec))
	for _, want := range []string{"**Avis** : Réservé", "**Moment** : donné après la décision : le comité a statué sans cet avis",
		"Vérifier les licences des textes résumés.", "**Décision** : Refusée", "5.1.1, 5.1.2, 6.3.1, 6.3.2, 6.3.3, 8"} {
		if !strings.Contains(md, want) {
			t.Errorf("record lacks %q:\n%s", want, md)
		}
	}
	lines, err := h.f.HistoryLines(h.ctx, "fr", h.request(id))
	if err != nil || !strings.Contains(strings.Join(lines, "\n"), "Avis du SGC : Réservé par sophie") {
		t.Errorf("history = %q, %v; want the SGC's opinion", lines, err)
	}
}

// TestConsultOnlyFromADecidingStage: the STI does not consult, a consulted member
// cannot answer on a card of another consultation, and the requester never gives an
// opinion on their own request.
func TestConsultOnlyFromADecidingStage(t *testing.T) {
	h := newHarness(t)
	r := h.r
	h.draft("alice", baseAnswers(), "a1.sti.risks.causes")
	r.As("alice").Say("soumettre 1").Want("transmise au STI").WantNot("Demander un avis")
	replies, err := h.click("sti", "review.consult", ref(1, 1, requests.STIReview), map[string]string{"consult_role": "sgc"})
	if err != nil {
		t.Fatal(err)
	}
	if got := texts(replies); !strings.Contains(got, "Choisissez qui consulter") {
		t.Errorf("STI consulting = %q, want refused", got)
	}
	if n, _ := h.db.Consultations(h.ctx, 1); len(n) != 0 {
		t.Errorf("%d consultations recorded from the STI stage", len(n))
	}
	// A button on another message of a shared channel acts on nothing, and is audited.
	h2 := newHarness(t)
	h2.r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN")
	h2.draft("alice", baseAnswers())
	h2.r.As("alice").Say("soumettre 1")
	if _, err := h2.click("codir", "review.consult", ref(1, 1, requests.CODIRReview), map[string]string{"consult_role": "spoa"}); err != nil {
		t.Fatal(err)
	}
	replies, err = h2.eng.Handle(h2.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "paul", Name: "paul"}, Locale: "fr",
		Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:spoa", Group: true},
		Action:       &bot.Action{Verb: "review.opinion", Subject: "1", MessageID: "not-the-card", Values: map[string]string{"opinion": "favourable"}}})
	if got := texts(replies); err != nil || !strings.Contains(got, "plus valide") {
		t.Errorf("opinion from another message = %q, %v; want refused", got, err)
	}
	if c, _ := h2.db.Consultation(h2.ctx, 1); c.Answered() || h2.audited("consult.denied") != 1 {
		t.Errorf("consultation %+v, %d denials audited; want unanswered, 1", c, h2.audited("consult.denied"))
	}
	// The requester, were they a member of the SPOA, may not give the opinion.
	replies, _ = h2.click("alice", "review.opinion", "1", map[string]string{"opinion": "favourable"})
	if got := texts(replies); !strings.Contains(got, "Seuls les membres du SPOA") {
		t.Errorf("non-member = %q, want refused", got)
	}
}
