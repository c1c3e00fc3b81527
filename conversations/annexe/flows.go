package annexe

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

// start begins a request, or offers to resume the draft the person already has: one
// draft at a time.
func (f *Feature) start(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	for attempt := 0; attempt < 2; attempt++ {
		draft, err := f.Store.CurrentDraft(ctx, s.Key)
		if err == nil {
			st := &state{Request: draft.ID, Mode: modeOffer, Lang: s.Lang}
			if err := saveState(ctx, s, st); err != nil {
				return nil, err
			}
			return f.prompt(view{lang: s.Lang}, st, draft), nil
		}
		if !errors.Is(err, bot.ErrNotFound) {
			return nil, err
		}
		r, err := f.Store.CreateDraft(ctx, s.Key, s.Turn.User.Name, string(s.Lang))
		if errors.Is(err, bot.ErrConflict) {
			continue // created meanwhile on another channel: offer it
		}
		if err != nil {
			return nil, err
		}
		return f.begin(ctx, s, r)
	}
	return nil, fmt.Errorf("start request: %w", bot.ErrConflict)
}

// begin asks the first question of a new draft.
func (f *Feature) begin(ctx context.Context, s *conversations.Session, r requests.Request) ([]bot.Reply, error) {
	st := &state{Request: r.ID, Mode: modeAsk, Item: catalogue[0].Tag, Lang: s.Lang}
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	v, err := f.view(ctx, s.Lang)
	if err != nil {
		return nil, err
	}
	intro := s.T("annexe.start", map[string]any{"ID": r.ID, "Total": steps()})
	// The form is offered in words, not with a button: a card's numbered buttons would
	// take the terminal's « 1 » meant for the question's first choice. Answering the
	// question goes on step by step.
	intro += " " + s.T("annexe.form.offer")
	return []bot.Reply{bot.Text(intro + "\n\n" + f.question(v, catalogue[0], r))}, nil
}

// resume continues the person's draft where they left it, or else reopens a request
// whose changes were asked for.
func (f *Feature) resume(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	draft, err := f.Store.CurrentDraft(ctx, s.Key)
	if err == nil {
		return f.open(ctx, s, draft)
	}
	if !errors.Is(err, bot.ErrNotFound) {
		return nil, err
	}
	mine, err := f.Store.RequestsOf(ctx, s.Key)
	if err != nil {
		return nil, err
	}
	for _, r := range mine {
		if r.Status == requests.ChangesRequested {
			return f.open(ctx, s, r)
		}
	}
	return []bot.Reply{s.Reply("annexe.resume.none")}, nil
}

// editRequest reopens request N of the person ("modifier ma demande 12").
func (f *Feature) editRequest(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	n, _ := number(polite(s.Folded()), editRequestRe)
	r, err := f.Store.Request(ctx, uint(n))
	if errors.Is(err, bot.ErrNotFound) || (err == nil && r.RequesterKey != s.Key) {
		// Someone else's request is reported as missing: its existence is not ours to tell.
		return []bot.Reply{s.Reply("annexe.edit.not_found", map[string]any{"ID": n})}, nil
	}
	if err != nil {
		return nil, err
	}
	if !r.Status.Editable() {
		return []bot.Reply{s.Reply("annexe.edit.not_editable", map[string]any{"ID": r.ID, "Status": StatusLabel(s.Lang, r.Status)})}, nil
	}
	return f.open(ctx, s, r)
}

