package storage

import (
	"context"
	"database/sql"
	"errors"
)

// InventoryRevRow holds a counter that the database itself bumps on every change to
// the inventory tables (triggers of migration 1), so every replica can tell
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
	var rev sql.NullInt64
	err := db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		s, err := db.stmtOn(ctx, tx, stmtInventoryRev)
		if err != nil {
			return err
		}
		// No row (a database not yet migrated) is revision 0, not a failure that
		// would roll back a batch.
		if err := s.QueryRowContext(ctx).Scan(&rev); !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		return nil
	})
	return rev.Int64, err
}
