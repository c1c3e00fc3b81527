package annexe

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// formReply shows a form page: in place of the card pressed, when a button opened it.
func formReply(s *conversations.Session, fm *cards.Form) bot.Reply {
	return bot.Reply{Card: fm.Card(), Form: fm, Replace: s.Turn.Action != nil}
}

// openForm shows the form at the page where the person is in their request: the
// page of the question the dialog waits for, or of the first one unanswered. A person
// without a draft gets a new one. The dialog's state follows, so that typing goes on
// with the same request.
func (f *Feature) openForm(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, refused, err := f.formDraft(ctx, s)
	if refused != nil || err != nil {
		return refused, err
	}
	st, err := loadState(ctx, s)
	if err != nil {
		return nil, err
	}
	if st != nil && st.Request == r.ID {
		s.Lang = st.Lang
	} else {
		st = &state{Request: r.ID, Lang: s.Lang}
	}
	n := 0
	if st.Mode == modeAsk && st.Item != "" {
		n = pageOfTag(st.Item)
	} else if next, more := nextItem(r); more {
		n = pageOfTag(next.Tag)
	}
	syncState(st, r)
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	v, err := f.view(ctx, s.Lang)
	if err != nil {
		return nil, err
	}
	return []bot.Reply{formReply(s, f.formPage(v, r, n, nil, nil, ""))}, nil
}

// formDraft is the request the form opens: the one the button names, else the
// person's draft, else a new draft.
func (f *Feature) formDraft(ctx context.Context, s *conversations.Session) (requests.Request, []bot.Reply, error) {
	if a := s.Turn.Action; a != nil && a.Subject != "" {
		id, _, ok := parseFormSubject(a.Subject)
		if !ok {
			return requests.Request{}, []bot.Reply{{Text: s.T("core.action.unknown"), Private: true, Refused: true}}, nil
		}
		return f.formRequest(ctx, s, id)
	}
	for attempt := 0; attempt < 2; attempt++ {
		r, err := f.Store.CurrentDraft(ctx, s.Key)
		if !errors.Is(err, bot.ErrNotFound) {
			return r, nil, err
		}
		r, err = f.Store.CreateDraft(ctx, s.Key, s.Turn.User.Name, string(s.Lang))
		if !errors.Is(err, bot.ErrConflict) {
			return r, nil, err // created meanwhile on another channel: take it
		}
	}
	return requests.Request{}, nil, bot.ErrConflict
}

// formRequest re-reads request id for a form button: the person's, still editable.
// A refusal is returned as the reply to give (Refused: Teams shows it on the card).
func (f *Feature) formRequest(ctx context.Context, s *conversations.Session, id uint) (requests.Request, []bot.Reply, error) {
	r, err := f.Store.Request(ctx, id)
	if errors.Is(err, bot.ErrNotFound) || (err == nil && r.RequesterKey != s.Key) {
		return r, []bot.Reply{{Text: s.T("annexe.action.not_yours"), Private: true, Refused: true}}, nil
	}
	if err != nil {
		return r, nil, err
	}
	if !r.Status.Editable() {
		return r, []bot.Reply{{Text: s.T("annexe.form.stale", map[string]any{"ID": r.ID, "Status": StatusLabel(s.Lang, r.Status)}),
			Private: true, Refused: true}}, nil
	}
	return r, nil, nil
}

// syncState puts the dialog where the request is: at its first unanswered question,
// or at its summary, so that typing after the form goes on from there.
func syncState(st *state, r requests.Request) {
	st.Uses, st.Back = nil, ""
	if next, more := nextItem(r); more && r.Status == requests.Draft {
		st.Mode, st.Item = modeAsk, next.Tag
		return
	}
	st.Mode, st.Item = modeReview, ""
}

// formTurn is a press of a form page's button: the request, the page, the state.
type formTurn struct {
	s    *conversations.Session
	v    view
	st   *state
	r    requests.Request
	page int
}

