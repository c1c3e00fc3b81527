// Package blockkit renders cards (cards.Card) and reply text as Slack Block Kit
// blocks, always within Slack's limits for a message (CheckLimits): long text is split
// over several sections, long labels end in "…", and a card too long for 50 blocks
// loses its last sections, never its inputs or buttons.
//
// A button carries its verb and subject back (ButtonValue); an input is an input block
// whose value comes back in the block_actions state (Values), keyed by cards.Input.ID.
// Text is Slack mrkdwn converted from the replies' Markdown subset (Mrkdwn).
package blockkit

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/cards"
	"github.com/slack-go/slack"
)

// ErrTooLarge is returned when a card cannot be shown within Slack's limits even
// after cutting its content: too many inputs, or a button subject or choice value too
// long to carry (cutting those would change what the button does).
var ErrTooLarge = errors.New("blockkit: card too large for a Slack message")

// ErrInvalid is returned for a card Slack cannot show: a button without a verb.
var ErrInvalid = errors.New("blockkit: invalid card")

// Render returns the blocks of card c for a message.
func Render(c *cards.Card) ([]slack.Block, error) {
	blocks, _, err := RenderMessage("", c)
	return blocks, err
}

// RenderMessage returns the blocks of a message made of text (the replies' Markdown
// subset) followed by card c, either of which may be empty, and the plain fallback
// text Slack shows in notifications. No text and no card give no blocks.
func RenderMessage(text string, c *cards.Card) (blocks []slack.Block, fallback string, err error) {
	var l layout
	if md := Mrkdwn(text); strings.TrimSpace(md) != "" {
		l.body = append(l.body, textSections(md)...)
		fallback = Truncate(md, MaxSectionText)
	}
	if c != nil {
		if err := l.card(c); err != nil {
			return nil, "", err
		}
		if fallback == "" {
			fallback = Truncate(strings.TrimSpace(c.Title), MaxSectionText)
		}
	}
	blocks, err = l.blocks()
	return blocks, fallback, err
}

// layout is a message in three parts: head and tail are kept whole, body is cut from
// its end when the whole does not fit in MaxBlocks.
type layout struct {
	head, body, tail []slack.Block
	// max is the number of blocks allowed: MaxBlocks when 0 (a message).
	max int
}

func (l *layout) blocks() ([]slack.Block, error) {
	max := l.max
	if max == 0 {
		max = MaxBlocks
	}
	n := len(l.head) + len(l.body) + len(l.tail)
	if n <= max {
		return append(append(append([]slack.Block{}, l.head...), l.body...), l.tail...), nil
	}
	keep := max - len(l.head) - len(l.tail) - 1 // one for the ellipsis
	if keep < 0 {
		return nil, fmt.Errorf("%w: %d blocks of inputs and buttons", ErrTooLarge, len(l.head)+len(l.tail))
	}
	out := append([]slack.Block{}, l.head...)
	out = append(out, l.body[:keep]...)
	out = append(out, slack.NewContextBlock("", mrkdwn(Ellipsis)))
	return append(out, l.tail...), nil
}

func (l *layout) card(c *cards.Card) error {
	if title := strings.TrimSpace(c.Title); title != "" {
		l.body = append(l.body, slack.NewHeaderBlock(plain(Truncate(title, MaxHeaderText))))
	}
	if sub := strings.TrimSpace(c.Subtitle); sub != "" {
		l.body = append(l.body, slack.NewContextBlock("", mrkdwn(Truncate(Mrkdwn(sub), MaxSectionText))))
	}
	for _, s := range c.Sections {
		l.body = append(l.body, section(s)...)
	}
	if c.DetailsButton == nil {
		// Without a button to ask for them, details are shown with the rest, as the
		// terminal does.
		for _, s := range c.Details {
			l.body = append(l.body, section(s)...)
		}
	}
	rev := revision(c)
	for _, in := range c.Inputs {
		b, err := input(in, rev)
		if err != nil {
			return err
		}
		l.tail = append(l.tail, b)
	}
	buttons := c.Buttons
	if c.DetailsButton != nil {
		buttons = append(append([]cards.Button(nil), buttons...), *c.DetailsButton)
	}
	if len(buttons) > 0 {
		elems := make([]slack.BlockElement, 0, len(buttons))
		for i, b := range buttons {
			e, err := button(b, i)
			if err != nil {
				return err
			}
			elems = append(elems, e)
		}
		l.tail = append(l.tail, slack.NewActionBlock("", elems...))
	}
	if len(l.tail) > 0 && len(l.body) > 0 {
		l.tail = append([]slack.Block{slack.NewDividerBlock()}, l.tail...)
	}
	if f := strings.TrimSpace(c.Footer); f != "" {
		l.tail = append(l.tail, slack.NewContextBlock("", mrkdwn(Truncate(Mrkdwn(f), MaxSectionText))))
	}
	return nil
}

