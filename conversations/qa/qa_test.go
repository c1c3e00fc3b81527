package qa_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/policy"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/qa"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func setup(t *testing.T) (*consoletest.Runner, *storage.DB, *[]policy.Verdict) {
	t.Helper()
	db := storagetest.SQLite(t)
	if err := db.ReplaceInventory(context.Background(), inventory.Sample()); err != nil {
		t.Fatal(err)
	}
	e := conversations.New(db, nil, nil)
	f := qa.New(db)
	var verdicts []policy.Verdict
	f.OnVerdict = func(v policy.Verdict) { verdicts = append(verdicts, v) }
	e.Register(f)
	return consoletest.New(t, e), db, &verdicts
}

func TestQuestionsAnswerAndExplain(t *testing.T) {
	r, _, verdicts := setup(t)
	r.As("lea").Say("pourquoi ?").Want("Je n'ai pas encore donné de réponse")
	r.Say("Puis-je mettre les notes de mes élèves dans ChatGPT ?").Want("6.2")
	r.Say("pourquoi ?").Want("6.2").WantNot("Je n'ai pas encore")
	r.Say("Can I use Midjourney to make a poster?").Want("6.1")
	// One word never switches the person's language; a sentence does.
	r.Say("bonjour").Want("Hello")
	r.Say("quels outils sont approuvés ?").Want("Copilot")
	r.Say("pourquoi ?").Want("inventaire des systèmes d'IAG approuvés (art. 6.1)").WantNot("aucun outil")
	r.Say("Bonjour, comment ça va ?").Want("Je suis iagbot")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	want := []policy.Verdict{policy.Forbidden, policy.NotApproved}
	if len(*verdicts) < 2 || (*verdicts)[0] != want[0] || (*verdicts)[1] != want[1] {
		t.Fatalf("verdicts = %v, want to start with %v", *verdicts, want)
	}
}

// TestInventoryChangeTakesEffect suspends a system behind the feature's back, as
// another replica would, and checks the next answer follows.
func TestInventoryChangeTakesEffect(t *testing.T) {
	r, db, _ := setup(t)
	ctx := context.Background()
	inv, err := db.Inventory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var copilot string
	for _, s := range inv.Systems {
		if strings.Contains(strings.ToLower(s.Name), "copilot") && s.Status == inventory.Approved {
			copilot = s.ID
		}
	}
	if copilot == "" {
		t.Fatal("the sample has no approved Copilot")
	}
	r.As("lea").Say("Can I use Copilot Chat to summarize a public report?").WantNot("not approved")
	if _, err := db.ChangeSystemStatus(ctx, copilot, "suspended", "incident", audit.Actor{Key: "admin"}); err != nil {
		t.Fatal(err)
	}
	r.Say("Can I use Copilot Chat to summarize a public report?").Want("6.1")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestNotAQuestionFallsThrough(t *testing.T) {
	r, _, verdicts := setup(t)
	r.As("lea").Say("quoi").Want("Je n'ai pas compris")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if len(*verdicts) != 0 {
		t.Fatalf("verdicts = %v, want none", *verdicts)
	}
}

// TestDoubtButtons: an answer given in doubt asks, with buttons, whether the text is
// about an identifiable person; « Oui » forbids the public system, « Non » allows it.
func TestDoubtButtons(t *testing.T) {
	r, _, _ := setup(t)
	r.As("lea").Say("Puis-je utiliser Copilot pour résumer un texte sur la santé mentale ?").
		Want("Oui, sous conditions", "Seulement sans renseignement personnel ni donnée confidentielle",
			"Votre texte contient-il des renseignements sur une personne identifiable ?", "[1] Oui", "[2] Non")
	r.Press("Oui", nil).Want("Non, c'est interdit").WantNot("sous conditions")
	r.Say("Puis-je utiliser Copilot pour résumer un texte sur la santé mentale ?").Want("[2] Non")
	r.Press("Non", nil).Want("Oui, c'est permis").WantNot("identifiable ?")
	r.Say("Puis-je utiliser Copilot pour résumer un texte ?").Want("Oui, c'est permis").WantNot("[1] Oui")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
