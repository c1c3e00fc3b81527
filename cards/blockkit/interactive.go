package blockkit

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/cards"
	"github.com/slack-go/slack"
)

// This file holds what comes back from Slack: buttons carry their verb and subject,
// inputs their values in the block_actions state.

// revision is a short hash of the card. Input blocks carry it in their block_id
// because Slack keeps what a person typed for a block_id across chat.update, which
// would hide a new initial value; a changed card gets new block_ids.
func revision(c *cards.Card) string {
	data, _ := json.Marshal(c) // a Card is plain data: Marshal cannot fail
	h := fnv.New32a()
	h.Write(data)
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

const inputPrefix = "in."

func input(in cards.Input, rev string) (slack.Block, error) {
	if in.ID == "" || Len(in.ID) > MaxID-len(inputPrefix)-len(rev)-1 {
		return nil, fmt.Errorf("%w: input id %q", ErrInvalid, in.ID)
	}
	label := plain(Truncate(fallbackTo(in.Label, in.ID), MaxLabel))
	var placeholder *slack.TextBlockObject
	if p := strings.TrimSpace(in.Placeholder); p != "" {
		placeholder = plain(Truncate(p, MaxPlaceholder))
	}
	var elem slack.BlockElement
	if len(in.Choices) > 0 {
		if len(in.Choices) > MaxOptions {
			return nil, fmt.Errorf("%w: input %q has %d choices", ErrTooLarge, in.ID, len(in.Choices))
		}
		sel := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, placeholder, in.ID)
		for _, ch := range in.Choices {
			if ch.Value == "" || Len(ch.Value) > MaxOptionValue {
				return nil, fmt.Errorf("%w: input %q choice value of %d characters", ErrTooLarge, in.ID, Len(ch.Value))
			}
			o := slack.NewOptionBlockObject(ch.Value, plain(Truncate(fallbackTo(ch.Label, ch.Value), MaxOptionText)), nil)
			sel.Options = append(sel.Options, o)
			if ch.Value == in.Value {
				sel.InitialOption = o
			}
		}
		elem = sel
	} else {
		ti := slack.NewPlainTextInputBlockElement(placeholder, in.ID)
		ti.Multiline = in.Multiline
		ti.InitialValue = cut(in.Value, MaxInputValue)
		elem = ti
	}
	b := slack.NewInputBlock(inputPrefix+rev+"."+in.ID, label, nil, elem)
	b.Optional = !in.Required
	return b, nil
}

func button(b cards.Button, i int) (*slack.ButtonBlockElement, error) {
	if b.Verb == "" || strings.Contains(b.Verb, valueSep) {
		return nil, fmt.Errorf("%w: button %q has verb %q", ErrInvalid, b.Label, b.Verb)
	}
	value := ButtonValue(b.Verb, b.Subject)
	if Len(value) > MaxButtonValue {
		return nil, fmt.Errorf("%w: button %q subject of %d characters", ErrTooLarge, b.Verb, Len(b.Subject))
	}
	// The index makes action_ids unique within the message, as Slack requires, when two
	// buttons share a verb; the verb in it makes logs readable.
	actionID := cut(b.Verb, MaxID-4) + "#" + strconv.Itoa(i)
	e := slack.NewButtonBlockElement(actionID, value, plain(Truncate(fallbackTo(b.Label, b.Verb), MaxButtonText)))
	switch b.Style {
	case cards.StylePrimary:
		e.Style = slack.StylePrimary
	case cards.StyleDanger:
		e.Style = slack.StyleDanger
	}
	return e, nil
}

const valueSep = "|"

// ButtonValue is the value a button carries: its verb and subject. Verbs never hold
// "|"; a subject may.
func ButtonValue(verb, subject string) string { return verb + valueSep + subject }

// ParseButtonValue returns the verb and subject of a value made by ButtonValue; ok is
// false for any other value.
func ParseButtonValue(v string) (verb, subject string, ok bool) {
	verb, subject, ok = strings.Cut(v, valueSep)
	return verb, subject, ok && verb != ""
}

// Values returns the values of a rendered card's inputs from the state of a
// block_actions payload, keyed by cards.Input.ID. An input left empty maps to "".
// State of blocks this package did not render is ignored.
func Values(state *slack.BlockActionStates) map[string]string {
	values := map[string]string{}
	if state == nil {
		return values
	}
	for blockID, actions := range state.Values {
		if !strings.HasPrefix(blockID, inputPrefix) {
			continue
		}
		for id, a := range actions {
			switch {
			case a.Type == slack.ActionType(slack.OptTypeStatic):
				values[id] = a.SelectedOption.Value
			default:
				values[id] = a.Value
			}
		}
	}
	return values
}
