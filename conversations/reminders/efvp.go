package reminders

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
)

// revisedWords say an EFVP was revised; with "efvp" in the same message they make the
// intent. Nouns like « révision » are left out: "when is the next EFVP review?" asks.
var revisedWords = conversations.Phrases{"revisee", "revise", "revised", "reviewed", "mise a jour", "updated", "refaite", "faite"}.Compile()

// completeDates are the dates written in full in the text, in order, as UTC days: ISO
// or in words with their year. Numeric day/month forms are left out (05/01 is May in
// one language and January in the other), and so are relative ones.
func completeDates(folded string, now time.Time) []time.Time {
	var out []time.Time
	for _, d := range text.FindDates(folded, now.UTC()) {
		if !d.Invalid && !d.NoYear && (d.Form == text.DateISO || d.Form == text.DateWritten) {
			out = append(out, d.Time)
		}
	}
	return out
}

var efvpWord = conversations.Phrases{"efvp"}.Compile()

func efvpRevised(folded string) bool {
	return efvpWord.Contains(folded) && revisedWords.Contains(folded)
}

// defaultYears is the revision period when the previous one is not known: the
// procedure asks for periodic revision without fixing it, and a year is the
// organisation's usual cycle.
const defaultYears = 1

// reviseEFVP records an EFVP revision said in words: the date revised (the first
// date), the next one (the second, else the same period as before), for the system
// named or the person's only system. Only a system's owner and administrators may.
func (f *Feature) reviseEFVP(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	folded := s.Folded()
	dates := completeDates(folded, s.Now)
	if len(dates) == 0 {
		return []bot.Reply{s.Reply("reminders.efvp.need_date")}, nil
	}
	done := dates[0]
	today := f.sch.Cal.Day(s.Now)
	if time.Date(today.Year(), today.Month(), today.Day(), 0, 0, 0, 0, time.UTC).Before(done) {
		return []bot.Reply{s.Reply("reminders.efvp.future")}, nil
	}
	systems, err := f.store.EFVPSystems(ctx)
	if err != nil {
		return nil, err
	}
	admin := s.HasRole(config.RoleAdmin)
	var named, mine []scheduler.System
	for _, sys := range systems {
		if names(sys).Contains(folded) {
			named = append(named, sys)
		}
		if sys.OwnerKey == s.Key {
			mine = append(mine, sys)
		}
	}
	sys, ok := f.pick(ctx, s, named, mine)
	if !ok {
		// Ask which: among those named, else the person's, else (an administrator)
		// all of them.
		choices := named
		if len(choices) == 0 {
			choices = mine
		}
		if len(choices) == 0 && admin {
			choices = systems
		}
		if len(choices) == 0 {
			return []bot.Reply{s.Reply("reminders.efvp.not_owner")}, nil
		}
		return []bot.Reply{s.Reply("reminders.efvp.which", map[string]any{"List": nameList(choices),
			"Example": choices[0].Name, "Date": done.Format(time.DateOnly)})}, nil
	}
	if sys.OwnerKey != s.Key && !admin {
		return []bot.Reply{s.Reply("reminders.efvp.not_owner")}, nil
	}
	next := nextReview(sys, done)
	if len(dates) > 1 {
		next = dates[1]
	}
	if !next.After(done) {
		return []bot.Reply{s.Reply("reminders.efvp.next_before")}, nil
	}
	if err := f.store.ReviseEFVP(ctx, sys.ID, done, next, s.Key, s.Turn.User.Name); errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{s.Reply("reminders.efvp.not_owner")}, nil
	} else if err != nil {
		return nil, err
	}
	return []bot.Reply{s.Reply("reminders.efvp.recorded", map[string]any{"System": sys.Name,
		"Done": scheduler.FormatDate(s.Lang, done), "Next": scheduler.FormatDate(s.Lang, next),
		"DoneISO": done.Format(time.DateOnly)})}, nil
}

// pick chooses the system meant: the one named, else the person's only one, else the
// one of the last EFVP reminder they got.
func (f *Feature) pick(ctx context.Context, s *conversations.Session, named, mine []scheduler.System) (scheduler.System, bool) {
	switch {
	case len(named) == 1:
		return named[0], true
	case len(named) > 1:
		return scheduler.System{}, false
	case len(mine) == 1:
		return mine[0], true
	}
	last, err := f.store.LastReminders(ctx, s.Key, s.Now.Add(-recentWindow))
	if err != nil {
		return scheduler.System{}, false
	}
	for _, d := range last {
		if d.Kind != scheduler.EFVP && d.Kind != scheduler.EFVPLate {
			continue
		}
		if i := slices.IndexFunc(mine, func(m scheduler.System) bool { return "system:"+m.ID == d.Subject }); i >= 0 {
			return mine[i], true
		}
	}
	return scheduler.System{}, false
}

// names are the words a system goes by.
func names(sys scheduler.System) conversations.Phrases {
	p := conversations.Phrases{sys.Name, sys.ID}
	return append(p, sys.Aliases...)
}

func nameList(systems []scheduler.System) string {
	var out []string
	for _, s := range systems {
		out = append(out, s.Name)
	}
	return strings.Join(out, ", ")
}

// nextReview keeps the system's revision period: the time from its last revision to
// the date that was due, when both are known and sensible (in whole months when it
// is, so that a year stays a year across a 29 February); a year otherwise.
func nextReview(sys scheduler.System, done time.Time) time.Time {
	if sys.Done == nil {
		return done.AddDate(defaultYears, 0, 0)
	}
	last, due := *sys.Done, sys.NextReview
	months := (due.Year()-last.Year())*12 + int(due.Month()-last.Month())
	if last.AddDate(0, months, 0).Equal(due) && months >= 1 && months <= 36 {
		return done.AddDate(0, months, 0)
	}
	if days := int(due.Sub(last).Hours() / 24); days >= 30 && days <= 3*365 {
		return done.AddDate(0, 0, days)
	}
	return done.AddDate(defaultYears, 0, 0)
}
