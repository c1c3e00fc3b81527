package review

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/record"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// The decision record (bot/record): built from what the store holds, sent as a card
// and as a message when a request is decided, printed by `iagbot audit record`.

// Record is the decision record of request id in lang, or bot.ErrNotFound.
func (f *Feature) Record(ctx context.Context, id uint, lang i18n.Lang) (record.Record, error) {
	r, err := f.Store.Request(ctx, id)
	if err != nil {
		return record.Record{}, fmt.Errorf("request %d: %w", id, err)
	}
	v, err := f.view(ctx, lang, r)
	if err != nil {
		return record.Record{}, err
	}
	in := record.Input{Lang: lang, Request: r, Decisions: v.history, Consultations: v.consults, UseLabel: v.useLabel}
	for round := 1; round <= r.Round; round++ {
		for _, st := range workflow.Stages() {
			votes, err := f.Store.Votes(ctx, id, round, st.Status)
			if err != nil {
				return record.Record{}, fmt.Errorf("votes of request %d: %w", id, err)
			}
			in.Votes = append(in.Votes, votes...)
		}
	}
	if d, ok := v.ruling(); ok && (r.Status == requests.Approved || r.Status == requests.PrivacyReview) {
		if ru, ok := parseRuling(d.Details); ok {
			in.Ruling = recordRuling(v, ru, d, in.Votes)
		}
	}
	return record.Build(in), nil
}

// recordRuling is CODIR-IN's ruling d as the record shows it: each use's rule and
// conditions in the view's language, and the conditions the approving members voted.
func recordRuling(v view, ru ruling, d workflow.Decision, votes []workflow.Vote) *record.Ruling {
	out := &record.Ruling{Hosting: ru.Hosting, EFVPNextReview: ru.EFVPNextReview, Training: ru.Training, Deployment: ru.Deployment}
	for _, u := range ru.Uses {
		ur := record.UseRule{Use: v.useLabel(u.Use), Rule: u.Rule}
		if u.Rule == "restricted" {
			fr, en := bilingual(u)
			ur.Conditions = fr
			if v.lang == i18n.EN && en != "" {
				ur.Conditions = en
			}
		}
		out.Uses = append(out.Uses, ur)
	}
	var conds []workflow.Condition
	for _, vote := range votes {
		if vote.Round == d.Round && vote.Stage == d.Stage && vote.Choice == workflow.ChoiceConditions {
			conds = workflow.UnionConditions(conds, vote.Conditions)
		}
	}
	for _, c := range conds {
		out.Conditions = append(out.Conditions, c.Text(v.lang))
	}
	return out
}

// sendRecord sends the record of r, just decided by d, to the requester and to the
// deciding role (its channel, else its members): a card with what was decided, then
// the whole record as a message. Failures are logged: the decision stands.
func (f *Feature) sendRecord(ctx context.Context, r requests.Request, d workflow.Decision) {
	if f.Notify == nil {
		return
	}
	messages := func(lang i18n.Lang) (bot.Reply, bot.Reply, error) {
		rec, err := f.Record(ctx, r.ID, lang)
		if err != nil {
			return bot.Reply{}, bot.Reply{}, err
		}
		text := i18n.T(lang, "record.message.attached", map[string]any{"ID": r.ID}) + "\n\n" + record.Message(rec)
		return bot.Reply{Card: recordCard(rec, f.Location)}, bot.Text(text), nil
	}
	card, text, err := messages(f.personLang(ctx, r.RequesterKey, r.Lang))
	if err != nil {
		f.Log.Error("decision record", "request", r.ID, "err", err)
		return
	}
	for _, m := range []bot.Reply{card, text} {
		if _, err := f.Notify.ToPerson(ctx, r.RequesterKey, m); err != nil {
			f.Log.Warn("decision record not delivered to the requester", "request", r.ID, "err", err)
		}
	}
	role := stageRole(d.Stage)
	for i := range 2 {
		pick := func(lang i18n.Lang) bot.Reply {
			c, t, err := messages(lang)
			if err != nil {
				f.Log.Error("decision record", "request", r.ID, "err", err)
			}
			return []bot.Reply{c, t}[i]
		}
		msg := pick(f.Lang)
		msg.Localize = pick
		if _, err := f.Notify.ToRole(ctx, role, msg); err != nil {
			f.Log.Warn("decision record not delivered to the committee", "request", r.ID, "role", role, "err", err)
		}
	}
}

// personLang is the language to write to the person key in: the one they chose, else
// the one they last wrote in, else fallback, else the bot's.
func (f *Feature) personLang(ctx context.Context, key, fallback string) i18n.Lang {
	lang := f.Lang
	if i18n.Valid(fallback) {
		lang = i18n.Lang(fallback)
	}
	if people, err := f.Store.People(ctx, key); err == nil {
		if l := bot.LangOf(people); l != "" {
			lang = i18n.Lang(l)
		}
	}
	return lang
}
