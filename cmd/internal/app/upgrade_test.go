package app

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
	"github.com/jonboulle/clockwork"
)

// TestUpgradeFromPreviousRelease starts this bot on a database written by the release
// before versioned migrations (storagetest.LegacySQLite: a request approved through
// the STI and CODIR-IN, a draft left half-way, an incident, a suspended system, a
// training reminder sent and snoozed) and plays the key scenarios on it: the database
// is baselined with every row kept, the approved system answers questions, the draft
// resumes where it stopped, an admin change is audited (the audit log still refuses
// rewrites), and the reminders neither resend what the old release sent nor miss
// what falls due after the upgrade.
func TestUpgradeFromPreviousRelease(t *testing.T) {
	ctx := context.Background()
	path := storagetest.LegacySQLite(t)
	cfg, err := config.Load(func(k string) string { return map[string]string{"IAGBOT_DB": path}[k] })
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(ctx, cfg, Options{Roles: config.DemoRoles()})
	if err != nil {
		t.Fatalf("the new release does not open the previous release's database: %v", err)
	}
	t.Cleanup(func() { a.Close() })
	if v, err := a.DB.SchemaVersionInDB(ctx); err != nil || v != storage.SchemaVersion() {
		t.Fatalf("schema version after the upgrade = %d, %v; want %d", v, err, storage.SchemaVersion())
	}
	if err := a.DB.CheckSchema(ctx); err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 9, 21, 14, 0, 0, 0, time.UTC) // a Monday, 10:00 in Québec
	a.DB.Now = func() time.Time { return now }
	a.Engine.SetClock(func() time.Time { return now })
	r := consoletest.New(t, a.Engine)
	a.Notify.Add(bot.Terminal, r.Con)

	// The previous release's rows, read through this release's code.
	r.As("alice").Say("mes demandes").Want("n° 1 — Copilot Éducation — Approuvée")
	r.As("carol").Say("Puis-je utiliser Copilot Éducation pour la synthèse de textes ?").
		Want("Oui, sous conditions. Vous pouvez utiliser Copilot Éducation pour l'usage « synthèse de textes »")
	r.Say("Puis-je utiliser ChatGPT pour résumer un texte ?").Want("suspendu", "incident du 2026-08-20")
	r.As("bob").Say("reprendre").Want("Étape 4 de 35")
	r.As("admin").Say("rétablir ChatGPT — incident résolu").Say("oui").Want("est maintenant approuvé (avant : suspendu)")
	// Approved again, with the rules the previous release stored.
	r.As("carol").Say("Puis-je utiliser ChatGPT pour résumer un texte ?").
		Want("L'inventaire du CSSDGS interdit d'utiliser ChatGPT pour la synthèse").WantNot("suspendu")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	log, err := a.DB.AuditLog(ctx)
	if err != nil || len(log) != 11 || log[10].Action != "inventory.restore" || log[0].Action != "role.channel" {
		t.Fatalf("audit log after the upgrade: %d entries (%v), want the old 10 and the restore", len(log), err)
	}
	raw, err := sql.Open("sqlite3", "file:"+path+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("UPDATE audit_rows SET comment = 'x'"); err == nil || !strings.Contains(err.Error(), "append-only") {
		t.Errorf("UPDATE of the upgraded audit log = %v, want refused", err)
	}

	// Reminders: the pass the old release ran on 2026-09-14 is not run again; a week
	// later the snoozed training reminder and the weekly digest are due.
	box := &inbox{}
	notify := a.Notify
	notify.Add(bot.Terminal, box)
	s, err := a.NewReminders(clockwork.NewFakeClockAt(time.Date(2026, 9, 14, 14, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if len(box.posts) != 0 {
		t.Fatalf("the pass of 2026-09-14, already run by the old release, sent %d messages again", len(box.posts))
	}
	s, err = a.NewReminders(clockwork.NewFakeClockAt(now))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	var titles []string
	for _, p := range box.posts {
		titles = append(titles, p.Text+cardTitle(p))
	}
	all := strings.Join(titles, "\n")
	if len(box.posts) != 2 || !strings.Contains(all, "Copilot Éducation") {
		t.Fatalf("the pass of 2026-09-21 sent %d messages:\n%s\nwant the training reminder and the digest", len(box.posts), all)
	}
}

func cardTitle(r bot.Reply) string {
	if r.Card == nil {
		return ""
	}
	return r.Card.Title
}
