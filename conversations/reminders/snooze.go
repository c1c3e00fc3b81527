package reminders

import (
	"context"
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/conversations"
)

var (
	snoozePrefixes = conversations.Phrases{"rappelle moi", "rappelez moi", "rappelle le moi", "rappelez le moi",
		"relance moi", "relancez moi", "reporte ce rappel", "reporter ce rappel", "reporte le rappel", "reporte",
		"remind me", "remind me again", "remind me about it", "remind me about this", "snooze", "snooze this",
		"postpone this reminder", "postpone"}.Compile()
	stopPhrases = conversations.Phrases{"arrete ce rappel", "arrete le rappel", "arrete ces rappels",
		"arretez ce rappel", "arrete de me le rappeler", "ne me le rappelle plus", "plus de rappel", "stop ce rappel",
		"stop this reminder", "stop the reminder", "stop these reminders", "stop reminding me", "cancel this reminder",
		"no more reminders"}.Compile()
	numbers = map[string]int{"un": 1, "une": 1, "a": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
		"quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8, "eight": 8,
		"neuf": 9, "nine": 9, "dix": 10, "ten": 10, "quinze": 15, "fifteen": 15}
	units = map[string]int{"jour": 1, "jours": 1, "day": 1, "days": 1, "semaine": 7, "semaines": 7, "week": 7,
		"weeks": 7, "mois": 30, "month": 30, "months": 30}
)

// maxSnooze bounds a snooze: a reminder put off further is better stopped or acted on.
const maxSnooze = 90

// parseSnooze reads "rappelle-moi dans une semaine" and its kin, folded: the days to
// put the reminder off (a week when no delay is said). ok is false when the text is
// not a snooze, or names a delay it cannot read ("rappelle-moi de manger").
func parseSnooze(folded string) (days int, ok bool) {
	rest, ok := snoozePrefixes.Prefix(folded)
	if !ok {
		return 0, false
	}
	for _, polite := range []string{" s il vous plait", " s il te plait", " svp", " please", " merci", " thanks"} {
		rest = strings.TrimSuffix(" "+rest, polite)
		rest = strings.TrimSpace(rest)
	}
	w := strings.Fields(rest)
	if len(w) > 0 && (w[0] == "dans" || w[0] == "in") {
		w = w[1:]
	}
	switch strings.Join(w, " ") {
	case "", "plus tard", "later":
		return 7, true
	case "demain", "tomorrow":
		return 1, true
	case "la semaine prochaine", "semaine prochaine", "next week":
		return 7, true
	}
	if len(w) != 2 {
		return 0, false
	}
	n, ok := numbers[w[0]]
	if !ok {
		var err error
		if n, err = strconv.Atoi(w[0]); err != nil {
			return 0, false
		}
	}
	unit, ok := units[w[1]]
	if !ok || n < 1 || n*unit > maxSnooze {
		return 0, false
	}
	return n * unit, true
}

// question reports a turn that reads as a question, which other features answer.
func question(s *conversations.Session) bool {
	return strings.HasSuffix(strings.TrimSpace(s.Turn.Text), "?")
}

// snooze puts off the reminders of the last message the person received.
func (f *Feature) snooze(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	days, _ := parseSnooze(s.Folded())
	last, err := f.store.LastReminders(ctx, s.Key, s.Now.Add(-recentWindow))
	if err != nil {
		return nil, err
	}
	if len(last) == 0 {
		return []bot.Reply{s.Reply("reminders.none")}, nil
	}
	until := f.until(s.Now, days)
	n := 0
	for _, d := range last {
		if d.Kind.Snoozable() {
			if err := f.store.SnoozeReminder(ctx, d.Kind, d.Subject, s.Key, until); err != nil {
				return nil, err
			}
			n++
		}
	}
	if n == 0 {
		return []bot.Reply{s.Reply("reminders.snooze.cannot")}, nil
	}
	return []bot.Reply{s.Reply("reminders.snooze.done", map[string]any{"Count": n,
		"Date": scheduler.FormatDay(s.Lang, until)})}, nil
}

// stop stops the reminders of the last message the person received, where stopping
// makes sense, and says why it does not for the others.
func (f *Feature) stop(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	last, err := f.store.LastReminders(ctx, s.Key, s.Now.Add(-recentWindow))
	if err != nil {
		return nil, err
	}
	if len(last) == 0 {
		return []bot.Reply{s.Reply("reminders.none")}, nil
	}
	stopped, kept := 0, 0
	for _, d := range last {
		if !d.Kind.Stoppable() {
			kept++
			continue
		}
		if err := f.store.StopReminder(ctx, d.Kind, d.Subject, s.Key); err != nil {
			return nil, err
		}
		stopped++
	}
	var out []bot.Reply
	if stopped > 0 {
		out = append(out, s.Reply("reminders.stop.done", map[string]any{"Count": stopped}))
	}
	if kept > 0 {
		out = append(out, s.Reply("reminders.stop.cannot", map[string]any{"Count": kept}))
	}
	return out, nil
}

// buttonSubject reads the "<kind>|<subject>" of a snooze or stop button.
func buttonSubject(s *conversations.Session) (scheduler.Kind, string, bool) {
	kind, subject, ok := strings.Cut(s.Turn.Action.Subject, "|")
	return scheduler.Kind(kind), subject, ok && subject != ""
}

// snoozeButton puts off one reminder a week, for the person who pressed.
func (f *Feature) snoozeButton(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	kind, subject, ok := buttonSubject(s)
	if !ok || !kind.Snoozable() {
		return private(s, "core.action.unknown"), nil
	}
	until := f.until(s.Now, 7)
	if err := f.store.SnoozeReminder(ctx, kind, subject, s.Key, until); err != nil {
		return nil, err
	}
	return private(s, "reminders.snooze.done", map[string]any{"Count": 1, "Date": scheduler.FormatDay(s.Lang, until)}), nil
}

// stopButton stops one reminder, for the person who pressed.
func (f *Feature) stopButton(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	kind, subject, ok := buttonSubject(s)
	if !ok {
		return private(s, "core.action.unknown"), nil
	}
	if !kind.Stoppable() {
		return private(s, "reminders.stop.cannot", map[string]any{"Count": 1}), nil
	}
	if err := f.store.StopReminder(ctx, kind, subject, s.Key); err != nil {
		return nil, err
	}
	return private(s, "reminders.stop.done", map[string]any{"Count": 1}), nil
}
