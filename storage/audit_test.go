package storage_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestAuditLogIsAppendOnly(t *testing.T) {
	storagetest.Each(t, testAuditLogIsAppendOnly)
}

func testAuditLogIsAppendOnly(t *testing.T, db *storage.DB) {
	ctx := context.Background()
	e := audit.Entry{ActorKey: "admin@x", Action: "inventory.suspend", Subject: "chatgpt",
		From: "approved", To: "suspended", Comment: "incident", Sections: []string{"6.1", "8"}}
	if err := db.Audit(ctx, e); err != nil {
		t.Fatal(err)
	}
	log, err := db.AuditLog(ctx)
	if err != nil || len(log) != 1 {
		t.Fatalf("AuditLog = %d entries, %v; want 1", len(log), err)
	}
	if got := log[0]; got.Action != e.Action || len(got.Sections) != 2 || got.At.IsZero() {
		t.Fatalf("entry = %+v", got)
	}
	if err := db.ExecForTest(ctx, "UPDATE audit_rows SET comment = 'rewritten'"); err == nil {
		t.Fatal("UPDATE of the audit log succeeded, want refused")
	}
	if err := db.ExecForTest(ctx, "DELETE FROM audit_rows"); err == nil {
		t.Fatal("DELETE of the audit log succeeded, want refused")
	}
	log, _ = db.AuditLog(ctx)
	if len(log) != 1 || log[0].Comment != "incident" {
		t.Fatalf("audit log changed: %+v", log)
	}
}
