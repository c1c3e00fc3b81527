// Package console is the terminal channel: a chat with the same engine Teams and Slack
// use, with no credentials. Cards render as text with numbered buttons; typing the
// number presses the button. "/as NAME" changes who you are, "/in NAME" moves you to a
// shared channel (so one terminal can play requester and reviewers), "/dm" returns to
// your direct conversation.
package console

import (
	"context"
	"fmt"
	"io"
	"regexp"
	"strings"
	"sync"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/text"
)

// Console is the terminal channel. It is safe for concurrent use: reminders may post
// while the user types.
type Console struct {
	h      bot.Handler
	out    io.Writer
	locale string

	mu     sync.Mutex // guards the fields below and writes to out
	user   bot.User
	convID string // current conversation; empty means the user's direct one
	// cards holds, per conversation, the last card with buttons and its message id.
	cards map[string]postedCard
	seq   int
}

type postedCard struct {
	// private: shown to the one person (bot.Reply.Private), as Slack shows it ephemeral.
	private bool
	id      string
	card    *cards.Card
}

var (
	_ bot.Messenger = (*Console)(nil)
	_ bot.Updater   = (*Console)(nil)
)

// New returns a console where user talks to h, writing to out. locale is the platform
// locale hint of every turn ("fr" or "en").
func New(h bot.Handler, out io.Writer, user, locale string) *Console {
	return &Console{h: h, out: out, locale: locale, user: termUser(user), cards: map[string]postedCard{}}
}

// SetHandler sets the handler after construction, when the handler needs the console
// as its messenger.
func (c *Console) SetHandler(h bot.Handler) { c.h = h }

func termUser(name string) bot.User {
	name = strings.TrimSpace(name)
	if name == "" {
		name = "moi"
	}
	u := bot.User{ID: name, Name: name}
	if strings.Contains(name, "@") {
		u.Email = name // "/as julie@…" is Julie as Teams and Slack know her: one person
	}
	return u
}

// DirectRef is the terminal conversation reference of a user's direct conversation.
func DirectRef(userID string) bot.ConversationRef {
	return bot.ConversationRef{Channel: bot.Terminal, ID: "dm:" + userID, UserID: userID}
}

// User returns who is typing now.
func (c *Console) User() bot.User {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.user
}

func (c *Console) conversation() bot.ConversationRef {
	if c.convID != "" {
		return bot.ConversationRef{Channel: bot.Terminal, ID: c.convID, Group: true}
	}
	return DirectRef(c.user.ID)
}

// Prompt is what the terminal shows before the user types.
func (c *Console) Prompt() string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.convID != "" {
		return fmt.Sprintf("%s@%s> ", c.user.ID, strings.TrimPrefix(c.convID, "ch:"))
	}
	return c.user.ID + "> "
}

// Line handles one typed line: a console command, a button number, or a message.
// ask reads the value of a card input when a button needs one.
func (c *Console) Line(ctx context.Context, line string, ask func(label string) (string, bool)) error {
	line = strings.TrimSpace(line)
	switch {
	case line == "":
		return nil
	case strings.HasPrefix(line, "/as "):
		c.mu.Lock()
		c.user = termUser(strings.TrimPrefix(line, "/as "))
		c.convID = ""
		name := c.user.ID
		c.mu.Unlock()
		c.say("chat.as", name)
		return nil
	case strings.HasPrefix(line, "/in ") && strings.TrimSpace(strings.TrimPrefix(line, "/in ")) != "":
		name := strings.TrimSpace(strings.TrimPrefix(line, "/in "))
		c.mu.Lock()
		c.convID = "ch:" + name
		c.mu.Unlock()
		c.say("chat.in", name)
		return nil
	case line == "/dm" || line == "/in":
		c.mu.Lock()
		c.convID = ""
		c.mu.Unlock()
		c.say("chat.out", "")
		return nil
	}
	if n, ok := buttonNumber(line); ok {
		if a, ok := c.press(n, ask); ok {
			return c.turn(ctx, bot.Turn{Action: a})
		}
	}
	return c.turn(ctx, bot.Turn{Text: line})
}

