package storage_test

import (
	"context"
	"fmt"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestBatchedWritesEachGetTheirOwnResult: on SQLite, writes queued while a commit runs
// are committed together, and each caller gets its own result: the one write the
// database refuses fails alone, leaving nothing behind, while the others are committed
// (another replica sees them); of two writes of one new redelivery key in the same
// batch, exactly one is first. PostgreSQL, which does not batch, must give the same
// results to the same concurrent writes.
func TestBatchedWritesEachGetTheirOwnResult(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		testBatchedWrites(t, filepath.Join(t.TempDir(), "shared.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, ok := storagetest.PostgresDSN(t)
		if !ok {
			t.Skipf("PostgreSQL not configured: set %s", storagetest.DSNEnv)
		}
		testBatchedWrites(t, dsn)
	})
}

func testBatchedWrites(t *testing.T, dsn string) {
	ctx := context.Background()
	var db, other *storage.DB
	for _, d := range []**storage.DB{&db, &other} {
		var err error
		if *d, err = storage.Open(ctx, dsn); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { (*d).Close() })
	}
	if first, err := other.FirstSeen(ctx, "teams:known"); !first || err != nil {
		t.Fatalf("FirstSeen(known) = %v, %v", first, err)
	}
	lang := bot.User{ID: "aad-lang", Email: "lang@example.org"}
	if _, err := db.MeetTurn(ctx, bot.Meeting{Key: lang.Key(bot.Teams), Channel: bot.Teams, User: lang}); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDialog(ctx, "gone@example.org", "annexe1", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	const n = 100 // more than one batch
	type result struct {
		first bool
		err   error
	}
	results := make([]result, n)
	release := db.HoldWritesForTest(ctx)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			var r result
			key := fmt.Sprintf("teams:ev%d", i)
			switch {
			case i == 17:
				r.err = db.FailingWriteForTest(ctx, key)
			case i == 30:
				r.first, r.err = db.FirstSeen(ctx, "teams:known") // recorded by the other replica
			case i == 31 || i == 32:
				r.first, r.err = db.FirstSeen(ctx, "teams:twice")
			case i == 40:
				r.err = db.SetPersonLang(ctx, lang.Key(bot.Teams), "en")
			case i == 41:
				r.err = db.DeleteDialog(ctx, "gone@example.org", "annexe1")
			case i%3 == 0:
				u := bot.User{ID: fmt.Sprintf("aad-%d", i), Email: fmt.Sprintf("p%d@example.org", i)}
				_, r.err = db.MeetTurn(ctx, bot.Meeting{Key: u.Key(bot.Teams), Channel: bot.Teams, User: u, Detected: "fr"})
			case i%3 == 1:
				r.err = db.SaveDialog(ctx, fmt.Sprintf("p%d@example.org", i), "policy.last", []byte(`{"i":1}`))
			default:
				r.first, r.err = db.FirstSeen(ctx, key)
			}
			results[i] = r
		})
	}
	if !db.Postgres() {
		deadline := time.Now().Add(10 * time.Second)
		for db.QueuedWritesForTest() < n && time.Now().Before(deadline) {
			time.Sleep(time.Millisecond)
		}
		if q := db.QueuedWritesForTest(); q != n {
			t.Fatalf("%d writes queued, want %d", q, n)
		}
	}
	if err := release(); err != nil {
		t.Fatalf("held write: %v", err)
	}
	wg.Wait()

	twice := 0
	for i, r := range results {
		switch {
		case i == 17:
			if r.err == nil {
				t.Errorf("failing write: no error")
			}
		case r.err != nil:
			t.Errorf("write %d: %v", i, r.err)
		case i == 40 || i == 41:
		case i == 30:
			if r.first {
				t.Errorf("key recorded by another replica: first")
			}
		case i == 31 || i == 32:
			if r.first {
				twice++
			}
		case i%3 == 2:
			if !r.first {
				t.Errorf("write %d: new key not first", i)
			}
		}
	}
	if twice != 1 {
		t.Errorf("one key written twice in a batch: %d firsts, want 1", twice)
	}
	// What each write left, as another replica reads it.
	for i := range n {
		key := fmt.Sprintf("teams:ev%d", i)
		switch {
		case i == 17:
			if first, err := other.FirstSeen(ctx, key); !first || err != nil {
				t.Errorf("failed write's key: FirstSeen = %v, %v; want it absent (true)", first, err)
			}
		case i == 30 || i == 31 || i == 32:
		case i == 40:
			if p, err := other.People(ctx, lang.Key(bot.Teams)); err != nil || len(p) != 1 || p[0].Lang != "en" {
				t.Errorf("language chosen: %+v, %v; want en", p, err)
			}
		case i == 41:
			if s, err := other.LoadDialog(ctx, "gone@example.org", "annexe1"); err != bot.ErrNotFound {
				t.Errorf("dialog deleted: %q, %v; want not found", s, err)
			}
		case i%3 == 0:
			p, err := other.People(ctx, fmt.Sprintf("p%d@example.org", i))
			if err != nil || len(p) != 1 || p[0].LastLang != "fr" {
				t.Errorf("sighting %d: %+v, %v", i, p, err)
			}
		case i%3 == 1:
			s, err := other.LoadDialog(ctx, fmt.Sprintf("p%d@example.org", i), "policy.last")
			if err != nil || string(s) != `{"i":1}` {
				t.Errorf("dialog %d: %q, %v", i, s, err)
			}
		default:
			if first, err := other.FirstSeen(ctx, key); first || err != nil {
				t.Errorf("key %d: FirstSeen on the other replica = %v, %v; want recorded", i, first, err)
			}
		}
	}
	if first, err := other.FirstSeen(ctx, "teams:twice"); first || err != nil {
		t.Errorf("key written twice: FirstSeen on the other replica = %v, %v; want recorded", first, err)
	}
}

