package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/reminder"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestCompleteTrainingChecksThePerson(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		req := storage.RequestRow{ID: 7, RequesterKey: "alice@x", Status: "approved", SystemName: "Copilot", CreatedAt: rt0, UpdatedAt: rt0}
		if err := db.InsertForTest(ctx, &req); err != nil {
			t.Fatal(err)
		}
		if err := db.InsertForTest(ctx, &storage.TrainingRow{RequestID: 7, PersonKey: "alice@x"}); err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			name, who string
			want      error
		}{
			{"someone not to train", "mallory@x", bot.ErrNotFound},
			{"the person", "alice@x", nil},
			{"the person again", "alice@x", bot.ErrConflict},
		} {
			t.Run(tc.name, func(t *testing.T) {
				system, err := db.CompleteTraining(ctx, 7, tc.who, rt0)
				if !errors.Is(err, tc.want) || (err == nil && system != "Copilot") {
					t.Fatalf("CompleteTraining = %q, %v; want %v", system, err, tc.want)
				}
			})
		}
		log, err := db.AuditLog(ctx)
		if err != nil || len(log) != 1 || log[0].Action != "training.complete" || log[0].ActorKey != "alice@x" {
			t.Fatalf("audit = %+v, %v; want one training.complete by alice", log, err)
		}
	})
}

func TestReviseEFVPMovesTheDate(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		next := time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)
		rid := uint(3)
		if err := db.InsertForTest(ctx, &storage.RequestRow{ID: 3, RequesterKey: "alice@x", Status: "approved",
			SupervisorKey: "boss@x", Lang: "en", CreatedAt: rt0, UpdatedAt: rt0}); err != nil {
			t.Fatal(err)
		}
		if err := db.InsertForTest(ctx, &storage.SystemRow{ID: "copilot", Name: "Copilot", Aliases: `["copilot chat"]`,
			Status: "approved", EFVPNextReview: &next, OwnerKey: "alice@x", RequestID: &rid}); err != nil {
			t.Fatal(err)
		}
		if err := db.ReviseEFVP(ctx, "nope", next, next, "alice@x", "Alice"); !errors.Is(err, bot.ErrNotFound) {
			t.Fatalf("ReviseEFVP(nope) = %v, want ErrNotFound", err)
		}
		done, newNext := next.AddDate(0, 0, 3), next.AddDate(1, 0, 3)
		if err := db.ReviseEFVP(ctx, "copilot", done, newNext, "alice@x", "Alice"); err != nil {
			t.Fatal(err)
		}
		systems, err := db.EFVPSystems(ctx)
		if err != nil || len(systems) != 1 {
			t.Fatalf("EFVPSystems = %+v, %v", systems, err)
		}
		s := systems[0]
		if !s.NextReview.Equal(newNext) || s.Done == nil || !s.Done.Equal(done) || s.SupervisorKey != "boss@x" ||
			s.Lang != "en" || len(s.Aliases) != 1 || s.RequestID != 3 {
			t.Fatalf("system = %+v, want next %v, done %v, supervisor and language of request 3", s, newNext, done)
		}
		log, _ := db.AuditLog(ctx)
		if len(log) != 1 || log[0].Action != "efvp.revise" || log[0].From != "2027-05-01" || log[0].To != "2028-05-04" {
			t.Fatalf("audit = %+v, want efvp.revise from 2027-05-01 to 2028-05-04", log)
		}
	})
}

func TestReminderSourcesReadsWhatRemindersNeed(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		insert := func(rows ...any) {
			t.Helper()
			for _, r := range rows {
				if err := db.InsertForTest(ctx, r); err != nil {
					t.Fatal(err)
				}
			}
		}
		next := time.Date(2027, 6, 2, 0, 0, 0, 0, time.UTC)
		session := time.Date(2027, 5, 10, 0, 0, 0, 0, time.UTC)
		insert(
			&storage.RequestRow{ID: 1, RequesterKey: "alice@x", Status: "approved", SystemName: "Copilot", CreatedAt: rt0, UpdatedAt: rt0},
			&storage.RequestRow{ID: 2, RequesterKey: "bob@x", Status: "draft", CreatedAt: rt0, UpdatedAt: rt0},
			&storage.RequestRow{ID: 3, RequesterKey: "carl@x", Status: "rejected", CreatedAt: rt0, UpdatedAt: rt0},
			&storage.AnswerRow{RequestID: 1, Item: string(requests.TagDeploymentDate), Value: "2027-06-01"},
			&storage.AnswerRow{RequestID: 1, Item: "a1.requester.description", Value: "not read"},
			&storage.TrainingRow{RequestID: 1, PersonKey: "alice@x", SessionAt: &session},
			&storage.TrainingRow{RequestID: 1, PersonKey: "dan@x"},
			&storage.SystemRow{ID: "copilot", Name: "Copilot", Status: "approved", EFVPNextReview: &next, OwnerKey: "alice@x"},
			&storage.SystemRow{ID: "old", Name: "Old", Status: "withdrawn", EFVPNextReview: &next},
			&storage.SystemRow{ID: "none", Name: "No EFVP", Status: "approved"},
			&storage.PersonRow{Key: "dan@x", Channel: "slack", Name: "Dan D.", LastSeenAt: rt0},
		)
		for _, k := range []string{"training|request:1|x|dan@x", "training|request:1|y|eve@x"} {
			if _, err := db.ClaimReminders(ctx, nil, []reminder.Claim{claim(k)}, 3, rt0); err != nil {
				t.Fatal(err)
			}
		}
		db.FinishReminders(ctx, []string{"training|request:1|x|dan@x"}, reminder.Unreachable, "no ref", rt0)
		db.FinishReminders(ctx, []string{"training|request:1|y|eve@x"}, reminder.Sent, "", rt0)

		src, err := db.ReminderSources(ctx, rt0.Add(-time.Hour))
		if err != nil {
			t.Fatal(err)
		}
		if len(src.Systems) != 1 || src.Systems[0].ID != "copilot" {
			t.Errorf("Systems = %+v, want copilot only", src.Systems)
		}
		if len(src.Requests) != 2 || src.Requests[0].ID != 1 || src.Requests[1].ID != 2 {
			t.Errorf("Requests = %+v, want 1 and 2", src.Requests)
		} else if f := src.Requests[0].Facts(); len(src.Requests[0].Answers) != 1 {
			t.Errorf("answers of request 1 = %+v, want the deployment date only", src.Requests[0].Answers)
		} else if d, ok := f.DeploymentDate(); !ok || d.Format("2006-01-02") != "2027-06-01" {
			t.Errorf("deployment = %v, %v", d, ok)
		}
		if tr := src.Trainings[1]; len(tr) != 2 || tr[0].SessionAt == nil || !tr[0].SessionAt.Equal(session) {
			t.Errorf("Trainings = %+v, want alice with her session, then dan", tr)
		}
		if src.Counts[requests.Approved] != 1 || src.Counts[requests.Rejected] != 1 || src.Counts[requests.Draft] != 1 {
			t.Errorf("Counts = %v", src.Counts)
		}
		if len(src.Unreachable) != 1 || src.Unreachable[0] != "dan@x" || src.Names["dan@x"] != "Dan D." {
			t.Errorf("Unreachable = %v, names %v; want dan@x named Dan D.", src.Unreachable, src.Names)
		}
		if lang, err := db.ReminderLang(ctx, "dan@x"); lang != "" || err != nil {
			t.Errorf("ReminderLang(dan) = %q, %v; want none", lang, err)
		}
	})
}
