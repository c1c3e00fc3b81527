package review

import (
	"context"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// inputSTI prefixes the STI form's inputs, one per item left to the STI.
const inputSTI = "sti:"

// maxAnswer is the longest answer the STI may give to one item, as the dialog allows.
const maxAnswer = 2000

// stiForm is the card on which the STI fills the items the requester left to it
// (Annexe 1, part prepared with the STI).
func stiForm(v view, values map[string]string, problems []string, errs map[string]string) *cards.Card {
	r := v.req
	c := &cards.Card{
		Title:    v.t("review.sti.form_title", map[string]any{"ID": r.ID, "System": v.systemName()}),
		Subtitle: v.t("review.sti.form_subtitle"),
		Footer:   v.t("review.sti.form_footer"),
		Buttons:  []cards.Button{{Label: v.t("review.button.save"), Verb: VerbSTIFill, Subject: refOf(r).String(), Style: cards.StylePrimary}},
	}
	if len(problems) > 0 {
		c.Sections = append(c.Sections, cards.Section{Heading: v.t("review.form.problems"), Text: bullets(problems)})
	}
	c.Sections = append(c.Sections, cards.Section{Text: v.t("review.sti.form_intro")})
	for _, tag := range r.Facts().PendingSTI() {
		in := cards.Input{ID: inputSTI + string(tag), Label: v.itemLabel(tag), Value: values[inputSTI+string(tag)], Multiline: true,
			MaxLength: maxAnswer, Error: errs[inputSTI+string(tag)]}
		if tag == requests.TagRiskReviewInterval {
			in.Multiline, in.Placeholder = false, v.t("review.sti.interval_hint")
		}
		c.Inputs = append(c.Inputs, in)
	}
	return c
}

// onSTIForm shows the STI's form for the items still to complete.
func (f *Feature) onSTIForm(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, _, stop, err := f.checkAct(ctx, s, "sti_form")
	if stop != nil || err != nil {
		return stop, err
	}
	if len(r.Facts().PendingSTI()) == 0 {
		return []bot.Reply{private(s.T("review.sti.nothing_pending"))}, nil
	}
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	return []bot.Reply{formReply(s.Lang, stiForm(v, nil, nil, nil), false)}, nil
}

// onSTIFill saves what the STI filled in; empty items stay to complete. The stage's
// posted cards are refreshed and the form closes with what was saved.
func (f *Feature) onSTIFill(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, ref, stop, err := f.checkAct(ctx, s, "sti_fill")
	if stop != nil || err != nil {
		return stop, err
	}
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	fill := map[requests.Tag]string{}
	values := map[string]string{}
	var problems []string
	errs := map[string]string{}
	for _, tag := range r.Facts().PendingSTI() {
		raw := strings.TrimSpace(s.Turn.Action.Values[inputSTI+string(tag)])
		values[inputSTI+string(tag)] = raw
		switch {
		case raw == "":
		case tag == requests.TagRiskReviewInterval:
			days, ok := annexe.ParseInterval(raw) // as the request reads it
			if !ok {
				problems = append(problems, v.t("review.sti.bad_interval", map[string]any{"Item": v.itemLabel(tag)}))
				errs[inputSTI+string(tag)] = problems[len(problems)-1]
				continue
			}
			fill[tag] = strconv.Itoa(days)
		case utf8.RuneCountInString(raw) > maxAnswer:
			problems = append(problems, v.t("review.sti.too_long", map[string]any{"Item": v.itemLabel(tag), "Max": maxAnswer}))
			errs[inputSTI+string(tag)] = problems[len(problems)-1]
		default:
			fill[tag] = raw
		}
	}
	if len(problems) == 0 && len(fill) == 0 {
		problems = append(problems, v.t("review.sti.empty"))
	}
	if len(problems) > 0 {
		return []bot.Reply{formReply(s.Lang, stiForm(v, values, problems, errs), s.Turn.Action.MessageID != "")}, nil
	}
	filled, err := f.Store.FillSTIItems(ctx, r.ID, ref.round, fill, actor(s))
	if err != nil {
		return nil, err
	}
	if r, err = f.Store.Request(ctx, r.ID); err != nil {
		return nil, err
	}
	f.refreshStage(ctx, r)
	left := len(r.Facts().PendingSTI())
	text := s.T("review.sti.saved", map[string]any{"Count": len(filled)}) + " "
	if left == 0 {
		text += s.T("review.sti.nothing_pending") // not « Il reste 0 élément »
	} else {
		text += s.T("review.sti.left", map[string]any{"Count": left})
	}
	return closeForm(s, v.t("review.sti.form_title", map[string]any{"ID": r.ID, "System": v.systemName()}), text), nil
}

// closeForm answers text and, when the form came from a message, replaces the form
// with it, so that its inputs and buttons are gone; the review card, updated in
// place, is where the next decision is taken.
func closeForm(s *conversations.Session, title, text string) []bot.Reply {
	if s.Turn.Action.MessageID == "" {
		return []bot.Reply{private(text)}
	}
	return []bot.Reply{{Card: &cards.Card{Title: title, Sections: []cards.Section{{Text: text}}}, Replace: true, Private: true}}
}

// refreshStage redraws the posted cards of the request's current stage. It returns
// the message ids of the cards updated.
func (f *Feature) refreshStage(ctx context.Context, r requests.Request) map[string]bool {
	updated := map[string]bool{}
	refs, err := f.Store.PostedCards(ctx, r.ID, r.Round, r.Status)
	if err != nil || len(refs) == 0 || f.Notify == nil {
		return updated
	}
	v, err := f.view(ctx, f.Lang, r)
	if err != nil {
		f.Log.Error("review card", "request", r.ID, "err", err)
		return updated
	}
	// The card keeps asking Teams for each viewer's version (viewer.go).
	c := reviewCard(v)
	if c.Refresh, err = f.refresh(ctx, r); err != nil {
		f.Log.Error("review card refresh", "request", r.ID, "err", err)
		c.Refresh = nil
	}
	for _, m := range refs {
		if err := f.Notify.Update(ctx, m, bot.Reply{Card: c}); err != nil {
			f.Log.Warn("review card not updated", "request", r.ID, "err", err)
			continue
		}
		updated[m.MessageID] = true
	}
	return updated
}
