package main

import (
	"context"
	"encoding/json"
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

// TestAVerdictSaysWhen (#13): a system approved on 2 December with a deployment on 12
// January, training on 5 and 7 January and an EFVP only planned (8 January) answers
// restricted, « à partir du 12 janvier 2027, après la formation (7) et la réalisation
// de l'EFVP (6.3.2) », and `ask --json` gives "effective_from"; after the date and the
// training, the EFVP still waits; once its owner records it done, permitted, without
// "effective_from".
func TestAVerdictSaysWhen(t *testing.T) {
	ctx := context.Background()
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "w.db")}
	if _, errOut, err := callCmd(t, env, runInventory, "import", sampleFile(t)); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := app.New(ctx, cfg, app.Options{Roles: config.DemoRoles()})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	now := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	a.DB.Now = func() time.Time { return now }
	a.Engine.SetClock(func() time.Time { return now })
	r := consoletest.New(t, a.Engine)
	a.Notify.Add(bot.Terminal, r.Con)

	req := storagetest.Draft(t, a.DB, "terminal:alice", "fr", map[requests.Tag]string{
		requests.TagSystemName: "MagicSchool AI (version gratuite pour enseignants)", requests.TagSystemVendor: "MagicSchool",
		requests.TagSystemKind: "private", requests.TagUses: "exercise-generation", requests.TagPersonalData: "no",
		requests.TagAutomatedDecision: "no", requests.TagSupervisor: "direction@example.org", requests.TagEFVPDate: "2027-01-08",
		requests.TagEFVPStatus: "planned", requests.TagTrainingCalendar: "2027-01-05,2027-01-07", requests.TagDeploymentDate: "2027-01-12",
	})
	if _, err := a.DB.SubmitRequest(ctx, req.ID, "terminal:alice", "alice"); err != nil {
		t.Fatal(err)
	}
	r.As("alice").Say("bonjour")
	r.As("codir").Say("demandes à examiner").Press("Approuver", nil).Want("EFVP réalisée (6.3.2) : non")
	r.Press("Confirmer l'approbation", map[string]string{"hosting": "canada"}).Want("est approuvée")
	ask := "Puis-je utiliser MagicSchool pour créer des exercices ?"
	r.As("alice").Say(ask).Want("Oui, sous conditions", "À partir du 12 janvier 2027, après la formation (7) et la réalisation de l'EFVP (6.3.2).")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	sys, err := a.DB.FindSystem(ctx, "MagicSchool")
	if err != nil || sys.EFVPDone != nil || sys.EFVPPlanned == nil || sys.EFVPPlanned.Format(time.DateOnly) != "2027-01-08" {
		t.Fatalf("system = %+v, %v; want the EFVP recorded planned for 2027-01-08, not done", sys, err)
	}

	askJSONAt := func(day string) askJSON {
		t.Helper()
		d, _ := time.Parse(time.DateOnly, day)
		defer func(f func() time.Time) { today = f }(today)
		today = func() time.Time { return d }
		out, errOut, err := callCmd(t, env, runAsk, "--json", ask)
		if err != nil {
			t.Fatalf("ask: %v %s", err, errOut)
		}
		var got askJSON
		if err := json.Unmarshal([]byte(out), &got); err != nil {
			t.Fatal(err)
		}
		if strings.Contains(out, "effective_from") != (got.EffectiveFrom != "") {
			t.Errorf("effective_from present = %v in %s", strings.Contains(out, "effective_from"), out)
		}
		return got
	}
	if got := askJSONAt("2026-12-02"); got.Verdict != "restricted" || got.EffectiveFrom != "2027-01-12" {
		t.Errorf("on 2 December: %+v; want restricted, effective_from 2027-01-12", got)
	}
	if got := askJSONAt("2027-01-13"); got.Verdict != "restricted" || got.EffectiveFrom != "" ||
		!strings.Contains(got.Message, "Après la réalisation de l'EFVP (6.3.2).") {
		t.Errorf("on 13 January, EFVP not done: %+v; want restricted on the EFVP only, no effective_from", got)
	}

	now = time.Date(2027, 1, 13, 15, 0, 0, 0, time.UTC)
	r.As("alice").Say("EFVP de MagicSchool révisée le 2027-01-08").Want("MagicSchool")
	r.Say(ask).Want("Oui")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got := askJSONAt("2027-01-13"); got.Verdict != "permitted" || got.EffectiveFrom != "" {
		t.Errorf("on 13 January, EFVP done: %+v; want permitted without effective_from", got)
	}
}
