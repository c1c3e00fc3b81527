package app

import (
	"context"
	"errors"
	"fmt"

	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
	convreminders "github.com/cssdgs/iagbot/conversations/reminders"
	"github.com/jonboulle/clockwork"
)

// addReminders registers the chat side of the reminders: snooze and stop in words
// or with the card's buttons, « J'ai suivi la formation », and « EFVP révisée le … ».
func (a *App) addReminders() error {
	f, err := convreminders.New(a.DB, a.Cfg.File.Reminders)
	if err != nil {
		return fmt.Errorf("reminders: %w", err)
	}
	a.Engine.Register(f)
	return nil
}

// NewReminders returns the reminder scheduler over the app's database and notifier,
// on clock (clockwork.NewRealClock() outside tests), not started, with opts after
// the app's own.
func (a *App) NewReminders(clock clockwork.Clock, opts ...scheduler.Option) (*scheduler.Scheduler, error) {
	return scheduler.New(a.DB, a.Notify, a.Cfg.File.Reminders, append([]scheduler.Option{
		scheduler.WithClock(clock),
		scheduler.WithLang(a.Cfg.Lang),
		scheduler.WithLogger(a.Log),
		scheduler.WithMembers(a.Cfg.File.Members),
		scheduler.WithRules(func(role string) workflow.Rule { return workflow.RuleOf(a.Cfg.File.CommitteeOf(role)) }),
		scheduler.WithCounter(func(kind scheduler.Kind, outcome scheduler.Status) {
			a.Metrics.Reminders.WithLabelValues(string(kind), string(outcome)).Inc()
		})}, opts...)...)
}

// StartReminders starts the reminders: a catch-up pass now for what fell due while
// the bot was down, then a pass every day at reminders.at (America/Toronto); and the
// hourly prune of the inbound event keys, whichever channels run. Call it
// once the channels are added to a.Notify; the passes end with ctx or when stop is
// called, which waits for a pass under way.
func (a *App) StartReminders(ctx context.Context) (stop func() error, err error) {
	s, err := a.NewReminders(clockwork.NewRealClock(), scheduler.WithEventPrune())
	if err != nil {
		return nil, err
	}
	if err := s.Start(ctx); err != nil {
		return nil, err
	}
	// Registered before the HTTP server starts serving (see runServe), so /readyz never
	// reads the map while it is written.
	a.readiness["scheduler"] = func(context.Context) error {
		if s.NextRun().IsZero() {
			return errors.New("not running")
		}
		return nil
	}
	return s.Stop, nil
}
