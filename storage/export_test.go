package storage

import (
	"context"
	"database/sql"
	"io/fs"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
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

// HoldWritesForTest starts a write that waits until release is called, so that the
// writes made meanwhile queue up for one batch (see batcher). release returns the held
// write's error.
func (db *DB) HoldWritesForTest(ctx context.Context) (release func() error) {
	hold, done := make(chan struct{}), make(chan error, 1)
	started := make(chan struct{})
	go func() {
		done <- db.serial(ctx, func(context.Context, *batchTx) error {
			close(started)
			<-hold
			return nil
		})
	}()
	<-started
	return func() error {
		close(hold)
		return <-done
	}
}

// QueuedWritesForTest is the number of writes waiting for the next batch.
func (db *DB) QueuedWritesForTest() int {
	db.batch.mu.Lock()
	defer db.batch.mu.Unlock()
	return len(db.batch.queue)
}

// FailingWriteForTest is a write of an inbound event key that the database refuses
// halfway: in a batch, a first insert of key then a second one; alone (PostgreSQL, or
// nothing else queued), one statement inserting key twice.
func (db *DB) FailingWriteForTest(ctx context.Context, key string) error {
	one, two := "INSERT INTO inbound_event_rows (key, at) VALUES (?, ?)", "INSERT INTO inbound_event_rows (key, at) VALUES (?, ?), (?, ?)"
	if db.postgres {
		one, two = dollarParams(one), dollarParams(two)
	}
	now := db.Now()
	return db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		var exec func(ctx context.Context, query string, args ...any) (sql.Result, error)
		switch {
		case tx == nil:
			exec = db.sqlDB.ExecContext
		case tx.lane != nil:
			exec = tx.lane.conn.ExecContext
		default:
			exec = tx.tx.ExecContext
		}
		if tx == nil || tx == &db.batch.alone {
			_, err := exec(ctx, two, key, now, key, now)
			return err
		}
		if _, err := exec(ctx, one, key, now); err != nil {
			return err
		}
		_, err := exec(ctx, one, key, now)
		return err
	})
}

// PanickingWriteForTest is a write whose code panics.
func (db *DB) PanickingWriteForTest(ctx context.Context) error {
	return db.serial(ctx, func(context.Context, *batchTx) error { panic("on purpose") })
}

// SQLiteSchemaForTest returns the SQL that created the table or index name, "" when
// there is none.
func (db *DB) SQLiteSchemaForTest(ctx context.Context, name string) string {
	var sql string
	db.read(ctx).Raw("SELECT COALESCE(sql, '') FROM sqlite_master WHERE name = ?", name).Scan(&sql)
	return sql
}

// WriteSeenForTest writes the narrower sighting (a time and a language) of key,
// as MeetTurn does for a row it read, whether or not the row is there now.
func (db *DB) WriteSeenForTest(ctx context.Context, key string, ch bot.Channel, lang string, at time.Time) error {
	row := &PersonRow{Key: key, Channel: string(ch), LastLang: lang, LastSeenAt: at, CreatedAt: at}
	return db.serial(ctx, func(ctx context.Context, tx *batchTx) error { return db.writeSightingOn(ctx, tx, row, true) })
}

// SetPruneBatchForTest sets how many keys PruneInboundEvents deletes per statement
// until the test ends.
func SetPruneBatchForTest(t testing.TB, n int) {
	old := pruneBatch
	pruneBatch = n
	t.Cleanup(func() { pruneBatch = old })
}
