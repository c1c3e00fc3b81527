package scheduler

import (
	"context"
	"fmt"
	"sort"
	"time"
)

// Planned is a reminder occurrence a pass will deliver if the state does not change.
type Planned struct {
	At   time.Time // the pass that will deliver it
	Item Item
}

// Upcoming lists what the passes from from's time through days more days will
// deliver, the state being what it is now: occurrences already due and undelivered
// come first, at the first pass. It sends nothing and records nothing.
func (s *Scheduler) Upcoming(ctx context.Context, from time.Time, days int) ([]Planned, error) {
	from = from.In(s.cal.Location())
	e, prefs, err := s.env(ctx, from)
	if err != nil {
		return nil, err
	}
	var (
		out  []Planned
		seen = map[string]bool{}
	)
	for d := s.cal.Day(from); d.Before(s.cal.Day(from).AddDate(0, 0, days+1)); d = d.AddDate(0, 0, 1) {
		pass := e.due(d)
		if pass.Before(from) || !s.cal.BusinessDay(d) {
			continue
		}
		e.now, e.today = pass, d
		for _, it := range applyPrefs(derive(e), prefs, pass) {
			if !seen[it.Key()] {
				seen[it.Key()] = true
				out = append(out, Planned{At: pass, Item: it})
			}
		}
	}
	keys := make([]string, len(out))
	for i, p := range out {
		keys[i] = p.Item.Key()
	}
	have, err := s.store.ReminderDeliveries(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("reminders: deliveries: %w", err)
	}
	kept := out[:0]
	for _, p := range out {
		if d, ok := have[p.Item.Key()]; !ok || (d.Status == Failed && d.Attempts < MaxAttempts) {
			kept = append(kept, p)
		}
	}
	sort.SliceStable(kept, func(i, j int) bool { return kept[i].At.Before(kept[j].At) })
	return kept, nil
}
