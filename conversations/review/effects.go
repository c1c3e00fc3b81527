package review

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// The effects of the workflow outside the turn: cards posted to a role, cards updated
// in place, people told. They run after the database has committed the change, so a
// platform failure never undoes a decision; it is logged (request id, role, error:
// nothing personal) and the reviewers still find the request with "demandes à
// examiner".

// postStage posts the card of the request's current stage to the stage's role and
// remembers where it went. It returns how many cards were posted.
func (f *Feature) postStage(ctx context.Context, r requests.Request) int {
	st, ok := workflow.StageOf(r.Status)
	if !ok || f.Notify == nil {
		return 0
	}
	v, err := f.view(ctx, f.Lang, r)
	if err != nil {
		f.Log.Error("review card", "request", r.ID, "err", err)
		return 0
	}
	// A role's channel gets the bot's language; its members, when written to one by
	// one, each get theirs.
	localize := func(lang i18n.Lang) bot.Reply {
		if lv, err := f.view(ctx, lang, r); err == nil {
			return bot.Reply{Card: reviewCard(lv)}
		}
		return bot.Reply{Card: reviewCard(v)}
	}
	// The card for a role's channel asks Teams for each viewer's version (viewer.go);
	// a member written to alone gets the buttons as they are.
	shared := reviewCard(v)
	if shared.Refresh, err = f.refresh(ctx, r); err != nil {
		f.Log.Error("review card refresh", "request", r.ID, "err", err)
		shared.Refresh = nil
	}
	refs, err := f.postTo(ctx, r, st.Role, bot.Reply{Card: shared, Localize: localize})
	if err != nil {
		f.Log.Warn("review card not delivered", "request", r.ID, "role", st.Role, "err", err)
	}
	for _, m := range refs {
		if err := f.Store.AddPostedCard(ctx, r.ID, r.Round, r.Status, m); err != nil {
			f.Log.Error("remember posted card", "request", r.ID, "err", err)
		}
	}
	return len(refs)
}

// tellAdmins tells the administrators that no one of the stage's role could be
// reached with the request's card: they register a channel or fix the role's members.
// Until then « demandes à examiner » shows the request as not delivered.
func (f *Feature) tellAdmins(ctx context.Context, r requests.Request) {
	st, ok := workflow.StageOf(r.Status)
	if !ok || f.Notify == nil || st.Role == roleAdmin {
		return
	}
	text := func(lang i18n.Lang) string {
		return i18n.T(lang, "review.undelivered.admin", map[string]any{"ID": r.ID, "Role": i18n.T(lang, "review.role."+st.Role)})
	}
	msg := bot.Reply{Text: text(f.Lang), Localize: func(lang i18n.Lang) bot.Reply { return bot.Text(text(lang)) }}
	if _, err := f.Notify.ToRole(ctx, roleAdmin, msg); err != nil {
		f.Log.Warn("admins not told of an undelivered card", "request", r.ID, "err", err)
	}
}

