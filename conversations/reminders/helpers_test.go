package reminders_test

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
	convreminders "github.com/cssdgs/iagbot/conversations/reminders"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
	"github.com/jonboulle/clockwork"
)

var toronto = func() *time.Location {
	loc, err := time.LoadLocation(scheduler.Zone)
	if err != nil {
		panic(err)
	}
	return loc
}()

// world is the engine with the reminders feature on SQLite in memory, a terminal
// where people type, and a scheduler that delivers reminders into that terminal.
type world struct {
	t     *testing.T
	db    *storage.DB
	e     *conversations.Engine
	r     *consoletest.Runner
	clock *clockwork.FakeClock
	sched *scheduler.Scheduler
}

// newWorld starts on date at 09:00 in Toronto, the pass time; terminal user "admin" is
// an administrator. locale is the terminal's ("fr" or "en").
func newWorld(t *testing.T, date, locale string) *world {
	t.Helper()
	db, err := storage.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	d, _ := time.ParseInLocation("2006-01-02", date, toronto)
	w := &world{t: t, db: db, clock: clockwork.NewFakeClockAt(d.Add(9 * time.Hour))}
	db.Now = w.clock.Now
	roles := &config.File{Roles: map[string][]string{config.RoleAdmin: {"terminal:admin"}}}
	w.e = conversations.New(db, roles, nil)
	w.e.SetClock(w.clock.Now)
	f, err := convreminders.New(db, config.Defaults().Reminders)
	if err != nil {
		t.Fatal(err)
	}
	w.e.Register(f)
	w.r = consoletest.NewLocale(t, w.e, locale)
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{bot.Terminal: w.r.Con})
	w.sched, err = scheduler.New(db, notify, config.Defaults().Reminders, scheduler.WithClock(w.clock))
	if err != nil {
		t.Fatal(err)
	}
	return w
}

// meet has each person say hello, so the bot can write to them later.
func (w *world) meet(people ...string) {
	w.t.Helper()
	for _, p := range people {
		w.r.As(p).Say("bonjour")
	}
	if err := w.r.Err(); err != nil {
		w.t.Fatal(err)
	}
}

// deliver runs a reminder pass now.
func (w *world) deliver() scheduler.Report {
	w.t.Helper()
	rep, err := w.sched.RunOnce(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	return rep
}

// days moves the clock n days on, to the pass time.
func (w *world) days(n int) { w.clock.Advance(time.Duration(n) * 24 * time.Hour) }

// approved puts system into the inventory as the review workflow does: a request of
// requester (supervised by supervisor, when given) that CODIR-IN approved with a. It
// returns the request's id.
func (w *world) approved(requester, supervisor string, a workflow.Approval) uint {
	w.t.Helper()
	answers := map[requests.Tag]string{}
	if supervisor != "" {
		answers[requests.TagSupervisor] = supervisor
	}
	return storagetest.Approved(w.t, w.db, requester, answers, a).ID
}

// date is midnight UTC of a date, as the review workflow stores dates.
func date(s string) time.Time {
	d, err := time.Parse("2006-01-02", s)
	if err != nil {
		panic(err)
	}
	return d
}
