package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestPurgeAppliesRetentionAndKeepsAudit(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		now := time.Date(2026, 11, 27, 9, 0, 0, 0, time.UTC)
		db.Now = func() time.Time { return now.AddDate(-2, 0, 0) }
		u := bot.User{ID: "U1"}
		if _, err := db.MeetPerson(ctx, u.Key(bot.Slack), bot.Slack, u, &bot.ConversationRef{Channel: bot.Slack, ID: "D1"}); err != nil {
			t.Fatal(err)
		}
		old := now.AddDate(-2, 0, 0)
		submitted := old
		rows := []storage.RequestRow{
			{RequesterKey: "a", Status: "cancelled", UpdatedAt: old, CreatedAt: old},
			{RequesterKey: "a", Status: "closed", UpdatedAt: now.AddDate(0, -1, 0), CreatedAt: old},
			{RequesterKey: "a", Status: "approved", SubmittedAt: &submitted, UpdatedAt: old, CreatedAt: old},
		}
		for i := range rows {
			if err := db.InsertForTest(ctx, &rows[i]); err != nil {
				t.Fatal(err)
			}
		}
		if err := db.Audit(ctx, audit.Entry{ActorKey: "a", Action: "request.submit", Subject: "request:3"}); err != nil {
			t.Fatal(err)
		}
		db.Now = func() time.Time { return now }
		rep, err := db.Purge(ctx, privacy.Retention{ClosedDrafts: 365 * 24 * time.Hour, ConversationRefs: 365 * 24 * time.Hour})
		if err != nil {
			t.Fatal(err)
		}
		if rep.ClosedDrafts != 1 || rep.ConversationRefs != 1 {
			t.Fatalf("Purge = %+v, want 1 old cancelled draft and 1 stale reference", rep)
		}
		people, _ := db.People(ctx, u.Key(bot.Slack))
		if len(people) != 1 || people[0].DirectRef != nil {
			t.Fatalf("person after purge = %+v, want kept without its reference", people)
		}
		log, _ := db.AuditLog(ctx)
		if len(log) != 2 || log[1].Action != "data.purge" {
			t.Fatalf("audit log = %+v, want the old entry kept and the purge recorded", log)
		}
	})
}
