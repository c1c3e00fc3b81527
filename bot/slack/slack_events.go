package slack

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/cssdgs/iagbot/bot"
)

// envelope is the outer JSON of an Events API request.
type envelope struct {
	Type               string `json:"type"`
	Challenge          string `json:"challenge"`
	EventID            string `json:"event_id"`
	TeamID             string `json:"team_id"`
	EnterpriseID       string `json:"enterprise_id"`
	APIAppID           string `json:"api_app_id"`
	IsExtSharedChannel bool   `json:"is_ext_shared_channel"`
	Authorizations     []struct {
		UserID string `json:"user_id"`
	} `json:"authorizations"`
	// Event is decoded with the envelope, in one pass over the body.
	Event innerEvent `json:"event"`
}

// innerEvent holds the fields of message.im, app_mention and app_home_opened events
// the channel reads (https://docs.slack.dev/reference/events).
type innerEvent struct {
	Type        string          `json:"type"`
	SubType     string          `json:"subtype"`
	BotID       string          `json:"bot_id"`
	User        string          `json:"user"`
	Text        string          `json:"text"`
	TS          string          `json:"ts"`
	ThreadTS    string          `json:"thread_ts"`
	Channel     string          `json:"channel"`
	ChannelType string          `json:"channel_type"`
	Tab         string          `json:"tab"`
	Edited      json.RawMessage `json:"edited"`
	UserTeam    string          `json:"user_team"` // the author's workspace (Slack Connect)
}

// outcome is what became of an accepted request; HTTP and Socket Mode answer it in
// their own way.
type outcome int

const (
	queued    outcome = iota // queued, or nothing to do (ignored, duplicate)
	busy                     // queue full or stopping: Slack should retry
	failed                   // the database could not tell whether it is a retry
	malformed                // the payload does not parse
)

func (c *Channel) serveEvents(w http.ResponseWriter, r *http.Request) {
	body, ok := c.readVerified(w, r, "events")
	if !ok {
		return
	}
	var env envelope
	if err := json.Unmarshal(body, &env); err != nil {
		c.opts.Observe("bad_request")
		http.Error(w, "malformed JSON", http.StatusBadRequest)
		return
	}
	if env.Type == "url_verification" {
		w.Header().Set("Content-Type", "text/plain; charset=utf-8")
		w.Write([]byte(env.Challenge))
		return
	}
	if n := r.Header.Get("X-Slack-Retry-Num"); n != "" {
		c.log.Info("slack event retried", "event_id", env.EventID, "retry", n, "reason", r.Header.Get("X-Slack-Retry-Reason"))
	}
	c.answer(w, c.acceptEvent(r.Context(), env))
}

// answer writes the HTTP status of an outcome. Slack retries an event answered with
// an error, which is what busy and failed want.
func (c *Channel) answer(w http.ResponseWriter, o outcome) {
	switch o {
	case busy:
		w.Header().Set("Retry-After", "5")
		http.Error(w, "busy", http.StatusServiceUnavailable)
	case failed:
		http.Error(w, "try again", http.StatusInternalServerError)
	case malformed:
		c.opts.Observe("bad_request")
		http.Error(w, "malformed payload", http.StatusBadRequest)
	default:
		w.WriteHeader(http.StatusOK)
	}
}

// acceptEvent queues the turn of an event_callback, once per event_id.
func (c *Channel) acceptEvent(ctx context.Context, env envelope) outcome {
	if env.Type != "event_callback" {
		c.log.Info("slack event ignored", "type", env.Type)
		return queued
	}
	ev := env.Event
	if reason := c.foreign(origin{team: env.TeamID, enterprise: env.EnterpriseID, app: env.APIAppID,
		userTeam: ev.UserTeam, shared: env.IsExtSharedChannel}); reason != "" {
		return c.refuseForeign("event", env.EventID, reason)
	}
	in, ok := inboundFromEvent(env, ev)
	if !ok {
		return queued
	}
	key := ""
	if env.EventID != "" { // Slack always sends one; without it there is nothing to dedupe on
		key = "slack:" + env.EventID
	}
	return c.enqueue(ctx, key, in)
}

// inboundFromEvent converts an event to the work it asks for; false for the events the
// bot does not answer: its own messages and other bots', edits and deletions (message
// subtypes), and tabs other than Home.
func inboundFromEvent(env envelope, ev innerEvent) (inbound, bool) {
	in := inbound{userID: ev.User, requestID: env.EventID}
	switch {
	case ev.Type == "message" && ev.ChannelType == "im" && ev.SubType == "" && ev.BotID == "" && ev.User != "":
		in.kind = kindMessage
		// No thread: this reference is kept for proactive messages, which belong at
		// the top of the conversation.
		in.conv = bot.ConversationRef{Channel: bot.Slack, ID: ev.Channel, UserID: ev.User}
		in.text = plainText(ev.Text, nil)
	case ev.Type == "app_mention" && ev.BotID == "" && ev.User != "" && len(ev.Edited) == 0:
		in.kind = kindMention
		thread := ev.ThreadTS
		if thread == "" {
			thread = ev.TS // answer in a thread under the mention, to keep the channel tidy
		}
		in.conv = bot.ConversationRef{Channel: bot.Slack, ID: ev.Channel, Group: true, ThreadID: thread}
		var self []string
		for _, a := range env.Authorizations {
			self = append(self, a.UserID)
		}
		in.text = plainText(ev.Text, self)
	case ev.Type == "app_home_opened" && ev.Tab == "home" && ev.User != "":
		in.kind = kindHome
	default:
		return inbound{}, false
	}
	return in, true
}

// enqueue reserves a place for in (waiting up to AdmissionWait for one), checks key (when not empty) was not seen before,
// and queues the work. The place is reserved first so that an event recorded as seen
// is sure to be processed.
func (c *Channel) enqueue(ctx context.Context, key string, in inbound) outcome {
	s, ok := c.pool.reserve(ctx, c.opts.AdmissionWait, func() { c.opts.Observe("waited") })
	if !ok {
		c.opts.Observe("busy")
		c.log.Warn("slack request refused", "kind", in.kind, "request_id", in.requestID, "status", "busy")
		return busy
	}
	if key != "" {
		first, err := c.opts.Dedupe.FirstSeen(ctx, key)
		if err != nil {
			s.release()
			c.log.Error("slack dedupe failed", "request_id", in.requestID, "error", err.Error())
			return failed
		}
		if !first {
			s.release()
			c.opts.Observe("duplicate")
			c.log.Info("slack event duplicate", "kind", in.kind, "request_id", in.requestID)
			return queued
		}
	}
	s.submit(func(ctx context.Context) {
		c.process(ctx, in)
	})
	return queued
}
