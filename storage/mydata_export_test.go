package storage

import "context"

// CountForTest counts the rows of table matching where, for tests that check what the
// database itself holds after an erasure.
func (db *DB) CountForTest(ctx context.Context, table, where string, args ...any) (int64, error) {
	var n int64
	err := db.read(ctx).Table(table).Where(where, args...).Count(&n).Error
	return n, err
}
