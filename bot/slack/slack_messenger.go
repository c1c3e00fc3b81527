package slack

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/cards/blockkit"
	slackgo "github.com/slack-go/slack"
)

// Post sends r to a Slack conversation (chat.postMessage, in to.ThreadID when set; a
// private reply in a channel to to.UserID goes through chat.postEphemeral and cannot
// be updated later). Errors match bot.ErrRateLimited (with a *bot.RateLimitError)
// when Slack answered 429, and bot.ErrUnreachable when the conversation or the person
// is gone or the bot is not in the channel.
func (c *Channel) Post(ctx context.Context, to bot.ConversationRef, r bot.Reply) (bot.MessageRef, error) {
	if to.Channel != bot.Slack || to.ID == "" {
		return bot.MessageRef{}, fmt.Errorf("slack: post to a %q conversation: %w", to.Channel, bot.ErrUnreachable)
	}
	if r.Private && to.Group && to.UserID != "" {
		return bot.MessageRef{Conversation: to}, c.postEphemeral(ctx, to, to.UserID, r)
	}
	blocks, fallback, err := blockkit.RenderMessage(r.Text, r.Card)
	if err != nil {
		return bot.MessageRef{Conversation: to}, fmt.Errorf("slack: render reply: %w", err)
	}
	if len(blocks) == 0 {
		return bot.MessageRef{Conversation: to}, nil
	}
	var ch, ts string
	if w, ok := c.api.(*WebAPI); ok {
		ch, ts, err = w.postMessage(ctx, to.ID, to.ThreadID, fallback, blocks)
	} else {
		opts := []slackgo.MsgOption{slackgo.MsgOptionText(fallback, false), slackgo.MsgOptionBlocks(blocks...)}
		if to.ThreadID != "" {
			opts = append(opts, slackgo.MsgOptionTS(to.ThreadID))
		}
		ch, ts, err = c.api.PostMessageContext(ctx, to.ID, opts...)
	}
	if err != nil {
		return bot.MessageRef{}, apiError("chat.postMessage", err)
	}
	if ch != "" {
		to.ID = ch
	}
	return bot.MessageRef{Conversation: to, MessageID: ts}, nil
}

// Update replaces a message the bot posted (chat.update). Errors are those of Post,
// and bot.ErrNotFound when the message was deleted.
func (c *Channel) Update(ctx context.Context, m bot.MessageRef, r bot.Reply) error {
	if m.Conversation.Channel != bot.Slack || m.Conversation.ID == "" || m.MessageID == "" {
		return fmt.Errorf("slack: update a %q message: %w", m.Conversation.Channel, bot.ErrUnreachable)
	}
	opts, err := messageOptions(r)
	if err != nil || opts == nil {
		return err
	}
	if _, _, _, err := c.api.UpdateMessageContext(ctx, m.Conversation.ID, m.MessageID, opts...); err != nil {
		return apiError("chat.update", err)
	}
	return nil
}

// OpenDirect opens (or finds) the direct conversation between the bot and a Slack
// user (conversations.open), for a first proactive message.
func (c *Channel) OpenDirect(ctx context.Context, userID string) (bot.ConversationRef, error) {
	if userID == "" {
		return bot.ConversationRef{}, fmt.Errorf("slack: open a conversation with nobody: %w", bot.ErrUnreachable)
	}
	ch, _, _, err := c.api.OpenConversationContext(ctx, &slackgo.OpenConversationParameters{Users: []string{userID}, ReturnIM: true})
	if err != nil {
		return bot.ConversationRef{}, apiError("conversations.open", err)
	}
	if ch == nil || ch.ID == "" {
		return bot.ConversationRef{}, errors.New("slack conversations.open: no channel in the answer")
	}
	return bot.ConversationRef{Channel: bot.Slack, ID: ch.ID, UserID: userID}, nil
}

func (c *Channel) postEphemeral(ctx context.Context, to bot.ConversationRef, userID string, r bot.Reply) error {
	opts, err := messageOptions(r)
	if err != nil || opts == nil {
		return err
	}
	if to.ThreadID != "" {
		opts = append(opts, slackgo.MsgOptionTS(to.ThreadID))
	}
	if _, err := c.api.PostEphemeralContext(ctx, to.ID, userID, opts...); err != nil {
		return apiError("chat.postEphemeral", err)
	}
	return nil
}

// respond answers through a response_url: ephemeral, replacing the message the button
// was on when replace is set.
func (c *Channel) respond(ctx context.Context, responseURL string, r bot.Reply, replace bool) error {
	blocks, fallback, err := blockkit.RenderMessage(r.Text, r.Card)
	if err != nil || len(blocks) == 0 {
		return err
	}
	msg := &slackgo.WebhookMessage{Text: fallback, Blocks: &slackgo.Blocks{BlockSet: blocks},
		ResponseType: slackgo.ResponseTypeEphemeral, ReplaceOriginal: replace}
	if err := slackgo.PostWebhookCustomHTTPContext(ctx, responseURL, c.opts.HTTPClient, msg); err != nil {
		// The URL is a capability to post in the person's name for 30 minutes: keep
		// it out of errors, which are logged.
		var ue *url.Error
		if errors.As(err, &ue) {
			err = fmt.Errorf("post: %w", ue.Err)
		}
		return apiError("response_url", err)
	}
	return nil
}

// messageOptions renders a reply as blocks with a fallback text for notifications;
// nil options for an empty reply. Text-only replies are blocks too, so that
// chat.update replacing a card with text removes the card.
func messageOptions(r bot.Reply) ([]slackgo.MsgOption, error) {
	blocks, fallback, err := blockkit.RenderMessage(r.Text, r.Card)
	if err != nil {
		return nil, fmt.Errorf("slack: render reply: %w", err)
	}
	if len(blocks) == 0 {
		return nil, nil
	}
	return []slackgo.MsgOption{slackgo.MsgOptionText(fallback, false), slackgo.MsgOptionBlocks(blocks...)}, nil
}

// unreachable are the Slack error codes meaning the message can never be delivered
// there: retrying is pointless, another channel may work.
var unreachable = map[string]bool{
	"channel_not_found": true, "not_in_channel": true, "is_archived": true, "account_inactive": true,
	"user_not_found": true, "user_disabled": true, "cannot_dm_bot": true, "messages_tab_disabled": true,
	"user_not_in_channel": true,
}

// apiError translates slack-go's errors into the bot's: rate limits (429, with or
// without Retry-After) into *bot.RateLimitError, dead ends into bot.ErrUnreachable.
func apiError(method string, err error) error {
	var rl *slackgo.RateLimitedError
	if errors.As(err, &rl) {
		return fmt.Errorf("slack %s: %w", method, &bot.RateLimitError{RetryAfter: rl.RetryAfter})
	}
	var status slackgo.StatusCodeError
	if errors.As(err, &status) && status.Code == http.StatusTooManyRequests {
		return fmt.Errorf("slack %s: %w", method, &bot.RateLimitError{})
	}
	var api slackgo.SlackErrorResponse
	if errors.As(err, &api) {
		switch {
		case unreachable[api.Err]:
			return fmt.Errorf("slack %s: %s: %w", method, api.Err, bot.ErrUnreachable)
		case api.Err == "message_not_found":
			return fmt.Errorf("slack %s: %s: %w", method, api.Err, bot.ErrNotFound)
		}
	}
	return fmt.Errorf("slack %s: %w", method, err)
}
