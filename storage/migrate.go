package storage

import (
	"context"
	"database/sql"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"time"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/database"
	"github.com/pressly/goose/v3/lock"
)

// The schema is versioned: one numbered SQL file per change and per dialect, in
// migrations/sqlite and migrations/postgres, applied in order by goose and recorded in
// its goose_db_version table. gorm only reads and writes rows; a test checks that its
// models and the migrated schema agree, so a model change needs a migration.
//
//go:embed migrations/sqlite/*.sql migrations/postgres/*.sql
var migrationFiles embed.FS

// versionTable is goose's table of applied migrations.
const versionTable = "goose_db_version"

// Migration is one numbered schema change and whether the database has it.
type Migration struct {
	Version   int64
	Name      string    // the file, e.g. 00001_baseline.sql
	AppliedAt time.Time // zero when pending
}

// MigrateResult says what Migrate did.
type MigrateResult struct {
	From, To int64
	// Baselined is true when the database was created by a release without versioned
	// migrations (gorm's AutoMigrate): its tables were taken as version 1.
	Baselined bool
}

// ErrSchemaTooNew is returned when the database was migrated by a newer iagbot than
// this one: this binary does not know its schema and refuses to use it.
var ErrSchemaTooNew = errors.New("the database schema is newer than this iagbot")

// SchemaVersion is the schema version this binary migrates to: its last migration.
func SchemaVersion() int64 {
	var last int64
	for _, m := range embedded(false) {
		last = max(last, m.Version)
	}
	return last
}

// embedded lists the migration files of a dialect, by version.
func embedded(postgres bool) []Migration {
	names, err := fs.Glob(migrationFS(postgres), "*.sql")
	if err != nil {
		panic(err)
	}
	var out []Migration
	for _, n := range names {
		v, err := goose.NumericComponent(n)
		if err != nil {
			panic(fmt.Sprintf("migration %s: %v", n, err))
		}
		out = append(out, Migration{Version: v, Name: n})
	}
	return out
}

// migrationsForTest, when set, replaces the embedded migrations of both databases
// (export_test.go), to test a migration that fails.
var migrationsForTest fs.FS

func migrationFS(postgres bool) fs.FS {
	if migrationsForTest != nil {
		return migrationsForTest
	}
	dir := "migrations/sqlite"
	if postgres {
		dir = "migrations/postgres"
	}
	sub, err := fs.Sub(migrationFiles, dir)
	if err != nil {
		panic(err)
	}
	return sub
}

// provider returns goose over the open database, with the migration lock: on
// PostgreSQL a session advisory lock held for the whole run (each migration runs in
// its own transaction under it); on SQLite the run is one write transaction, so
// SQLite's own lock serialises processes and a failed run leaves nothing behind.
func (db *DB) provider(log *slog.Logger) (*goose.Provider, error) {
	sqlDB, err := db.gdb.DB()
	if err != nil {
		return nil, err
	}
	opts := []goose.ProviderOption{goose.WithTableName(versionTable)}
	if log != nil {
		opts = append(opts, goose.WithSlog(log))
	} else {
		opts = append(opts, goose.WithLogger(goose.NopLogger()))
	}
	dialect := goose.DialectSQLite3
	if db.postgres {
		dialect = goose.DialectPostgres
		opts = append(opts, goose.WithSessionLocker(pgLocker{key: "iagbot.migrate"}))
	} else {
		// Migrations run on the locked connection without transactions of their own:
		// the locker's transaction holds them all.
		opts = append(opts, goose.WithIsolateDDL(true), goose.WithSessionLocker(&sqliteLocker{}))
	}
	return goose.NewProvider(dialect, sqlDB, migrationFS(db.postgres), opts...)
}

// Migrate applies the pending migrations under the migration lock. Several processes
// may call it at once on one database: the first applies, the others wait for the
// lock and find nothing left to do. log, when not nil, receives goose's progress.
func (db *DB) Migrate(ctx context.Context, log *slog.Logger) (MigrateResult, error) {
	var res MigrateResult
	legacy, err := db.legacy(ctx)
	if err != nil {
		return res, err
	}
	if err := db.ensureVersionTable(ctx); err != nil {
		return res, err
	}
	p, err := db.provider(log)
	if err != nil {
		return res, err
	}
	res.From, err = db.SchemaVersionInDB(ctx)
	if err != nil {
		return res, err
	}
	if res.From > SchemaVersion() {
		return res, fmt.Errorf("%w: version %d, this binary knows %d; upgrade iagbot", ErrSchemaTooNew, res.From, SchemaVersion())
	}
	if _, err := p.Up(ctx); err != nil {
		return res, fmt.Errorf("migrate schema: %w", err)
	}
	if res.To, err = db.SchemaVersionInDB(ctx); err != nil {
		return res, err
	}
	if legacy && res.From == 0 {
		res.Baselined = true
		// The earlier release's tables were kept as they were: check they hold what
		// the models read, rather than fail later on a missing column.
		if err := db.CheckSchema(ctx); err != nil {
			return res, fmt.Errorf("database created before versioned migrations: %w", err)
		}
	}
	return res, nil
}

