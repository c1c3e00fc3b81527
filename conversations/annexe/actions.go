package annexe

import (
	"context"
	"errors"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

// buttonRequest re-reads the request a button names: a button carries nothing the
// engine trusts. ok is false (with the reply to give) when the person may not act on it.
func (f *Feature) buttonRequest(ctx context.Context, s *conversations.Session) (requests.Request, []bot.Reply, bool, error) {
	id, ok := subject(s)
	if !ok {
		return requests.Request{}, []bot.Reply{{Text: s.T("core.action.unknown"), Private: true}}, false, nil
	}
	r, err := f.Store.Request(ctx, id)
	if errors.Is(err, bot.ErrNotFound) || (err == nil && r.RequesterKey != s.Key) {
		return r, []bot.Reply{{Text: s.T("annexe.action.not_yours"), Private: true}}, false, nil
	}
	if err != nil {
		return r, nil, false, err
	}
	if !r.Status.Editable() {
		return r, []bot.Reply{{Text: s.T("annexe.submit.already", map[string]any{"ID": r.ID}), Private: true}}, false, nil
	}
	return r, nil, true, nil
}

// stateFor is the person's dialog on r, or a new one at r's summary (the card may come
// from a previous session).
func stateFor(ctx context.Context, s *conversations.Session, r requests.Request) (*state, error) {
	st, err := loadState(ctx, s)
	if err != nil {
		return nil, err
	}
	if st == nil || st.Request != r.ID {
		return &state{Request: r.ID, Mode: modeReview, Lang: s.Lang}, nil
	}
	// A button press has no words to tell the language by: the dialog's holds.
	s.Lang = st.Lang
	return st, nil
}

// submitAction is the summary card's submit button. A second press finds the request
// submitted and says so: it acts once.
func (f *Feature) submitAction(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, replies, ok, err := f.buttonRequest(ctx, s)
	if !ok || err != nil {
		return replies, err
	}
	st, err := stateFor(ctx, s, r)
	if err != nil {
		return nil, err
	}
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	v, err := f.view(ctx, s.Lang)
	if err != nil {
		return nil, err
	}
	replies, err = (&turn{f: f, s: s, v: v, st: st, r: r}).submit(ctx)
	if err != nil {
		return nil, err
	}
	if after, err := f.Store.Request(ctx, r.ID); err == nil && !after.Status.Editable() {
		// The card loses its buttons where the channel can update it in place.
		replies = append([]bot.Reply{{Card: f.summaryCard(v, after, false), Replace: true}}, replies...)
	}
	return replies, nil
}

// cancelAction is the summary card's cancel button: it asks for confirmation.
func (f *Feature) cancelAction(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, replies, ok, err := f.buttonRequest(ctx, s)
	if !ok || err != nil {
		return replies, err
	}
	st, err := stateFor(ctx, s, r)
	if err != nil {
		return nil, err
	}
	if st.Mode != modeCancel {
		st.Back = st.Mode
	}
	st.Mode = modeCancel
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	return f.prompt(view{lang: s.Lang}, st, r), nil
}
