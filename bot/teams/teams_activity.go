package teams

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

// inbound is an activity as received, with only the fields the channel reads:
// msbotbuilder-go's schema.Activity has some forty, and decoding them all (timestamps,
// channel data as maps) was most of the decoding of every activity. Entities are
// decoded with a mention's text and target and the client's locale, which
// schema.Entity drops.
type inbound struct {
	Type         schema.ActivityTypes       `json:"type"`
	ID           string                     `json:"id"`
	ServiceURL   string                     `json:"serviceUrl"`
	ChannelID    string                     `json:"channelId"`
	From         schema.ChannelAccount      `json:"from"`
	Conversation schema.ConversationAccount `json:"conversation"`
	Recipient    schema.ChannelAccount      `json:"recipient"`
	MembersAdded []schema.ChannelAccount    `json:"membersAdded"`
	Locale       string                     `json:"locale"`
	Text         string                     `json:"text"`
	Entities     []entity                   `json:"entities"`
	ChannelData  channelData                `json:"channelData"`
	ReplyToID    string                     `json:"replyToId"`
	// Value is a card's submit data or an invoke's payload: the inputs are the card's.
	Value map[string]any `json:"value"`
	Name  string         `json:"name"`
}

// channelData is the part of Teams' channelData the channel reads: the tenant.
type channelData struct {
	Tenant struct {
		ID string `json:"id"`
	} `json:"tenant"`
}

type entity struct {
	Type      string `json:"type"`
	Text      string `json:"text"`
	Mentioned struct {
		ID string `json:"id"`
	} `json:"mentioned"`
	Locale string `json:"locale"` // clientInfo
}

var errNoType = errors.New("activity has no type")

// decode parses an activity body; any error means 400.
func decode(body []byte) (*inbound, error) {
	var in inbound
	if err := unmarshalInbound(body, &in); err != nil {
		return nil, err
	}
	if in.Type == "" {
		return nil, errNoType
	}
	return &in, nil
}

// tenantID is the conversation's tenant: Teams puts it in conversation.tenantId and in
// channelData.tenant.id.
func (in *inbound) tenantID() string {
	if in.Conversation.TenantID != "" {
		return in.Conversation.TenantID
	}
	return in.ChannelData.Tenant.ID
}

// inTenant reports whether the activity names tenant, and no other, in both places
// Teams puts it.
func (in *inbound) inTenant(tenant string) bool {
	if tenant == "" {
		return false
	}
	conv := in.Conversation.TenantID
	data := in.ChannelData.Tenant.ID
	if conv == "" && data == "" {
		return false
	}
	return (conv == "" || conv == tenant) && (data == "" || data == tenant)
}

// locale is the activity's locale, else the Teams client's (clientInfo entity).
func (in *inbound) locale() string {
	if in.Locale != "" {
		return in.Locale
	}
	for _, e := range in.Entities {
		if e.Type == "clientInfo" && e.Locale != "" {
			return e.Locale
		}
	}
	return ""
}

// group reports a team channel or group chat, where replies are public.
func (in *inbound) group() bool {
	t := in.Conversation.ConversationType
	return in.Conversation.IsGroup || t == "channel" || t == "groupChat"
}

// threadSep separates a Teams channel id from the reply chain in a conversation id:
// "19:…@thread.tacv2;messageid=1700000000000".
const threadSep = ";messageid="

// ref is the conversation reference of the activity. A channel's reply chain goes in
// ThreadID, so that a stored reference can post a new thread or answer in this one.
func (in *inbound) ref(u bot.User) bot.ConversationRef {
	r := bot.ConversationRef{Channel: bot.Teams, ID: in.Conversation.ID, Group: in.group(),
		ServiceURL: in.ServiceURL, TenantID: in.tenantID(), BotID: in.Recipient.ID}
	if base, thread, ok := strings.Cut(r.ID, threadSep); ok {
		r.ID, r.ThreadID = base, thread
	}
	if !r.Group {
		r.UserID = u.ID
	}
	return r
}

// conversationID is where a reference's messages go in the Bot Connector API.
func conversationID(r bot.ConversationRef) string {
	if r.ThreadID != "" {
		return r.ID + threadSep + r.ThreadID
	}
	return r.ID
}

// user is the person behind the activity: the AAD object id identifies them (the
// Teams "29:" id differs per bot), the e-mail comes from the members API, cached.
func (c *Channel) user(ctx context.Context, in *inbound) bot.User {
	u := bot.User{ID: in.From.AadObjectID, Name: in.From.Name}
	if u.ID == "" && c.cfg.Emulator {
		u.ID = in.From.ID // the emulator has no AAD; elsewhere foreign refused it
	}
	u.Email = c.email(ctx, in)
	return u
}

// turn converts a message activity: a card button press (value with a verb) becomes an
// Action, anything else a text with the bot's @mention removed.
func (c *Channel) turn(ctx context.Context, in *inbound, requestID string) bot.Turn {
	u := c.user(ctx, in)
	t := bot.Turn{Channel: bot.Teams, User: u, Locale: in.locale(), Conversation: in.ref(u), RequestID: requestID}
	if a := action(in); a != nil {
		t.Action = a
		return t
	}
	t.Text = stripMentions(in.Text, in.Recipient.ID, in.Entities)
	return t
}

// action reads a button press: the action of an adaptiveCard/action invoke (its verb,
// and its data: {"verb", "subject"} and the card's inputs), or the value of an
// Action.Submit message from a card posted before Universal Actions ({"verb",
// "subject"} and the inputs). Non-string fields are not inputs this bot renders and
// are dropped.
func action(in *inbound) *bot.Action {
	data := in.Value
	verb, _ := data["verb"].(string)
	if in.Type == schema.Invoke {
		act, _ := in.Value["action"].(map[string]any)
		verb, _ = act["verb"].(string)
		data, _ = act["data"].(map[string]any)
	}
	if verb == "" {
		return nil
	}
	subject, _ := data["subject"].(string)
	a := &bot.Action{Verb: verb, Subject: subject, Values: map[string]string{}, MessageID: in.ReplyToID}
	for k, v := range data {
		if s, ok := v.(string); ok && k != "verb" && k != "subject" {
			a.Values[k] = s
		}
	}
	return a
}

// lang is the language the channel itself writes in (welcome, apology, card error
// messages) when it does not know the person's choice: the locale, else the default.
func (c *Channel) lang(locale string) i18n.Lang {
	if locale == "" {
		return c.cfg.DefaultLang
	}
	return i18n.Parse(locale)
}
