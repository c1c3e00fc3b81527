package storage

import (
	"context"
	"fmt"
)

// InventoryRevRow holds a counter that the database itself bumps on every change to
// the inventory tables (triggers installed by migrate), so every replica can tell
// with one cheap query that its cached verdict engine is stale, whichever code path
// or process changed the inventory.
type InventoryRevRow struct {
	ID  int `gorm:"primaryKey"`
	Rev int64
	// Source is the hash of the inventory file last imported at start-up.
	Source string
}

// InventorySource returns the hash recorded by SetInventorySource, empty when none.
func (db *DB) InventorySource(ctx context.Context) (string, error) {
	var src string
	err := db.read(ctx).Model(&InventoryRevRow{}).Where("id = 1").Pluck("source", &src).Error
	return src, err
}

// SetInventorySource records the hash of the inventory file just imported.
func (db *DB) SetInventorySource(ctx context.Context, hash string) error {
	return db.read(ctx).Model(&InventoryRevRow{}).Where("id = 1").Update("source", hash).Error
}

// InventoryRev returns the inventory's revision: it changes whenever a system, a use
// or a rule is inserted, updated or deleted.
func (db *DB) InventoryRev(ctx context.Context) (int64, error) {
	var rev int64
	err := db.read(ctx).Model(&InventoryRevRow{}).Where("id = 1").Pluck("rev", &rev).Error
	return rev, err
}

var inventoryTables = []string{"use_rows", "system_rows", "system_use_rows"}

// trackInventoryRev creates the revision row and the triggers that bump it.
func (db *DB) trackInventoryRev(ctx context.Context) error {
	g := db.read(ctx)
	if err := g.Exec("INSERT INTO inventory_rev_rows (id, rev, source) VALUES (1, 0, '') ON CONFLICT (id) DO NOTHING").Error; err != nil {
		return fmt.Errorf("inventory revision: %w", err)
	}
	if db.postgres {
		stmts := []string{`CREATE OR REPLACE FUNCTION iagbot_bump_inventory_rev() RETURNS trigger AS $$
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; RETURN NULL; END $$ LANGUAGE plpgsql`}
		for _, t := range inventoryTables {
			stmts = append(stmts, "DROP TRIGGER IF EXISTS bump_inventory_rev ON "+t,
				"CREATE TRIGGER bump_inventory_rev AFTER INSERT OR UPDATE OR DELETE ON "+t+
					" FOR EACH STATEMENT EXECUTE FUNCTION iagbot_bump_inventory_rev()")
		}
		for _, s := range stmts {
			if err := g.Exec(s).Error; err != nil {
				return fmt.Errorf("inventory revision trigger: %w", err)
			}
		}
		return nil
	}
	for _, t := range inventoryTables {
		for _, op := range []string{"INSERT", "UPDATE", "DELETE"} {
			err := g.Exec(fmt.Sprintf(`CREATE TRIGGER IF NOT EXISTS bump_rev_%s_%s AFTER %s ON %s
BEGIN UPDATE inventory_rev_rows SET rev = rev + 1 WHERE id = 1; END;`, t, op, op, t)).Error
			if err != nil {
				return fmt.Errorf("inventory revision trigger: %w", err)
			}
		}
	}
	return nil
}
