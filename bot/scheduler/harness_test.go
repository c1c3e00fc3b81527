package scheduler_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/storage"
	"github.com/jonboulle/clockwork"
)

var toronto = func() *time.Location {
	loc, err := time.LoadLocation(scheduler.Zone)
	if err != nil {
		panic(err)
	}
	return loc
}()

// at is h:m on date (YYYY-MM-DD) in Toronto.
func at(date string, h, m int) time.Time {
	d, err := time.ParseInLocation("2006-01-02", date, toronto)
	if err != nil {
		panic(err)
	}
	return time.Date(d.Year(), d.Month(), d.Day(), h, m, 0, 0, toronto)
}

// date is midnight UTC of a date, as the review workflow stores dates.
func date(s string) *time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return &d
}

// harness is one bot process: a database handle on a shared file, a dispatcher over
// the fake platform, and a scheduler on a fake clock.
type harness struct {
	t      *testing.T
	path   string
	db     *storage.DB
	clock  *clockwork.FakeClock
	sched  *scheduler.Scheduler
	runs   chan scheduler.Report
	slept  []time.Duration
	cancel context.CancelFunc
}

func testConfig() config.Reminders {
	return config.Defaults().Reminders
}

// newHarness opens path (created when missing) with the clock at start.
func newHarness(t *testing.T, path string, start time.Time, p *platform, cfg config.Reminders, members map[string][]string,
	opts ...scheduler.Option) *harness {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, path: path, db: db, clock: clockwork.NewFakeClockAt(start), runs: make(chan scheduler.Report, 16)}
	db.Now = h.clock.Now
	d := delivery.New(db, map[bot.Channel]bot.Messenger{bot.Slack: p})
	var mu sync.Mutex
	d.Sleep = func(_ context.Context, dur time.Duration) error {
		mu.Lock()
		defer mu.Unlock()
		h.slept = append(h.slept, dur)
		return nil
	}
	h.sched, err = scheduler.New(db, d, cfg, append([]scheduler.Option{scheduler.WithClock(h.clock),
		scheduler.WithMembers(func(role string) []string { return members[role] }),
		scheduler.WithAfterRun(func(r scheduler.Report, err error) {
			if err != nil && !errors.Is(err, context.Canceled) {
				t.Errorf("pass failed: %v", err)
			}
			h.runs <- r
		})}, opts...)...)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(h.stop)
	return h
}

// start starts the scheduler and waits for its catch-up pass.
func (h *harness) start() scheduler.Report {
	h.t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	h.cancel = cancel
	if err := h.sched.Start(ctx); err != nil {
		h.t.Fatal(err)
	}
	return h.wait()
}

// wait waits for the next pass to end. The deadline only turns a hang into a failure:
// nothing here depends on how long a pass takes.
func (h *harness) wait() scheduler.Report {
	h.t.Helper()
	select {
	case r := <-h.runs:
		return r
	case <-time.After(30 * time.Second):
		h.t.Fatal("no reminder pass")
	}
	return scheduler.Report{}
}

// advance moves the clock to the pass time of day on date and lets that pass fire,
// without waiting for it. Days in between are stepped through one pass at a time,
// as a real clock would: one jump over several pass times would fire the timer once
// and leave gocron scheduling from a time already past.
func (h *harness) advance(day string) {
	h.t.Helper()
	target := at(day, 9, 0)
	if !target.After(h.clock.Now()) {
		h.t.Fatalf("advance to %v: the clock is already at %v", target, h.clock.Now())
	}
	for {
		next := at(h.clock.Now().In(toronto).Format("2006-01-02"), 9, 0)
		if !next.After(h.clock.Now()) {
			next = next.AddDate(0, 0, 1)
		}
		h.fire(next)
		if !next.Before(target) {
			return
		}
		h.wait()
	}
}

// fire moves the clock to t, the next pass time, once the scheduler is ready for it.
func (h *harness) fire(t time.Time) {
	h.t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	// gocron's scheduler goroutine receives "job completed" before the task runs but
	// handles it after, at the clock's time then: were the clock already at the next
	// pass, it would drop that pass from its schedule and fire it in a loop. A request
	// answered by that goroutine (NextRun) waits until it is done. In production the
	// clock never jumps a day in a microsecond.
	h.sched.NextRun()
	// The pass reschedules itself before it runs; wait until its timer is set.
	if err := h.clock.BlockUntilContext(ctx, 1); err != nil {
		h.t.Fatal("scheduler never set its timer")
	}
	h.clock.Advance(t.Sub(h.clock.Now()))
}

// pass runs the 09:00 pass of day and returns its report.
func (h *harness) pass(day string) scheduler.Report {
	h.t.Helper()
	h.advance(day)
	return h.wait()
}

func (h *harness) stop() {
	if h.cancel != nil {
		h.cancel()
	}
	h.sched.Stop()
	h.db.Close()
}
