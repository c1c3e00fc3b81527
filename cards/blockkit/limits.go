package blockkit

import (
	"errors"
	"fmt"
	"time"

	"github.com/slack-go/slack"
)

// Slack's Block Kit limits for a message, as documented for each block and element
// (https://docs.slack.dev/reference/block-kit/blocks). Slack refuses a message that
// breaks one with invalid_blocks, so the renderer stays within them and CheckLimits
// lets tests prove it.
const (
	MaxBlocks          = 50   // blocks in a message
	MaxHeaderText      = 150  // header block text
	MaxSectionText     = 3000 // section text, and any other text object
	MaxFields          = 10   // fields in a section
	MaxFieldText       = 2000 // each field's text
	MaxContextElements = 10   // elements in a context block
	MaxActionElements  = 25   // elements in an actions block
	MaxButtonText      = 75   // button label
	MaxButtonValue     = 2000 // button value
	MaxID              = 255  // block_id and action_id
	MaxLabel           = 2000 // input label and hint
	MaxPlaceholder     = 150  // input placeholder
	MaxInputValue      = 3000 // plain-text input value (its max_length)
	MaxOptions         = 100  // options of a static select
	MaxOptionText      = 75   // option label
	MaxOptionValue     = 150  // option value
	MaxCheckboxes      = 10   // options of a checkboxes element
)

// CheckLimits reports every way blocks break Slack's limits for a message: too many
// blocks, texts too long, empty texts Slack refuses, too many elements, action and
// block ids too long or repeated (Slack needs them unique within a message). A block
// type this package does not render is reported too, since its limits go unchecked.
// It returns nil when the message would be accepted.
func CheckLimits(blocks []slack.Block) error {
	c := &checker{actionIDs: map[string]bool{}, blockIDs: map[string]bool{}}
	c.blocks(blocks, MaxBlocks)
	return errors.Join(c.errs...)
}

func (c *checker) blocks(blocks []slack.Block, max int) {
	if len(blocks) > max {
		c.fail("blocks", "%d blocks, at most %d", len(blocks), max)
	}
	for i, b := range blocks {
		p := fmt.Sprintf("blocks[%d]", i)
		switch b := b.(type) {
		case *slack.HeaderBlock:
			c.blockID(p, b.BlockID)
			c.text(p+".text", b.Text, MaxHeaderText)
		case *slack.SectionBlock:
			c.section(p, b)
		case *slack.ContextBlock:
			c.blockID(p, b.BlockID)
			c.count(p+".elements", len(b.ContextElements.Elements), MaxContextElements)
			for j, e := range b.ContextElements.Elements {
				t, ok := e.(*slack.TextBlockObject)
				if !ok {
					c.fail(fmt.Sprintf("%s.elements[%d]", p, j), "unchecked element type %T", e)
					continue
				}
				c.text(fmt.Sprintf("%s.elements[%d]", p, j), t, MaxSectionText)
			}
		case *slack.ActionBlock:
			c.actions(p, b)
		case *slack.InputBlock:
			c.input(p, b)
		case *slack.DividerBlock:
			c.blockID(p, b.BlockID)
		default:
			c.fail(p, "unchecked block type %T", b)
		}
	}
}

type checker struct {
	errs      []error
	actionIDs map[string]bool
	blockIDs  map[string]bool
}

func (c *checker) fail(path, format string, args ...any) {
	c.errs = append(c.errs, fmt.Errorf("blockkit: %s: "+format, append([]any{path}, args...)...))
}

func (c *checker) count(path string, n, max int) {
	if n == 0 {
		c.fail(path, "empty")
	}
	if n > max {
		c.fail(path, "%d items, at most %d", n, max)
	}
}

func (c *checker) text(path string, t *slack.TextBlockObject, max int) {
	if t == nil || t.Text == "" {
		c.fail(path, "empty text")
		return
	}
	if n := Len(t.Text); n > max {
		c.fail(path, "%d characters, at most %d", n, max)
	}
}

func (c *checker) length(path, s string, max int) {
	if n := Len(s); n > max {
		c.fail(path, "%d characters, at most %d", n, max)
	}
}

