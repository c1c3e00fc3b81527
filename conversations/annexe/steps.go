package annexe

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
)

// answer handles a turn at a question: a move (back, edit N, skip, keep) or an answer,
// checked, saved at once, then the next question.
func (t *turn) answer(ctx context.Context) ([]bot.Reply, error) {
	s, st, r := t.s, t.st, t.r
	it := st.item()
	cmd := polite(s.Folded())
	// A pending guess of uses is answered now or dropped: any move saves the state.
	pending := st.Uses
	st.Uses = nil
	if len(pending) > 0 && it.Kind == KindUses {
		if value, notes, ok := confirmUses(t.v.uses, pending, s.Folded()); ok {
			ack := s.T("annexe.ack")
			for _, n := range notes {
				ack += " " + n.in(s.Lang)
			}
			_, has := r.Answers[it.Tag]
			t.edit = has && len(missing(r)) == 0
			return t.save(ctx, it, reading{answer: requests.Answer{Value: value}}, ack)
		}
	}
	_, has := r.Answers[it.Tag]
	t.edit = has && len(missing(r)) == 0
	switch {
	case submitPhrases.Exact(cmd):
		// Asking to submit mid-way: say what is missing, or show the summary to confirm.
		if len(missing(r)) > 0 || !efvpDateFits(r, today(s)) {
			return t.submit(ctx)
		}
		st.Mode, st.Item = modeReview, ""
		return t.f.review(t.v, r, ""), saveState(ctx, s, st)
	case backPhrases.Exact(cmd):
		if index(it.Tag) <= 0 {
			return t.then(s.T("annexe.back.first")), nil
		}
		if it.Sub {
			return t.goTo(ctx, it.Step()) // the step it follows up
		}
		return t.goTo(ctx, it.Step()-1)
	case editItemRe.MatchString(cmd):
		n, _ := number(cmd, editItemRe)
		return t.goTo(ctx, n)
	case has && (keepPhrases.Exact(cmd) || skipPhrases.Exact(cmd)):
		return t.advance(ctx, s.T("annexe.kept"), nil)
	case keepPhrases.Exact(cmd):
		return t.then(s.T("annexe.keep.none")), nil
	case skipPhrases.Exact(cmd):
		if it.Required(r.Facts()) {
			id := "annexe.skip.required"
			switch {
			case it.Part == PartEFVP:
				id = "annexe.skip.efvp"
			case it.ForSTIAllowed():
				id = "annexe.skip.sti"
			}
			return t.then(s.T(id)), nil
		}
		return t.save(ctx, it, reading{}, s.T("annexe.skipped"))
	}
	got, bad := t.f.read(t.v, today(s), it, r, s.Turn.Text)
	if bad != nil {
		return t.then(bad.in(s.Lang)), nil
	}
	if got.guess != nil {
		st.Uses = got.guess
		return []bot.Reply{bot.Text(t.v.confirmLine(got.guess))}, saveState(ctx, s, st)
	}
	if got.answer.ForSTI && it.Tag == firstSTI().Tag {
		return t.deferPart(ctx)
	}
	ack := s.T("annexe.ack")
	if got.answer.ForSTI {
		ack = s.T("annexe.ack.sti")
	}
	for _, n := range got.notes {
		ack += " " + n.in(s.Lang)
	}
	return t.save(ctx, it, got, ack)
}

// deferPart leaves every unanswered item of the STI part to the STI: one word at the
// part's first question, instead of one per question.
func (t *turn) deferPart(ctx context.Context) ([]bot.Reply, error) {
	s, r := t.s, t.r
	n := 0
	for _, it := range catalogue {
		if _, has := r.Answers[it.Tag]; has || !it.ForSTIAllowed() {
			continue
		}
		a := requests.Answer{ForSTI: true}
		err := t.f.Store.SetAnswer(ctx, r.ID, it.Tag, a)
		if errors.Is(err, bot.ErrConflict) {
			return t.f.gone(ctx, s, r), s.ClearState(ctx, DialogKind)
		}
		if err != nil {
			return nil, err
		}
		r.Answers[it.Tag] = a
		n++
	}
	return t.advance(ctx, s.T("annexe.ack.sti_part", map[string]any{"Count": n}), nil)
}

// save stores an answer and moves on.
func (t *turn) save(ctx context.Context, it Item, got reading, ack string) ([]bot.Reply, error) {
	s, r := t.s, t.r
	err := t.f.Store.SetAnswer(ctx, r.ID, it.Tag, got.answer)
	if errors.Is(err, bot.ErrConflict) {
		return t.f.gone(ctx, s, r), s.ClearState(ctx, DialogKind)
	}
	if err != nil {
		return nil, err
	}
	r.Answers[it.Tag] = got.answer
	var force *Item
	if it.Tag == requests.TagEFVPStatus && !efvpDateFits(r, today(s)) {
		// A date done cannot be in the future, nor a planned one past: ask it again.
		date, _ := ItemFor(requests.TagEFVPDate)
		force, ack = &date, ack+" "+s.T("annexe.efvp.recheck")
	}
	return t.advance(ctx, ack, force)
}

