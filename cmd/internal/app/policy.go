package app

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"os"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/policy"
	"github.com/cssdgs/iagbot/conversations/qa"
	"github.com/cssdgs/iagbot/storage"
)

// addPolicy plugs in the "may I use X for Y?" questions.
func (a *App) addPolicy() error {
	f := qa.New(a.DB)
	a.questions = f
	f.OnVerdict = func(v policy.Verdict) { a.Metrics.Verdicts.WithLabelValues(string(v)).Inc() }
	a.Engine.Register(f)
	return nil
}

// loadInventory makes sure the database has an inventory: the file named by
// IAGBOT_INVENTORY when it changed since it was last imported (so a restart does not
// undo approvals made in chat), else the embedded sample when the database has none.
func loadInventory(ctx context.Context, db *storage.DB, file string) error {
	if file == "" {
		// The embedded sample goes only into an empty inventory.
		if empty, err := db.InventoryEmpty(ctx); err != nil || !empty {
			return err
		}
		_, err := db.SeedInventory(ctx, inventory.Sample(), "")
		return err
	}
	data, err := os.ReadFile(file)
	if err != nil {
		return fmt.Errorf("IAGBOT_INVENTORY: %w", err)
	}
	sum := sha256.Sum256(data)
	hash := hex.EncodeToString(sum[:])
	// Most starts find the file already imported; SeedInventory checks again under
	// its lock, for replicas starting together.
	if last, err := db.InventorySource(ctx); err != nil || last == hash {
		return err
	}
	inv, err := inventory.Parse(bytes.NewReader(data))
	if err != nil {
		return fmt.Errorf("IAGBOT_INVENTORY=%s: %w", file, err)
	}
	_, err = db.SeedInventory(ctx, inv, hash)
	return err
}
