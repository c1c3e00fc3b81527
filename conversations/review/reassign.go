package review

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// reassign answers an administrator's « réassigner la demande 12 à marie.roy@… —
// motif : congé » or « … au rôle cprpsi — motif … »: checked, then shown for
// confirmation.
func (f *Feature) reassign(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	typed, _ := parseReassign(s.Turn.Text)
	if !s.HasRole(roleAdmin) {
		err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "review.denied",
			Subject: requests.Subject(typed.ID), Comment: "reassign: not admin", Sections: []string{"6.3.3"}})
		return []bot.Reply{private(s.T("delegation.reassign.not_admin"))}, err
	}
	r, ok, err := f.requestOf(ctx, typed.ID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return []bot.Reply{private(s.T("review.error.no_request", map[string]any{"ID": typed.ID}))}, nil
	}
	if _, pending := workflow.StageOf(r.Status); !pending {
		return []bot.Reply{private(s.T("delegation.reassign.not_pending", map[string]any{"ID": r.ID, "Status": statusLabel(s.Lang, r.Status)}))}, nil
	}
	if typed.Reason == "" {
		return []bot.Reply{private(s.T("delegation.reassign.need_reason"))}, nil
	}
	a := workflow.Assignment{RequestID: r.ID, Round: r.Round, Stage: r.Status, ToRole: typed.Role, Reason: typed.Reason, By: actor(s)}
	if typed.Member != "" {
		key, name, msg, err := f.resolvePerson(ctx, typed.Member)
		if err != nil || msg != "" {
			return []bot.Reply{private(s.T(msg, map[string]any{"Name": typed.Member}))}, err
		}
		a.ToKey, a.ToName = key, name
		if own, err := f.sameIdentity(ctx, key, r.RequesterKey); err != nil {
			return nil, err
		} else if own {
			return []bot.Reply{private(s.T("delegation.reassign.requester"))}, nil
		}
	}
	if a.ToKey == "" && a.ToRole == "" {
		return []bot.Reply{private(s.T("delegation.reassign.need_target"))}, nil
	}
	cur, err := f.assignment(ctx, r.ID, r.Round, r.Status)
	if err != nil {
		return nil, err
	}
	if err := workflow.CheckAssignment(r, a, cur); err != nil {
		return []bot.Reply{private(reassignRefusal(s.Lang, err))}, nil
	}
	before := f.assigneeLabel(s.Lang, cur, r.Status)
	cmd := adminCmd{Op: opReassign, Assign: &a, SystemName: s.T("delegation.reassign.request", map[string]any{"ID": r.ID})}
	return f.askConfirm(ctx, s, &cmd, func(v view) *cards.Card { return reassignCard(v, cmd, r, before) })
}

// assigneeLabel names where a stage is: its role, or the assignment's member or role.
func (f *Feature) assigneeLabel(lang i18n.Lang, a *workflow.Assignment, stage requests.Status) string {
	switch {
	case a == nil:
		return i18n.T(lang, "review.role."+stageRole(stage))
	case a.ToKey != "":
		return nameOr(a.ToName, a.ToKey)
	}
	return i18n.T(lang, "review.role."+a.ToRole)
}

func reassignRefusal(lang i18n.Lang, err error) string {
	switch {
	case errors.Is(err, workflow.ErrSameAssignment):
		return i18n.T(lang, "delegation.reassign.same")
	case errors.Is(err, workflow.ErrAssignRequester):
		return i18n.T(lang, "delegation.reassign.requester")
	case errors.Is(err, workflow.ErrNotPending):
		return i18n.T(lang, "delegation.reassign.moved_on")
	}
	return err.Error()
}

// reassignCard asks to confirm a reassignment: the request, its stage, before → after,
// the reason.
func reassignCard(v view, cmd adminCmd, r requests.Request, before string) *cards.Card {
	a := cmd.Assign
	after := nameOr(a.ToName, a.ToKey)
	if a.ToRole != "" {
		after = v.t("review.role." + a.ToRole)
	}
	facts := []cards.Fact{
		{Label: v.t("delegation.fact.request"), Value: v.t("delegation.reassign.request", map[string]any{"ID": r.ID}) + " — " + r.Facts().SystemName()},
		{Label: v.t("review.fact.stage"), Value: capitalize(statusLabel(v.lang, r.Status))},
		{Label: v.t("delegation.fact.assignee"), Value: before + " → " + after},
		{Label: v.t("review.admin.reason"), Value: a.Reason},
	}
	effect := "delegation.reassign.effect_role"
	if a.ToKey != "" {
		effect = "delegation.reassign.effect_member"
	}
	return &cards.Card{
		Title:    v.t("review.admin.title." + opReassign),
		Sections: []cards.Section{{Facts: facts}, {Text: v.t(effect, map[string]any{"Name": after})}},
		Buttons: []cards.Button{{Label: v.t("review.button.confirm_change"), Verb: VerbAdminYes, Subject: cmd.Nonce, Style: cards.StylePrimary},
			{Label: v.t("review.button.cancel"), Verb: VerbAdminNo, Subject: cmd.Nonce}},
		Footer: v.t("delegation.reassign.footer"),
	}
}

