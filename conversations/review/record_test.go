package review_test

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/record"
	"github.com/cssdgs/iagbot/conversations/review"
)

// TestRecordOfACommitteeVote: a majority of CODIR-IN approves with conditions; the
// requester and CODIR-IN's channel get the record, whose votes, conditions and ruling
// are those of the stage.
func TestRecordOfACommitteeVote(t *testing.T) {
	h := committeeHarness(t, config.Committee{Rule: config.RuleMajority, Quorum: 3})
	r := h.r
	r.As("alice").Say("bonjour")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN")
	h.cast("c1", review.VerbConditions, id, nil, "Approuver avec conditions")
	h.cast("c1", review.VerbConfirmConditions, id, with(form, "conds", "disclosure", "comment", "Sous réserve de divulgation"), "est enregistré")
	h.cast("c2", review.VerbApprove, id, nil, "Approbation de la demande n° 1")
	h.cast("c2", review.VerbConfirm, id, form, "est enregistré")
	h.cast("c3", review.VerbReject, id, map[string]string{"comment": "Trop tôt"}, "est approuvée")
	out := r.All()
	for _, want := range []string{"→ alice", "REGISTRE DE DÉCISION — DEMANDE N° 1 — CHATGPT ÉDU", "→ #codir",
		"Registre de décision complet de la demande n° 1", "c1 : Approuver avec conditions — Sous réserve de divulgation"} {
		if !strings.Contains(out, want) {
			t.Errorf("the conversation lacks %q", want)
		}
	}
	rec, err := h.f.Record(h.ctx, id, "en")
	if err != nil {
		t.Fatal(err)
	}
	if len(rec.Stages) != 1 || len(rec.Stages[0].Votes) != 3 || rec.Ruling == nil {
		t.Fatalf("record = %+v; want one stage with three votes and the ruling", rec)
	}
	md := string(record.Markdown(rec))
	for _, want := range []string{"# Decision record — request no. 1 — ChatGPT Édu", "c1 — terminal:c1: approve with conditions",
		"the use of GenAI is disclosed (5.1.7)", "c3 — terminal:c3: reject — Trop tôt", "- Translation: restricted — Relire la traduction",
		"5.1.7, 6.1, 6.3.1, 6.3.2, 6.3.3, 8"} {
		if !strings.Contains(md, want) {
			t.Errorf("record lacks %q:\n%s", want, md)
		}
	}
}
