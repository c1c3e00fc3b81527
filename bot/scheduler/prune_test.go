package scheduler_test

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/storage"
)

// TestEventKeysPrunedHourly: with WithEventPrune, an hour after the start the keys of
// events older than KeepEvents are deleted, whichever channel recorded them, and a
// "once:" claim (a welcome) is kept.
func TestEventKeysPrunedHourly(t *testing.T) {
	ctx := context.Background()
	start := at("2027-05-31", 10, 0) // after the day's pass: the next one is tomorrow
	pruned := make(chan int64, 4)
	h := newHarness(t, dbPath(t), start, &platform{}, testConfig(), nil,
		scheduler.WithEventPrune(), scheduler.WithAfterPrune(func(n int64) { pruned <- n }))
	h.db.Now = func() time.Time { return start.Add(-scheduler.KeepEvents - time.Minute) }
	for _, k := range []string{"teams:activity:old", "slack:old", "once:teams:welcome:old"} {
		if _, err := h.db.FirstSeen(ctx, k); err != nil {
			t.Fatal(err)
		}
	}
	h.db.Now = func() time.Time { return start.Add(-time.Minute) }
	if _, err := h.db.FirstSeen(ctx, "teams:activity:recent"); err != nil {
		t.Fatal(err)
	}
	h.db.Now = h.clock.Now
	h.start()
	wait, cancel := context.WithTimeout(ctx, 30*time.Second)
	defer cancel()
	// The day's pass and the prune have both set their timers.
	if err := h.clock.BlockUntilContext(wait, 2); err != nil {
		t.Fatal("the prune was never scheduled")
	}
	select {
	case n := <-pruned:
		t.Fatalf("pruned %d keys before the hour", n)
	default:
	}
	h.clock.Advance(scheduler.PruneEvery)
	select {
	case n := <-pruned:
		if n != 2 {
			t.Errorf("pruned %d keys, want 2", n)
		}
	case <-wait.Done():
		t.Fatal("no prune an hour after the start")
	}
	// The database answers, not this process's memory of recent keys.
	fresh, err := storage.Open(ctx, h.path)
	if err != nil {
		t.Fatal(err)
	}
	defer fresh.Close()
	for _, tc := range []struct {
		key  string
		want bool
	}{{"teams:activity:old", true}, {"slack:old", true}, {"once:teams:welcome:old", false}, {"teams:activity:recent", false}} {
		if got, err := fresh.FirstSeen(ctx, tc.key); got != tc.want || err != nil {
			t.Errorf("after the prune, FirstSeen(%q) = %v, %v; want %v", tc.key, got, err, tc.want)
		}
	}
}
