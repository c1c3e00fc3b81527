package storage

import (
	"context"
	"io/fs"
	"testing"
)

// ExecForTest runs raw SQL, for tests that check what the database itself refuses.
func (db *DB) ExecForTest(ctx context.Context, sql string) error {
	return db.read(ctx).Exec(sql).Error
}

// InsertForTest inserts a row as it is, for tests that need old timestamps.
func (db *DB) InsertForTest(ctx context.Context, row any) error {
	return db.read(ctx).Create(row).Error
}

// NewIDForTest exposes newID for a system name.
func (db *DB) NewIDForTest(ctx context.Context, name string) (string, error) {
	return newID(db.read(ctx), &SystemRow{}, name, nil)
}

// EmbeddedMigrations lists the names of a dialect's migration files.
func EmbeddedMigrations(postgres bool) []string {
	var out []string
	for _, m := range embedded(postgres) {
		out = append(out, m.Name)
	}
	return out
}

// HoldRestoreLockForTest takes the lock a restore holds on the SQLite file.
func HoldRestoreLockForTest(file string) (release func() error, err error) {
	l, err := lockFile(file+".lock", true)
	if err != nil {
		return nil, err
	}
	return l.release, nil
}

// UseMigrationsForTest makes fsys the migrations of both databases until the test ends.
func UseMigrationsForTest(tb testing.TB, fsys fs.FS) {
	migrationsForTest = fsys
	tb.Cleanup(func() { migrationsForTest = nil })
}

// EmbeddedMigrationFile returns a file of the embedded migrations.
func EmbeddedMigrationFile(postgres bool, name string) ([]byte, error) {
	return fs.ReadFile(migrationFS(postgres), name)
}
