package storage_test

import (
	"bytes"
	"context"
	"errors"
	"path/filepath"
	"reflect"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestInventoryRoundTrip imports the sample and reads it back equal, so that an export
// from the database re-imports unchanged; an empty database reads as empty.
func TestInventoryRoundTrip(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if empty, err := db.InventoryEmpty(ctx); err != nil || !empty {
			t.Fatalf("InventoryEmpty on a new database = %v, %v", empty, err)
		}
		got, err := db.Inventory(ctx)
		if err != nil || len(got.Uses)+len(got.Systems) != 0 {
			t.Fatalf("Inventory on a new database = %+v, %v", got, err)
		}
		want := inventory.Sample()
		if err := db.ReplaceInventory(ctx, want); err != nil {
			t.Fatal(err)
		}
		if empty, _ := db.InventoryEmpty(ctx); empty {
			t.Fatal("InventoryEmpty after import")
		}
		got, err = db.Inventory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Fatalf("Inventory() differs from the import:\n%+v\nwant\n%+v", got, want)
		}
		var a, b bytes.Buffer
		_ = got.WriteYAML(&a)
		_ = want.WriteYAML(&b)
		if a.String() != b.String() {
			t.Fatal("YAML export differs after the database")
		}
	})
}

// TestReplaceInventoryIsAtomic: an invalid inventory changes nothing, a valid one
// replaces everything, and a surviving system keeps its owner.
func TestReplaceInventoryIsAtomic(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "inv.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	if err := db.ReplaceInventory(ctx, inventory.Sample()); err != nil {
		t.Fatal(err)
	}
	bad := inventory.Sample()
	bad.Systems[0].Permitted = append(bad.Systems[0].Permitted, "no-such-use")
	var ve *inventory.ValidationError
	if err := db.ReplaceInventory(ctx, bad); !errors.As(err, &ve) {
		t.Fatalf("invalid import = %v, want ValidationError", err)
	}
	got, _ := db.Inventory(ctx)
	if !reflect.DeepEqual(got, inventory.Sample()) {
		t.Fatal("a rejected import changed the inventory")
	}

	small := &inventory.Inventory{Version: 1,
		Uses: []inventory.Use{{ID: "summary", Label: inventory.Text{FR: "Synthèse", EN: "Summary"},
			Keywords: inventory.Keywords{FR: []string{"résumer"}}}},
		Systems: []inventory.System{{ID: "chatgpt", Name: "ChatGPT", Kind: inventory.Public,
			Hosting: inventory.Foreign, Status: inventory.Approved, Forbidden: []string{"summary"}}}}
	if err := db.ReplaceInventory(ctx, small); err != nil {
		t.Fatal(err)
	}
	got, _ = db.Inventory(ctx)
	if !reflect.DeepEqual(got, small) {
		t.Fatalf("after replacement: %+v", got)
	}
	db.Close()
	// Reopened, the file still holds the replacement.
	db, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if got, _ := db.Inventory(ctx); !reflect.DeepEqual(got, small) {
		t.Fatalf("after reopen: %+v", got)
	}
}

