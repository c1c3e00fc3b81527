// Package storage keeps iagbot's state in a SQL database through gorm: SQLite (the
// embedded default, one file) or PostgreSQL (several replicas sharing state). Every
// exported method takes a context first and runs as one transaction, so a service call
// either happens whole or not at all.
//
// Row types carry the gorm tags and stay in this package; methods take and return the
// domain types of bot/... packages.
package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/pgtype"
	"github.com/jackc/pgx/v5/stdlib"
	"gorm.io/driver/postgres"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
)

// DB is an open database. It is safe for concurrent use.
type DB struct {
	gdb *gorm.DB
	// sqlDB is gdb's pool, for the statements of every turn (see stmts).
	sqlDB *sql.DB
	stmts stmts
	// batch runs a turn's writes and point reads on the lane and commits concurrent
	// writes together (see batcher).
	batch batcher
	// Now is the clock used for timestamps; tests replace it.
	Now func() time.Time
	// postgres is true when the database is PostgreSQL, which locks rows with
	// SELECT … FOR UPDATE; SQLite serialises writers instead.
	postgres bool
	// seen holds inbound event keys recorded recently (see FirstSeen).
	seen seenKeys
	// file is the SQLite file, empty for ":memory:" and PostgreSQL; lock is held
	// shared on it while the database is open (see fileLock).
	file string
	lock *fileLock
}

