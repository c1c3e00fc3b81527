package storage_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"

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
	var slack *storage.Person
	for i := range people {
		if people[i].Channel == bot.Slack {
			slack = &people[i]
		}
	}
	if slack == nil || slack.DirectRef == nil || slack.DirectRef.ID != "D1" || slack.Name != "Marie Tremblay" {
		t.Fatalf("Slack person = %+v, want ref D1 and name kept", slack)
	}
	if got, err := db.FindPersonKey(ctx, "U1"); err != nil || got != key {
		t.Fatalf("FindPersonKey(U1) = %q, %v; want %q", got, err, key)
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
