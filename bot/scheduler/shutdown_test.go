package scheduler_test

import (
	"context"
	"errors"
	"slices"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/jonboulle/clockwork"
)

// cancelling is a notifier whose first send is cut short by a shutdown: it cancels
// the pass's context and fails as a cancelled send does.
type cancelling struct {
	bot.Notifier
	cancel context.CancelFunc
}

func (c *cancelling) ToPerson(ctx context.Context, key string, r bot.Reply) (bot.MessageRef, error) {
	if c.cancel != nil {
		c.cancel()
		c.cancel = nil
		return bot.MessageRef{}, ctx.Err()
	}
	return c.Notifier.ToPerson(ctx, key, r)
}

// TestPassCancelledMidSendIsRetried: the process stops while a reminder is being sent.
// The claim must be recorded failed, not left pending, so the next pass sends it.
func TestPassCancelledMidSendIsRetried(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-05-03", 9, 30), p, testConfig(), nil)
	seedSystem(t, h, "2027-06-02")
	meet(t, h.db, "alice@x")
	ctx, cancel := context.WithCancel(context.Background())
	n := &cancelling{Notifier: delivery.New(h.db, map[bot.Channel]bot.Messenger{bot.Slack: p}), cancel: cancel}
	s, err := scheduler.New(h.db, n, testConfig(), scheduler.WithClock(clockwork.NewFakeClockAt(at("2027-05-03", 9, 30))))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunOnce(ctx); err != nil && !errors.Is(err, context.Canceled) {
		t.Fatalf("cancelled pass: %v", err)
	}
	if g := got(p.take()); len(g) != 0 {
		t.Fatalf("cancelled pass sent %q", g)
	}
	if _, err := s.RunOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if g := got(p.take()); !slices.Equal(g, []string{"D-alice@x: Révision de l'EFVP : Copilot"}) {
		t.Fatalf("next pass sent %q, want the reminder cut short", g)
	}
}
