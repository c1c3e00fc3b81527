package scheduler

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"
	_ "time/tzdata" // America/Toronto even on a host without a time-zone database

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/go-co-op/gocron/v2"
	"github.com/jonboulle/clockwork"
)

// Zone is the time zone of every schedule: the CSSDGS is in Québec.
const Zone = "America/Toronto"

// The keys of inbound events (Teams activities, Slack events), recorded so that a
// redelivery is processed once, are kept KeepEvents, far beyond the platforms'
// retries (minutes), and pruned every PruneEvery by the started scheduler, whichever
// channels run (WithEventPrune).
const (
	KeepEvents = 24 * time.Hour
	PruneEvery = time.Hour
)

// Scheduler runs the reminder passes: one at Start to catch up on what fell due while
// the bot was down, then one a day at the configured time. It is safe for concurrent
// use; several Schedulers, in one process or many, may share a database.
type Scheduler struct {
	store  Store
	notify bot.Notifier
	cfg    config.Reminders
	cal    *Calendar
	hour   int
	min    int
	clock  clockwork.Clock
	lang   i18n.Lang
	log    *slog.Logger
	// members returns the configured members of a role (e-mails, platform ids).
	members func(role string) []string
	// rules returns how a review role decides (config committees); nil: the first
	// decision, as without a committees entry.
	rules func(role string) workflow.Rule
	// afterRun, when set, is told of every scheduled pass (tests wait on it).
	afterRun func(Report, error)
	// count, when set, counts deliveries by kind and outcome (metrics).
	count func(kind Kind, outcome Status)
	// pruneEvents schedules the prune of event keys too (WithEventPrune).
	pruneEvents bool
	// afterPrune, when set, is told how many event keys each prune deleted.
	afterPrune func(int64)

	mu sync.Mutex // guards s
	s  gocron.Scheduler
}

// Option changes a Scheduler.
type Option func(*Scheduler)

// WithClock sets the clock (tests use clockwork's fake clock).
func WithClock(c clockwork.Clock) Option { return func(s *Scheduler) { s.clock = c } }

// WithLang sets the language of messages to channels and to people who chose none.
func WithLang(l i18n.Lang) Option { return func(s *Scheduler) { s.lang = l } }

// WithLogger sets the logger; logs carry counts and kinds, never a person.
func WithLogger(l *slog.Logger) Option { return func(s *Scheduler) { s.log = l } }

// WithMembers sets where the members of a review role come from (the configuration).
func WithMembers(f func(role string) []string) Option { return func(s *Scheduler) { s.members = f } }

// WithRules sets how each review role decides (the configuration's committees): a
// stage whose votes can no longer reach its quorum is escalated to the administrators.
func WithRules(f func(role string) workflow.Rule) Option { return func(s *Scheduler) { s.rules = f } }

// WithAfterRun calls f after each scheduled pass with its report.
func WithAfterRun(f func(Report, error)) Option { return func(s *Scheduler) { s.afterRun = f } }

// WithEventPrune has the started scheduler also prune the keys of inbound events
// every PruneEvery (`iagbot serve` and the chat do; a command that only plans does
// not).
func WithEventPrune() Option { return func(s *Scheduler) { s.pruneEvents = true } }

// WithAfterPrune calls f after each prune of event keys with how many it deleted.
func WithAfterPrune(f func(deleted int64)) Option { return func(s *Scheduler) { s.afterPrune = f } }

// WithCounter calls f once per delivery made, with its kind and outcome.
func WithCounter(f func(kind Kind, outcome Status)) Option { return func(s *Scheduler) { s.count = f } }

// Schedule is when passes run: the business-day calendar and the time of day.
type Schedule struct {
	Cal       *Calendar
	Hour, Min int
}

// NewSchedule returns the schedule of cfg (time zone Zone); it fails on settings
// config.ParseFile would refuse too.
func NewSchedule(cfg config.Reminders) (Schedule, error) {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		return Schedule{}, fmt.Errorf("reminders: %w", err)
	}
	cal, err := NewCalendar(loc, cfg.Closures)
	if err != nil {
		return Schedule{}, err
	}
	at, err := time.Parse("15:04", cfg.At)
	if err != nil {
		return Schedule{}, fmt.Errorf("reminders: at %q is not HH:MM", cfg.At)
	}
	return Schedule{Cal: cal, Hour: at.Hour(), Min: at.Minute()}, nil
}

