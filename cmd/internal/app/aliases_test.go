package app

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// newScriptedApp is the whole bot on a SQLite file with the sample inventory, its clock at
// now, and a script runner playing the users.
func newScriptedApp(t *testing.T, now time.Time) (*App, *consoletest.Runner) {
	t.Helper()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(context.Background(), cfg, Options{Roles: config.DemoRoles()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	a.DB.Now = func() time.Time { return now }
	a.Engine.SetClock(func() time.Time { return now })
	r := consoletest.New(t, a.Engine)
	a.Notify.Add(bot.Terminal, r.Con)
	return a, r
}

// TestNewSystemFoundByItsShortName (#13): the approval form proposes the aliases of
// "MagicSchool AI (version gratuite pour enseignants)"; right after the approval, a
// question naming "MagicSchool" gets the approved system's answer.
func TestNewSystemFoundByItsShortName(t *testing.T) {
	ctx := context.Background()
	a, r := newScriptedApp(t, time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC))
	r.As("alice").Say("Puis-je utiliser MagicSchool pour créer des exercices ?").Want("MagicSchool")
	req := storagetest.Draft(t, a.DB, "terminal:alice", "fr", map[requests.Tag]string{
		requests.TagSystemName: "MagicSchool AI (version gratuite pour enseignants)", requests.TagSystemVendor: "MagicSchool",
		requests.TagSystemKind: "public", requests.TagUses: "exercise-generation", requests.TagPersonalData: "no",
		requests.TagAutomatedDecision: "no", requests.TagSupervisor: "direction@example.org", requests.TagEFVPDate: "2026-11-15",
		requests.TagEFVPStatus: "done", requests.TagTrainingCalendar: "2026-11-20", requests.TagDeploymentDate: "2026-11-25",
	})
	if _, err := a.DB.SubmitRequest(ctx, req.ID, "terminal:alice", "alice"); err != nil {
		t.Fatal(err)
	}
	r.As("codir").Say("demandes à examiner").Press("Approuver", nil).
		Want("Autres noms du système : MagicSchool AI, MagicSchool")
	r.Press("Confirmer l'approbation", map[string]string{"aliases": "MagicSchool AI, MagicSchool, ChatGPT", "hosting": "foreign"}).
		Want("« ChatGPT » désigne déjà ChatGPT dans l'inventaire")
	r.Press("Confirmer l'approbation", map[string]string{"aliases": "MagicSchool AI, MagicSchool, Magic School", "hosting": "foreign"}).
		Want("est approuvée", "→ alice")
	r.As("alice").Say("Puis-je utiliser MagicSchool pour créer des exercices ?").
		Want("Oui", "MagicSchool AI (version gratuite pour enseignants)")
	r.Say("Puis-je utiliser magic school pour créer des exercices ?").Want("Oui", "MagicSchool AI (version gratuite pour enseignants)")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	sys, err := a.DB.FindSystem(ctx, "MagicSchool AI")
	if err != nil || len(sys.Aliases) != 2 {
		t.Fatalf("system = %+v, %v; want the two aliases confirmed (« Magic School » is « MagicSchool » once compacted)", sys, err)
	}
}
