package storage_test

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// MustOpenDB opens a fresh SQLite file in a temporary folder.
func MustOpenDB(tb testing.TB) *storage.DB { return storagetest.SQLite(tb) }

func TestMeetPersonKeepsLangAndRef(t *testing.T) {
	storagetest.Each(t, testMeetPersonKeepsLangAndRef)
}

func testMeetPersonKeepsLangAndRef(t *testing.T, db *storage.DB) {
	ctx := context.Background()
	u := bot.User{ID: "U1", Name: "Marie Tremblay", Email: "Marie@Example.org"}
	key := u.Key(bot.Slack)
	ref := &bot.ConversationRef{Channel: bot.Slack, ID: "D1", UserID: "U1"}
	lang, err := db.MeetPerson(ctx, key, bot.Slack, u, ref)
	if err != nil || lang != "" {
		t.Fatalf("first MeetPerson = %q, %v; want \"\", nil", lang, err)
	}
	if err := db.SetPersonLang(ctx, key, "en"); err != nil {
		t.Fatal(err)
	}
	// Seen again on Teams: same key (e-mail), language follows.
	lang, err = db.MeetPerson(ctx, key, bot.Teams, bot.User{ID: "aad-1", Email: "marie@example.org"}, nil)
	if err != nil || lang != "en" {
		t.Fatalf("MeetPerson on Teams = %q, %v; want en", lang, err)
	}
	people, err := db.People(ctx, key)
	if err != nil || len(people) != 2 {
		t.Fatalf("People = %d, %v; want 2", len(people), err)
	}
	var slack *bot.Person
	for i := range people {
		if people[i].Channel == bot.Slack {
			slack = &people[i]
		}
	}
	if slack == nil || slack.DirectRef == nil || slack.DirectRef.ID != "D1" || slack.Name != "Marie Tremblay" {
		t.Fatalf("Slack person = %+v, want ref D1 and name kept", slack)
	}
	if got, err := db.FindPersonKey(ctx, "slack:U1"); err != nil || got != key {
		t.Fatalf("FindPersonKey(slack:U1) = %q, %v; want %q", got, err, key)
	}
	// A platform id is someone only on its own channel, and only with its prefix.
	for _, who := range []string{"U1", "teams:U1"} {
		if got, err := db.FindPersonKey(ctx, who); err == nil {
			t.Errorf("FindPersonKey(%s) = %q; want not found", who, got)
		}
	}
}

func TestDialogStateSurvivesReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.LoadDialog(ctx, "k", "annexe1"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("LoadDialog on empty = %v, want ErrNotFound", err)
	}
	if err := db.SaveDialog(ctx, "k", "annexe1", []byte(`{"step":3}`)); err != nil {
		t.Fatal(err)
	}
	if err := db.SaveDialog(ctx, "k", "annexe1", []byte(`{"step":4}`)); err != nil {
		t.Fatal(err)
	}
	db.Close()
	db, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.LoadDialog(ctx, "k", "annexe1")
	if err != nil || string(got) != `{"step":4}` {
		t.Fatalf("after reopen LoadDialog = %s, %v; want step 4", got, err)
	}
	kinds, _ := db.ActiveDialogs(ctx, "k")
	if len(kinds) != 1 || kinds[0] != "annexe1" {
		t.Fatalf("ActiveDialogs = %v", kinds)
	}
	if err := db.DeleteDialog(ctx, "k", "annexe1"); err != nil {
		t.Fatal(err)
	}
	if kinds, _ := db.ActiveDialogs(ctx, "k"); len(kinds) != 0 {
		t.Fatalf("after delete ActiveDialogs = %v", kinds)
	}
}

// TestMeetSparesIdenticalSightings: the same sighting within two minutes is not
// written again, a changed one is, and an erased person is written back at once.
func TestMeetSparesIdenticalSightings(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	now := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	u := bot.User{ID: "U1", Email: "a@x.org"}
	meet := func(detected string) {
		t.Helper()
		if _, err := db.Meet(ctx, bot.Meeting{Key: "a@x.org", Channel: bot.Slack, User: u, Detected: detected}); err != nil {
			t.Fatal(err)
		}
	}
	seen := func() string {
		t.Helper()
		p, err := db.People(ctx, "a@x.org")
		if err != nil || len(p) != 1 {
			t.Fatalf("People = %+v, %v", p, err)
		}
		return p[0].LastSeenAt
	}
	meet("fr")
	first := seen()
	now = now.Add(time.Minute)
	meet("fr")
	if got := seen(); got != first {
		t.Errorf("identical sighting a minute later rewrote last_seen_at: %s → %s", first, got)
	}
	meet("en")
	if langs, _ := db.Meet(ctx, bot.Meeting{Key: "a@x.org", Channel: bot.Slack, User: u}); langs.Last != "en" {
		t.Errorf("changed sighting not written: last language %q, want en", langs.Last)
	}
	now = now.Add(3 * time.Minute)
	meet("en")
	if got := seen(); got == first {
		t.Error("sighting after the delay not written")
	}
	if _, err := db.ErasePerson(ctx, "a@x.org"); err != nil {
		t.Fatal(err)
	}
	meet("en")
	seen() // fails unless the row was written back
}

// TestMeetWritesALanguageBack: French, then English, then French again within the
// two minutes in which identical sightings are spared: the last one is French.
func TestMeetWritesALanguageBack(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	now := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	u := bot.User{ID: "U1", Email: "a@x.org"}
	var langs bot.PersonLangs
	for _, l := range []string{"fr", "en", "fr"} {
		now = now.Add(10 * time.Second)
		var err error
		if langs, err = db.Meet(ctx, bot.Meeting{Key: "a@x.org", Channel: bot.Teams, User: u, Detected: l}); err != nil {
			t.Fatal(err)
		}
	}
	if langs.Last != "fr" {
		t.Errorf("last language = %q, want fr", langs.Last)
	}
}

// TestOpenPathsWithURICharacters: a folder named with "#" or "%" (a test's temporary
// folder "TestX#01", a share "100%") opens that very file, not one cut at the "#".
func TestOpenPathsWithURICharacters(t *testing.T) {
	ctx := context.Background()
	for _, dir := range []string{"Test#01", "100%", "a%23b"} {
		t.Run(dir, func(t *testing.T) {
			path := filepath.Join(t.TempDir(), dir, "x.db")
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			db, err := storage.Open(ctx, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := db.SaveDialog(ctx, "k", "annexe1", []byte(`{}`)); err != nil {
				t.Fatal(err)
			}
			db.Close()
			if st, err := os.Stat(path); err != nil || st.Size() == 0 {
				t.Fatalf("the database is not at %s: %v", path, err)
			}
		})
	}
}

// TestTurnReadsStopOnAnEndedContext: a turn's point reads run without watching their
// context (pointRead), but one already ended still stops them before they start.
func TestTurnReadsStopOnAnEndedContext(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx, cancel := context.WithCancel(context.Background())
		cancel()
		if _, err := db.LoadDialog(ctx, "k", "annexe1"); !errors.Is(err, context.Canceled) {
			t.Errorf("LoadDialog = %v, want context.Canceled", err)
		}
		if _, err := db.InventoryRev(ctx); !errors.Is(err, context.Canceled) {
			t.Errorf("InventoryRev = %v, want context.Canceled", err)
		}
		if _, err := db.MeetTurn(ctx, bot.Meeting{Key: "k", Channel: bot.Teams, User: bot.User{ID: "u"}}); !errors.Is(err, context.Canceled) {
			t.Errorf("MeetTurn = %v, want context.Canceled", err)
		}
	})
}