// PassOn returns the time of the pass on t's date.
func (s Schedule) PassOn(t time.Time) time.Time {
	d := s.Cal.Day(t)
	return time.Date(d.Year(), d.Month(), d.Day(), s.Hour, s.Min, 0, 0, s.Cal.Location())
}

// New returns a scheduler over store, sending through notify (nil is allowed for a
// scheduler that only plans, as `iagbot reminders list` does). It fails on settings
// that config.ParseFile would refuse too.
func New(store Store, notify bot.Notifier, cfg config.Reminders, opts ...Option) (*Scheduler, error) {
	sch, err := NewSchedule(cfg)
	if err != nil {
		return nil, err
	}
	if cfg.PendingReviewDays < 1 || cfg.DraftRemindDays < 1 || cfg.DraftCloseDays <= cfg.DraftRemindDays {
		return nil, errors.New("reminders: pending_review_days and draft_remind_days must be ≥ 1, draft_close_days greater")
	}
	s := &Scheduler{store: store, notify: notify, cfg: cfg, cal: sch.Cal, hour: sch.Hour, min: sch.Min,
		clock: clockwork.NewRealClock(), lang: i18n.FR, log: slog.New(slog.DiscardHandler),
		members: func(string) []string { return nil }}
	for _, o := range opts {
		o(s)
	}
	return s, nil
}

// Start schedules the passes: one now, to catch up, then one every day at the
// configured time (quiet days send nothing). gocron's one-time jobs refuse start
// times in the past, so nothing is scheduled per reminder: each pass delivers
// whatever is due and undelivered. Passes stop when ctx ends or Stop is called.
func (s *Scheduler) Start(ctx context.Context) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.s != nil {
		return errors.New("reminders: already started")
	}
	if s.notify == nil {
		return errors.New("reminders: no notifier to send with")
	}
	gs, err := gocron.NewScheduler(gocron.WithClock(s.clock), gocron.WithLocation(s.cal.Location()),
		gocron.WithStopTimeout(time.Minute))
	if err != nil {
		return fmt.Errorf("reminders: %w", err)
	}
	_, err = gs.NewJob(
		gocron.DailyJob(1, gocron.NewAtTimes(gocron.NewAtTime(uint(s.hour), uint(s.min), 0))),
		gocron.NewTask(func(ctx context.Context) {
			rep, err := s.RunOnce(ctx)
			if err != nil && ctx.Err() == nil {
				s.log.Error("reminder pass failed", "err", err)
			}
			if s.afterRun != nil {
				s.afterRun(rep, err)
			}
		}),
		gocron.WithName("reminders"), gocron.WithContext(ctx),
		// No singleton mode: two passes overlapping (a back-off longer than a day) are
		// harmless, since every delivery is claimed once in the database.
		gocron.WithStartAt(gocron.WithStartImmediately()))
	if err != nil {
		gs.Shutdown()
		return fmt.Errorf("reminders: %w", err)
	}
	if s.pruneEvents {
		err = s.addPrune(ctx, gs)
	}
	if err != nil {
		gs.Shutdown()
		return fmt.Errorf("reminders: %w", err)
	}
	gs.Start()
	s.s = gs
	return nil
}

// addPrune schedules the prune of event keys. Every replica prunes: deleting keys
// another one deleted already is harmless.
func (s *Scheduler) addPrune(ctx context.Context, gs gocron.Scheduler) error {
	_, err := gs.NewJob(gocron.DurationJob(PruneEvery),
		gocron.NewTask(func(ctx context.Context) {
			n, err := s.store.PruneInboundEvents(ctx, s.clock.Now().Add(-KeepEvents))
			if err != nil {
				if ctx.Err() == nil {
					s.log.Error("event keys not pruned", "err", err)
				}
				return
			}
			s.log.Info("event keys pruned", "count", n)
			if s.afterPrune != nil {
				s.afterPrune(n)
			}
		}),
		gocron.WithName("prune-events"), gocron.WithContext(ctx),
		gocron.WithSingletonMode(gocron.LimitModeReschedule))
	return err
}

// Stop stops the passes, waiting for one under way to end; stopping a scheduler that
// is not started does nothing.
func (s *Scheduler) Stop() error {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.s == nil {
		return nil
	}
	err := s.s.Shutdown()
	s.s = nil
	return err
}

// NextRun returns when the next pass is scheduled; zero when not started.
func (s *Scheduler) NextRun() time.Time {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.s == nil {
		return time.Time{}
	}
	for _, j := range s.s.Jobs() {
		if t, err := j.NextRun(); err == nil {
			return t
		}
	}
	return time.Time{}
}
