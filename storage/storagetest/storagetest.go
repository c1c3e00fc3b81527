// Package storagetest opens real databases for tests: a SQLite file in a temporary
// folder always, and a private schema on the PostgreSQL server named by
// IAGBOT_TEST_POSTGRES_DSN when it is set (.ci/run starts one). Tests written with
// Each run against both, so the two drivers cannot drift apart.
package storagetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/storage"
	_ "github.com/jackc/pgx/v5/stdlib" // database/sql driver to create and drop schemas
)

// DSNEnv names the environment variable holding the PostgreSQL test server's DSN.
const DSNEnv = "IAGBOT_TEST_POSTGRES_DSN"

var skipOnce sync.Once

// SQLite opens a fresh SQLite file in tb's temporary folder.
func SQLite(tb testing.TB) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "test.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// PostgresDSN returns a DSN to a fresh, empty schema of the test server, dropped when
// tb ends; ok is false (and the reason logged once) when no server is configured.
// Two storage.Open on the same DSN share the schema, as two replicas would.
func PostgresDSN(tb testing.TB) (dsn string, ok bool) {
	tb.Helper()
	base := os.Getenv(DSNEnv)
	if base == "" {
		skipOnce.Do(func() {
			tb.Logf("PostgreSQL tests skipped: %s is not set (.ci/run sets it)", DSNEnv)
		})
		return "", false
	}
	var b [6]byte
	rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	admin, err := sql.Open("pgx", base)
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := admin.Exec("CREATE SCHEMA " + schema); err != nil {
		admin.Close()
		tb.Fatalf("create schema: %v", err)
	}
	tb.Cleanup(func() {
		admin.Exec("DROP SCHEMA " + schema + " CASCADE")
		admin.Close()
	})
	u, err := url.Parse(base)
	if err != nil {
		tb.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String(), true
}

// Postgres opens a fresh schema on the test server, or skips tb without one.
func Postgres(tb testing.TB) *storage.DB {
	tb.Helper()
	dsn, ok := PostgresDSN(tb)
	if !ok {
		tb.Skipf("PostgreSQL not configured: set %s", DSNEnv)
	}
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// Each runs fn as a subtest on SQLite and, when configured, on PostgreSQL.
func Each(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) { fn(t, SQLite(t)) })
	t.Run("postgres", func(t *testing.T) { fn(t, Postgres(t)) })
}

// EachPair runs fn as a subtest on two handles of one database, as two replicas
// would hold: a SQLite file and, when configured, a PostgreSQL schema.
func EachPair(t *testing.T, fn func(t *testing.T, a, b *storage.DB)) {
	t.Helper()
	t.Run("sqlite", func(t *testing.T) {
		path := filepath.Join(t.TempDir(), "shared.db")
		fn(t, SQLiteAt(t, path), SQLiteAt(t, path))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, ok := PostgresDSN(t)
		if !ok {
			t.Skipf("PostgreSQL not configured: set %s", DSNEnv)
		}
		open := func() *storage.DB {
			db, err := storage.Open(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			return db
		}
		fn(t, open(), open())
	})
}

// SQLiteAt opens (creating it when missing) the SQLite file at path, closed when tb
// ends.
func SQLiteAt(tb testing.TB, path string) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}
