package teams

import (
	"context"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

// onConversationUpdate handles the bot being added to a conversation (the app
// installed for a person, in a team or a group chat): it records who added it, with the
// 1:1 conversation reference when personal, so proactive messages can reach them, and
// welcomes the conversation once. The welcome is claimed in the database before it is
// sent, so a redelivery, a restart or a second replica never repeats it; the price is
// that a welcome whose sending fails is not retried.
func (c *Channel) onConversationUpdate(ctx context.Context, in *inbound) {
	if !botAdded(in) {
		return
	}
	requestID := newRequestID()
	ref := in.ref(bot.User{})
	lang := c.lang(in.locale())
	if in.From.ID != "" {
		u := c.user(ctx, in)
		ref = in.ref(u)
		var direct *bot.ConversationRef
		if !ref.Group {
			direct = &ref
		}
		chosen, err := c.cfg.Store.MeetPerson(ctx, u.Key(bot.Teams), bot.Teams, u, direct)
		if err != nil {
			c.log.Error("teams conversation reference not stored", "request_id", requestID, "error", err.Error())
		} else if i18n.Valid(chosen) && !ref.Group {
			// A language the person chose elsewhere wins in their own chat.
			lang = i18n.Lang(chosen)
		}
	}
	first, err := c.cfg.Store.FirstSeen(ctx, onceWelcome+digest(ref.ID))
	if err != nil {
		c.log.Error("teams welcome not claimed", "request_id", requestID, "error", err.Error())
		return
	}
	if !first {
		return
	}
	id := "teams.welcome"
	if ref.Group {
		id = "teams.welcome.group"
	}
	act := schema.Activity{Type: schema.Message, Text: markdown(i18n.T(lang, id)), TextFormat: schema.MARKDOWN,
		From: schema.ChannelAccount{ID: in.Recipient.ID}, Conversation: schema.ConversationAccount{ID: ref.ID}}
	// ref.ID, without a reply chain: the welcome starts its own thread in a channel.
	if _, err := c.cfg.Connector.SendActivity(ctx, in.ServiceURL, ref.ID, act); err != nil {
		c.log.Error("teams welcome not sent", "request_id", requestID, "error", errKind(err))
		return
	}
	c.log.Info("teams welcome sent", "request_id", requestID, "group", ref.Group)
}

// onceWelcome begins a welcome's claim: a key kept for good (storage.OncePrefix), not a
// redelivery key pruned a day later.
const onceWelcome = "once:teams:welcome:"

// botAdded reports a conversationUpdate that adds the bot itself.
func botAdded(in *inbound) bool {
	for _, m := range in.MembersAdded {
		if m.ID != "" && m.ID == in.Recipient.ID {
			return true
		}
	}
	return false
}
