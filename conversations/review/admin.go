package review

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// adminDialog is the dialog kind of a change waiting for its confirmation.
const adminDialog = "review.admin"

// adminTTL is how long a change waits for its confirmation: a "oui" typed much later
// is more likely meant for something else.
const adminTTL = 15 * time.Minute

// adminCommand resolves an administrator's change and asks them to confirm it.
func (f *Feature) adminCommand(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	cmd, _ := parseAdmin(s.Turn.Text)
	if !s.HasRole(roleAdmin) {
		err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "inventory.denied",
			Subject: "system:" + cmd.System, Comment: cmd.Op, Sections: []string{"6.1", "8"}})
		return []bot.Reply{private(s.T("review.admin.not_admin"))}, err
	}
	sys, err := f.Store.FindSystem(ctx, cmd.System)
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{private(s.T("review.admin.no_system", map[string]any{"System": cmd.System}))}, nil
	}
	if err != nil {
		return nil, err
	}
	cmd.SystemID, cmd.SystemName = sys.ID, sys.Name
	if cmd.Op == "reclassify" {
		_, bad, _ := parseReclass(s.Turn.Text)
		if msg := reclassCheck(s, cmd, bad); msg != "" {
			return []bot.Reply{private(msg)}, nil
		}
	}
	if cmd.Use != "" {
		if cmd.UseID, err = f.findUse(ctx, cmd.Use); err != nil {
			return nil, err
		}
		if cmd.UseID == "" {
			return []bot.Reply{private(s.T("review.admin.no_use", map[string]any{"Use": cmd.Use}))}, nil
		}
	}
	if cmd.Reason == "" {
		return []bot.Reply{private(s.T("review.admin.need_reason." + cmd.Op))}, nil
	}
	var b [8]byte
	rand.Read(b[:])
	cmd.Nonce, cmd.At = hex.EncodeToString(b[:]), s.Now
	state, err := json.Marshal(cmd)
	if err != nil {
		return nil, err
	}
	if err := s.SaveState(ctx, adminDialog, state); err != nil {
		return nil, err
	}
	v, err := f.view(ctx, s.Lang, requests.Request{})
	if err != nil {
		return nil, err
	}
	if cmd.Op == "reclassify" {
		return []bot.Reply{{Card: reclassCard(v, cmd, sys), Private: true}}, nil
	}
	return []bot.Reply{{Card: adminCard(v, cmd, sys.Status), Private: true}}, nil
}

// reclassCard asks to confirm a « reclasser », every field before → after.
func reclassCard(v view, cmd adminCmd, sys workflow.System) *cards.Card {
	facts := append([]cards.Fact{{Label: v.t("review.fact.system"), Value: cmd.SystemName}},
		classFacts(v, workflow.ClassificationOf(sys), workflow.ClassificationOf(cmd.Class.Apply(sys)))...)
	facts = append(facts, cards.Fact{Label: v.t("review.admin.reason"), Value: cmd.Reason})
	return &cards.Card{
		Title:    v.t("review.admin.title.reclassify"),
		Sections: []cards.Section{{Facts: facts}, {Text: v.t("review.admin.effect")}},
		Buttons: []cards.Button{{Label: v.t("review.button.confirm_change"), Verb: VerbAdminYes, Subject: cmd.Nonce, Style: cards.StyleDanger},
			{Label: v.t("review.button.cancel"), Verb: VerbAdminNo, Subject: cmd.Nonce}},
		Footer: v.t("review.admin.footer"),
	}
}

// findUse resolves a use typed by id or label, in either language.
func (f *Feature) findUse(ctx context.Context, typed string) (string, error) {
	uses, err := f.Store.UseLabels(ctx)
	if err != nil {
		return "", err
	}
	want := text.FoldWords(typed)
	for _, u := range uses {
		if want == text.FoldWords(u.ID) || want == text.FoldWords(u.LabelFR) || want == text.FoldWords(u.LabelEN) {
			return u.ID, nil
		}
	}
	return "", nil
}

