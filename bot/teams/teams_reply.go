package teams

import (
	"cmp"
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards/adaptive"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

var errEmptyReply = errors.New("teams: reply has neither text nor card")

// activity renders a reply as a Teams message activity: the text as Teams markdown, the
// card as an Adaptive Card attachment. Addressing is the caller's.
func activity(r bot.Reply, lang i18n.Lang) (schema.Activity, error) {
	a := schema.Activity{Type: schema.Message}
	if r.Text != "" {
		a.Text, a.TextFormat = markdown(r.Text), schema.MARKDOWN
	}
	if r.Card != nil {
		att, err := adaptive.Attachment(r.Card, adaptive.Lang(lang))
		if err != nil {
			return a, err
		}
		a.Attachments = []schema.Attachment{{ContentType: att.ContentType, Content: att.Content}}
		// Without it, Teams' chat list and notifications read "Send a card".
		a.Summary = cmp.Or(summary(r), DefaultBotName)
	}
	if a.Text == "" && len(a.Attachments) == 0 {
		return a, errEmptyReply
	}
	return a, nil
}

// markdown adapts the engine's Markdown subset to Teams: Teams joins lines separated
// by a single line break, so every line becomes a paragraph, except consecutive
// "- " list items, which stay one list.
func markdown(s string) string {
	var b strings.Builder
	prevItem := false
	gap := false
	for _, line := range strings.Split(strings.ReplaceAll(s, "\r\n", "\n"), "\n") {
		if strings.TrimSpace(line) == "" {
			gap = true
			continue
		}
		item := strings.HasPrefix(line, "- ")
		if b.Len() > 0 {
			if item && prevItem && !gap {
				b.WriteString("\n")
			} else {
				b.WriteString("\n\n")
			}
		}
		b.WriteString(line)
		prevItem, gap = item, false
	}
	return b.String()
}

// apology is the generic "could not process" message.
func apology(lang i18n.Lang) schema.Activity {
	return schema.Activity{Type: schema.Message, Text: i18n.T(lang, "core.error"), TextFormat: schema.MARKDOWN}
}

// reply sends a turn's replies where they belong: a private reply given in a team or
// group chat goes to the person's 1:1 chat; a Replace updates the card the button was
// on; everything else answers the activity in its conversation (its thread, in a
// channel). A reply that cannot be sent is logged and the others still go.
func (c *Channel) reply(ctx context.Context, in *inbound, t bot.Turn, replies []bot.Reply) {
	lang := c.lang(t.Locale)
	for _, r := range replies {
		act, err := activity(c.withMRIs(ctx, in.ServiceURL, in.Conversation.ID, r), lang)
		if err != nil {
			c.log.Error("teams reply not rendered", "request_id", t.RequestID, "error", err.Error())
			act = apology(lang)
		}
		act.From = schema.ChannelAccount{ID: in.Recipient.ID, Name: cmp.Or(in.Recipient.Name, c.cfg.BotName)}
		if err := c.send(ctx, in, t, r, act); err != nil {
			c.log.Error("teams reply not sent", "request_id", t.RequestID, "error", errKind(err))
		}
	}
}

func (c *Channel) send(ctx context.Context, in *inbound, t bot.Turn, r bot.Reply, act schema.Activity) error {
	conn := c.cfg.Connector
	if r.Private && t.Conversation.Group {
		return c.sendDirect(ctx, in, t, act)
	}
	act.Conversation = schema.ConversationAccount{ID: in.Conversation.ID}
	if r.Replace && t.Action != nil && t.Action.MessageID != "" {
		err := conn.UpdateActivity(ctx, in.ServiceURL, in.Conversation.ID, t.Action.MessageID, act)
		if err == nil {
			return nil
		}
		// The card may be gone or too old to edit: the answer still reaches the person.
		c.log.Warn("teams card update failed; posting instead", "request_id", t.RequestID, "error", errKind(err))
	}
	act.Recipient = schema.ChannelAccount{ID: in.From.ID}
	var err error
	if in.ID == "" {
		_, err = conn.SendActivity(ctx, in.ServiceURL, in.Conversation.ID, act)
	} else {
		_, err = conn.ReplyToActivity(ctx, in.ServiceURL, in.Conversation.ID, in.ID, act)
	}
	return err
}

// sendDirect posts act in the sender's 1:1 chat with the bot, created (or found: Teams
// returns the existing one) for the purpose, and keeps its reference for proactive
// messages. It never falls back to the public conversation.
func (c *Channel) sendDirect(ctx context.Context, in *inbound, t bot.Turn, act schema.Activity) error {
	tenant := in.tenantID()
	p := schema.ConversationParameters{Bot: schema.ChannelAccount{ID: in.Recipient.ID},
		Members: []schema.ChannelAccount{{ID: in.From.ID}}, TenantID: tenant}
	if tenant != "" {
		p.ChannelData = map[string]any{"tenant": map[string]any{"id": tenant}}
	}
	res, err := c.cfg.Connector.CreateConversation(ctx, in.ServiceURL, p)
	if err != nil {
		return err
	}
	act.Conversation = schema.ConversationAccount{ID: res.ID}
	act.Recipient = schema.ChannelAccount{ID: in.From.ID}
	if _, err := c.cfg.Connector.SendActivity(ctx, in.ServiceURL, res.ID, act); err != nil {
		return err
	}
	direct := bot.ConversationRef{Channel: bot.Teams, ID: res.ID, UserID: t.User.ID, ServiceURL: in.ServiceURL,
		TenantID: tenant, BotID: in.Recipient.ID}
	if _, err := c.cfg.Store.MeetPerson(ctx, t.User.Key(bot.Teams), bot.Teams, t.User, &direct); err != nil {
		c.log.Warn("teams direct conversation not stored", "request_id", t.RequestID, "error", err.Error())
	}
	return nil
}