// applyReassign moves the stage once confirmed: the old cards say where it went and
// lose their buttons, the assignee gets the card, the requester is told.
func (f *Feature) applyReassign(ctx context.Context, s *conversations.Session, cmd adminCmd) (string, error) {
	if !s.HasRole(roleAdmin) {
		return s.T("delegation.reassign.not_admin"), nil
	}
	a := *cmd.Assign
	a.By = actor(s)
	old, err := f.Store.PostedCards(ctx, a.RequestID, a.Round, a.Stage)
	if err != nil {
		return "", err
	}
	cur, err := f.assignment(ctx, a.RequestID, a.Round, a.Stage)
	if err != nil {
		return "", err
	}
	if _, err := f.Store.Reassign(ctx, a); err != nil {
		if errors.Is(err, workflow.ErrSameAssignment) || errors.Is(err, workflow.ErrAssignRequester) || errors.Is(err, workflow.ErrNotPending) {
			return reassignRefusal(s.Lang, err), nil
		}
		return "", err
	}
	r, err := f.Store.Request(ctx, a.RequestID)
	if err != nil {
		return "", err
	}
	after := func(lang i18n.Lang) string { return f.assigneeLabel(lang, &a, a.Stage) }
	delivered := true
	if f.Notify != nil {
		v, err := f.view(ctx, f.Lang, r)
		if err == nil {
			for _, m := range old {
				if err := f.Notify.Update(ctx, m, bot.Reply{Card: reassignedCard(v, a, after(f.Lang))}); err != nil {
					f.Log.Warn("review card not updated", "request", r.ID, "err", err)
				}
			}
		}
		// The administrator is the one to know when the assignee could not be reached
		// (never met on any channel): « demandes à examiner » still lists the request.
		delivered = f.postStage(ctx, r) > 0
		f.tell(ctx, r.RequesterKey, r.Lang, func(lang i18n.Lang) string {
			return i18n.T(lang, "delegation.reassign.told_requester", map[string]any{"ID": r.ID, "System": r.Facts().SystemName(),
				"Stage": statusLabel(lang, a.Stage), "To": after(lang)})
		})
	}
	done := s.T("delegation.reassign.done", map[string]any{"ID": r.ID, "From": f.assigneeLabel(s.Lang, cur, a.Stage),
		"To": after(s.Lang), "Reason": a.Reason})
	if !delivered {
		done += "\n\n" + s.T("delegation.reassign.not_delivered", map[string]any{"To": after(s.Lang)})
	}
	return done, nil
}

// reassignedCard replaces a stage's card once the stage went elsewhere: no buttons.
func reassignedCard(v view, a workflow.Assignment, to string) *cards.Card {
	return &cards.Card{
		Title:    v.t("review.card.title", map[string]any{"ID": v.req.ID, "System": v.systemName()}),
		Subtitle: v.t("delegation.reassign.card", map[string]any{"To": to, "By": nameOr(a.By.Name, a.By.Key), "Reason": a.Reason}),
		Sections: []cards.Section{{Facts: v.facts()}},
		Footer:   v.t("delegation.reassign.footer"),
	}
}

// delegatesOf are the people standing in today for members of role, who get the
// role's cards beside it.
func (f *Feature) delegatesOf(ctx context.Context, role string) []string {
	today := f.today(f.Now())
	all, err := f.Store.DelegationsOn(ctx, today)
	if err != nil || len(all) == 0 {
		return nil
	}
	var out, keys []string
	seen := map[string]bool{}
	for _, m := range f.Members(role) {
		key, err := f.Store.FindPersonKey(ctx, m)
		if err != nil {
			key = strings.ToLower(strings.TrimSpace(m))
		}
		keys = append(keys, key)
		seen[key] = true // a member already gets the role's card
	}
	for _, key := range keys {
		if d, ok := workflow.Away(key, today, all); ok && d.DelegateKey != "" && !seen[d.DelegateKey] {
			seen[d.DelegateKey] = true
			out = append(out, d.DelegateKey)
		}
	}
	return out
}

// postTo posts a stage's card where the stage is: to the member it was reassigned to,
// else to its role (or the role it was reassigned to) and to whoever stands in today
// for one of that role's members.
func (f *Feature) postTo(ctx context.Context, r requests.Request, role string, card bot.Reply) ([]bot.MessageRef, error) {
	a, err := f.assignment(ctx, r.ID, r.Round, r.Status)
	if err != nil {
		return nil, err
	}
	if a != nil && a.ToKey != "" {
		m, err := f.Notify.ToPerson(ctx, a.ToKey, card)
		if err != nil {
			return nil, err
		}
		return []bot.MessageRef{m}, nil
	}
	if a != nil {
		role = a.ToRole
	}
	refs, err := f.Notify.ToRole(ctx, role, card)
	for _, key := range f.delegatesOf(ctx, role) {
		m, derr := f.Notify.ToPerson(ctx, key, card)
		if derr != nil {
			f.Log.Warn("review card not delivered to a delegate", "request", r.ID, "role", role, "err", derr)
			continue
		}
		refs = append(refs, m)
	}
	if len(refs) > 0 {
		err = nil
	}
	return refs, err
}
