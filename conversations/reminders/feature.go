// Package reminders is the chat side of the reminders bot/scheduler sends: what a person
// answers to a reminder they received.
//
// Phrases recognised: « rappelle-moi dans une semaine » / "remind me in a week" (also
// « demain », « dans 3 jours », « la semaine prochaine », "tomorrow", "in 2 weeks"…),
// which puts off the last reminder received; « arrête ce rappel » / "stop this
// reminder", where stopping loses nothing (a training reminder, an idle draft); and
// « EFVP révisée le 2027-05-01 » / "EFVP revised on 2027-05-01" (optionally « de
// SYSTÈME » and « prochaine révision le … »), by a system's owner or an administrator,
// which records the revision (6.3.2) and so ends the past-due pings.
//
// Card buttons: remind.trained (« J'ai suivi la formation », for the person to train
// only), remind.snooze and remind.stop.
package reminders

import (
	"context"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/conversations"
)

// Store is what the feature reads and writes (storage.DB implements it).
type Store interface {
	// LastReminders returns the reminders of the last message sent to recipient since.
	LastReminders(ctx context.Context, recipient string, since time.Time) ([]scheduler.Delivery, error)
	SnoozeReminder(ctx context.Context, kind scheduler.Kind, subject, recipient string, until time.Time) error
	StopReminder(ctx context.Context, kind scheduler.Kind, subject, recipient string) error
	// CompleteTraining records a training done: bot.ErrNotFound when the person is
	// not to be trained for the request, bot.ErrConflict when already recorded.
	CompleteTraining(ctx context.Context, requestID uint, personKey string, at time.Time) (string, error)
	EFVPSystems(ctx context.Context) ([]scheduler.System, error)
	ReviseEFVP(ctx context.Context, systemID string, done, next time.Time, actorKey, actorName string) error
}

// Feature answers people about their reminders.
type Feature struct {
	store Store
	sch   scheduler.Schedule
}

var (
	_ conversations.IntentProvider = (*Feature)(nil)
	_ conversations.ActionProvider = (*Feature)(nil)
	_ conversations.HelpProvider   = (*Feature)(nil)
)

// recentWindow is how far back "this reminder" may be.
const recentWindow = 30 * 24 * time.Hour

// New returns the feature; cfg gives the pass time snoozes end at. It fails on
// settings config.ParseFile would refuse too.
func New(store Store, cfg config.Reminders) (*Feature, error) {
	sch, err := scheduler.NewSchedule(cfg)
	if err != nil {
		return nil, err
	}
	return &Feature{store: store, sch: sch}, nil
}

// Name implements conversations.Feature.
func (f *Feature) Name() string { return "reminders" }

// Intents are the answers to a reminder.
func (f *Feature) Intents() []conversations.Intent {
	return []conversations.Intent{
		// Snooze and stop are never the answer to a dialog's question: they interrupt it.
		// "EFVP révisée le …" could answer the request's EFVP question, so it does not.
		{Name: "reminders.snooze", Priority: 100, Interrupts: true, Match: func(s *conversations.Session, folded string) bool {
			_, ok := parseSnooze(folded)
			return ok && !question(s)
		}, Handle: f.snooze},
		{Name: "reminders.stop", Priority: 100, Interrupts: true, Match: func(s *conversations.Session, folded string) bool {
			return stopPhrases.Exact(folded) && !question(s)
		}, Handle: f.stop},
		{Name: "reminders.efvp", Priority: 100, Match: func(s *conversations.Session, folded string) bool {
			return efvpRevised(folded) && !question(s)
		}, Handle: f.reviseEFVP},
	}
}

// Actions are the buttons of reminder cards.
func (f *Feature) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{
		scheduler.VerbTrained: f.trained,
		scheduler.VerbSnooze:  f.snoozeButton,
		scheduler.VerbStop:    f.stopButton,
	}
}

// Help lists what a person can answer to a reminder.
func (f *Feature) Help(s *conversations.Session) []string {
	return []string{s.T("reminders.help.snooze"), s.T("reminders.help.efvp")}
}

// private is a reply seen by the acting user only.
func private(s *conversations.Session, id string, data ...any) []bot.Reply {
	return []bot.Reply{{Text: s.T(id, data...), Private: true}}
}

// until is when a snooze of days ends: the pass time, days from today.
func (f *Feature) until(now time.Time, days int) time.Time {
	return f.sch.PassOn(f.sch.Cal.Day(now).AddDate(0, 0, days))
}
