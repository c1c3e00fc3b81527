package storage_test

import (
	"context"
	"errors"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestMeetTurnAcrossReplicas: what a turn reads at its start (languages and dialogs)
// comes from the database, so a language chosen, a language written in, or a dialog
// started or ended on one replica is what the other reads on the person's next
// message, even within the time its own sighting is not rewritten.
func TestMeetTurnAcrossReplicas(t *testing.T) {
	storagetest.EachPair(t, testMeetTurnAcrossReplicas)
}

func testMeetTurnAcrossReplicas(t *testing.T, a, b *storage.DB) {
	ctx := context.Background()
	u := bot.User{ID: "aad-1", Email: "marie@example.org"}
	m := bot.Meeting{Key: u.Key(bot.Teams), Channel: bot.Teams, User: u, Detected: "fr"}
	turn := func(db *storage.DB, wantChosen, wantLast string, wantDialogs ...string) {
		t.Helper()
		start, err := db.MeetTurn(ctx, m)
		if err != nil {
			t.Fatal(err)
		}
		langs, dialogs := start.Langs, start.Dialogs
		if langs.Chosen != wantChosen || langs.Last != wantLast || !slices.Equal(dialogs, wantDialogs) {
			t.Errorf("MeetTurn = %+v %q; want chosen %q, last %q, dialogs %q", langs, dialogs, wantChosen, wantLast, wantDialogs)
		}
	}
	turn(a, "", "fr")
	turn(b, "", "fr")
	if err := b.SetPersonLang(ctx, m.Key, "en"); err != nil {
		t.Fatal(err)
	}
	turn(a, "en", "fr") // A's sighting is spared, its read is not
	if err := b.SaveDialog(ctx, m.Key, "annexe1", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	turn(a, "en", "fr", "annexe1")
	m.Detected = "en"
	turn(b, "en", "en", "annexe1")
	m.Detected = ""
	turn(a, "en", "en", "annexe1")
	if err := b.DeleteDialog(ctx, m.Key, "annexe1"); err != nil {
		t.Fatal(err)
	}
	turn(a, "en", "en")
	// A wrote French last a moment ago, B English since: French again on A is written.
	m.Detected = "fr"
	turn(a, "en", "fr")
	m.Detected = "en"
	turn(b, "en", "en")
	m.Detected = "fr"
	turn(a, "en", "fr")
	if p, err := b.People(ctx, m.Key); err != nil || len(p) != 1 || p[0].LastLang != "fr" {
		t.Errorf("People after French on A = %+v, %v; want last language fr in the database", p, err)
	}
	// Erased on B, the person is written back by their next message on A.
	if _, err := b.ErasePerson(ctx, m.Key); err != nil {
		t.Fatal(err)
	}
	turn(a, "", "fr")
	if p, err := b.People(ctx, m.Key); err != nil || len(p) != 1 || p[0].UserID != u.ID {
		t.Errorf("People after erasure and a message = %+v, %v; want the sighting written back", p, err)
	}
}

// TestMeetTurnReadsAsBefore: MeetTurn's one query gives what Meet and ActiveDialogs
// gave apart: the chosen language of any channel, the last written language of the
// most recently seen one, and the fresh dialogs, the most recently touched first.
func TestMeetTurnReadsAsBefore(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		key := "luc@example.org"
		slack := bot.Meeting{Key: key, Channel: bot.Slack, User: bot.User{ID: "U1", Email: key}, Detected: "en"}
		teams := bot.Meeting{Key: key, Channel: bot.Teams, User: bot.User{ID: "aad-1", Email: key}}
		if _, err := db.MeetTurn(ctx, slack); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Minute)
		// Teams, seen last, has no language of its own: Slack's still counts.
		start, err := db.MeetTurn(ctx, teams)
		if err != nil || start.Langs != (bot.PersonLangs{Last: "en"}) || len(start.Dialogs) != 0 {
			t.Fatalf("MeetTurn = %+v, %v; want last en, no dialog", start, err)
		}
		if err := db.SetPersonLang(ctx, key, "fr"); err != nil {
			t.Fatal(err)
		}
		for i, kind := range []string{"stale", "review", "annexe1"} {
			if err := db.SaveDialog(ctx, key, kind, []byte(`{}`)); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				now = now.Add(privacy.DialogIdle + time.Minute) // "stale" is now too old to count
			} else {
				now = now.Add(time.Second)
			}
		}
		start, err = db.MeetTurn(ctx, teams)
		if err != nil || start.Langs != (bot.PersonLangs{Chosen: "fr", Last: "en"}) || !slices.Equal(start.Dialogs, []string{"annexe1", "review"}) {
			t.Fatalf("MeetTurn = %+v, %v; want chosen fr, last en, dialogs annexe1 then review", start, err)
		}
		if active, _ := db.ActiveDialogs(ctx, key); !slices.Equal(active, start.Dialogs) {
			t.Errorf("ActiveDialogs = %q, MeetTurn's = %q", active, start.Dialogs)
		}
	})
}