// TestBatchSurvivesAPanickingWrite: a write whose code panics fails alone, with an
// error; the writes batched with it are committed and later writes still run.
func TestBatchSurvivesAPanickingWrite(t *testing.T) {
	db := storagetest.SQLite(t)
	ctx := context.Background()
	release := db.HoldWritesForTest(ctx)
	var wg sync.WaitGroup
	var panicked, saved error
	wg.Go(func() { panicked = db.PanickingWriteForTest(ctx) })
	wg.Go(func() { saved = db.SaveDialog(ctx, "luc@example.org", "policy.last", []byte(`{}`)) })
	for db.QueuedWritesForTest() < 2 {
		time.Sleep(time.Millisecond)
	}
	if err := release(); err != nil {
		t.Fatal(err)
	}
	wg.Wait()
	if panicked == nil || saved != nil {
		t.Fatalf("panicking write: %v, the other: %v; want an error, then nil", panicked, saved)
	}
	if err := db.PanickingWriteForTest(ctx); err == nil {
		t.Error("panicking write alone: no error")
	}
	if _, err := db.FirstSeen(ctx, "teams:after"); err != nil {
		t.Errorf("write after the panics: %v", err)
	}
}

// TestOperationsAfterCloseFail: once the database is closed, a turn's operations fail
// at once, whether the lane was opened before or not, rather than wait for it.
func TestOperationsAfterCloseFail(t *testing.T) {
	ctx := context.Background()
	for _, used := range []bool{false, true} {
		db, err := storage.Open(ctx, filepath.Join(t.TempDir(), "closed.db"))
		if err != nil {
			t.Fatal(err)
		}
		if used {
			if _, err := db.FirstSeen(ctx, "teams:before"); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Close(); err != nil {
			t.Fatalf("Close (lane used: %v): %v", used, err)
		}
		if err := db.SaveDialog(ctx, "k", "annexe1", []byte(`{}`)); err == nil {
			t.Errorf("SaveDialog after Close (lane used: %v): no error", used)
		}
		if _, err := db.MeetTurn(ctx, bot.Meeting{Key: "k", Channel: bot.Teams, User: bot.User{ID: "u"}}); err == nil {
			t.Errorf("MeetTurn after Close (lane used: %v): no error", used)
		}
	}
}