// formButton reads a form button's subject and what it acts on; replies is the
// refusal when it may not act.
func (f *Feature) formButton(ctx context.Context, s *conversations.Session) (*formTurn, []bot.Reply, error) {
	id, n, ok := parseFormSubject(s.Turn.Action.Subject)
	if !ok || n < 0 {
		return nil, []bot.Reply{{Text: s.T("core.action.unknown"), Private: true, Refused: true}}, nil
	}
	r, refused, err := f.formRequest(ctx, s, id)
	if refused != nil || err != nil {
		return nil, refused, err
	}
	st, err := stateFor(ctx, s, r)
	if err != nil {
		return nil, nil, err
	}
	v, err := f.view(ctx, s.Lang)
	if err != nil {
		return nil, nil, err
	}
	return &formTurn{s: s, v: v, st: st, r: r, page: n}, nil, nil
}

// formNext saves the page and shows the next one, or the same page with what to
// correct beside each field; after the last page, the summary to submit.
func (f *Feature) formNext(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	ft, refused, err := f.formButton(ctx, s)
	if ft == nil {
		return refused, err
	}
	errs, notes, err := f.savePage(ctx, ft, s.Turn.Action.Values)
	if err != nil || errs == nil {
		return f.afterSave(ctx, ft, err)
	}
	if len(errs) > 0 {
		if err := f.keepState(ctx, ft); err != nil {
			return nil, err
		}
		return []bot.Reply{formReply(s, f.formPage(ft.v, ft.r, ft.page, s.Turn.Action.Values, errs, s.T("annexe.form.errors")))}, nil
	}
	if err := f.keepState(ctx, ft); err != nil {
		return nil, err
	}
	if ft.page+1 < len(pages) {
		next := f.formPage(ft.v, ft.r, ft.page+1, nil, nil, "")
		if len(notes) > 0 {
			next.Sections = append([]cards.Section{{Text: s.T("annexe.form.noted", map[string]any{"Notes": strings.Join(notes, " ")})}}, next.Sections...)
		}
		return []bot.Reply{formReply(s, next)}, nil
	}
	if m := missing(ft.r); len(m) > 0 {
		var names []string
		for _, it := range m {
			names = append(names, it.StepLabel()+". "+it.Label(s.Lang))
		}
		head := s.T("annexe.form.missing", map[string]any{"List": strings.Join(names, " · ")})
		return []bot.Reply{formReply(s, f.formPage(ft.v, ft.r, pageOfTag(m[0].Tag), nil, nil, head))}, nil
	}
	// Every page done: the summary, with its submit button, where the form was.
	replies := f.review(ft.v, ft.r, s.T("annexe.form.done", map[string]any{"ID": ft.r.ID}))
	replies[0].Replace = true
	return replies, nil
}

// formBack shows the page before, saving nothing (the button sends no values).
func (f *Feature) formBack(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	ft, refused, err := f.formButton(ctx, s)
	if ft == nil {
		return refused, err
	}
	return []bot.Reply{formReply(s, f.formPage(ft.v, ft.r, max(ft.page-1, 0), nil, nil, ""))}, nil
}

// formSave saves what the page holds and stops: the draft waits, for the form or the
// dialog. A value to correct keeps the page open with its message.
func (f *Feature) formSave(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	ft, refused, err := f.formButton(ctx, s)
	if ft == nil {
		return refused, err
	}
	errs, _, err := f.savePage(ctx, ft, s.Turn.Action.Values)
	if err != nil || errs == nil {
		return f.afterSave(ctx, ft, err)
	}
	if err := f.keepState(ctx, ft); err != nil {
		return nil, err
	}
	if len(errs) > 0 {
		return []bot.Reply{formReply(s, f.formPage(ft.v, ft.r, ft.page, s.Turn.Action.Values, errs, s.T("annexe.form.errors")))}, nil
	}
	data := map[string]any{"ID": ft.r.ID, "Answered": answered(ft.r), "Total": steps()}
	c := &cards.Card{Title: s.T("annexe.form.saved.title"), Sections: []cards.Section{{Text: s.T("annexe.form.saved", data)}},
		Buttons: []cards.Button{{Label: s.T("annexe.form.open"), Verb: VerbForm, Subject: formSubject(ft.r.ID, ft.page)}}}
	return []bot.Reply{{Text: s.T("annexe.form.saved", data), Card: c, Replace: true}}, nil
}

