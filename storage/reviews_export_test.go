package storage

import "context"

// FirstForTest reads the first row matching where into dst, for tests that check what
// the database holds (inventory rows written by an approval).
func (db *DB) FirstForTest(ctx context.Context, dst any, where string, args ...any) error {
	return db.read(ctx).Where(where, args...).First(dst).Error
}
