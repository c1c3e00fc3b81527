package slack

import (
	"context"
	"errors"
	"log/slog"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
)

// Kinds of inbound work, for routing replies and for logs.
const (
	kindMessage = "message"     // message.im
	kindMention = "app_mention" // in a channel
	kindAction  = "block_actions"
	kindCommand = "command" // /iag
	kindHome    = "app_home_opened"
	kindSubmit  = "view_submission"
)

// inbound is one accepted request, waiting for a worker. It holds only what the
// worker needs; no SDK type.
type inbound struct {
	kind      string
	userID    string
	conv      bot.ConversationRef // empty for a button pressed outside a conversation
	text      string
	action    *bot.Action
	requestID string
	// responseURL is where a command's replies go, and those of a button pressed on
	// an ephemeral message (which chat.update cannot reach).
	responseURL string
	ephemeral   bool
	// triggerID lets a form reply open a modal (within 3 s of the click or command);
	// viewID is the modal the turn came from, or the one opened for it.
	triggerID, viewID string
}

// maxRateWait bounds how long a turn waits on Slack's Retry-After before giving up a
// reply: the person is waiting for it.
const maxRateWait = 10 * time.Second

// process handles one inbound request on a worker: who the person is, the engine's
// replies, and their delivery. Failures are logged and, when the person can still be
// told, answered with the generic apology.
func (c *Channel) process(ctx context.Context, in inbound) {
	start := time.Now()
	if in.kind == kindHome {
		c.publishHome(ctx, in)
		return
	}
	outcome := "ok"
	u, locale, err := c.users.get(ctx, in.userID)
	if err != nil {
		// Without the e-mail the person's key would be wrong (their requests and roles
		// hang on it): better to apologise than to answer as someone else.
		c.log.Error("slack users.info failed", "request_id", in.requestID, "error", err.Error())
		c.deliver(ctx, in, []bot.Reply{c.apology(c.lang(""))})
		return
	}
	if in.conv.ID == "" {
		if in.conv, err = c.OpenDirect(ctx, in.userID); err != nil {
			c.log.Error("slack conversations.open failed", "request_id", in.requestID, "error", err.Error())
			return
		}
	}
	turn := bot.Turn{Channel: bot.Slack, User: u, Locale: locale, Conversation: in.conv,
		Text: in.text, Action: in.action, RequestID: in.requestID}
	replies, err := c.h.Handle(ctx, turn)
	if err != nil {
		outcome = "engine_error"
		c.log.Error("slack turn failed", "kind", in.kind, "request_id", in.requestID, "error", err.Error())
		replies = []bot.Reply{c.apology(c.lang(locale))}
	}
	replies = c.showForms(ctx, &in, c.lang(locale), replies)
	undelivered := c.deliver(ctx, in, replies)
	if undelivered > 0 && outcome == "ok" {
		outcome = "undelivered"
	}
	// A turn that went well is counted and timed by the metrics; its line is for debug
	// (a write to standard error per event otherwise). Failures were logged above.
	level := slog.LevelDebug
	if outcome != "ok" {
		level = slog.LevelWarn
	}
	if c.log.Enabled(ctx, level) {
		c.log.Log(ctx, level, "slack turn", "kind", in.kind, "request_id", in.requestID, "replies", len(replies),
			"undelivered", undelivered, "outcome", outcome, "ms", time.Since(start).Milliseconds())
	}
}

func (c *Channel) lang(locale string) i18n.Lang {
	if locale == "" {
		return c.opts.DefaultLang
	}
	return i18n.Parse(locale)
}

func (c *Channel) apology(lang i18n.Lang) bot.Reply {
	return bot.Reply{Text: i18n.T(lang, "core.error"), Private: true}
}

// deliver sends the replies in order and returns how many could not be sent.
func (c *Channel) deliver(ctx context.Context, in inbound, replies []bot.Reply) int {
	failed := 0
	for _, r := range replies {
		if err := c.retry(ctx, func() error { return c.send(ctx, in, r) }); err != nil {
			failed++
			c.log.Error("slack reply failed", "kind", in.kind, "request_id", in.requestID, "error", err.Error())
		}
	}
	return failed
}

// send routes one reply: through response_url for commands and ephemeral cards,
// chat.update for a card replaced in place, chat.postEphemeral for a private answer in
// a channel, chat.postMessage otherwise.
func (c *Channel) send(ctx context.Context, in inbound, r bot.Reply) error {
	switch {
	case in.responseURL != "" && (in.kind == kindCommand || in.ephemeral):
		return c.respond(ctx, in.responseURL, r, in.kind == kindAction && r.Replace)
	case r.Replace && in.action != nil && in.action.MessageID != "":
		return c.Update(ctx, bot.MessageRef{Conversation: in.conv, MessageID: in.action.MessageID}, r)
	case r.Private && in.conv.Group:
		return c.postEphemeral(ctx, in.conv, in.userID, r)
	}
	_, err := c.Post(ctx, in.conv, r)
	return err
}

// retry calls send again after a rate limit, waiting what Slack asked, twice at most.
func (c *Channel) retry(ctx context.Context, send func() error) error {
	for attempt := 1; ; attempt++ {
		err := send()
		var rl *bot.RateLimitError
		if !errors.As(err, &rl) || attempt == 3 || rl.RetryAfter > maxRateWait {
			return err
		}
		t := time.NewTimer(rl.RetryAfter)
		select {
		case <-ctx.Done():
			t.Stop()
			return err
		case <-t.C:
		}
	}
}
