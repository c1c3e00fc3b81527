package storage

import (
	"context"

	"github.com/cssdgs/iagbot/bot/inventory"
	"gorm.io/gorm"
)

// SeedInventory imports inv at start-up, once however many replicas start together:
// under the inventory lock it checks again whether the import is still needed. With
// a source (the hash of the IAGBOT_INVENTORY file) it imports when the database does
// not record that source yet, and records it; without one (the embedded sample) it
// imports only into an empty inventory. It reports whether it imported.
func (db *DB) SeedInventory(ctx context.Context, inv *inventory.Inventory, source string) (bool, error) {
	if err := inv.Validate(); err != nil {
		return false, err
	}
	imported := false
	err := db.tx(ctx, func(tx *gorm.DB) error {
		if err := db.lockInventory(tx); err != nil {
			return err
		}
		if source != "" {
			var last string
			if err := tx.Model(&InventoryRevRow{}).Where("id = 1").Pluck("source", &last).Error; err != nil {
				return err
			}
			if last == source {
				return nil
			}
		} else {
			for _, row := range []any{&UseRow{}, &SystemRow{}} {
				if n, err := count(tx, row, ""); err != nil || n > 0 {
					return err
				}
			}
		}
		if err := db.replaceInventory(tx, inv); err != nil {
			return err
		}
		imported = true
		if source == "" {
			return nil
		}
		return tx.Model(&InventoryRevRow{}).Where("id = 1").Update("source", source).Error
	})
	return imported, err
}

// lockInventory serialises the transactions that rewrite the whole inventory. On
// PostgreSQL it is a transaction advisory lock (keyed by schema, released at commit);
// SQLite's write transactions already run one at a time (BEGIN IMMEDIATE).
func (db *DB) lockInventory(tx *gorm.DB) error {
	if !db.postgres {
		return nil
	}
	return tx.Exec("SELECT pg_advisory_xact_lock(hashtext('iagbot.inventory.' || current_schema()))").Error
}