// ensureVersionTable creates goose's version table under the migration lock. goose
// creates it itself before taking its lock (to tell whether anything is pending), so
// processes starting together on a new database would race to create it and the
// losers would wait a second before trying again.
func (db *DB) ensureVersionTable(ctx context.Context) error {
	sqlDB, err := db.gdb.DB()
	if err != nil {
		return err
	}
	conn, err := sqlDB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	dialect := database.DialectSQLite3
	begin, end := "BEGIN IMMEDIATE", "COMMIT"
	if db.postgres {
		dialect = database.DialectPostgres
		l := pgLocker{key: "iagbot.migrate"}
		if err := l.SessionLock(ctx, conn); err != nil {
			return err
		}
		defer l.SessionUnlock(context.WithoutCancel(ctx), conn)
		begin = "BEGIN"
	}
	store, err := database.NewStore(dialect, versionTable)
	if err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, begin); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	err = func() error {
		q := "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = ?"
		if db.postgres {
			q = "SELECT COUNT(*) FROM pg_tables WHERE schemaname = current_schema() AND tablename = $1"
		}
		var n int
		if err := conn.QueryRowContext(ctx, q, versionTable).Scan(&n); err != nil || n > 0 {
			return err
		}
		if err := store.CreateVersionTable(ctx, conn); err != nil {
			return err
		}
		return store.Insert(ctx, conn, database.InsertRequest{Version: 0})
	}()
	if err != nil {
		end = "ROLLBACK"
	}
	_, endErr := conn.ExecContext(context.WithoutCancel(ctx), end)
	if err = errors.Join(err, endErr); err != nil {
		return fmt.Errorf("create the schema version table: %w", err)
	}
	return nil
}

// legacy reports a database created by a release without versioned migrations: the
// tables are there, goose's version table is not.
func (db *DB) legacy(ctx context.Context) (bool, error) {
	m := db.gdb.WithContext(ctx).Migrator()
	return m.HasTable(&SystemRow{}) && !m.HasTable(versionTable), nil
}

// SchemaVersionInDB returns the database's schema version: its last applied migration,
// 0 for an empty database or one created before versioned migrations.
func (db *DB) SchemaVersionInDB(ctx context.Context) (int64, error) {
	g := db.gdb.WithContext(ctx)
	if !g.Migrator().HasTable(versionTable) {
		return 0, nil
	}
	var v sql.NullInt64
	if err := g.Raw("SELECT MAX(version_id) FROM " + versionTable + " WHERE is_applied").Scan(&v).Error; err != nil {
		return 0, fmt.Errorf("schema version: %w", err)
	}
	return v.Int64, nil
}

// Migrations lists every migration this binary knows, with when the database got it,
// without changing anything.
func (db *DB) Migrations(ctx context.Context) ([]Migration, error) {
	applied := map[int64]time.Time{}
	g := db.gdb.WithContext(ctx)
	if g.Migrator().HasTable(versionTable) {
		var rows []struct {
			VersionID int64
			Tstamp    time.Time
		}
		if err := g.Raw("SELECT version_id, tstamp FROM " + versionTable + " WHERE is_applied AND version_id > 0").Scan(&rows).Error; err != nil {
			return nil, fmt.Errorf("applied migrations: %w", err)
		}
		for _, r := range rows {
			applied[r.VersionID] = r.Tstamp
		}
	}
	out := embedded(db.postgres)
	for i := range out {
		out[i].AppliedAt = applied[out[i].Version]
	}
	return out, nil
}

// Legacy reports a database created by a release without versioned migrations, which
// the next Migrate baselines.
func (db *DB) Legacy(ctx context.Context) (bool, error) { return db.legacy(ctx) }

// pgLocker is goose's session lock on PostgreSQL: pg_advisory_lock, which waits as
// long as another process migrates (goose's own locker polls every second or more).
// The key includes the schema, so databases in different schemas of one server (the
// tests' own) do not wait for each other.
type pgLocker struct{ key string }

var _ lock.SessionLocker = pgLocker{}

func (l pgLocker) SessionLock(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock(hashtext($1 || current_schema()))", l.key+".")
	if err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	return nil
}

func (l pgLocker) SessionUnlock(ctx context.Context, conn *sql.Conn) error {
	_, err := conn.ExecContext(ctx, "SELECT pg_advisory_unlock(hashtext($1 || current_schema()))", l.key+".")
	return err
}

// sqliteLocker makes goose's run one SQLite write transaction: BEGIN IMMEDIATE takes
// the database's write lock (other processes wait, within the busy timeout), and the
// run commits only when it reached this binary's schema version; a run that failed
// half-way rolls back whole. (A read-only run, goose's status, rolls back too.)
type sqliteLocker struct{}

var _ lock.SessionLocker = (*sqliteLocker)(nil)

func (*sqliteLocker) SessionLock(ctx context.Context, conn *sql.Conn) error {
	if _, err := conn.ExecContext(ctx, "BEGIN IMMEDIATE"); err != nil {
		return fmt.Errorf("migration lock: %w", err)
	}
	return nil
}

func (*sqliteLocker) SessionUnlock(ctx context.Context, conn *sql.Conn) error {
	var v sql.NullInt64
	err := conn.QueryRowContext(ctx, "SELECT MAX(version_id) FROM "+versionTable+" WHERE is_applied").Scan(&v)
	if err == nil && v.Int64 == SchemaVersion() {
		_, err = conn.ExecContext(ctx, "COMMIT")
		return err
	}
	_, err = conn.ExecContext(ctx, "ROLLBACK")
	return err
}
