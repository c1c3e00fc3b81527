package annexe

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

// Continue handles a turn of a person in the dialog. A question about the procedure is
// handed back (handled=false); the engine answers it and calls Reprompt.
func (f *Feature) Continue(ctx context.Context, s *conversations.Session) ([]bot.Reply, bool, error) {
	st, r, ok, err := f.current(ctx, s)
	if err != nil || !ok || questionLike(s.Turn.Text) {
		return nil, false, err
	}
	// The dialog keeps its language: an answer ("Microsoft") says nothing of the
	// language wanted, and "in English please" goes through Reprompt.
	s.Lang = st.Lang
	if !r.Status.Editable() {
		return f.gone(ctx, s, r), true, s.ClearState(ctx, DialogKind)
	}
	v, err := f.view(ctx, s.Lang)
	if err != nil {
		return nil, true, err
	}
	t := &turn{f: f, s: s, v: v, st: st, r: r}
	replies, err := t.step(ctx)
	return replies, true, err
}

// turn is one turn of a person in the dialog: who, how to render, where, on what.
type turn struct {
	f  *Feature
	s  *conversations.Session
	v  view
	st *state
	r  requests.Request
	// edit is set when the turn changes an answer of a request already complete.
	edit bool
}

// prompt asks again what the dialog waits for.
func (t *turn) prompt() []bot.Reply { return t.f.prompt(t.v, t.st, t.r) }

// then is a message followed by the prompt of the current step, in one reply.
func (t *turn) then(text string) []bot.Reply {
	p := t.prompt()
	p[0].Text = text + "\n\n" + p[0].Text
	return p
}

// Reprompt asks again what the dialog waits for, in the session's language, which
// becomes the dialog's.
func (f *Feature) Reprompt(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	st, r, ok, err := f.current(ctx, s)
	if err != nil || !ok {
		return nil, err
	}
	if !r.Status.Editable() {
		return f.gone(ctx, s, r), s.ClearState(ctx, DialogKind)
	}
	st.Lang = s.Lang
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	v, err := f.view(ctx, s.Lang)
	if err != nil {
		return nil, err
	}
	p := f.prompt(v, st, r)
	if st.Mode == modeAsk && len(p) > 0 {
		// After a question answered mid-request, say where the request resumes.
		p[0].Text = i18n.T(s.Lang, "annexe.resume_at", map[string]any{"Step": st.item().StepLabel()}) + "\n\n" + p[0].Text
	}
	return p, nil
}

// current loads the dialog and its request; ok is false when there is none, and a
// state pointing at a request that is gone (or not the person's) is dropped.
func (f *Feature) current(ctx context.Context, s *conversations.Session) (*state, requests.Request, bool, error) {
	st, err := loadState(ctx, s)
	if err != nil || st == nil {
		return nil, requests.Request{}, false, err
	}
	r, err := f.Store.Request(ctx, st.Request)
	if errors.Is(err, bot.ErrNotFound) || (err == nil && r.RequesterKey != s.Key) {
		return nil, r, false, s.ClearState(ctx, DialogKind)
	}
	return st, r, err == nil, err
}

// gone tells the person their request can no longer be edited (submitted meanwhile
// on another channel, or closed after a long pause).
func (f *Feature) gone(_ context.Context, s *conversations.Session, r requests.Request) []bot.Reply {
	return []bot.Reply{s.Reply("annexe.gone", map[string]any{"ID": r.ID, "Status": StatusLabel(s.Lang, r.Status)})}
}

