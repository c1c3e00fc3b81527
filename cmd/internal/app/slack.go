package app

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/conversations/review"
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
	var opts []slack.Option
	if s.AppToken != "" {
		opts = append(opts, slack.OptionAppLevelToken(s.AppToken))
	}
	api := slackbot.NewWebAPI(s.BotToken, apiURL(s.APIURL), slackbot.NewHTTPClient(15*time.Second), opts...)
	self, err := learnSlack(api.Client, s)
	if err != nil {
		a.Log.Error("Slack channel off: the bot's own workspace and app are unknown, so no request could be "+
			"trusted; check SLACK_BOT_TOKEN and the users:read scope, or set SLACK_TEAM_ID and SLACK_APP_ID", "error", err.Error())
		return nil
	}
	a.Log.Info("Slack workspace and app", "team_id", self.team, "enterprise_id", self.enterprise, "app_id", self.app)
	ch, err := slackbot.New(api, a.Turns, slackbot.Options{SigningSecret: s.SigningSecret, Dedupe: a.DB, FormVerbs: []string{annexe.VerbForm, review.VerbSTIForm},
		TeamID: self.team, EnterpriseID: self.enterprise, AppID: self.app,
		Home: slackHome{a}, DefaultLang: a.Cfg.Lang, Log: a.Log,
		Observe: func(outcome string) { a.Metrics.Inbound.WithLabelValues(string(bot.Slack), outcome).Inc() }})
	if err != nil {
		a.Log.Error("Slack channel off", "error", err.Error())
		return nil
	}
	a.Notify.Add(bot.Slack, ch)
	r := &slackRun{ch: ch}
	if s.AppToken != "" {
		r.socket = socketmode.New(api.Client)
	}
	a.slack = r
	return r
}

// slackSelf is the bot's own workspace, Enterprise Grid org and app.
type slackSelf struct{ team, enterprise, app string }

// learnSlack asks Slack who the bot is: auth.test gives the workspace, the org and the
// bot id, bots.info the bot's app. SLACK_TEAM_ID and SLACK_APP_ID win over what Slack
// says; with both set, Slack's silence is no error (the org is then the one auth.test
// gives when it answers).
func learnSlack(api *slack.Client, s config.Slack) (slackSelf, error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	self := slackSelf{team: s.TeamID, app: s.AppID}
	overridden := s.TeamID != "" && s.AppID != ""
	auth, err := api.AuthTestContext(ctx)
	if err != nil {
		if overridden {
			return self, nil
		}
		return self, fmt.Errorf("auth.test: %w", err)
	}
	self.enterprise = auth.EnterpriseID
	if self.team == "" {
		self.team = auth.TeamID
	}
	if self.app == "" {
		if auth.BotID == "" {
			return self, errors.New("auth.test named no bot: SLACK_BOT_TOKEN must be a bot token (xoxb-…)")
		}
		b, err := api.GetBotInfoContext(ctx, slack.GetBotInfoParameters{Bot: auth.BotID})
		if err != nil {
			return self, fmt.Errorf("bots.info: %w", err)
		}
		self.app = b.AppID
	}
	if self.team == "" || self.app == "" {
		return self, errors.New("auth.test or bots.info gave no team or app id")
	}
	return self, nil
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
