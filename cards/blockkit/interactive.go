package blockkit

import (
	"encoding/json"
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
	"time"

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
	blockID := inputPrefix + in.ID
	if rev != "" {
		blockID = inputPrefix + rev + "." + in.ID
	}
	label := plain(Truncate(fallbackTo(in.Label, in.ID), MaxLabel))
	var placeholder *slack.TextBlockObject
	if p := strings.TrimSpace(in.Placeholder); p != "" && in.Type != cards.InputToggle {
		placeholder = plain(Truncate(p, MaxPlaceholder))
	}
	elem, err := element(in, placeholder)
	if err != nil {
		return nil, err
	}
	b := slack.NewInputBlock(blockID, label, hint(in), elem)
	b.Optional = !in.Required
	return b, nil
}

// hint is the line under a field: the error found in the value sent, then the hint.
func hint(in cards.Input) *slack.TextBlockObject {
	var parts []string
	if e := strings.TrimSpace(in.Error); e != "" {
		parts = append(parts, "⚠ "+e)
	}
	if h := strings.TrimSpace(in.Hint); h != "" {
		parts = append(parts, h)
	}
	if len(parts) == 0 {
		return nil
	}
	return plain(Truncate(strings.Join(parts, " — "), MaxLabel))
}

// element is an input's Block Kit element: a date picker, a single check box for a
// toggle, a (multi-)select for choices, a plain-text input otherwise.
func element(in cards.Input, placeholder *slack.TextBlockObject) (slack.BlockElement, error) {
	switch {
	case in.Type == cards.InputDate:
		e := slack.NewDatePickerBlockElement(in.ID)
		e.Placeholder = placeholder
		if _, err := time.Parse("2006-01-02", in.Value); err == nil {
			e.InitialDate = in.Value
		}
		return e, nil
	case in.Type == cards.InputToggle:
		o := slack.NewOptionBlockObject(cards.ToggleOn, plain(Truncate(fallbackTo(in.Placeholder, in.Label), MaxOptionText)), nil)
		e := slack.NewCheckboxGroupsBlockElement(in.ID, o)
		if in.Value == cards.ToggleOn {
			e.InitialOptions = []*slack.OptionBlockObject{o}
		}
		return e, nil
	case len(in.Choices) > 0:
		if len(in.Choices) > MaxOptions {
			return nil, fmt.Errorf("%w: input %q has %d choices", ErrTooLarge, in.ID, len(in.Choices))
		}
		picked := map[string]bool{}
		for _, v := range strings.Split(in.Value, ",") {
			picked[strings.TrimSpace(v)] = true
		}
		var opts, initial []*slack.OptionBlockObject
		for _, ch := range in.Choices {
			if ch.Value == "" || Len(ch.Value) > MaxOptionValue {
				return nil, fmt.Errorf("%w: input %q choice value of %d characters", ErrTooLarge, in.ID, Len(ch.Value))
			}
			o := slack.NewOptionBlockObject(ch.Value, plain(Truncate(fallbackTo(ch.Label, ch.Value), MaxOptionText)), nil)
			opts = append(opts, o)
			if picked[ch.Value] {
				initial = append(initial, o)
			}
		}
		if in.Multi {
			e := slack.NewOptionsMultiSelectBlockElement(slack.MultiOptTypeStatic, placeholder, in.ID, opts...)
			e.InitialOptions = initial
			return e, nil
		}
		e := slack.NewOptionsSelectBlockElement(slack.OptTypeStatic, placeholder, in.ID, opts...)
		if len(initial) > 0 {
			e.InitialOption = initial[0]
		}
		return e, nil
	}
	ti := slack.NewPlainTextInputBlockElement(placeholder, in.ID)
	ti.Multiline = in.Multiline
	ti.InitialValue = cut(in.Value, MaxInputValue)
	if in.MaxLength > 0 {
		ti.MaxLength = min(in.MaxLength, MaxInputValue)
	}
	return ti, nil
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
			values[id] = value(a)
		}
	}
	return values
}

// value is what an input's state holds, as cards.Input values are written: a date as
// YYYY-MM-DD, a toggle as cards.ToggleOn or ToggleOff, several choices joined by ",".
func value(a slack.BlockAction) string {
	switch a.Type {
	case slack.ActionType(slack.OptTypeStatic), "radio_buttons":
		return a.SelectedOption.Value
	case slack.ActionType(slack.MultiOptTypeStatic):
		var vs []string
		for _, o := range a.SelectedOptions {
			vs = append(vs, o.Value)
		}
		return strings.Join(vs, ",")
	case "checkboxes":
		if len(a.SelectedOptions) > 0 {
			return cards.ToggleOn
		}
		return cards.ToggleOff
	case "datepicker":
		return a.SelectedDate
	}
	return a.Value
}
