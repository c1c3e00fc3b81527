package storage_test

import (
	"context"
	"errors"
	"fmt"
	"slices"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestModelsMatchMigratedSchema: the migrations make the schema, gorm reads and
// writes it; a model field or index added without its migration fails here.
func TestModelsMatchMigratedSchema(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.CheckSchema(ctx); err != nil {
			t.Fatal(err)
		}
		v, err := db.SchemaVersionInDB(ctx)
		if err != nil || v != storage.SchemaVersion() || v < 1 {
			t.Fatalf("schema version = %d, %v; want %d", v, err, storage.SchemaVersion())
		}
		ms, err := db.Migrations(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, m := range ms {
			if m.AppliedAt.IsZero() {
				t.Errorf("migration %s not applied", m.Name)
			}
		}
	})
}

// TestCheckSchemaSeesAMissingColumn: the check above can fail.
func TestCheckSchemaSeesAMissingColumn(t *testing.T) {
	db := storagetest.SQLite(t)
	ctx := context.Background()
	if err := db.ExecForTest(ctx, "ALTER TABLE person_rows DROP COLUMN last_lang"); err != nil {
		t.Fatal(err)
	}
	err := db.CheckSchema(ctx)
	if err == nil || !strings.Contains(err.Error(), "column person_rows.last_lang is missing") {
		t.Fatalf("CheckSchema = %v, want the missing column named", err)
	}
}

// TestMigrationsPerDialect: every schema change has its migration for both databases,
// under the same number.
func TestMigrationsPerDialect(t *testing.T) {
	sqlite, pg := storage.EmbeddedMigrations(false), storage.EmbeddedMigrations(true)
	if !slices.Equal(sqlite, pg) {
		t.Fatalf("SQLite migrations %v, PostgreSQL %v: want the same names", sqlite, pg)
	}
	for i, n := range sqlite {
		if want := i + 1; !hasVersion(n, want) {
			t.Errorf("migration %s: want number %05d (no gaps, no repeats)", n, want)
		}
	}
}

func hasVersion(name string, v int) bool { return strings.HasPrefix(name, fmt.Sprintf("%05d_", v)) }

// TestMigrateConcurrently: processes opening one new database at the same moment all
// succeed: the first migrates under the lock, the others find it done.
func TestMigrateConcurrently(t *testing.T) {
	for _, tc := range []struct {
		name string
		dsn  func(testing.TB) (string, bool)
	}{
		{"sqlite", func(t testing.TB) (string, bool) { return t.TempDir() + "/c.db", true }},
		{"postgres", storagetest.PostgresDSN},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for range 5 {
				dsn, ok := tc.dsn(t)
				if !ok {
					t.Skip("PostgreSQL not configured")
				}
				var wg sync.WaitGroup
				errs := make([]error, 4)
				for i := range errs {
					wg.Go(func() {
						db, err := storage.Open(context.Background(), dsn)
						if err == nil {
							err = db.Close()
						}
						errs[i] = err
					})
				}
				wg.Wait()
				if err := errors.Join(errs...); err != nil {
					t.Fatal(err)
				}
			}
		})
	}
}

// TestLegacyDatabaseIsBaselined: a database the previous release created (gorm's
// AutoMigrate, no version table) is recognised, taken as version 1 with its rows, and
// migrated on from there.
func TestLegacyDatabaseIsBaselined(t *testing.T) {
	storagetest.EachLegacy(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if legacy, err := db.Legacy(ctx); err != nil || !legacy {
			t.Fatalf("Legacy = %v, %v; want true", legacy, err)
		}
		res, err := db.Migrate(ctx, nil)
		if err != nil {
			t.Fatal(err)
		}
		if !res.Baselined || res.From != 0 || res.To != storage.SchemaVersion() {
			t.Fatalf("Migrate = %+v, want baselined from 0 to %d", res, storage.SchemaVersion())
		}
		if err := db.CheckSchema(ctx); err != nil {
			t.Fatal(err)
		}
		if legacy, _ := db.Legacy(ctx); legacy {
			t.Fatal("still legacy after Migrate")
		}
		// Once more: nothing to do.
		res, err = db.Migrate(ctx, nil)
		if err != nil || res.Baselined || res.From != res.To {
			t.Fatalf("second Migrate = %+v, %v; want nothing done", res, err)
		}
	})
}

// TestFailedMigrationChangesNothing: a migration that fails half-way leaves the
// database as it was: on SQLite the whole run is one transaction (the baseline applied
// in the same run is undone too), on PostgreSQL each migration is one.
func TestFailedMigrationChangesNothing(t *testing.T) {
	for _, tc := range []struct {
		name     string
		postgres bool
		dsn      func(testing.TB) (string, bool)
		// the version left: the run's earlier migrations stay on PostgreSQL only
		want int64
	}{
		{"sqlite", false, func(t testing.TB) (string, bool) { return t.TempDir() + "/f.db", true }, 0},
		{"postgres", true, storagetest.PostgresDSN, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dsn, ok := tc.dsn(t)
			if !ok {
				t.Skip("PostgreSQL not configured")
			}
			base, err := storage.EmbeddedMigrationFile(tc.postgres, "00001_baseline.sql")
			if err != nil {
				t.Fatal(err)
			}
			storage.UseMigrationsForTest(t, fstest.MapFS{
				"00001_baseline.sql": {Data: base},
				"00002_broken.sql": {Data: []byte("-- +goose Up\nCREATE TABLE half_done (id integer);\n" +
					"ALTER TABLE no_such_table ADD COLUMN x integer;\n")},
			})
			ctx := context.Background()
			db, err := storage.OpenUnmigrated(ctx, dsn)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			if _, err := db.Migrate(ctx, nil); err == nil || !strings.Contains(err.Error(), "no_such_table") {
				t.Fatalf("Migrate = %v, want the broken migration's error", err)
			}
			if v, err := db.SchemaVersionInDB(ctx); err != nil || v != tc.want {
				t.Fatalf("schema version after the failure = %d, %v; want %d", v, err, tc.want)
			}
			if err := db.ExecForTest(ctx, "SELECT * FROM half_done"); err == nil {
				t.Fatal("the failed migration's first statement stayed")
			}
		})
	}
}