// formChat goes on in the dialog: the question where the request is.
func (f *Feature) formChat(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	ft, refused, err := f.formButton(ctx, s)
	if ft == nil {
		return refused, err
	}
	if err := f.keepState(ctx, ft); err != nil {
		return nil, err
	}
	p := f.prompt(ft.v, ft.st, ft.r)
	p[0].Text = s.T("annexe.form.to_chat") + "\n\n" + p[0].Text
	return p, nil
}

// keepState saves the dialog's state where the request now is.
func (f *Feature) keepState(ctx context.Context, ft *formTurn) error {
	ft.st.Lang = ft.s.Lang
	syncState(ft.st, ft.r)
	return saveState(ctx, ft.s, ft.st)
}

// afterSave ends a save that failed: the request closed meanwhile is told as the
// dialog tells it; any other error is the turn's.
func (f *Feature) afterSave(ctx context.Context, ft *formTurn, err error) ([]bot.Reply, error) {
	if errors.Is(err, bot.ErrConflict) {
		replies := f.gone(ctx, ft.s, ft.r)
		replies[0].Refused = true
		return replies, ft.s.ClearState(ctx, DialogKind)
	}
	return nil, err
}

// savePage checks each field of the page sent with the dialog's reading of an
// answer (Feature.read) and saves the good ones at once, in the page's order, so that
// checks across items see the answers just given. It returns the problems by field
// id (empty, not nil, when there are none) and the notes on how answers were read. A
// field not sent is left as it is. A nil map with an error is a failure to save.
func (f *Feature) savePage(ctx context.Context, ft *formTurn, values map[string]string) (errs map[string]string, notes []string, err error) {
	p, r, lang := pages[ft.page], &ft.r, ft.v.lang
	errs = map[string]string{}
	leaveSTI := stiPage(p) && toggled(values[fieldSTIPart])
	now := today(ft.s)
	for _, it := range p.items {
		raw, sent := values[string(it.Tag)]
		if other, ok := values[fieldUsesOther]; ok && it.Kind == KindUses && strings.TrimSpace(other) != "" {
			raw, sent = strings.Trim(raw+","+other, ", "), true
		}
		if !sent {
			continue
		}
		raw = strings.TrimSpace(raw)
		var got reading
		switch {
		case raw == "" && leaveSTI:
			got = reading{answer: requests.Answer{ForSTI: true}}
		case raw == "" && it.Required(r.Facts()):
			errs[string(it.Tag)] = i18n.T(lang, map[bool]string{true: "annexe.form.required_sti", false: "annexe.form.required"}[stiPage(p)])
			continue
		case raw == "":
			// An optional item left empty is skipped, as « passer » does.
		default:
			var bad *msg
			if got, bad = f.read(ft.v, now, it, *r, raw); bad != nil {
				errs[string(it.Tag)] = bad.in(lang)
				continue
			}
			if got.guess != nil {
				// The form's choices stand beside the free words: they are kept as typed,
				// proposed uses, without the dialog's « did you mean » question.
				var vs []string
				for _, g := range got.guess {
					vs = append(vs, g.Value)
				}
				got = reading{answer: requests.Answer{Value: strings.Join(vs, ",")}}
			}
		}
		if err := f.Store.SetAnswer(ctx, r.ID, it.Tag, got.answer); err != nil {
			return nil, nil, err
		}
		r.Answers[it.Tag] = got.answer
		for _, n := range got.notes {
			notes = append(notes, n.in(lang))
		}
	}
	if _, sent := values[string(requests.TagEFVPDate)]; !sent && pageOfTag(requests.TagEFVPStatus) == ft.page && !efvpDateFits(*r, now) {
		errs[string(requests.TagEFVPDate)] = i18n.T(lang, "annexe.efvp.recheck")
	}
	return errs, notes, nil
}

// toggled reads a toggle, or a yes typed for one in the terminal.
func toggled(v string) bool {
	return v == cards.ToggleOn || yesPhrases.Exact(text.FoldWords(v))
}
