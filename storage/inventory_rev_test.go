package storage_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestInventoryRevChangesWithTheInventory(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		rev := func() int64 {
			t.Helper()
			r, err := db.InventoryRev(ctx)
			if err != nil {
				t.Fatal(err)
			}
			return r
		}
		r0 := rev()
		if err := db.ReplaceInventory(ctx, inventory.Sample()); err != nil {
			t.Fatal(err)
		}
		r1 := rev()
		if r1 == r0 {
			t.Fatal("revision unchanged after ReplaceInventory")
		}
		if rev() != r1 {
			t.Fatal("revision changed without a change")
		}
		inv, _ := db.Inventory(ctx)
		if _, err := db.ChangeSystemStatus(ctx, inv.Systems[0].ID, "suspended", "test", audit.Actor{Key: "admin"}); err != nil {
			t.Fatal(err)
		}
		if rev() == r1 {
			t.Fatal("revision unchanged after ChangeSystemStatus")
		}
	})
}
