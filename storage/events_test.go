package storage_test

import (
	"context"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestFirstSeen(t *testing.T) { storagetest.Each(t, testFirstSeen) }

func testFirstSeen(t *testing.T, db *storage.DB) {
	ctx := context.Background()
	for _, tc := range []struct {
		key     string
		want    bool
		wantErr bool
	}{
		{"slack:Ev1", true, false},
		{"slack:Ev1", false, false},
		{"slack:Ev2", true, false},
		{"teams:Ev1", true, false},
		{"", false, true},
		{strings.Repeat("k", 201), false, true},
		{strings.Repeat("k", 200), true, false},
	} {
		got, err := db.FirstSeen(ctx, tc.key)
		if got != tc.want || (err != nil) != tc.wantErr {
			t.Errorf("FirstSeen(%.20q) = %v, %v; want %v, error %v", tc.key, got, err, tc.want, tc.wantErr)
		}
	}
}

// TestFirstSeenAcrossReplicas opens the same database twice, as two replicas would,
// and races them on one key: exactly one may process the event.
func TestFirstSeenAcrossReplicas(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		raceReplicas(t, filepath.Join(t.TempDir(), "shared.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, ok := storagetest.PostgresDSN(t)
		if !ok {
			t.Skipf("PostgreSQL not configured: set %s", storagetest.DSNEnv)
		}
		raceReplicas(t, dsn)
	})
}

func raceReplicas(t *testing.T, dsn string) {
	ctx := context.Background()
	var dbs []*storage.DB
	for range 2 {
		db, err := storage.Open(ctx, dsn)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { db.Close() })
		dbs = append(dbs, db)
	}
	var (
		wg    sync.WaitGroup
		first atomic.Int32
	)
	for i := range 20 {
		wg.Go(func() {
			ok, err := dbs[i%2].FirstSeen(ctx, "slack:EvRace")
			if err != nil {
				t.Errorf("FirstSeen: %v", err)
			}
			if ok {
				first.Add(1)
			}
		})
	}
	wg.Wait()
	if got := first.Load(); got != 1 {
		t.Errorf("%d callers saw the event first, want 1", got)
	}
}

func TestPruneInboundEvents(t *testing.T) { storagetest.Each(t, testPruneInboundEvents) }

func testPruneInboundEvents(t *testing.T, db *storage.DB) {
	ctx := context.Background()
	storage.SetPruneBatchForTest(t, 1) // two statements delete a key each, a third none
	now := time.Date(2026, 9, 1, 12, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now.Add(-25 * time.Hour) }
	for _, k := range []string{"slack:old1", "slack:old2", "once:teams:welcome:old"} {
		if _, err := db.FirstSeen(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	db.Now = func() time.Time { return now }
	if _, err := db.FirstSeen(ctx, "slack:new"); err != nil {
		t.Fatal(err)
	}
	n, err := db.PruneInboundEvents(ctx, now.Add(-24*time.Hour))
	if err != nil || n != 2 {
		t.Fatalf("PruneInboundEvents = %d, %v; want 2, nil", n, err)
	}
	for _, tc := range []struct {
		key  string
		want bool
	}{{"slack:old1", true}, {"slack:new", false}, {"once:teams:welcome:old", false}} {
		if got, err := db.FirstSeen(ctx, tc.key); got != tc.want || err != nil {
			t.Errorf("after pruning, FirstSeen(%q) = %v, %v; want %v", tc.key, got, err, tc.want)
		}
	}
}

// TestFirstSeenRemembersRecentKeys: a redelivery of a key this process recorded is
// answered from memory, without the database (here closed), while a new key still
// needs the database; another replica learns it from the database.
func TestFirstSeenRemembersRecentKeys(t *testing.T) {
	ctx := context.Background()
	file := filepath.Join(t.TempDir(), "shared.db")
	a, err := storage.Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	b, err := storage.Open(ctx, file)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { b.Close() })
	if first, err := a.FirstSeen(ctx, "teams:activity:x"); !first || err != nil {
		t.Fatalf("first delivery = %v, %v; want true", first, err)
	}
	if first, err := b.FirstSeen(ctx, "teams:activity:x"); first || err != nil {
		t.Errorf("other replica = %v, %v; want false (the database knows it)", first, err)
	}
	a.Close()
	if first, err := a.FirstSeen(ctx, "teams:activity:x"); first || err != nil {
		t.Errorf("redelivery, database closed = %v, %v; want false from memory", first, err)
	}
	if _, err := a.FirstSeen(ctx, "teams:activity:y"); err == nil {
		t.Error("new key, database closed: no error, want one (memory never says first)")
	}
}

// TestInboundKeysMigration: migrating a database of the previous schema keeps its
// event keys, turns a welcome's claim into a "once:" key that the prune keeps, and on
// SQLite leaves a WITHOUT ROWID table without the index on at.
func TestInboundKeysMigration(t *testing.T) {
	storagetest.EachLegacy(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		long := time.Date(2026, 1, 5, 12, 0, 0, 0, time.UTC)
		for _, k := range []string{"teams:welcome:abc", "slack:Ev1"} {
			if err := db.InsertForTest(ctx, &storage.InboundEventRow{Key: k, At: long}); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := db.Migrate(ctx, nil); err != nil {
			t.Fatal(err)
		}
		if n, err := db.PruneInboundEvents(ctx, long.Add(time.Hour)); err != nil || n != 1 {
			t.Fatalf("PruneInboundEvents = %d, %v; want the Slack key only", n, err)
		}
		for _, tc := range []struct {
			key  string
			want bool
		}{{"once:teams:welcome:abc", false}, {"slack:Ev1", true}} {
			if got, err := db.FirstSeen(ctx, tc.key); got != tc.want || err != nil {
				t.Errorf("FirstSeen(%q) = %v, %v; want %v", tc.key, got, err, tc.want)
			}
		}
		if strings.HasSuffix(t.Name(), "/sqlite") {
			table, index := db.SQLiteSchemaForTest(ctx, "inbound_event_rows"), db.SQLiteSchemaForTest(ctx, "idx_inbound_event_rows_at")
			if !strings.Contains(table, "WITHOUT ROWID") || index != "" {
				t.Errorf("inbound_event_rows = %q, index on at %q; want WITHOUT ROWID and no index", table, index)
			}
		}

	})
}
