package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestFindPersonKeyIgnoresTheCaseOfAnEmail: the configuration names reviewers by
// e-mail, compared without case when they write; review cards and reminders sent to
// them must find them the same way.
func TestFindPersonKeyIgnoresTheCaseOfAnEmail(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		u := bot.User{ID: "U9", Email: "Marie.Tremblay@cssdgs.gouv.qc.ca"}
		key := u.Key(bot.Slack)
		if _, err := db.MeetPerson(ctx, key, bot.Slack, u, nil); err != nil {
			t.Fatal(err)
		}
		for _, who := range []string{"marie.tremblay@cssdgs.gouv.qc.ca", "MARIE.TREMBLAY@cssdgs.gouv.qc.ca", " Marie.Tremblay@CSSDGS.gouv.qc.ca "} {
			if got, err := db.FindPersonKey(ctx, who); err != nil || got != key {
				t.Errorf("FindPersonKey(%q) = %q, %v; want %q", who, got, err, key)
			}
		}
		if _, err := db.FindPersonKey(ctx, "u9"); err == nil {
			t.Error("FindPersonKey(u9) found someone; platform ids are case-sensitive")
		}
	})
}

// TestSightingKeepsWhatItDoesNotTell: a sighting without a name, e-mail, language or
// 1:1 conversation keeps the row's; one with them replaces them; the user id and time
// are always written, and the chosen language never.
func TestSightingKeepsWhatItDoesNotTell(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		key := "luc@example.org"
		ref := &bot.ConversationRef{Channel: bot.Teams, ID: "a:1", UserID: "aad-1"}
		full := bot.Meeting{Key: key, Channel: bot.Teams, User: bot.User{ID: "aad-1", Name: "Luc", Email: key},
			Detected: "en", Direct: ref}
		if _, err := db.MeetTurn(ctx, full); err != nil {
			t.Fatal(err)
		}
		if err := db.SetPersonLang(ctx, key, "fr"); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Hour) // past the time a sighting telling nothing new is spared
		if _, err := db.MeetTurn(ctx, bot.Meeting{Key: key, Channel: bot.Teams, User: bot.User{ID: "aad-2"}}); err != nil {
			t.Fatal(err)
		}
		p, err := db.People(ctx, key)
		if err != nil || len(p) != 1 {
			t.Fatalf("People = %+v, %v", p, err)
		}
		want := bot.Person{Key: key, Channel: bot.Teams, UserID: "aad-2", Name: "Luc", Email: key, Lang: "fr",
			LastLang: "en", LastSeenAt: "2026-09-01 11:00", DirectRef: ref}
		if got := p[0]; got.UserID != want.UserID || got.Name != want.Name || got.Email != want.Email || got.Lang != want.Lang ||
			got.LastLang != want.LastLang || got.LastSeenAt != want.LastSeenAt || got.DirectRef == nil || *got.DirectRef != *ref {
			t.Errorf("after an empty sighting: %+v; want %+v", got, want)
		}
		ref2 := &bot.ConversationRef{Channel: bot.Teams, ID: "a:2", UserID: "aad-2"}
		now = now.Add(time.Second)
		if _, err := db.MeetTurn(ctx, bot.Meeting{Key: key, Channel: bot.Teams, Detected: "fr", Direct: ref2,
			User: bot.User{ID: "aad-2", Name: "Luc T.", Email: "luc.t@example.org"}}); err != nil {
			t.Fatal(err)
		}
		p, err = db.People(ctx, key)
		if err != nil || len(p) != 1 {
			t.Fatalf("People = %+v, %v", p, err)
		}
		if got := p[0]; got.Name != "Luc T." || got.Email != "luc.t@example.org" || got.Lang != "fr" || got.LastLang != "fr" ||
			got.DirectRef == nil || *got.DirectRef != *ref2 {
			t.Errorf("after a new sighting: %+v; want the new name, e-mail, language and conversation", got)
		}
	})
}

// TestSightingOfATimeAndALanguage: a sighting that tells no more than a language
// written in, or only that the person is still there, updates those and keeps the
// rest; one whose row was erased meanwhile records the person again.
func TestSightingOfATimeAndALanguage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 9, 1, 10, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now }
		key := "lea@example.org"
		ref := &bot.ConversationRef{Channel: bot.Slack, ID: "D1", UserID: "U1"}
		u := bot.User{ID: "U1", Name: "Léa", Email: key}
		meet := func(detected string) bot.Person {
			t.Helper()
			if _, err := db.MeetTurn(ctx, bot.Meeting{Key: key, Channel: bot.Slack, User: u, Detected: detected}); err != nil {
				t.Fatal(err)
			}
			p, err := db.People(ctx, key)
			if err != nil || len(p) != 1 {
				t.Fatalf("People = %+v, %v", p, err)
			}
			return p[0]
		}
		if _, err := db.MeetTurn(ctx, bot.Meeting{Key: key, Channel: bot.Slack, User: u, Detected: "fr", Direct: ref}); err != nil {
			t.Fatal(err)
		}
		now = now.Add(time.Second)
		if got := meet("en"); got.LastLang != "en" || got.LastSeenAt != "2026-09-01 10:00" || got.Name != "Léa" ||
			got.Email != key || got.DirectRef == nil || *got.DirectRef != *ref {
			t.Errorf("after a language written in: %+v; want en, the rest kept", got)
		}
		now = now.Add(time.Hour)
		if got := meet(""); got.LastLang != "en" || got.LastSeenAt != "2026-09-01 11:00" || got.DirectRef == nil {
			t.Errorf("an hour later: %+v; want seen at 11:00, en kept", got)
		}
		if err := db.WriteSeenForTest(ctx, "gone@example.org", bot.Slack, "fr", now); err != nil {
			t.Fatal(err)
		}
		if p, err := db.People(ctx, "gone@example.org"); err != nil || len(p) != 1 || p[0].LastLang != "fr" {
			t.Errorf("a sighting of an erased row: People = %+v, %v; want it recorded again", p, err)
		}
	})
}
