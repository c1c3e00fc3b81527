package storage_test

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestDatesKeepTheirDayInQuebec runs the process in Québec's zone, as the bot's
// server may: dates stored as UTC midnight must come back on their day from both
// databases (PostgreSQL returned them in the process's zone, the evening before, so
// EFVP and training reminders fell a day early).
func TestDatesKeepTheirDayInQuebec(t *testing.T) {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Skip(err)
	}
	saved := time.Local
	time.Local = loc
	t.Cleanup(func() { time.Local = saved })
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		next := time.Date(2027, 5, 1, 0, 0, 0, 0, time.UTC)
		session := time.Date(2027, 5, 5, 0, 0, 0, 0, time.UTC)
		rows := []any{
			&storage.RequestRow{ID: 3, RequesterKey: "alice@x", Status: "approved", CreatedAt: rt0, UpdatedAt: rt0},
			&storage.SystemRow{ID: "copilot", Name: "Copilot", Status: "approved", EFVPNextReview: &next},
			&storage.TrainingRow{RequestID: 3, PersonKey: "carl@x", SessionAt: &session},
		}
		for _, r := range rows {
			if err := db.InsertForTest(ctx, r); err != nil {
				t.Fatal(err)
			}
		}
		systems, err := db.EFVPSystems(ctx)
		if err != nil || len(systems) != 1 {
			t.Fatalf("EFVPSystems = %+v, %v", systems, err)
		}
		if d := systems[0].NextReview.Format(time.DateOnly); d != "2027-05-01" {
			t.Errorf("EFVP next review read as %s (%v), want 2027-05-01", d, systems[0].NextReview)
		}
		src, err := db.ReminderSources(ctx, rt0)
		if err != nil || len(src.Trainings[3]) != 1 {
			t.Fatalf("ReminderSources trainings = %+v, %v", src.Trainings, err)
		}
		if d := src.Trainings[3][0].SessionAt.Format(time.DateOnly); d != "2027-05-05" {
			t.Errorf("training session read as %s, want 2027-05-05", d)
		}
	})
}
