package main

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cmd/internal/app"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestApprovalOfAnExistingSystemChangesOnlyItsUses (#13): a teacher asks for a new use
// of ChatGPT, public in the inventory, answering "privé sécurisé" with another vendor;
// CODIR-IN sees both side by side and confirms the form with its defaults. `iagbot
// inventory export` before and after differs by the ruled use only; ChatGPT stays
// public, so a question with students' information is still forbidden (6.2), and the
// requester, not its owner, cannot record its EFVP revision.
func TestApprovalOfAnExistingSystemChangesOnlyItsUses(t *testing.T) {
	ctx := context.Background()
	dbPath := filepath.Join(t.TempDir(), "i.db")
	env := map[string]string{"IAGBOT_DB": dbPath}
	if _, errOut, err := callCmd(t, env, runInventory, "import", sampleFile(t)); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	before, _, err := callCmd(t, env, runInventory, "export")
	if err != nil {
		t.Fatal(err)
	}

	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, cfg, app.Options{Roles: config.DemoRoles()})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	a.DB.Now = func() time.Time { return now }
	a.Engine.SetClock(func() time.Time { return now })
	r := consoletest.New(t, a.Engine)
	a.Notify.Add(bot.Terminal, r.Con)

	req := storagetest.Draft(t, a.DB, "terminal:alice", "fr", map[requests.Tag]string{
		requests.TagSystemName: "ChatGPT", requests.TagSystemVendor: "Fournisseur local", requests.TagSystemKind: "private",
		requests.TagUses: "writing", requests.TagPersonalData: "no", requests.TagAutomatedDecision: "no",
		requests.TagSupervisor: "direction@example.org", requests.TagEFVPDate: "2027-01-08", requests.TagEFVPStatus: "planned",
		requests.TagTrainingCalendar: "2027-01-05,2027-01-07", requests.TagDeploymentDate: "2027-01-12",
	})
	if _, err := a.DB.SubmitRequest(ctx, req.ID, "terminal:alice", "alice"); err != nil {
		t.Fatal(err)
	}
	r.As("alice").Say("bonjour")
	r.As("codir").Say("demandes à examiner").Want("CHATGPT", "ChatGPT est déjà à l'inventaire",
		"Type de système : Inventaire : public · Demande : privé sécurisé",
		"Fournisseur : Inventaire : OpenAI · Demande : Fournisseur local", "Système : ChatGPT (public)")
	r.Press("Approuver", nil).Want("ChatGPT est déjà à l'inventaire : pour chaque usage demandé",
		"Inventaire : public · Demande : privé sécurisé")
	r.Press("Confirmer l'approbation", nil).Want("est approuvée", "→ alice")
	r.As("alice").Say("Puis-je utiliser ChatGPT pour traduire les bulletins de mes élèves ?").Want("Non, c'est interdit", "ChatGPT est un système d'IAG public", "6.2")
	r.Say("EFVP de ChatGPT révisée le 2026-11-30").Want("Seul le responsable d'un système, ou un administrateur")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if err := a.Close(); err != nil {
		t.Fatal(err)
	}

	after, _, err := callCmd(t, env, runInventory, "export")
	if err != nil {
		t.Fatal(err)
	}
	var removed, added []string
	bl, al := strings.Split(before, "\n"), strings.Split(after, "\n")
	inBefore, inAfter := map[string]int{}, map[string]int{}
	for _, l := range bl {
		inBefore[l]++
	}
	for _, l := range al {
		inAfter[l]++
	}
	for _, l := range bl {
		if inAfter[l] == 0 {
			removed = append(removed, l)
		}
	}
	for _, l := range al {
		if inBefore[l] == 0 {
			added = append(added, l)
		}
	}
	// The only change is ChatGPT's new restricted use "writing", with its conditions
	// and the date it comes into effect.
	if len(removed) != 0 {
		t.Errorf("lines gone from the export: %q", removed)
	}
	joined := strings.Join(added, "\n")
	if !strings.Contains(joined, "use: writing") || !strings.Contains(joined, "{use: writing, from: 2027-01-12, training_by: 2027-01-07}") ||
		len(added) > 6 {
		t.Errorf("lines added to the export: %q; want the restricted use writing, its conditions and when it applies only", added)
	}
	for _, l := range added {
		if !strings.Contains(l, "writing") && !strings.Contains(l, "conditions") && !strings.Contains(l, "fr:") &&
			!strings.Contains(l, "en:") && strings.TrimSpace(l) != "effective:" {
			t.Errorf("unexpected line added: %q", l)
		}
	}
}
