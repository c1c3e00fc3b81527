package storagetest

import (
	"bytes"
	"compress/gzip"
	"context"
	"database/sql"
	_ "embed"
	"io"
	"os"
	"path/filepath"
	"testing"

	"github.com/cssdgs/iagbot/storage"
)

// The release before versioned migrations (commit c54a4b5) left databases made by
// gorm's AutoMigrate, without a version table. These fixtures were made by that
// release: a SQLite file with a realistic history (the sample inventory; a request
// submitted, completed by the STI and approved by CODIR-IN, its decisions, training
// row and sent training reminder; a snoozed reminder; a draft left half-way; an
// incident report; a suspended system; the weekly digest; registered channels), and
// the schema it created on PostgreSQL.
var (
	//go:embed testdata/release-c54a4b5.db.gz
	legacySQLite []byte
	//go:embed testdata/release-c54a4b5.postgres.sql
	legacyPostgres string
)

// LegacySQLite writes the previous release's SQLite database into tb's temporary
// folder and returns its path.
func LegacySQLite(tb testing.TB) string {
	tb.Helper()
	zr, err := gzip.NewReader(bytes.NewReader(legacySQLite))
	if err != nil {
		tb.Fatal(err)
	}
	data, err := io.ReadAll(zr)
	if err != nil {
		tb.Fatal(err)
	}
	path := filepath.Join(tb.TempDir(), "iagbot.db")
	if err := os.WriteFile(path, data, 0o600); err != nil {
		tb.Fatal(err)
	}
	return path
}

// LegacyPostgresDSN returns a DSN to a fresh schema holding what the previous release
// created on PostgreSQL; ok is false without a test server.
func LegacyPostgresDSN(tb testing.TB) (dsn string, ok bool) {
	tb.Helper()
	dsn, ok = PostgresDSN(tb)
	if !ok {
		return "", false
	}
	db, err := sql.Open("pgx", dsn)
	if err != nil {
		tb.Fatal(err)
	}
	defer db.Close()
	if _, err := db.Exec(legacyPostgres); err != nil {
		tb.Fatalf("load the previous release's schema: %v", err)
	}
	return dsn, true
}

// EachLegacy runs fn on a database of the previous release, unmigrated, on SQLite
// then on PostgreSQL (skipped without a test server), each in its own subtest.
func EachLegacy(t *testing.T, fn func(t *testing.T, db *storage.DB)) {
	t.Helper()
	for _, tc := range []struct {
		name string
		dsn  func(testing.TB) (string, bool)
	}{
		{"sqlite", func(tb testing.TB) (string, bool) { return LegacySQLite(tb), true }},
		{"postgres", LegacyPostgresDSN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsn, ok := tc.dsn(t)
			if !ok {
				t.Skip("PostgreSQL not configured")
			}
			db, err := storage.OpenUnmigrated(context.Background(), dsn)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { db.Close() })
			fn(t, db)
		})
	}
}