// Open opens the database named by dsn and migrates its schema (see Migrate). dsn is a
// SQLite file path (":memory:" for a private in-memory database) or a "postgres://"
// URL.
func Open(ctx context.Context, dsn string) (*DB, error) {
	db, err := OpenUnmigrated(ctx, dsn)
	if err != nil {
		return nil, err
	}
	if _, err := db.Migrate(ctx, nil); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// IsPostgres reports whether dsn names a PostgreSQL database (a postgres:// URL);
// anything else is a SQLite file or ":memory:".
func IsPostgres(dsn string) bool {
	return strings.HasPrefix(dsn, "postgres://") || strings.HasPrefix(dsn, "postgresql://")
}

// IsSQLiteFile reports whether dsn names a SQLite file: what backup and restore copy.
func IsSQLiteFile(dsn string) bool { return dsn != ":memory:" && !IsPostgres(dsn) }

// OpenUnmigrated opens the database named by dsn as it is, for `iagbot migrate` and
// for callers that migrate themselves (Migrate).
func OpenUnmigrated(ctx context.Context, dsn string) (*DB, error) {
	pg := IsPostgres(dsn)
	// On SQLite, prepared statements are cached per connection: every turn runs the
	// same few queries, and preparing them each time was a large share of a turn's CPU.
	// pgx caches PostgreSQL's statements itself (and gorm's cache would refuse the
	// multi-statement DDL of migrate).
	// A single insert or update is atomic by itself: gorm's default transaction around
	// each one only added a commit; the service calls that need one use tx.
	cfg := &gorm.Config{Logger: logger.Discard, TranslateError: true, PrepareStmt: !pg, SkipDefaultTransaction: true}
	var (
		gdb *gorm.DB
		err error
	)
	var file string
	var held *fileLock
	if !pg && dsn != ":memory:" {
		file = sqliteFile(dsn)
		if held, err = lockFile(file+".lock", false); err != nil {
			if errors.Is(err, errLocked) {
				return nil, fmt.Errorf("open database: %w", ErrRestoring)
			}
			return nil, fmt.Errorf("open database: lock file: %w", err)
		}
	}
	if pg {
		gdb, err = gorm.Open(postgres.New(postgres.Config{DSN: dsn,
			OptionOpenDB: []stdlib.OptionOpenDB{stdlib.OptionAfterConnect(scanUTC)}}), cfg)
	} else {
		gdb, err = gorm.Open(sqlite.Open(sqliteDSN(dsn)), cfg)
	}
	if err != nil {
		held.release()
		return nil, fmt.Errorf("open database: %w", err)
	}
	sqlDB, err := gdb.DB()
	if err != nil {
		held.release()
		return nil, err
	}
	db := &DB{gdb: gdb, sqlDB: sqlDB, Now: time.Now, postgres: pg, file: file, lock: held}
	if !pg {
		// In WAL mode readers do not wait for the writer, so a few connections let
		// turns read in parallel; writers still take turns (BEGIN IMMEDIATE and the busy
		// timeout). A ":memory:" database lives in one connection, so it keeps one.
		conns := 4
		if dsn == ":memory:" {
			conns = 1
		}
		sqlDB.SetMaxOpenConns(conns)
		sqlDB.SetMaxIdleConns(conns)
		if dsn != ":memory:" {
			if err := useWAL(ctx, sqlDB); err != nil {
				db.Close()
				return nil, fmt.Errorf("open database: %w", err)
			}
		}
	}
	return db, nil
}

// scanUTC makes pgx return timestamptz values in UTC instead of the process's zone.
// Dates (an EFVP review, a training session) are stored as UTC midnight and read by
// their calendar day in the zone they come back in, as SQLite returns them: in the
// zone of a server in Québec they would each be the day before.
func scanUTC(_ context.Context, c *pgx.Conn) error {
	c.TypeMap().RegisterType(&pgtype.Type{Name: "timestamptz", OID: pgtype.TimestamptzOID,
		Codec: &pgtype.TimestamptzCodec{ScanLocation: time.UTC}})
	return nil
}

// useWAL puts the file in WAL mode, so readers do not block the writer; the mode is
// kept in the file. Switching a new file to WAL needs an exclusive lock for which
// SQLite does not wait (its busy handler is not called), so processes creating one
// file at the same moment try again for a few seconds instead of failing.
func useWAL(ctx context.Context, sqlDB *sql.DB) error {
	deadline := time.Now().Add(10 * time.Second)
	for {
		_, err := sqlDB.ExecContext(ctx, "PRAGMA journal_mode=WAL")
		if err == nil || !strings.Contains(err.Error(), "locked") && !strings.Contains(err.Error(), "busy") ||
			time.Now().After(deadline) {
			return err
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}

// sqliteDSN adds the pragmas every connection needs: a busy timeout so concurrent
// writers wait instead of failing, foreign keys, and write transactions that take the
// write lock at BEGIN (so they wait there rather than fail when upgrading). WAL is set
// once (useWAL). synchronous=NORMAL is WAL's usual setting: a commit survives a crash
// or restart of the bot; only a power cut can lose the last commits before a
// checkpoint.
func sqliteDSN(path string) string {
	if path == ":memory:" {
		return "file::memory:?_foreign_keys=on&_busy_timeout=5000"
	}
	// The DSN is a URI: SQLite reads "#" as the end of the path and "%" as an escape,
	// so a folder named "Test#1" or "100%" would open another file.
	file, query, hasQuery := strings.Cut(path, "?")
	file = strings.NewReplacer("%", "%25", "#", "%23").Replace(file)
	sep := "?"
	if hasQuery {
		file, sep = file+"?"+query, "&"
	}
	return "file:" + file + sep + "_synchronous=NORMAL&_busy_timeout=5000&_foreign_keys=on&_txlock=immediate"
}

// sqliteFile is the file of a SQLite DSN: the path without "file:" and parameters.
func sqliteFile(dsn string) string {
	dsn = strings.TrimPrefix(dsn, "file:")
	if i := strings.IndexByte(dsn, '?'); i >= 0 {
		dsn = dsn[:i]
	}
	return dsn
}

// Close closes the database.
func (db *DB) Close() error {
	return errors.Join(db.closeLane(), db.stmts.close(), db.sqlDB.Close(), db.lock.release())
}

// Ping reports whether the database answers (readiness).
func (db *DB) Ping(ctx context.Context) error {
	sqlDB, err := db.gdb.DB()
	if err != nil {
		return err
	}
	return sqlDB.PingContext(ctx)
}

// Postgres reports whether the database is PostgreSQL.
func (db *DB) Postgres() bool { return db.postgres }

// tx runs fn in one transaction bound to ctx.
func (db *DB) tx(ctx context.Context, fn func(tx *gorm.DB) error) error {
	return db.gdb.WithContext(ctx).Transaction(fn)
}

// read runs fn on a session bound to ctx, for queries that need no transaction.
func (db *DB) read(ctx context.Context) *gorm.DB {
	return db.gdb.WithContext(ctx)
}

// isNotFound reports gorm's record-not-found error.
func isNotFound(err error) bool { return errors.Is(err, gorm.ErrRecordNotFound) }

// isDuplicate reports a unique-constraint violation (translated by gorm for both
// drivers), which is how exactly-once inserts detect the second attempt.
func isDuplicate(err error) bool { return errors.Is(err, gorm.ErrDuplicatedKey) }
