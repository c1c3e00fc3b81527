// Package bot holds the platform-neutral types every part of iagbot shares: a Turn
// coming in from a channel, the Replies going out, the address of a conversation, and
// the small interfaces channels implement. It imports no platform SDK and no database
// package: Teams, Slack and the terminal convert to and from these types at their edge.
package bot

import (
	"context"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// Channel is the platform a turn came from.
type Channel string

// The channels.
const (
	Teams    Channel = "teams"
	Slack    Channel = "slack"
	Terminal Channel = "terminal"
)

// User is the person behind a turn.
type User struct {
	// ID is the platform's user id: Teams AAD object id, Slack user id, terminal name.
	ID string
	// Name is the display name, for cards and messages; never logged.
	Name string
	// Email is known on Teams and Slack (users:read.email); it links one person's
	// accounts across channels and is how roles are configured.
	Email string
}

// Key identifies a person across channels: the lower-cased e-mail when known, else
// "<channel>:<id>". Dialog state, requests and reminders are keyed by it, so that a
// request started in Teams can be resumed in Slack.
func (u User) Key(ch Channel) string {
	if e := strings.ToLower(strings.TrimSpace(u.Email)); e != "" {
		return e
	}
	return string(ch) + ":" + u.ID
}

// Turn is one inbound event: a message typed by a user, or a card button pressed.
type Turn struct {
	Channel Channel
	User    User
	// Locale is the platform's locale hint ("fr-CA"); the engine decides the language.
	Locale string
	// Conversation is where the turn happened and where replies go.
	Conversation ConversationRef
	// Text is the message, with any @mention of the bot already stripped.
	Text string
	// Action is set when a card button was pressed; Text is then empty.
	Action *Action
	// RequestID correlates logs of this turn; it carries no personal data.
	RequestID string
	// EventKey, when set, is the platform event's redelivery key: the engine records
	// it with the person as the turn begins (Meeting.EventKey), in the same database
	// operation, and a turn whose key is recorded already ends there with
	// ErrRedelivered.
	EventKey string
}

// Action is a button press, converted from Adaptive Card data or Slack block state.
type Action struct {
	Verb    string
	Subject string
	// Values are the card's inputs, keyed by cards.Input.ID.
	Values map[string]string
	// MessageID is the platform id of the message that carried the card, so that the
	// card can be updated in place.
	MessageID string
	// Private is set when that message was seen by the presser only (a Slack ephemeral
	// message, a private answer in the terminal). A card in a shared conversation is
	// checked to be the one posted for what its button names.
	Private bool
}

// ConversationRef is where the bot can write later (proactive messages). It is stored
// in the database, so it survives restarts.
type ConversationRef struct {
	Channel Channel `json:"channel"`
	// ID is the Teams conversation id, the Slack channel id, or the terminal user.
	ID string `json:"id"`
	// UserID is the person in a 1:1 conversation; empty for a team or channel.
	UserID string `json:"user_id,omitempty"`
	// Group is true for a team channel, group chat or Slack channel.
	Group bool `json:"group,omitempty"`
	// ServiceURL, TenantID and BotID are what Teams needs to write again.
	ServiceURL string `json:"service_url,omitempty"`
	TenantID   string `json:"tenant_id,omitempty"`
	BotID      string `json:"bot_id,omitempty"`
	// ThreadID is a Slack thread or Teams reply chain to answer in, when any.
	ThreadID string `json:"thread_id,omitempty"`
}

// Reply is one message from the bot.
type Reply struct {
	// Text uses a small Markdown subset: **bold**, _italic_, "- " lists, blank-line
	// paragraphs. Renderers translate it (Slack mrkdwn, Teams markdown, plain text).
	Text string
	Card *cards.Card
	// Form, when set, is a form page for the acting person, and Card is the same page
	// as a card (Form.Card). Channels with modals (Slack) show the page in one;
	// the others show Card, replacing the card pressed when Replace is set.
	Form *cards.Form
	// Private replies are seen by the acting user only (Slack ephemeral; elsewhere a
	// direct answer to them).
	Private bool
	// Replace asks the channel to update the card the action came from in place,
	// instead of posting a new message.
	Replace bool
	// Refused marks the answer to an action that was not carried out (a button no
	// longer valid, a role the presser lacks, a stage already decided). Channels that
	// answer the press itself show it as the action's error (Teams Universal Actions);
	// the others show it as a private message.
	Refused bool
	// View marks a card that is the acting person's own view of the card the action
	// came from (a per-person view, Card.Refresh): a channel that answers the action
	// itself shows it to that person in place (Teams' invoke response) and never posts
	// it or writes it over the shared message. Only Teams asks for such views.
	View bool
	// Localize, when set, renders the message in a recipient's language: a message to
	// a role's members is written to each in theirs (bot/delivery calls it).
	Localize func(Lang) Reply
}

// Text is a shortcut for a text reply.
func Text(s string) Reply { return Reply{Text: s} }

// Handler answers turns. The conversation engine implements it; channels call it.
// Handle never returns an error for bad user input: that is a reply. An error means
// the turn could not be processed (database down) and the channel shows a generic
// apology.
type Handler interface {
	Handle(ctx context.Context, t Turn) ([]Reply, error)
}

// MessageRef identifies a message the bot posted, to update it later.
type MessageRef struct {
	Conversation ConversationRef `json:"conversation"`
	MessageID    string          `json:"message_id"`
}

// Messenger posts a message outside a turn (review cards, notifications, reminders).
// Each channel implements it. Errors wrap ErrUnreachable when the conversation no
// longer exists, and ErrRateLimited when the platform asked to slow down.
type Messenger interface {
	Post(ctx context.Context, to ConversationRef, r Reply) (MessageRef, error)
}

// Updater is implemented by channels that can replace a posted message (Teams
// UpdateActivity, Slack chat.update).
type Updater interface {
	Update(ctx context.Context, m MessageRef, r Reply) error
}

// DirectOpener is implemented by channels that can open a 1:1 conversation with a
// user the bot has not talked to yet (Slack conversations.open).
type DirectOpener interface {
	OpenDirect(ctx context.Context, userID string) (ConversationRef, error)
}

// Lang is re-exported for convenience: the engine and channels speak i18n.Lang.
type Lang = i18n.Lang

// Meeting is one sighting of a person.
type Meeting struct {
	Key     string
	Channel Channel
	User    User
	// Direct is the 1:1 conversation reference, when the turn came from one.
	Direct *ConversationRef
	// Detected is the language of the person's message, when it could be told.
	Detected string
	// EventKey is recorded first when set (see Turn.EventKey).
	EventKey string
}

// TurnStart is what a turn starts from, read together: the person's languages, the
// kinds of dialog they have state for, and the inventory's revision.
type TurnStart struct {
	Langs PersonLangs
	// Dialogs are the kinds of dialog the person has state for (as ActiveDialogs).
	Dialogs []string
	// InventoryRev is the inventory's revision as the turn began: it changes whenever
	// the inventory does, in any process (see qa).
	InventoryRev int64
}

// PersonLangs are the languages known for a person.
type PersonLangs struct {
	// Chosen is the language the person asked for ("in English please").
	Chosen string
	// Last is the language of their last message whose language could be told, so
	// that a button press answers in the language the person was writing in.
	Last string
}

// Notifier sends messages outside the current turn (bot/delivery implements it):
// review cards, notifications and reminders.
type Notifier interface {
	// ToPerson writes to a person (by key) where they were last seen.
	ToPerson(ctx context.Context, key string, r Reply) (MessageRef, error)
	// ToRole writes to a role's review channel, or to its members without one.
	ToRole(ctx context.Context, role string, r Reply) ([]MessageRef, error)
	// Update replaces a message posted earlier.
	Update(ctx context.Context, m MessageRef, r Reply) error
}

// Person is someone the bot has met, as the store returns them: where they were last
// seen, and how to write to them there.
type Person struct {
	Key     string
	Channel Channel
	UserID  string
	Name    string
	Email   string
	// Lang is the language the person chose; LastLang the language of their last
	// clear sentence.
	Lang       string
	LastLang   string
	DirectRef  *ConversationRef
	LastSeenAt string
}

// LangOf is the language to write to a person seen as people (most recent first): the
// one they chose on any channel, else the one they last wrote in; empty when unknown.
func LangOf(people []Person) string {
	for _, p := range people {
		if i18n.Valid(p.Lang) {
			return p.Lang
		}
	}
	for _, p := range people {
		if i18n.Valid(p.LastLang) {
			return p.LastLang
		}
	}
	return ""
}
