package blockkit

import (
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/cards"
	"github.com/slack-go/slack"
)

// Slack's limits for a modal view (https://docs.slack.dev/reference/views/modal-views).
const (
	MaxViewBlocks   = 100  // blocks in a modal
	MaxViewTitle    = 24   // title, submit and close labels
	MaxViewMetadata = 3000 // private_metadata
)

// ModalCallbackID names the modals this package renders, in view_submission payloads.
const ModalCallbackID = "iagbot.form"

// Modal returns form page f as a Slack modal view: its fields as input blocks whose
// block_id is ModalBlockID(input id) and action_id the input id, its submit button as
// the modal's, the other buttons in an actions block, and the submit button's verb and
// subject in private_metadata (ButtonValue), which view_submission sends back. Text too
// long is cut to Slack's limits; what cannot be cut (an id, a subject) is an error.
func Modal(f *cards.Form) (*slack.ModalViewRequest, error) {
	if f == nil || f.Submit.Verb == "" || strings.Contains(f.Submit.Verb, valueSep) {
		return nil, fmt.Errorf("%w: a form needs a submit verb", ErrInvalid)
	}
	meta := ButtonValue(f.Submit.Verb, f.Submit.Subject)
	if Len(meta) > MaxViewMetadata {
		return nil, fmt.Errorf("%w: form subject of %d characters", ErrTooLarge, Len(f.Submit.Subject))
	}
	l := layout{max: MaxViewBlocks}
	if h := strings.TrimSpace(f.Heading); h != "" {
		l.head = append(l.head, slack.NewHeaderBlock(plain(Truncate(h, MaxHeaderText))))
	}
	if e := strings.TrimSpace(f.Error); e != "" {
		l.head = append(l.head, textSections(":warning: "+Mrkdwn(e))...)
	}
	for _, s := range f.Sections {
		l.body = append(l.body, section(s)...)
	}
	for _, in := range f.Inputs {
		b, err := input(in, "")
		if err != nil {
			return nil, err
		}
		l.tail = append(l.tail, b)
	}
	if len(f.Buttons) > 0 {
		elems := make([]slack.BlockElement, 0, len(f.Buttons))
		for i, b := range f.Buttons {
			e, err := button(b, i)
			if err != nil {
				return nil, err
			}
			elems = append(elems, e)
		}
		l.tail = append(l.tail, slack.NewActionBlock("", elems...))
	}
	blocks, err := l.blocks()
	if err != nil {
		return nil, err
	}
	v := &slack.ModalViewRequest{Type: slack.VTModal, CallbackID: ModalCallbackID, PrivateMetadata: meta,
		Title:  plain(Truncate(fallbackTo(f.Title, "iagbot"), MaxViewTitle)),
		Submit: plain(Truncate(fallbackTo(f.Submit.Label, f.Submit.Verb), MaxViewTitle)),
		Blocks: slack.Blocks{BlockSet: blocks}}
	if c := strings.TrimSpace(f.Close); c != "" {
		v.Close = plain(Truncate(c, MaxViewTitle))
	}
	return v, nil
}

// Notice is a modal without fields that shows text (a form saved, a request
// submitted): only a close button, labelled close.
func Notice(title, text, close string) *slack.ModalViewRequest {
	v := &slack.ModalViewRequest{Type: slack.VTModal, CallbackID: ModalCallbackID,
		Title:  plain(Truncate(fallbackTo(title, "iagbot"), MaxViewTitle)),
		Blocks: slack.Blocks{BlockSet: textSections(fallbackTo(Mrkdwn(text), Ellipsis))}}
	if len(v.Blocks.BlockSet) > MaxViewBlocks {
		v.Blocks.BlockSet = v.Blocks.BlockSet[:MaxViewBlocks]
	}
	if c := strings.TrimSpace(close); c != "" {
		v.Close = plain(Truncate(c, MaxViewTitle))
	}
	return v
}

// ModalBlockID is the block_id of a form input in a modal: the key of its error in a
// view_submission's response_action "errors".
func ModalBlockID(inputID string) string { return inputPrefix + inputID }

// ModalErrors are the errors of form page f by block_id, for a view_submission
// answered with response_action "errors"; nil when there is none. A page-wide error
// (f.Error) goes on the first field, where Slack can show it, when no field has its
// own: beside fields' errors it only says to correct them.
func ModalErrors(f *cards.Form) map[string]string {
	errs := map[string]string{}
	for _, in := range f.Inputs {
		if e := strings.TrimSpace(in.Error); e != "" {
			errs[ModalBlockID(in.ID)] = Truncate(e, MaxLabel)
		}
	}
	if e := strings.TrimSpace(f.Error); e != "" && len(errs) == 0 && len(f.Inputs) > 0 {
		errs[ModalBlockID(f.Inputs[0].ID)] = Truncate(e, MaxLabel)
	}
	if len(errs) == 0 {
		return nil
	}
	return errs
}

// CheckView reports every way a modal view breaks Slack's limits: those of its blocks
// (CheckLimits, with MaxViewBlocks), its title, submit and close labels, metadata and
// callback id. It returns nil when views.open would accept it.
func CheckView(v *slack.ModalViewRequest) error {
	c := &checker{actionIDs: map[string]bool{}, blockIDs: map[string]bool{}}
	if v == nil {
		return errors.New("blockkit: nil view")
	}
	if v.Type != slack.VTModal {
		c.fail("type", "%q, want modal", v.Type)
	}
	c.text("title", v.Title, MaxViewTitle)
	if v.Submit != nil {
		c.text("submit", v.Submit, MaxViewTitle)
	}
	if v.Close != nil {
		c.text("close", v.Close, MaxViewTitle)
	}
	c.length("private_metadata", v.PrivateMetadata, MaxViewMetadata)
	c.length("callback_id", v.CallbackID, MaxID)
	hasInput := false
	for _, b := range v.Blocks.BlockSet {
		_, ok := b.(*slack.InputBlock)
		hasInput = hasInput || ok
	}
	if hasInput && v.Submit == nil {
		c.fail("submit", "a view with inputs needs a submit button")
	}
	c.blocks(v.Blocks.BlockSet, MaxViewBlocks)
	return errors.Join(c.errs...)
}