func (c *checker) blockID(path, id string) {
	if id == "" {
		return
	}
	c.length(path+".block_id", id, MaxID)
	if c.blockIDs[id] {
		c.fail(path+".block_id", "%q repeated", id)
	}
	c.blockIDs[id] = true
}

func (c *checker) actionID(path, id string) {
	if id == "" {
		c.fail(path+".action_id", "empty")
		return
	}
	c.length(path+".action_id", id, MaxID)
	if c.actionIDs[id] {
		c.fail(path+".action_id", "%q repeated", id)
	}
	c.actionIDs[id] = true
}

func (c *checker) section(p string, b *slack.SectionBlock) {
	c.blockID(p, b.BlockID)
	if b.Text == nil && len(b.Fields) == 0 {
		c.fail(p, "neither text nor fields")
	}
	if b.Text != nil {
		c.text(p+".text", b.Text, MaxSectionText)
	}
	if len(b.Fields) > MaxFields {
		c.fail(p+".fields", "%d items, at most %d", len(b.Fields), MaxFields)
	}
	for j, f := range b.Fields {
		c.text(fmt.Sprintf("%s.fields[%d]", p, j), f, MaxFieldText)
	}
	if b.Accessory != nil {
		c.fail(p+".accessory", "unchecked accessory")
	}
}

func (c *checker) actions(p string, b *slack.ActionBlock) {
	c.blockID(p, b.BlockID)
	var elements []slack.BlockElement
	if b.Elements != nil {
		elements = b.Elements.ElementSet
	}
	c.count(p+".elements", len(elements), MaxActionElements)
	for j, e := range elements {
		ep := fmt.Sprintf("%s.elements[%d]", p, j)
		btn, ok := e.(*slack.ButtonBlockElement)
		if !ok {
			c.fail(ep, "unchecked element type %T", e)
			continue
		}
		c.text(ep+".text", btn.Text, MaxButtonText)
		c.actionID(ep, btn.ActionID)
		c.length(ep+".value", btn.Value, MaxButtonValue)
	}
}

func (c *checker) input(p string, b *slack.InputBlock) {
	c.blockID(p, b.BlockID)
	c.text(p+".label", b.Label, MaxLabel)
	if b.Hint != nil {
		c.text(p+".hint", b.Hint, MaxLabel)
	}
	ep := p + ".element"
	switch e := b.Element.(type) {
	case *slack.PlainTextInputBlockElement:
		c.actionID(ep, e.ActionID)
		if e.Placeholder != nil {
			c.text(ep+".placeholder", e.Placeholder, MaxPlaceholder)
		}
		c.length(ep+".initial_value", e.InitialValue, MaxInputValue)
	case *slack.SelectBlockElement:
		c.actionID(ep, e.ActionID)
		c.placeholder(ep, e.Placeholder)
		c.options(ep, e.Options, MaxOptions)
	case *slack.MultiSelectBlockElement:
		c.actionID(ep, e.ActionID)
		c.placeholder(ep, e.Placeholder)
		c.options(ep, e.Options, MaxOptions)
	case *slack.CheckboxGroupsBlockElement:
		c.actionID(ep, e.ActionID)
		c.options(ep, e.Options, MaxCheckboxes)
	case *slack.DatePickerBlockElement:
		c.actionID(ep, e.ActionID)
		c.placeholder(ep, e.Placeholder)
		if e.InitialDate != "" {
			if _, err := time.Parse("2006-01-02", e.InitialDate); err != nil {
				c.fail(ep+".initial_date", "%q is not YYYY-MM-DD", e.InitialDate)
			}
		}
	default:
		c.fail(ep, "unchecked element type %T", b.Element)
	}
}

func (c *checker) placeholder(ep string, t *slack.TextBlockObject) {
	if t != nil {
		c.text(ep+".placeholder", t, MaxPlaceholder)
	}
}

func (c *checker) options(ep string, opts []*slack.OptionBlockObject, max int) {
	c.count(ep+".options", len(opts), max)
	for k, o := range opts {
		op := fmt.Sprintf("%s.options[%d]", ep, k)
		c.text(op+".text", o.Text, MaxOptionText)
		if o.Value == "" {
			c.fail(op+".value", "empty")
		}
		c.length(op+".value", o.Value, MaxOptionValue)
	}
}
