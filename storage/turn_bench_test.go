package storage_test

import (
	"context"
	"fmt"
	"sync/atomic"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// The statements of a turn, each alone, on a SQLite file (BenchmarkMeetTurn is the
// turn's read with no write):
//
//	go test ./storage -run '^$' -bench 'Turn|Dialog|FirstSeen|InventoryRev' -benchmem -cpu 1

// BenchmarkMeetTurnSighting writes the sighting on every turn, as the load tool's
// turns do (each request has its own 1:1 conversation id).
func BenchmarkMeetTurnSighting(b *testing.B) {
	db := storagetest.SQLite(b)
	ctx := context.Background()
	u := bot.User{ID: "aad-1", Email: "marie@example.org"}
	m := bot.Meeting{Key: u.Key(bot.Teams), Channel: bot.Teams, User: u, Detected: "fr"}
	b.ReportAllocs()
	for i := range b.N {
		m.Direct = &bot.ConversationRef{Channel: bot.Teams, ID: fmt.Sprintf("a:%d", i), UserID: "aad-1"}
		if _, err := db.MeetTurn(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkInventoryRev(b *testing.B) {
	db := storagetest.SQLite(b)
	ctx := context.Background()
	b.ReportAllocs()
	for range b.N {
		if _, err := db.InventoryRev(ctx); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkFirstSeen records a new key each time (the database insert, not memory).
func BenchmarkFirstSeen(b *testing.B) {
	db := storagetest.SQLite(b)
	ctx := context.Background()
	b.ReportAllocs()
	for i := range b.N {
		if first, err := db.FirstSeen(ctx, fmt.Sprintf("teams:activity:%d", i)); !first || err != nil {
			b.Fatal(first, err)
		}
	}
}

func BenchmarkSaveDialog(b *testing.B) {
	db := storagetest.SQLite(b)
	ctx := context.Background()
	state := []byte(`{"verdict":"permitted","system":"chatgpt"}`)
	b.ReportAllocs()
	for range b.N {
		if err := db.SaveDialog(ctx, "marie@example.org", "policy.last", state); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkLoadDialog(b *testing.B) {
	db := storagetest.SQLite(b)
	ctx := context.Background()
	if err := db.SaveDialog(ctx, "marie@example.org", "policy.last", []byte(`{}`)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		if _, err := db.LoadDialog(ctx, "marie@example.org", "policy.last"); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTurnWritesParallel runs a turn's three writes (redelivery key, sighting,
// dialog state) from 50 concurrent turns, as the server under load does; ns/op is per
// turn.
func BenchmarkTurnWritesParallel(b *testing.B) {
	db := storagetest.SQLite(b)
	benchTurnWrites(b, db)
}

func benchTurnWrites(b *testing.B, db *storage.DB) {
	ctx := context.Background()
	var n atomic.Int64
	state := []byte(`{"verdict":"permitted","system":"chatgpt"}`)
	b.ReportAllocs()
	b.SetParallelism(50)
	b.RunParallel(func(pb *testing.PB) {
		for pb.Next() {
			i := n.Add(1)
			u := bot.User{ID: fmt.Sprintf("aad-%d", i/4), Email: fmt.Sprintf("p%d@example.org", i/4)}
			m := bot.Meeting{Key: u.Key(bot.Teams), Channel: bot.Teams, User: u, Detected: "fr",
				Direct: &bot.ConversationRef{Channel: bot.Teams, ID: fmt.Sprintf("a:%d", i), UserID: u.ID}}
			if first, err := db.FirstSeen(ctx, fmt.Sprintf("teams:activity:%d", i)); !first || err != nil {
				b.Fatal(first, err)
			}
			if _, err := db.MeetTurn(ctx, m); err != nil {
				b.Fatal(err)
			}
			if err := db.SaveDialog(ctx, m.Key, "policy.last", state); err != nil {
				b.Fatal(err)
			}
		}
	})
}

// BenchmarkTurnWritesParallelPostgres is the same on the PostgreSQL test server.
func BenchmarkTurnWritesParallelPostgres(b *testing.B) {
	benchTurnWrites(b, storagetest.Postgres(b))
}