// open puts the person back in the dialog of r: at the first unanswered question of a
// draft, at the summary of a complete one or of one whose changes were asked for.
func (f *Feature) open(ctx context.Context, s *conversations.Session, r requests.Request) ([]bot.Reply, error) {
	st := &state{Request: r.ID, Mode: modeReview, Lang: s.Lang}
	next, more := nextItem(r)
	if more && r.Status == requests.Draft {
		st.Mode, st.Item = modeAsk, next.Tag
	}
	if err := saveState(ctx, s, st); err != nil {
		return nil, err
	}
	v, err := f.view(ctx, s.Lang)
	if err != nil {
		return nil, err
	}
	if st.Mode == modeAsk {
		head := s.T("annexe.resume.draft", map[string]any{"ID": r.ID, "Step": next.StepLabel(), "Total": steps()})
		return []bot.Reply{bot.Text(head + "\n\n" + f.question(v, next, r))}, nil
	}
	head := s.T("annexe.review.ready", map[string]any{"ID": r.ID})
	if r.Status == requests.ChangesRequested {
		head = s.T("annexe.resume.changes", map[string]any{"ID": r.ID})
		// The reviewers' comments, where the requester makes the changes they ask for.
		if f.History != nil {
			lines, err := f.History(ctx, s.Lang, r)
			if err != nil {
				return nil, err
			}
			for _, l := range lines {
				head += "\n- " + l
			}
		}
	}
	return f.review(v, r, head), nil
}

// review shows the full summary with what to do next.
func (f *Feature) review(v view, r requests.Request, head string) []bot.Reply {
	text := i18n.T(v.lang, "annexe.review.how")
	if head != "" {
		text = head + "\n\n" + text
	}
	return []bot.Reply{{Text: text, Card: f.summaryCard(v, r, true)}}
}

// prompt asks again what the dialog waits for, without the full summary.
func (f *Feature) prompt(v view, st *state, r requests.Request) []bot.Reply {
	lang := v.lang
	data := map[string]any{"ID": r.ID, "System": orDash(r.Facts().SystemName()), "Answered": answered(r), "Total": steps()}
	switch st.Mode {
	case modeAsk:
		if len(st.Uses) > 0 && st.item().Kind == KindUses {
			return []bot.Reply{bot.Text(v.confirmLine(st.Uses))}
		}
		return []bot.Reply{bot.Text(f.question(v, st.item(), r))}
	case modeCancel:
		return []bot.Reply{bot.Text(i18n.T(lang, "annexe.cancel.confirm", data))}
	case modeOffer:
		return []bot.Reply{bot.Text(i18n.T(lang, "annexe.offer", data))}
	}
	return []bot.Reply{bot.Text(i18n.T(lang, "annexe.review.again", data))}
}

// list shows the person's requests with their status.
func (f *Feature) list(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	mine, err := f.Store.RequestsOf(ctx, s.Key)
	if err != nil {
		return nil, err
	}
	if len(mine) == 0 {
		return []bot.Reply{s.Reply("annexe.list.none")}, nil
	}
	var b strings.Builder
	b.WriteString(s.T("annexe.list.title", map[string]any{"Count": len(mine)}) + "\n")
	hints := map[string]bool{}
	for _, r := range mine {
		id := "annexe.list.item"
		switch r.Status {
		case requests.Draft:
			id, hints["annexe.list.hint.draft"] = "annexe.list.item.draft", true
		case requests.ChangesRequested:
			hints["annexe.list.hint.changes"] = true
		}
		b.WriteString("- " + s.T(id, map[string]any{"ID": r.ID, "System": orDash(r.Facts().SystemName()),
			"Status": StatusLabel(s.Lang, r.Status), "Answered": answered(r), "Total": steps(),
			"Date": formatDate(s.Lang, r.UpdatedAt)}) + "\n")
		if f.History != nil && r.Round > 0 {
			lines, err := f.History(ctx, s.Lang, r)
			if err != nil {
				return nil, err
			}
			for _, l := range lines {
				b.WriteString("  - " + l + "\n")
			}
		}
	}
	// Say what can be done next, only when something can.
	for _, id := range []string{"annexe.list.hint.draft", "annexe.list.hint.changes"} {
		if hints[id] {
			b.WriteString("\n" + s.T(id))
		}
	}
	// Typed in a shared channel, the list (systems, decisions, comments) is for the
	// person alone.
	return []bot.Reply{{Text: strings.TrimRight(b.String(), "\n"), Private: s.Turn.Conversation.Group}}, nil
}