// say confirms a console command, in the terminal's language.
func (c *Console) say(id, name string) {
	c.write(i18n.T(i18n.Parse(c.locale), id, map[string]any{"Name": name}) + "\n")
}

// Say sends text as the current user, as if typed.
func (c *Console) Say(ctx context.Context, text string) error {
	return c.turn(ctx, bot.Turn{Text: text})
}

// Press presses button n (from 1) of the last card in the current conversation with
// the given input values; ok is false when there is no such button.
func (c *Console) Press(ctx context.Context, n int, values map[string]string) (bool, error) {
	a, ok := c.press(n, func(string) (string, bool) { return "", false })
	if !ok {
		return false, nil
	}
	for k, v := range values {
		a.Values[k] = v
	}
	return true, c.turn(ctx, bot.Turn{Action: a})
}

// LastCard returns the last card with buttons in the current conversation.
func (c *Console) LastCard() *cards.Card {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.cards[c.conversation().ID].card
}

func (c *Console) press(n int, ask func(string) (string, bool)) (*bot.Action, bool) {
	c.mu.Lock()
	pc := c.cards[c.conversation().ID]
	c.mu.Unlock()
	if pc.card == nil {
		return nil, false
	}
	buttons := text.Buttons(pc.card)
	if n < 1 || n > len(buttons) {
		return nil, false
	}
	btn := buttons[n-1]
	a := &bot.Action{Verb: btn.Verb, Subject: btn.Subject, Values: map[string]string{}, MessageID: pc.id, Private: pc.private}
	if pc.card.DetailsButton != nil && n == len(buttons) {
		return a, true // showing details needs none of the card's inputs
	}
	named := false // a card whose buttons name their inputs: one naming none needs none
	for _, b := range buttons {
		named = named || len(b.Needs) > 0
	}
	for _, in := range pc.card.Inputs {
		if btn.NoInputs || (named && len(btn.Needs) == 0) || !needed(btn, in) {
			continue
		}
		if v, ok := c.askValid(in, ask); ok {
			a.Values[in.ID] = v
		}
	}
	return a, true
}

// needed reports whether a button asks for an input: the ones it names, or all of
// them when it names none and the card has inputs.
func needed(b cards.Button, in cards.Input) bool {
	if len(b.Needs) == 0 {
		return true
	}
	for _, id := range b.Needs {
		if id == in.ID {
			return true
		}
	}
	return false
}

func inputLabel(in cards.Input) string {
	if len(in.Choices) == 0 {
		return in.Label
	}
	// Labels only, numbered: the values are the feature's words (often English),
	// which a person reading in French should not have to type.
	var opts []string
	for i, ch := range in.Choices {
		opts = append(opts, fmt.Sprintf("%d. %s", i+1, ch.Label))
	}
	return in.Label + " (" + strings.Join(opts, ", ") + ")"
}

// choiceValue maps what a person typed for an input with choices to the choice's
// value: the value itself, its number in the list, or its label whatever the case.
// Anything else is returned as typed, for the feature to refuse with its message.
func choiceValue(in cards.Input, typed string) string {
	v := strings.TrimSpace(typed)
	if len(in.Choices) == 0 || v == "" {
		return typed
	}
	for _, ch := range in.Choices {
		if ch.Value == v {
			return ch.Value
		}
	}
	if n, ok := buttonNumber(v); ok && n >= 1 && n <= len(in.Choices) {
		return in.Choices[n-1].Value
	}
	for _, ch := range in.Choices {
		if strings.EqualFold(ch.Label, v) {
			return ch.Value
		}
	}
	return typed
}