// step handles the commands valid at any step, then what the mode waits for.
func (t *turn) step(ctx context.Context) ([]bot.Reply, error) {
	s, st, r := t.s, t.st, t.r
	folded := s.Folded()
	cmd := polite(folded)
	switch st.Mode {
	case modeCancel:
		if replies, done, err := t.confirmCancel(ctx, folded); done {
			return replies, err
		}
	case modeOffer:
		if replies, done, err := t.chooseOffer(ctx, folded); done {
			return replies, err
		}
	}
	switch {
	case helpPhrases.Exact(cmd):
		return t.then(s.T("annexe.dialog.help")), nil
	case greetPhrases.Exact(cmd):
		return t.then(s.T("annexe.greeting", map[string]any{"ID": r.ID})), nil
	case thanksPhrases.Exact(cmd):
		return t.then(s.T("annexe.thanks", map[string]any{"ID": r.ID})), nil
	case pausePhrases.Exact(cmd):
		return []bot.Reply{s.Reply("annexe.paused", map[string]any{"ID": r.ID})}, s.ClearState(ctx, DialogKind)
	case cancelPhrases.Exact(cmd):
		if st.Mode != modeCancel {
			st.Back = st.Mode
		}
		st.Mode = modeCancel
		return t.prompt(), saveState(ctx, s, st)
	case wantsSummary(s, cmd):
		replies := []bot.Reply{{Card: t.f.summaryCard(t.v, r, st.Mode == modeReview)}}
		if st.Mode != modeReview {
			replies = append(replies, t.prompt()...)
		}
		return replies, nil
	case listPhrases.Exact(cmd):
		replies, err := t.f.list(ctx, s)
		return append(replies, t.prompt()...), err
	case newPhrases.Exact(cmd):
		return t.then(s.T("annexe.already", map[string]any{"ID": r.ID})), nil
	case resumePhrases.Exact(cmd):
		return t.prompt(), nil
	case formPhrases.Exact(cmd) && st.Mode != modeCancel:
		return t.f.openForm(ctx, s)
	}
	if _, ok := number(cmd, editRequestRe); ok {
		return t.f.editRequest(ctx, s)
	}
	switch st.Mode {
	case modeAsk:
		return t.answer(ctx)
	case modeReview:
		return t.reviewInput(ctx, cmd)
	case modeCancel:
		return t.then(s.T("annexe.error.yesno")), nil
	}
	return t.then(s.T("annexe.offer.choose")), nil
}

// wantsSummary tells "résumé" (summary) from the English "resume" (go on): both fold
// to "resume", so the accent, or the dialog's language, decides.
func wantsSummary(s *conversations.Session, cmd string) bool {
	if !summaryPhrases.Exact(cmd) {
		return false
	}
	return cmd != "resume" || s.Lang == i18n.FR || strings.ContainsAny(s.Turn.Text, "éÉ")
}

func (t *turn) confirmCancel(ctx context.Context, folded string) ([]bot.Reply, bool, error) {
	f, s, st, r := t.f, t.s, t.st, t.r
	switch {
	case yesPhrases.Exact(folded):
		err := f.Store.CancelRequest(ctx, r.ID, s.Key, s.Turn.User.Name)
		if errors.Is(err, bot.ErrConflict) {
			return f.gone(ctx, s, r), true, s.ClearState(ctx, DialogKind)
		}
		if err != nil {
			return nil, true, err
		}
		return []bot.Reply{s.Reply("annexe.cancelled", map[string]any{"ID": r.ID})}, true, s.ClearState(ctx, DialogKind)
	case noPhrases.Exact(folded):
		st.Mode, st.Back = st.Back, ""
		if st.Mode == "" || st.Mode == modeCancel {
			st.Mode = modeAsk
		}
		return t.then(s.T("annexe.cancel.kept")), true, saveState(ctx, s, st)
	}
	return nil, false, nil
}

func (t *turn) chooseOffer(ctx context.Context, folded string) ([]bot.Reply, bool, error) {
	f, s, r := t.f, t.s, t.r
	switch {
	case folded == "1" || yesPhrases.Exact(folded) || resumePhrases.Exact(folded):
		replies, err := f.open(ctx, s, r)
		return replies, true, err
	case folded == "2" || restartPhrases.Exact(folded):
		if err := f.Store.CancelRequest(ctx, r.ID, s.Key, s.Turn.User.Name); err != nil && !errors.Is(err, bot.ErrConflict) {
			return nil, true, err
		}
		fresh, err := f.Store.CreateDraft(ctx, s.Key, s.Turn.User.Name, string(s.Lang))
		if err != nil {
			return nil, true, err
		}
		replies, err := f.begin(ctx, s, fresh)
		if len(replies) > 0 {
			replies[0].Text = s.T("annexe.offer.restarted", map[string]any{"ID": r.ID}) + "\n\n" + replies[0].Text
		}
		return replies, true, err
	}
	return nil, false, nil
}
