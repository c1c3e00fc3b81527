package storage_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestApprovalKeepsAnExistingSystem (#13), on SQLite and PostgreSQL: a new system is
// written with its aliases and found by them; a second approval for it under a typo
// changes its ruled uses only; « reclasser » changes its classification, audited.
func TestApprovalKeepsAnExistingSystem(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		db.Now = func() time.Time { return t0 }
		r := seedSubmitted(t, db, requests.CODIRReview)
		done := t0.AddDate(0, -1, 0)
		appr := &workflow.Approval{SystemName: "MagicSchool AI (version gratuite pour enseignants)", Vendor: "MagicSchool",
			Kind: "public", Hosting: "foreign", Aliases: []string{"MagicSchool AI", "MagicSchool"},
			Uses:     []workflow.UseRuling{{UseID: "summary", Rule: "permitted"}},
			EFVPDone: &done, EFVPNextReview: t0.AddDate(1, 0, 0), OwnerKey: "alice@x"}
		res, err := decide(ctx, db, workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview,
			Decision: "approve", To: requests.Approved, ActorKey: "codir@x"}, appr)
		if err != nil {
			t.Fatal(err)
		}
		sys, err := db.FindSystem(ctx, "magicschool")
		if err != nil || sys.ID != res.SystemID || !slices.Equal(sys.Aliases, []string{"MagicSchool AI", "MagicSchool"}) {
			t.Fatalf("FindSystem(magicschool) = %+v, %v; want the new system with its aliases", sys, err)
		}
		inv, err := db.Inventory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if err := inv.Validate(); err != nil {
			t.Errorf("inventory after the approval: %v", err)
		}

		r2 := seedSubmitted(t, db, requests.CODIRReview)
		other := &workflow.Approval{SystemName: "MagikSchool", Vendor: "Autre", Kind: "private", Hosting: "quebec",
			Uses: []workflow.UseRuling{{UseID: "translation", Rule: "forbidden"}}, EFVPNextReview: t0.AddDate(3, 0, 0), OwnerKey: "bob@x"}
		if _, err := decide(ctx, db, workflow.Decision{RequestID: r2.ID, Round: 1, Stage: requests.CODIRReview,
			Decision: "approve", To: requests.Approved, ActorKey: "codir@x"}, other); err != nil {
			t.Fatal(err)
		}
		after, err := db.FindSystem(ctx, "MagicSchool")
		if err != nil {
			t.Fatal(err)
		}
		if after.Kind != "public" || after.Vendor != "MagicSchool" || after.Hosting != "foreign" || after.OwnerKey != "alice@x" ||
			!after.EFVPDone.Equal(done) || !after.EFVPNextReview.Equal(t0.AddDate(1, 0, 0)) || *after.RequestID != r.ID {
			t.Errorf("after a request for uses = %+v; want the classification, EFVP and owner kept", after)
		}
		var use storage.SystemUseRow
		if err := db.FirstForTest(ctx, &use, "system_id = ? AND use_id = ?", sys.ID, "translation"); err != nil || use.Rule != "forbidden" {
			t.Errorf("translation = %+v, %v; want forbidden", use, err)
		}

		from, err := db.Reclassify(ctx, sys.ID, workflow.Classification{Kind: "private", Hosting: "canada"}, "motif", audit.Actor{Key: "admin@x"})
		if err != nil || from.Kind != "public" || from.Hosting != "foreign" {
			t.Fatalf("Reclassify = %+v, %v", from, err)
		}
		if got, _ := db.FindSystem(ctx, "MagicSchool"); got.Kind != "private" || got.Hosting != "canada" || got.Vendor != "MagicSchool" {
			t.Errorf("reclassified = %+v", got)
		}
		if _, err := db.Reclassify(ctx, sys.ID, workflow.Classification{Kind: "private"}, "again", audit.Actor{Key: "admin@x"}); err == nil {
			t.Error("a reclassification that changes nothing is accepted")
		}
		log, _ := db.AuditLog(ctx)
		last := log[len(log)-1]
		if last.Action != "inventory.reclassify" || last.From != "public" || last.To != "private" || last.Comment !=
			"motif — kind: public → private, open: - → -, specialized: - → -, vendor: MagicSchool → MagicSchool, hosting: foreign → canada" {
			t.Errorf("audit = %+v", last)
		}
	})
}
