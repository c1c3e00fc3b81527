package app

import (
	"context"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// slackRun is the Slack channel of one App and its Socket Mode run. Handler mounts the
// channel's routes, StartSlack and StopSlack run Socket Mode and drain the queue, and
// all three must share one channel (one worker pool, one user cache).
type slackRun struct {
	ch     *slackbot.Channel
	socket *socketmode.Client // nil without SLACK_APP_TOKEN

	mu     sync.Mutex // guards cancel and done
	cancel context.CancelFunc
	done   chan struct{} // closed when Socket Mode has returned
}

// slackRun returns the App's Slack channel, built on first use from a.Cfg.Slack and
// added to the proactive dispatcher; nil when SLACK_BOT_TOKEN is not set.
func (a *App) slackRun() *slackRun {
	s := a.Cfg.Slack
	if s.BotToken == "" {
		return nil
	}
	a.slackMu.Lock()
	defer a.slackMu.Unlock()
	if a.slack != nil {
		return a.slack
	}
	opts := []slack.Option{slack.OptionAPIURL(apiURL(s.APIURL)), slack.OptionHTTPClient(&http.Client{Timeout: 15 * time.Second})}
	if s.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(s.AppToken))
	}
	api := slack.New(s.BotToken, opts...)
	ch, err := slackbot.New(api, a.Turns, slackbot.Options{SigningSecret: s.SigningSecret, Dedupe: a.DB,
		Home: slackHome{a}, DefaultLang: a.Cfg.Lang, Log: a.Log,
		Observe: func(outcome string) { a.Metrics.Inbound.WithLabelValues(string(bot.Slack), outcome).Inc() }})
	if err != nil {
		a.Log.Error("Slack channel off", "error", err.Error())
		return nil
	}
	a.Notify.Add(bot.Slack, ch)
	r := &slackRun{ch: ch}
	if s.AppToken != "" {
		r.socket = socketmode.New(api)
	}
	a.slack = r
	return r
}

// apiURL ends SLACK_API_URL with the slash slack-go expects before method names.
func apiURL(u string) string {
	if strings.HasSuffix(u, "/") {
		return u
	}
	return u + "/"
}

// mountSlack builds the Slack channel when SLACK_BOT_TOKEN is set and serves POST
// /slack/events, /slack/interactivity and /slack/commands when SLACK_SIGNING_SECRET is
// set too. With SLACK_APP_TOKEN alone, Slack's requests come over Socket Mode
// (StartSlack) and no route is needed.
func (a *App) mountSlack(mux *http.ServeMux) {
	r := a.slackRun()
	if r == nil {
		return
	}
	if a.Cfg.Slack.SigningSecret == "" {
		a.Log.Info("Slack HTTP endpoints off: SLACK_SIGNING_SECRET is not set; Slack requests come over Socket Mode")
		return
	}
	r.ch.Routes(mux)
}

// StartSlack starts Slack's Socket Mode when SLACK_BOT_TOKEN and SLACK_APP_TOKEN are
// set, for a school without a public URL; otherwise it does nothing. It returns at
// once; Socket Mode receives until ctx is done or StopSlack is called, reconnecting by
// itself, and logs the error that ends it.
func (a *App) StartSlack(ctx context.Context) error {
	r := a.slackRun()
	if r == nil || r.socket == nil {
		return nil
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.done != nil {
		return errors.New("app: Slack Socket Mode already started")
	}
	ctx, r.cancel = context.WithCancel(ctx)
	r.done = make(chan struct{})
	a.Log.Info("Slack Socket Mode starting")
	go func() {
		defer close(r.done)
		if err := r.ch.RunSocket(ctx, r.socket, r.socket.Events); err != nil {
			a.Log.Error("Slack Socket Mode stopped", "error", err.Error())
		}
	}()
	return nil
}

// StopSlack stops Socket Mode and lets the Slack turns already accepted finish, their
// replies posted, until ctx is done; then it cancels them. Call it after the HTTP
// server has shut down. It is safe to call when Slack is off, or twice.
func (a *App) StopSlack(ctx context.Context) error {
	a.slackMu.Lock()
	r := a.slack
	a.slack = nil
	a.slackMu.Unlock()
	if r == nil {
		return nil
	}
	r.mu.Lock()
	cancel, done := r.cancel, r.done
	r.mu.Unlock()
	if cancel != nil {
		cancel()
		select {
		case <-done:
		case <-ctx.Done():
		}
	}
	return r.ch.Stop(ctx)
}