// advance asks the next unanswered question (or force), or shows the summary when
// every item has an answer.
func (t *turn) advance(ctx context.Context, ack string, force *Item) ([]bot.Reply, error) {
	s, st, r := t.s, t.st, t.r
	next, more := nextItem(r)
	if force != nil {
		next, more = *force, true
	}
	if more {
		st.Mode, st.Item = modeAsk, next.Tag
		if err := saveState(ctx, s, st); err != nil {
			return nil, err
		}
		return []bot.Reply{bot.Text(ack + "\n\n" + t.f.question(t.v, next, r))}, nil
	}
	st.Mode, st.Item = modeReview, ""
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	if t.edit {
		// A change to a complete request is confirmed in one line, not with the summary.
		return []bot.Reply{bot.Text(ack + " " + s.T("annexe.edited", map[string]any{"ID": r.ID}))}, nil
	}
	return t.f.review(t.v, r, ack+" "+s.T("annexe.review.ready", map[string]any{"ID": r.ID})), nil
}

// goTo asks item n (from 1), whatever the mode.
func (t *turn) goTo(ctx context.Context, n int) ([]bot.Reply, error) {
	s, st, r := t.s, t.st, t.r
	it, ok := atStep(n)
	if !ok {
		return t.then(s.T("annexe.edit.range", map[string]any{"N": n, "Total": steps()})), nil
	}
	st.Mode, st.Item = modeAsk, it.Tag
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	return []bot.Reply{bot.Text(t.f.question(t.v, it, r))}, nil
}

// goToItem asks it, a sub item included.
func (t *turn) goToItem(ctx context.Context, it Item) ([]bot.Reply, error) {
	if !it.Sub {
		return t.goTo(ctx, it.Step())
	}
	t.st.Mode, t.st.Item = modeAsk, it.Tag
	if err := saveState(ctx, t.s, t.st); err != nil {
		return nil, err
	}
	return []bot.Reply{bot.Text(t.f.question(t.v, it, t.r))}, nil
}

// reviewInput handles a turn at the summary.
func (t *turn) reviewInput(ctx context.Context, cmd string) ([]bot.Reply, error) {
	switch {
	case submitPhrases.Exact(cmd):
		return t.submit(ctx)
	case editItemRe.MatchString(cmd):
		n, _ := number(cmd, editItemRe)
		return t.goTo(ctx, n)
	case backPhrases.Exact(cmd):
		return t.goTo(ctx, steps())
	}
	return t.then(t.s.T("annexe.review.unknown")), nil
}

// submit checks the request is complete, submits it and hands it to the workflow.
func (t *turn) submit(ctx context.Context) ([]bot.Reply, error) {
	f, s, r := t.f, t.s, t.r
	if m := missing(r); len(m) > 0 {
		var names []string
		for _, it := range m {
			names = append(names, it.StepLabel()+". "+it.Label(s.Lang))
		}
		head := s.T("annexe.submit.missing", map[string]any{"List": strings.Join(names, " · ")})
		if m[0].Part == PartEFVP {
			head = s.T("annexe.submit.no_efvp")
		}
		replies, err := t.goToItem(ctx, m[0])
		if len(replies) > 0 {
			replies[0].Text = head + "\n\n" + replies[0].Text
		}
		return replies, err
	}
	if !efvpDateFits(r, today(s)) {
		replies, err := t.goTo(ctx, stepOf(requests.TagEFVPDate))
		if len(replies) > 0 {
			replies[0].Text = s.T("annexe.efvp.recheck") + "\n\n" + replies[0].Text
		}
		return replies, err
	}
	done, err := f.Store.SubmitRequest(ctx, r.ID, s.Key, s.Turn.User.Name)
	switch {
	case errors.Is(err, requests.ErrNoEFVP):
		date, _ := ItemFor(requests.TagEFVPDate)
		replies, err := t.goTo(ctx, date.Step())
		if len(replies) > 0 {
			replies[0].Text = s.T("annexe.submit.no_efvp") + "\n\n" + replies[0].Text
		}
		return replies, err
	case errors.Is(err, bot.ErrConflict):
		return []bot.Reply{s.Reply("annexe.submit.already", map[string]any{"ID": r.ID})}, s.ClearState(ctx, DialogKind)
	case err != nil:
		return nil, err
	}
	if err := s.ClearState(ctx, DialogKind); err != nil {
		return nil, err
	}
	replies := []bot.Reply{s.Reply("annexe.submitted", map[string]any{"ID": done.ID, "System": orDash(done.Facts().SystemName()), "Round": done.Round})}
	if f.OnSubmit != nil {
		more, err := f.OnSubmit(ctx, s, done.ID)
		if err != nil {
			// The submission stands; the workflow picks up submitted requests later.
			if f.Log != nil {
				f.Log.Error("hand submitted request to review", "request", done.ID, "err", err)
			}
			more = []bot.Reply{s.Reply("annexe.submitted.handoff_failed")}
		}
		replies = append(replies, more...)
	}
	return replies, nil
}