// TestMeetTurnReadsTheInventoryRevision: the revision a turn starts with is
// InventoryRev's, and follows a change of the inventory.
func TestMeetTurnReadsTheInventoryRevision(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		m := bot.Meeting{Key: "luc@example.org", Channel: bot.Teams, User: bot.User{ID: "aad-1", Email: "luc@example.org"}}
		check := func(when string) int64 {
			t.Helper()
			start, err := db.MeetTurn(ctx, m)
			if err != nil {
				t.Fatal(err)
			}
			rev, err := db.InventoryRev(ctx)
			if err != nil || start.InventoryRev != rev {
				t.Fatalf("%s: MeetTurn's revision %d, InventoryRev %d, %v", when, start.InventoryRev, rev, err)
			}
			return rev
		}
		before := check("before")
		if err := db.ReplaceInventory(ctx, inventory.Sample()); err != nil {
			t.Fatal(err)
		}
		if check("after a change") == before {
			t.Error("revision unchanged after ReplaceInventory")
		}
	})
}

// BenchmarkMeetTurn is what every turn starts with, for a person already met (the
// sighting not written again): one read of their rows and dialogs.
//
//	go test ./storage -run '^$' -bench MeetTurn -benchmem -cpu 1
func BenchmarkMeetTurn(b *testing.B) {
	db := storagetest.SQLite(b)
	ctx := context.Background()
	u := bot.User{ID: "aad-1", Email: "marie@example.org"}
	m := bot.Meeting{Key: u.Key(bot.Teams), Channel: bot.Teams, User: u, Detected: "fr",
		Direct: &bot.ConversationRef{Channel: bot.Teams, ID: "a:1", UserID: "aad-1"}}
	if err := db.SaveDialog(ctx, m.Key, "policy.last", []byte(`{}`)); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for range b.N {
		if _, err := db.MeetTurn(ctx, m); err != nil {
			b.Fatal(err)
		}
	}
}

// TestMeetTurnRecordsTheEventFirst: a turn's event key is recorded with its person;
// the same key again, on this replica (from memory) or another (from the database),
// ends the turn with bot.ErrRedelivered having written nothing, and a key that cannot
// be recorded with bot.ErrEventNotRecorded.
func TestMeetTurnRecordsTheEventFirst(t *testing.T) {
	storagetest.EachPair(t, func(t *testing.T, a, b *storage.DB) {
		ctx := context.Background()
		m := bot.Meeting{Key: "luc@example.org", Channel: bot.Teams, User: bot.User{ID: "aad-1", Email: "luc@example.org"},
			EventKey: "teams:activity:0001"}
		if _, err := a.MeetTurn(ctx, m); err != nil {
			t.Fatal(err)
		}
		if _, err := a.MeetTurn(ctx, m); !errors.Is(err, bot.ErrRedelivered) {
			t.Errorf("again on the same replica: %v, want ErrRedelivered", err)
		}
		other := m
		other.Key, other.User = "eve@example.org", bot.User{ID: "aad-2", Email: "eve@example.org"}
		if _, err := b.MeetTurn(ctx, other); !errors.Is(err, bot.ErrRedelivered) {
			t.Errorf("again on another replica: %v, want ErrRedelivered", err)
		}
		if p, err := b.People(ctx, other.Key); err != nil || len(p) != 0 {
			t.Errorf("a redelivered turn wrote its sighting: %+v, %v", p, err)
		}
		if first, err := b.FirstSeen(ctx, m.EventKey); first || err != nil {
			t.Errorf("FirstSeen of the turn's key = %v, %v; want recorded", first, err)
		}
		long := m
		long.EventKey = "teams:activity:" + strings.Repeat("x", 300)
		if _, err := a.MeetTurn(ctx, long); !errors.Is(err, bot.ErrEventNotRecorded) {
			t.Errorf("a key too long: %v, want ErrEventNotRecorded", err)
		}
	})
}
