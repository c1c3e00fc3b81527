package review_test

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations/review"
)

// TestFirstRuleApprovalWithConditions: without a committee rule (the first decision
// decides), a CODIR-IN member approves with two of the procedure's usual conditions
// and one typed in French and English. The decision keeps them as data, every use not
// forbidden becomes restricted on them in the inventory, and Q&A answers list them in
// French and English. No vote is recorded: the member's decision is the stage's.
func TestFirstRuleApprovalWithConditions(t *testing.T) {
	h := committeeHarness(t, config.Committee{})
	r := h.r
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "[1] Approuver", "[2] Approuver avec conditions",
		"[3] Refuser", "[4] Demander des modifications").WantNot("votes requis")

	h.cast("c1", review.VerbConditions, id, nil, "Approuver avec conditions : chaque usage non interdit")
	// A condition picked needs nothing more; a pilot without its schools is refused
	// and the form comes back with what was typed.
	h.cast("c1", review.VerbConfirmConditions, id, with(form, "conds", "pilot", "cond_until", "2027-06-30"), "[card] Approbation de la demande n° 1")
	if got := h.request(id).Status; got != requests.CODIRReview {
		t.Fatalf("an incomplete form decided: status %s", got)
	}
	h.cast("c1", review.VerbConfirmConditions, id, with(form, "conds", "human_review,no_personal",
		"cond_fr", "Usage réservé aux écoles secondaires", "cond_en", "Secondary schools only", "comment", "D'accord"), "est approuvée")
	if got := h.request(id).Status; got != requests.Approved {
		t.Fatalf("status = %s, want approved", got)
	}

	d, err := h.db.DecisionFor(h.ctx, id, 1, requests.CODIRReview)
	if err != nil || d.ActorKey != "terminal:c1" || d.Decision != workflow.Approve || d.Comment != "D'accord" {
		t.Fatalf("decision = %+v, %v", d, err)
	}
	var details struct {
		Conditions []workflow.Condition `json:"conditions"`
	}
	if err := json.Unmarshal([]byte(d.Details), &details); err != nil {
		t.Fatal(err)
	}
	want := []workflow.Condition{{Kind: workflow.CondNoPersonal}, {Kind: workflow.CondHumanReview},
		{Kind: workflow.CondOther, TextFR: "Usage réservé aux écoles secondaires", TextEN: "Secondary schools only"}}
	if len(details.Conditions) != len(want) {
		t.Fatalf("conditions kept = %+v, want %+v", details.Conditions, want)
	}
	for i, c := range details.Conditions {
		if c.Kind != want[i].Kind || c.TextFR != want[i].TextFR || c.TextEN != want[i].TextEN {
			t.Fatalf("condition %d = %+v, want %+v", i, c, want[i])
		}
	}
	if n := h.audited("review.vote", requests.Subject(id)); n != 0 {
		t.Errorf("%d vote entries under the first-decision rule", n)
	}

	sys := h.system("ChatGPT Édu")
	rule, cond := h.rule(sys.ID, "summary")
	wantFR := "sans renseignement personnel ni donnée confidentielle (6.2) ; chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11) ; Usage réservé aux écoles secondaires"
	wantEN := "without personal information or confidential data (6.2) ; every output is reviewed by a person before use (5.1.9, 5.1.11) ; Secondary schools only"
	if rule != inventory.Restricted || cond.FR != wantFR || cond.EN != wantEN {
		t.Fatalf("summary = %s %+v", rule, cond)
	}
	// The use's own restriction stays, the committee's conditions after it.
	if rule, cond := h.rule(sys.ID, "translation"); rule != inventory.Restricted || !strings.HasPrefix(cond.FR, "Relire la traduction ; sans") {
		t.Errorf("translation = %s %+v", rule, cond)
	}
	r.As("bob").Say("Puis-je utiliser ChatGPT Édu pour faire une synthèse ?").Want("sous conditions",
		"- sans renseignement personnel ni donnée confidentielle (6.2)",
		"- chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11)", "- Usage réservé aux écoles secondaires")
	r.As("bob").Say("May I use ChatGPT Édu to write a summary?").Want("with conditions",
		"- without personal information or confidential data (6.2)",
		"- every output is reviewed by a person before use (5.1.9, 5.1.11)", "- Secondary schools only")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