// section renders one card section: heading and text, then facts as two-column
// fields (ten per block, the first ten beside the text), then the checklist, in as few
// blocks as fit.
func section(s cards.Section) []slack.Block {
	var parts, checks []string
	if h := strings.TrimSpace(s.Heading); h != "" {
		mark := ""
		if s.Warning {
			mark = ":red_circle: "
		}
		parts = append(parts, mark+"*"+Escape(h)+"*")
	}
	if t := strings.TrimSpace(s.Text); t != "" {
		parts = append(parts, Mrkdwn(t))
	}
	for _, ch := range s.Checklist {
		mark := ":white_large_square:"
		if ch.Met {
			mark = ":white_check_mark:"
		}
		checks = append(checks, mark+" "+Mrkdwn(ch.Label))
	}
	var fields []*slack.TextBlockObject
	for _, f := range s.Facts {
		if t := fact(f); t != "" {
			fields = append(fields, mrkdwn(Truncate(t, MaxFieldText)))
		}
	}
	if len(fields) == 0 {
		return textSections(strings.Join(append(parts, checks...), "\n"))
	}
	blocks := textSections(strings.Join(parts, "\n"))
	for len(fields) > 0 {
		n := min(len(fields), MaxFields)
		if last, ok := lastSection(blocks); ok && last.Fields == nil {
			last.Fields = fields[:n]
		} else {
			blocks = append(blocks, slack.NewSectionBlock(nil, fields[:n], nil))
		}
		fields = fields[n:]
	}
	return append(blocks, textSections(strings.Join(checks, "\n"))...)
}

func lastSection(blocks []slack.Block) (*slack.SectionBlock, bool) {
	if len(blocks) == 0 {
		return nil, false
	}
	b, ok := blocks[len(blocks)-1].(*slack.SectionBlock)
	return b, ok
}

// fact is a field's text: the label in bold over the value. Slack refuses an empty
// field, so a fact with neither gives "".
func fact(f cards.Fact) string {
	label, value := strings.TrimSpace(f.Label), strings.TrimSpace(f.Value)
	switch {
	case label == "":
		return Mrkdwn(value)
	case value == "":
		return "*" + Escape(label) + "*"
	}
	return "*" + Escape(label) + "*\n" + Mrkdwn(value)
}

func textSections(md string) []slack.Block {
	var blocks []slack.Block
	for _, chunk := range Split(md, MaxSectionText) {
		blocks = append(blocks, slack.NewSectionBlock(mrkdwn(chunk), nil, nil))
	}
	return blocks
}

func mrkdwn(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.MarkdownType, s, false, false)
}

func plain(s string) *slack.TextBlockObject {
	return slack.NewTextBlockObject(slack.PlainTextType, s, true, false)
}

func fallbackTo(s, def string) string {
	if s = strings.TrimSpace(s); s != "" {
		return s
	}
	return def
}

// JSON returns blocks as an indented {"blocks": […]} document, the form Slack's Block
// Kit Builder reads, for golden files and debugging.
func JSON(blocks []slack.Block) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	// Slack reads &, < and > as they are; \u0026 would only make golden files harder
	// to read.
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	err := enc.Encode(struct {
		Blocks []slack.Block `json:"blocks"`
	}{blocks})
	return buf.Bytes(), err
}
