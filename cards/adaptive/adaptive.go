// Package adaptive renders the platform-neutral cards.Card as an Adaptive Card 1.5, the
// version Microsoft Teams supports, so that every card the engine builds looks the same
// in Teams as in Slack and the terminal. It adds no content the model does not carry,
// except the localized "required" message under a required input.
//
// The mapping:
//   - title and subtitle → TextBlocks (heading style, subtle subtitle);
//   - sections → Containers with a bold heading, one TextBlock per paragraph, a FactSet
//     for facts and one "✅ / ⬜" TextBlock per checklist line; every TextBlock wraps;
//   - inputs → Input.Text (label, multiline, required with an error message) or
//     Input.ChoiceSet when the input has choices;
//   - buttons → Action.Execute (Universal Actions) with the button's verb and data
//     {"verb", "subject"}: Teams sends an "adaptiveCard/action" invoke whose
//     value.action holds the verb and the data merged with the inputs keyed by their ids;
//   - a refresh → the card's refresh: an Action.Execute of its verb and subject, and
//     its userIds (at most cards.MaxRefreshUsers, else Render fails; none → no userIds,
//     and Teams refreshes for everyone in a conversation of at most 60 people);
//   - details with a details button → an Action.ShowCard titled by that button, so they
//     open in place without a round trip; details without one are shown inline, as the
//     terminal does.
package adaptive

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// Version is the Adaptive Card schema version emitted: the newest Teams renders.
const Version = "1.5"

// MaxActions is the number of actions Teams' host config shows on a card; the details
// show-card counts as one.
const MaxActions = 6

// MaxBytes is the largest card Teams posts: a message carries at most 28 KB. Render
// shortens the long texts of a larger card until it fits (fit.go); the golden files
// are held to it too (cards/limits_test.go).
const MaxBytes = 28 * 1024

// Errors Render returns, wrapped with the offending id or label.
var (
	ErrNilCard      = errors.New("adaptive: nil card")
	ErrTooManyItems = errors.New("adaptive: too many actions")
	ErrBadInput     = errors.New("adaptive: bad input")
	ErrBadButton    = errors.New("adaptive: bad button")
	ErrTooLarge     = errors.New("adaptive: card too large for Teams")
)

// reservedIDs cannot be input ids: Teams merges input values into the action's data,
// so an input named like a data key would overwrite the verb or subject.
var reservedIDs = map[string]bool{"verb": true, "subject": true, "msteams": true}

// Option changes how a card is rendered.
type Option func(*options)

type options struct{ lang i18n.Lang }

// Lang sets the language of the text the renderer itself adds (the error message of a
// required input). French when not given.
func Lang(l i18n.Lang) Option { return func(o *options) { o.lang = l } }

// Render returns c as Adaptive Card JSON within MaxBytes: a larger card has its long
// texts shortened, with a note (fit). It fails, rather than emit a card Teams would
// reject or mis-render, when c is nil, is still too large with its texts shortened
// (its inputs alone are too large), has more than MaxActions actions
// (buttons plus the details show-card), a button without label or verb, a button that
// needs an unknown input, or an input whose id is empty, repeated or reserved
// ("verb", "subject", "msteams").
//
// Required inputs are validated by Teams before the submit: an input is marked
// required when cards.Input.Required is set or when a button Needs it. A button that
// does not need every input so marked is rendered with associatedInputs "none", so
// that Teams lets it through; it then sends no input values at all (Adaptive Cards
// cannot validate per button), and the engine sees an Action without Values.
func Render(c *cards.Card, opts ...Option) (json.RawMessage, error) {
	ac, err := build(c, opts)
	if err != nil {
		return nil, err
	}
	raw, err := marshal(ac)
	if err != nil || len(raw) <= MaxBytes {
		return raw, err
	}
	short, ok, err := fit(c, opts, optionsOf(opts).lang)
	switch {
	case err != nil:
		return nil, err
	case !ok:
		return nil, fmt.Errorf("%w: %d bytes with its texts shortened, at most %d", ErrTooLarge, len(raw), MaxBytes)
	}
	return short, nil
}

