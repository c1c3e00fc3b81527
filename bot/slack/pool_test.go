package slack_test

import (
	"context"
	"errors"
	"net/http"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
)

// TestStopGivesUpAtDeadline: Stop waits for running turns only until its context is
// done, then cancels them, and the channel refuses new events with 503.
func TestStopGivesUpAtDeadline(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Workers: 1})
	started, sawCancel := make(chan struct{}), make(chan error, 1)
	e.engine.answer = nil
	e.engine.block = func(ctx context.Context) {
		close(started)
		<-ctx.Done()
		sawCancel <- ctx.Err()
	}
	e.postEvent(eventCallback("EvSlow", dm("lent")))
	<-started
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := e.ch.Stop(ctx); !errors.Is(err, context.Canceled) {
		t.Errorf("Stop = %v, want context.Canceled", err)
	}
	if err := <-sawCancel; !errors.Is(err, context.Canceled) {
		t.Errorf("the running turn saw %v, want context.Canceled", err)
	}
	if resp := e.postEvent(eventCallback("EvLate", dm("trop tard"))); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("event after Stop: status %d, want 503", resp.StatusCode)
	}
	if err := e.ch.Stop(context.Background()); err != nil {
		t.Errorf("second Stop = %v, want nil", err)
	}
}

// TestPanickingTurn: a turn that panics is logged and dropped; the worker goes on.
func TestPanickingTurn(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Workers: 1})
	e.engine.answer = func(t bot.Turn) ([]bot.Reply, error) {
		if t.Text == "boum" {
			panic("feature bug")
		}
		return []bot.Reply{bot.Text("ok")}, nil
	}
	e.postEvent(eventCallback("EvPanic", dm("boum")))
	e.postEvent(eventCallback("EvAfter", dm("aide")))
	e.drain()
	if turns, posts := len(e.engine.Turns()), len(e.fake.Calls("chat.postMessage")); turns != 2 || posts != 1 {
		t.Errorf("got %d turns and %d replies, want 2 and 1", turns, posts)
	}
}