// adminCard asks to confirm a change, saying what it does and that it applies at once.
func adminCard(v view, cmd adminCmd, status string) *cards.Card {
	facts := []cards.Fact{{Label: v.t("review.fact.system"), Value: cmd.SystemName}}
	if cmd.UseID != "" {
		facts = append(facts, cards.Fact{Label: v.t("review.admin.use"), Value: v.useLabel(cmd.UseID)},
			cards.Fact{Label: v.t("review.admin.new_rule"), Value: v.t("review.rule." + opRule[cmd.Op])})
	} else {
		facts = append(facts, cards.Fact{Label: v.t("review.admin.status"),
			Value: v.t("review.system_status."+status) + " → " + v.t("review.system_status."+opStatus[cmd.Op])})
	}
	reasonLabel := "review.admin.reason"
	if cmd.Op == "restrict" {
		reasonLabel = "review.admin.conditions"
	}
	facts = append(facts, cards.Fact{Label: v.t(reasonLabel), Value: cmd.Reason})
	style := cards.StylePrimary
	if cmd.Op == "suspend" || cmd.Op == "withdraw" || cmd.Op == "forbid" {
		style = cards.StyleDanger
	}
	return &cards.Card{
		Title:    v.t("review.admin.title." + cmd.Op),
		Sections: []cards.Section{{Facts: facts}, {Text: v.t("review.admin.effect")}},
		Buttons: []cards.Button{{Label: v.t("review.button.confirm_change"), Verb: VerbAdminYes, Subject: cmd.Nonce, Style: style},
			{Label: v.t("review.button.cancel"), Verb: VerbAdminNo, Subject: cmd.Nonce}},
		Footer: v.t("review.admin.footer"),
	}
}

// pendingAdmin returns the person's change waiting for confirmation, if still fresh.
func pendingAdmin(ctx context.Context, s *conversations.Session) (adminCmd, bool, error) {
	raw, ok, err := s.LoadState(ctx, adminDialog)
	if err != nil || !ok {
		return adminCmd{}, false, err
	}
	var cmd adminCmd
	if json.Unmarshal(raw, &cmd) != nil || s.Now.Sub(cmd.At) > adminTTL {
		return adminCmd{}, false, s.ClearState(ctx, adminDialog)
	}
	return cmd, true, nil
}

// apply carries out a confirmed change: the state is cleared first, so that a second
// confirmation finds nothing, and storage refuses a change already made.
func (f *Feature) apply(ctx context.Context, s *conversations.Session, cmd adminCmd) (string, error) {
	if err := s.ClearState(ctx, adminDialog); err != nil {
		return "", err
	}
	switch {
	case cmd.Op == opDelegate && cmd.Delegation != nil:
		return f.applyDelegation(ctx, s, cmd)
	case cmd.Op == opReassign && cmd.Assign != nil:
		return f.applyReassign(ctx, s, cmd)
	}
	if !s.HasRole(roleAdmin) {
		return s.T("review.admin.not_admin"), nil
	}
	if cmd.Op == "reclassify" && cmd.Class != nil {
		return f.applyReclass(ctx, s, cmd)
	}
	v := view{lang: s.Lang}
	data := map[string]any{"System": cmd.SystemName, "Reason": cmd.Reason}
	var from string
	var err error
	if cmd.UseID != "" {
		data["Use"] = cmd.UseID
		if uses, uerr := f.Store.UseLabels(ctx); uerr == nil {
			v.uses = map[string]workflow.UseLabel{}
			for _, u := range uses {
				v.uses[u.ID] = u
			}
			data["Use"] = v.useLabel(cmd.UseID)
		}
		// The inventory holds conditions in both languages (6.1); the administrator's
		// are kept as written in both.
		cond := ""
		if cmd.Op == "restrict" {
			cond = cmd.Reason
		}
		from, err = f.Store.ChangeUseRule(ctx, cmd.SystemID, cmd.UseID, opRule[cmd.Op], cond, cond, cmd.Reason, actor(s))
		data["From"], data["To"] = ruleOrNone(s.Lang, from), i18n.T(s.Lang, "review.rule."+opRule[cmd.Op])
	} else {
		from, err = f.Store.ChangeSystemStatus(ctx, cmd.SystemID, opStatus[cmd.Op], cmd.Reason, actor(s))
		data["From"], data["To"] = s.T("review.system_status."+from), s.T("review.system_status."+opStatus[cmd.Op])
	}
	switch {
	case errors.Is(err, bot.ErrConflict):
		return s.T("review.admin.unchanged", data), nil
	case errors.Is(err, bot.ErrNotFound):
		return s.T("review.admin.no_system", data), nil
	case err != nil:
		return "", err
	case cmd.UseID != "":
		return s.T("review.admin.done_use", data), nil
	}
	return s.T("review.admin.done_status", data), nil
}

func ruleOrNone(lang i18n.Lang, rule string) string {
	if rule == "" {
		return i18n.T(lang, "review.rule.unlisted")
	}
	return i18n.T(lang, "review.rule."+rule)
}

// yesWords and noWords answer a pending confirmation.
var (
	yesWords = conversations.Phrases{"oui", "o", "yes", "y", "confirmer", "je confirme", "confirm", "ok", "d accord"}
	noWords  = conversations.Phrases{"non", "n", "no", "annuler", "cancel", "laisse tomber", "never mind"}
)