func optionsOf(opts []Option) options {
	o := options{lang: i18n.FR}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

func build(c *cards.Card, opts []Option) (*card, error) {
	if c == nil {
		return nil, ErrNilCard
	}
	o := optionsOf(opts)
	details := len(c.Details) > 0 && c.DetailsButton != nil
	if n := len(c.Buttons) + boolInt(details); n > MaxActions {
		return nil, fmt.Errorf("%w: %d, at most %d", ErrTooManyItems, n, MaxActions)
	}
	required, err := checkInputs(c)
	if err != nil {
		return nil, err
	}
	ac := &card{Type: "AdaptiveCard", Version: Version}
	if rf := c.Refresh; rf != nil {
		switch {
		case rf.Verb == "":
			return nil, fmt.Errorf("%w: a refresh needs a verb", ErrBadButton)
		case len(rf.UserIDs) > cards.MaxRefreshUsers:
			return nil, fmt.Errorf("%w: refresh for %d users, at most %d", ErrTooManyItems, len(rf.UserIDs), cards.MaxRefreshUsers)
		}
		ac.Refresh = &refresh{UserIDs: rf.UserIDs,
			Action: refreshAction{Type: "Action.Execute", Verb: rf.Verb, Data: actionData{Verb: rf.Verb, Subject: rf.Subject}}}
	}
	ac.Body = header(c)
	ac.Body = appendSections(ac.Body, c.Sections)
	if len(c.Details) > 0 && !details {
		ac.Body = appendSections(ac.Body, c.Details)
	}
	for _, in := range c.Inputs {
		ac.Body = append(ac.Body, input(in, required[in.ID], o.lang)...)
	}
	if c.Footer != "" {
		ac.Body = append(ac.Body, textBlock{Type: "TextBlock", Text: c.Footer, Wrap: true, Size: "Small",
			IsSubtle: true, Separator: true})
	}
	var actions []any
	for _, b := range c.Buttons {
		if b.Label == "" || b.Verb == "" {
			return nil, fmt.Errorf("%w: a button needs a label and a verb (verb %q)", ErrBadButton, b.Verb)
		}
		actions = append(actions, button(b, c.Inputs, required))
	}
	if details {
		inner := card{Type: "AdaptiveCard", Body: appendSections(nil, c.Details)}
		actions = append(actions, showCard{Type: "Action.ShowCard", Title: c.DetailsButton.Label, Card: inner})
	}
	if len(actions) <= actionsPerRow {
		ac.Actions = actions
		return ac, nil
	}
	// More buttons than fit side by side: Teams would cut their labels ("Appr…"), so
	// they go in rows of actionsPerRow at the end of the body.
	for len(actions) > 0 {
		n := min(actionsPerRow, len(actions))
		ac.Body = append(ac.Body, actionSet{Type: "ActionSet", Actions: actions[:n]})
		actions = actions[n:]
	}
	return ac, nil
}

// actionsPerRow is how many buttons share a row without their labels being cut on a
// Teams card of ordinary width.
const actionsPerRow = 2

// checkInputs validates input ids and button needs, and returns the ids of the inputs
// Teams must validate.
func checkInputs(c *cards.Card) (map[string]bool, error) {
	required := map[string]bool{}
	seen := map[string]bool{}
	for _, in := range c.Inputs {
		switch {
		case strings.TrimSpace(in.ID) == "":
			return nil, fmt.Errorf("%w: empty id (label %q)", ErrBadInput, in.Label)
		case reservedIDs[in.ID]:
			return nil, fmt.Errorf("%w: reserved id %q", ErrBadInput, in.ID)
		case seen[in.ID]:
			return nil, fmt.Errorf("%w: id %q used twice", ErrBadInput, in.ID)
		case strings.TrimSpace(in.Label) == "":
			return nil, fmt.Errorf("%w: input %q has no label", ErrBadInput, in.ID)
		}
		seen[in.ID] = true
		if in.Required {
			required[in.ID] = true
		}
	}
	for _, b := range c.Buttons {
		for _, id := range b.Needs {
			if !seen[id] {
				return nil, fmt.Errorf("%w: %q needs unknown input %q", ErrBadButton, b.Verb, id)
			}
			required[id] = true
		}
	}
	return required, nil
}

func header(c *cards.Card) []any {
	var body []any
	if c.Title != "" {
		body = append(body, textBlock{Type: "TextBlock", Text: plainLine(c.Title), Wrap: true, Style: "heading", Size: "Medium", Weight: "Bolder"})
	}
	if c.Subtitle != "" {
		body = append(body, textBlock{Type: "TextBlock", Text: plainLine(c.Subtitle), Wrap: true, IsSubtle: true, Spacing: "None"})
	}
	return body
}

func marshal(v any) (json.RawMessage, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Keep "<", ">" and "&" readable: Teams reads the JSON, not an HTML page.
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, fmt.Errorf("adaptive: %w", err)
	}
	return json.RawMessage(bytes.TrimSuffix(buf.Bytes(), []byte("\n"))), nil
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}
