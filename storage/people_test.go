package storage_test

import (
	"context"
	"testing"

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