func TestChangeSystemStatusAndUseRule(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.ReplaceInventory(ctx, inventory.Sample()); err != nil {
			t.Fatal(err)
		}
		by := audit.Actor{Key: "admin@x", Name: "Admin"}
		if _, err := db.ChangeSystemStatus(ctx, "chatgpt", "suspended", "incident du 2026-11-20", by); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ChangeSystemStatus(ctx, "nope", "suspended", "", by); !errors.Is(err, bot.ErrNotFound) {
			t.Errorf("unknown system = %v", err)
		}
		if _, err := db.ChangeSystemStatus(ctx, "chatgpt", "paused", "", by); err == nil {
			t.Error("bad status accepted")
		}
		// A new rule goes last; an existing one keeps its place; "" removes one.
		if _, err := db.ChangeUseRule(ctx, "chatgpt", "code", "restricted", "Relisez le code.", "Review the code.", "", by); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ChangeUseRule(ctx, "chatgpt", "ideation", "forbidden", "ignored", "ignored", "", by); err != nil {
			t.Fatal(err)
		}
		if _, err := db.ChangeUseRule(ctx, "chatgpt", "translation", "", "", "", "", by); err != nil {
			t.Fatal(err)
		}
		for _, bad := range [][3]string{{"nope", "code", "permitted"}, {"chatgpt", "nope", "permitted"}} {
			if _, err := db.ChangeUseRule(ctx, bad[0], bad[1], bad[2], "", "", "", by); !errors.Is(err, bot.ErrNotFound) {
				t.Errorf("ChangeUseRule(%v) = %v, want ErrNotFound", bad, err)
			}
		}
		if _, err := db.ChangeUseRule(ctx, "chatgpt", "code", "restricted", "seulement en français", "", "", by); err == nil {
			t.Error("restricted without English conditions accepted")
		}
		if _, err := db.ChangeUseRule(ctx, "chatgpt", "code", "maybe", "", "", "", by); err == nil {
			t.Error("bad rule accepted")
		}
		inv, err := db.Inventory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		s := inv.System("chatgpt")
		if s.Status != inventory.Suspended || s.StatusReason != "incident du 2026-11-20" {
			t.Errorf("status = %s %q", s.Status, s.StatusReason)
		}
		if r, c, _ := s.RuleFor("code"); r != inventory.Restricted || c.EN != "Review the code." {
			t.Errorf("code rule = %s %v", r, c)
		}
		if r, _, _ := s.RuleFor("ideation"); r != inventory.Forbidden {
			t.Errorf("ideation rule = %s", r)
		}
		if _, _, ok := s.RuleFor("translation"); ok {
			t.Error("translation still listed")
		}
		if s.Restricted[len(s.Restricted)-1].Use != "code" {
			t.Errorf("new restricted rule not last: %+v", s.Restricted)
		}
		if err := inv.Validate(); err != nil {
			t.Errorf("inventory after changes: %v", err)
		}
	})
}

func TestUpsertSystem(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.ReplaceInventory(ctx, inventory.Sample()); err != nil {
			t.Fatal(err)
		}
		gemini := inventory.System{ID: "gemini", Name: "Google Gemini", Aliases: []string{"bard"}, Kind: inventory.Public,
			Vendor: "Google", Hosting: inventory.Foreign, Status: inventory.Approved,
			EFVP:      inventory.EFVP{Done: inventory.Date{Year: 2026, Month: 6, Day: 1}, NextReview: inventory.Date{Year: 2027, Month: 6, Day: 1}},
			Permitted: []string{"translation"}, Forbidden: []string{"grading"}}
		if err := db.UpsertSystem(ctx, gemini); err != nil {
			t.Fatal(err)
		}
		inv, _ := db.Inventory(ctx)
		if last := inv.Systems[len(inv.Systems)-1]; !reflect.DeepEqual(last, gemini) {
			t.Fatalf("added system = %+v", last)
		}
		// Replacing keeps the place; the rules are those given.
		pos := len(inv.Systems) - 1
		gemini.Status, gemini.Permitted = inventory.Suspended, []string{"summary", "translation"}
		if err := db.UpsertSystem(ctx, gemini); err != nil {
			t.Fatal(err)
		}
		inv, _ = db.Inventory(ctx)
		if got := inv.Systems[pos]; !reflect.DeepEqual(got, gemini) {
			t.Fatalf("replaced system = %+v", got)
		}
		// An alias taken by another system, or an unknown use, is refused.
		dup := gemini
		dup.ID, dup.Aliases = "other", []string{"Chat-GPT"}
		var ve *inventory.ValidationError
		if err := db.UpsertSystem(ctx, dup); !errors.As(err, &ve) {
			t.Errorf("duplicate alias = %v", err)
		}
		gemini.Permitted = []string{"no-such-use"}
		if err := db.UpsertSystem(ctx, gemini); !errors.As(err, &ve) {
			t.Errorf("unknown use = %v", err)
		}
		after, _ := db.Inventory(ctx)
		if !reflect.DeepEqual(after, inv) {
			t.Error("a refused upsert changed the inventory")
		}
		// A problem already in the database (a restricted rule without English
		// conditions, as the review workflow may write) does not block other systems.
		if _, err := db.ChangeUseRule(ctx, "chatgpt", "code", "restricted", "Relisez.", "Review.", "", audit.Actor{Key: "admin"}); err != nil {
			t.Fatal(err)
		}
		if err := db.ExecForTest(ctx, "UPDATE system_use_rows SET conditions_en = '' WHERE system_id = 'chatgpt' AND use_id = 'code'"); err != nil {
			t.Fatal(err)
		}
		gemini.Permitted = []string{"summary"}
		if err := db.UpsertSystem(ctx, gemini); err != nil {
			t.Errorf("upsert blocked by another system's problem: %v", err)
		}
	})
}
