package storage_test

import (
	"context"
	"errors"
	"reflect"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestFileIncidentStoresAndAudits(t *testing.T) {
	storagetest.Each(t, testFileIncidentStoresAndAudits)
}

func testFileIncidentStoresAndAudits(t *testing.T, db *storage.DB) {
	ctx := context.Background()
	inc := privacy.Incident{ReporterKey: "marie@example.org", System: "ChatGPT", DataKinds: []string{"grades", "contact"},
		OccurredAt: "2026-06-10", Description: "J'ai collé le tableau de [nom] par erreur."}
	id, err := db.FileIncident(ctx, inc, "Marie Tremblay")
	if err != nil {
		t.Fatal(err)
	}
	got, err := db.IncidentByID(ctx, id)
	if err != nil {
		t.Fatal(err)
	}
	inc.ID, inc.CreatedAt = id, got.CreatedAt
	if !reflect.DeepEqual(got, inc) {
		t.Errorf("IncidentByID = %+v, want %+v", got, inc)
	}
	if _, err := db.IncidentByID(ctx, id+1); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("IncidentByID(unknown) = %v, want ErrNotFound", err)
	}
	for _, tc := range []struct {
		key  string
		want int
	}{{"marie@example.org", 1}, {"paul@example.org", 0}, {"", 0}} {
		list, err := db.IncidentsBy(ctx, tc.key)
		if err != nil || len(list) != tc.want {
			t.Errorf("IncidentsBy(%q) = %d, %v; want %d", tc.key, len(list), err, tc.want)
		}
	}
	log, err := db.AuditLog(ctx)
	if err != nil || len(log) != 1 {
		t.Fatalf("AuditLog = %d entries, %v; want 1", len(log), err)
	}
	e := log[0]
	if e.Action != privacy.AuditIncidentReport || e.Subject != "incident:1" || e.ActorKey != inc.ReporterKey ||
		!reflect.DeepEqual(e.Sections, []string{"3.3", "8"}) {
		t.Errorf("audit entry = %+v, want incident.report on incident:1 citing 3.3, 8", e)
	}
	// The audit log cannot be erased, so it carries codes only, never the account.
	if want := "system=ChatGPT; kinds=grades,contact; occurred=2026-06-10"; e.Comment != want {
		t.Errorf("audit comment = %q, want %q", e.Comment, want)
	}
	if strings.Contains(e.Comment, "collé") {
		t.Errorf("audit comment carries the description: %q", e.Comment)
	}
}