func buttonNumber(s string) (int, bool) {
	var n int
	if _, err := fmt.Sscanf(s, "%d", &n); err != nil || fmt.Sprint(n) != s {
		return 0, false
	}
	return n, true
}

func (c *Console) turn(ctx context.Context, t bot.Turn) error {
	c.mu.Lock()
	t.Channel = bot.Terminal
	t.User = c.user
	t.Locale = c.locale
	t.Conversation = c.conversation()
	c.mu.Unlock()
	replies, err := c.h.Handle(ctx, t)
	if err != nil {
		return err
	}
	for _, r := range replies {
		if r.Replace && t.Action != nil && t.Action.MessageID != "" {
			c.show(t.Conversation, t.Action.MessageID, r, "")
			continue
		}
		c.show(t.Conversation, "", r, "")
	}
	return nil
}

// Post writes a proactive message, labelled with its recipient.
func (c *Console) Post(_ context.Context, to bot.ConversationRef, r bot.Reply) (bot.MessageRef, error) {
	id := c.show(to, "", r, recipient(to))
	return bot.MessageRef{Conversation: to, MessageID: id}, nil
}

// Update replaces a posted card, labelled with where it is ("✎ → #codir").
func (c *Console) Update(_ context.Context, m bot.MessageRef, r bot.Reply) error {
	c.show(m.Conversation, m.MessageID, r, "✎ "+recipient(m.Conversation))
	return nil
}

func recipient(to bot.ConversationRef) string {
	if to.Group {
		return "→ #" + strings.TrimPrefix(to.ID, "ch:")
	}
	return "→ " + to.UserID
}

// show prints a reply and remembers its card; id reuses a message id (update).
func (c *Console) show(to bot.ConversationRef, id string, r bot.Reply, label string) string {
	c.mu.Lock()
	defer c.mu.Unlock()
	if id == "" {
		c.seq++
		id = fmt.Sprintf("term-%d", c.seq)
	}
	if label != "" {
		fmt.Fprintf(c.out, "%s\n", label)
	}
	if r.Text != "" {
		fmt.Fprintln(c.out, plain(r.Text))
	}
	if r.Card != nil {
		fmt.Fprintln(c.out, text.Render(r.Card))
		if len(text.Buttons(r.Card)) > 0 {
			c.cards[to.ID] = postedCard{id: id, card: r.Card, private: r.Private}
		} else if pc := c.cards[to.ID]; pc.id == id {
			delete(c.cards, to.ID) // the card lost its buttons (decision taken)
		}
	}
	return id
}

// italic is the Markdown subset's _italic_, at word boundaries.
var italic = regexp.MustCompile(`(^|[\s(«"])_([^_\n]+)_`)

// plain turns the replies' Markdown subset into terminal text: no ** nor _ markers.
func plain(s string) string {
	return italic.ReplaceAllString(strings.ReplaceAll(s, "**", ""), "$1$2")
}

// askValid asks for an input, and asks again (three times at most) while a value
// typed does not match the input's pattern, saying why: the field is checked as it is
// entered, and what was typed elsewhere is kept.
func (c *Console) askValid(in cards.Input, ask func(string) (string, bool)) (string, bool) {
	var re *regexp.Regexp
	if in.Pattern != "" {
		re, _ = regexp.Compile("^(?:" + in.Pattern + ")$")
	}
	if in.Error != "" {
		// What the feature found wrong last time, before the field is asked again.
		c.mu.Lock()
		fmt.Fprintf(c.out, "⚠ %s\n", in.Error)
		c.mu.Unlock()
	}
	for try := 0; ; try++ {
		v, ok := ask(inputLabel(in))
		v = choiceValue(in, v)
		if !ok || re == nil || strings.TrimSpace(v) == "" || re.MatchString(strings.TrimSpace(v)) || try == 2 {
			return v, ok
		}
		c.mu.Lock()
		fmt.Fprintf(c.out, "%s\n", in.PatternError)
		c.mu.Unlock()
	}
}