// afterDecision updates every card posted for the decided stage, posts the next
// stage's card, and tells the requester and, for an outcome, their supervisor. It
// returns the message ids of the cards updated, and whether the next stage's card
// reached no one.
func (f *Feature) afterDecision(ctx context.Context, r requests.Request, d workflow.Decision, to requests.Status,
	res workflow.ApprovalResult) (updated map[string]bool, undelivered bool) {
	updated = map[string]bool{}
	if f.Notify == nil {
		return updated, false
	}
	refs, err := f.Store.PostedCards(ctx, r.ID, d.Round, d.Stage)
	if err != nil {
		f.Log.Error("posted cards", "request", r.ID, "err", err)
	}
	if len(refs) > 0 {
		v, err := f.view(ctx, f.Lang, r)
		if err != nil {
			f.Log.Error("decided card", "request", r.ID, "err", err)
			refs = nil
		}
		for _, m := range refs {
			if err := f.Notify.Update(ctx, m, bot.Reply{Card: decidedCard(v, d, to)}); err != nil {
				f.Log.Warn("review card not updated", "request", r.ID, "err", err)
				continue
			}
			updated[m.MessageID] = true
		}
	}
	if _, next := workflow.StageOf(to); next {
		if f.postStage(ctx, r) == 0 {
			f.tellAdmins(ctx, r)
			undelivered = true
		}
	}
	f.tell(ctx, r.RequesterKey, r.Lang, func(lang i18n.Lang) string { return f.outcomeText(ctx, lang, r, d, to, res) })
	if to == requests.Approved || to == requests.Rejected {
		f.sendRecord(ctx, r, d) // the decision record (record.go)
	}
	if to.RoundOver() {
		if key := f.supervisorKey(ctx, r); key != "" && key != r.RequesterKey {
			f.tell(ctx, key, "", func(lang i18n.Lang) string {
				return i18n.T(lang, "review.supervisor."+string(to), map[string]any{"ID": r.ID, "Requester": nameOr(r.RequesterName, ""),
					"System": r.Facts().SystemName(), "Stage": statusLabel(lang, d.Stage)})
			})
		}
	}
	return updated, undelivered
}

// outcomeText tells the requester what was decided and what follows.
func (f *Feature) outcomeText(ctx context.Context, lang i18n.Lang, r requests.Request, d workflow.Decision,
	to requests.Status, res workflow.ApprovalResult) string {
	text := i18n.T(lang, "review.notify."+string(to), map[string]any{"ID": r.ID, "System": r.Facts().SystemName(),
		"Name": byName(lang, d), "Stage": statusLabel(lang, d.Stage), "Comment": d.Comment})
	if to != requests.Approved {
		return text
	}
	v, err := f.view(ctx, lang, r)
	if err != nil {
		return text
	}
	codir, ok := v.ruling()
	ru, okRuling := parseRuling(codir.Details)
	if !ok || !okRuling {
		return text
	}
	var lines []string
	for _, u := range ru.Uses {
		line := v.useLabel(u.Use) + " : " + v.t("review.rule."+u.Rule)
		if u.Conditions != "" {
			line += " — " + u.Conditions
		}
		lines = append(lines, line)
	}
	// The privacy committee's own conditions are in its decision, besides CODIR-IN's.
	if conds := workflow.UnionConditions(ru.Conditions, detailsConditions(d)); len(conds) > 0 {
		lines = append(lines, v.t("votes.notify.conditions", map[string]any{"Conditions": workflow.ConditionsText(conds, lang)}))
	}
	text += "\n\n" + bullets(lines) + "\n\n" + v.t("review.notify.approved_dates", map[string]any{
		"EFVP": ru.EFVPNextReview, "Training": strings.Join(ru.Training, ", ")})
	if res.Status != "" && res.Status != "approved" {
		text += "\n\n" + v.t("review.notify.system_not_approved", map[string]any{"Status": v.t("review.system_status." + res.Status)})
	}
	return text
}

// tell writes to a person in their language: the one they chose, else the one they
// last wrote in, else fallback, else the bot's default. Failures are logged, not returned: the decision stands.
func (f *Feature) tell(ctx context.Context, key, fallback string, text func(i18n.Lang) string) {
	lang := f.personLang(ctx, key, fallback)
	if _, err := f.Notify.ToPerson(ctx, key, bot.Text(text(lang))); err != nil {
		f.Log.Warn("notification not delivered", "err", err)
	}
}

// supervisorKey is the key of the requester's supervisor when the bot has met them.
func (f *Feature) supervisorKey(ctx context.Context, r requests.Request) string {
	who := strings.TrimSpace(r.SupervisorKey)
	if who == "" {
		who = strings.ToLower(r.Facts().Supervisor())
	}
	if who == "" {
		return ""
	}
	key, err := f.Store.FindPersonKey(ctx, who)
	if err != nil {
		if !errors.Is(err, bot.ErrNotFound) {
			f.Log.Error("find supervisor", "request", r.ID, "err", err)
		}
		return ""
	}
	return key
}
