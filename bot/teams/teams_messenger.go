package teams

import (
	"context"
	"errors"
	"fmt"
	"net/http"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/teams/connector"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

// Post sends r to a stored conversation reference (proactive message) and returns the
// new message's reference. Errors match bot.ErrUnreachable when the reference is not
// a usable Teams one or Teams says the conversation is gone (403, 404), and are a
// *bot.RateLimitError when Teams still answers 429 after the connector's own retries.
func (c *Channel) Post(ctx context.Context, to bot.ConversationRef, r bot.Reply) (bot.MessageRef, error) {
	if err := usable(to); err != nil {
		return bot.MessageRef{}, err
	}
	conv := conversationID(to)
	act, err := activity(c.withMRIs(ctx, to.ServiceURL, conv, r), c.cfg.DefaultLang)
	if err != nil {
		return bot.MessageRef{}, err
	}
	act.From = schema.ChannelAccount{ID: to.BotID, Name: c.cfg.BotName}
	act.Conversation = schema.ConversationAccount{ID: conv}
	id, err := c.cfg.Connector.SendActivity(ctx, to.ServiceURL, conv, act)
	if err != nil {
		return bot.MessageRef{}, mapErr(err)
	}
	return bot.MessageRef{Conversation: to, MessageID: id}, nil
}

// Update replaces a message the bot posted, with the errors of Post.
func (c *Channel) Update(ctx context.Context, m bot.MessageRef, r bot.Reply) error {
	if err := usable(m.Conversation); err != nil {
		return err
	}
	if m.MessageID == "" {
		return fmt.Errorf("teams: update without a message id: %w", bot.ErrUnreachable)
	}
	conv := conversationID(m.Conversation)
	act, err := activity(c.withMRIs(ctx, m.Conversation.ServiceURL, conv, r), c.cfg.DefaultLang)
	if err != nil {
		return err
	}
	act.From = schema.ChannelAccount{ID: m.Conversation.BotID, Name: c.cfg.BotName}
	act.Conversation = schema.ConversationAccount{ID: conv}
	return mapErr(c.cfg.Connector.UpdateActivity(ctx, m.Conversation.ServiceURL, conv, m.MessageID, act))
}

// OpenDirect opens (or finds) the 1:1 chat with a person by AAD object id, which Teams
// accepts for a user who has the app installed in personal scope. The service URL and
// tenant are the last seen or configured ones; the errors are those of Post.
func (c *Channel) OpenDirect(ctx context.Context, userID string) (bot.ConversationRef, error) {
	if userID == "" {
		return bot.ConversationRef{}, fmt.Errorf("teams: no user id: %w", bot.ErrUnreachable)
	}
	s := c.proactive()
	p := schema.ConversationParameters{Bot: schema.ChannelAccount{ID: s.botID},
		Members: []schema.ChannelAccount{{ID: userID}}, TenantID: s.tenantID}
	if s.tenantID != "" {
		p.ChannelData = map[string]any{"tenant": map[string]any{"id": s.tenantID}}
	}
	res, err := c.cfg.Connector.CreateConversation(ctx, s.serviceURL, p)
	if err != nil {
		return bot.ConversationRef{}, mapErr(err)
	}
	return bot.ConversationRef{Channel: bot.Teams, ID: res.ID, UserID: userID, ServiceURL: s.serviceURL,
		TenantID: s.tenantID, BotID: s.botID}, nil
}

func usable(to bot.ConversationRef) error {
	if to.Channel != bot.Teams || to.ID == "" || to.ServiceURL == "" {
		return fmt.Errorf("teams: not a Teams conversation reference: %w", bot.ErrUnreachable)
	}
	return nil
}

// mapErr turns connector errors into the bot package's: 429 → *bot.RateLimitError,
// 403/404 and unusable addresses → bot.ErrUnreachable, the rest unchanged.
func mapErr(err error) error {
	if err == nil {
		return nil
	}
	var se *connector.StatusError
	if errors.As(err, &se) {
		switch se.StatusCode {
		case http.StatusTooManyRequests:
			return &bot.RateLimitError{RetryAfter: se.RetryAfter}
		case http.StatusForbidden, http.StatusNotFound:
			return fmt.Errorf("teams: %w: %w", bot.ErrUnreachable, err)
		}
	}
	if errors.Is(err, connector.ErrInvalidArgument) || errors.Is(err, connector.ErrInsecureURL) {
		return fmt.Errorf("teams: %w: %w", bot.ErrUnreachable, err)
	}
	return err
}

// errKind describes an error for the logs without the URL, whose path holds
// conversation and person ids.
func errKind(err error) string {
	var se *connector.StatusError
	switch {
	case errors.As(err, &se):
		s := fmt.Sprintf("%s HTTP %d", se.Method, se.StatusCode)
		if se.Code != "" {
			s += " " + se.Code
		}
		return s
	case errors.Is(err, connector.ErrToken):
		return "no app token"
	case errors.Is(err, connector.ErrInvalidArgument):
		return "invalid service URL or id"
	case errors.Is(err, context.DeadlineExceeded):
		return "timeout"
	case errors.Is(err, context.Canceled):
		return "canceled"
	case errors.Is(err, errEmptyReply):
		return err.Error()
	}
	return "transport error"
}
