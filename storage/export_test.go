package storage

import "context"

// ExecForTest runs raw SQL, for tests that check what the database itself refuses.
func (db *DB) ExecForTest(ctx context.Context, sql string) error {
	return db.read(ctx).Exec(sql).Error
}
