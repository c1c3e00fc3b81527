package review

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"strings"
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

// The operations of the confirmation dialog besides the inventory's (adminCmd.Op).
const (
	opDelegate = "delegate"
	opReassign = "reassign"
)

// delegationIntents are the phrases of dated delegations and reassignments (#19).
// They interrupt a dialog: they are whole commands, never an answer to a question.
func (f *Feature) delegationIntents() []conversations.Intent {
	return []conversations.Intent{
		{Name: "review.delegate", Priority: 96, Interrupts: true, Match: func(s *conversations.Session, _ string) bool {
			_, ok := parseAbsence(s.Turn.Text, s.Now)
			return ok
		}, Handle: f.delegate},
		{Name: "review.delegate_cancel", Priority: 96, Interrupts: true, Match: func(s *conversations.Session, _ string) bool {
			_, ok := parseCancelFolded(s.Turn.Text, s.Folded())
			return ok
		}, Handle: f.cancelDelegation},
		{Name: "review.reassign", Priority: 96, Interrupts: true, Match: func(s *conversations.Session, _ string) bool {
			_, ok := parseReassign(s.Turn.Text)
			return ok
		}, Handle: f.reassign},
	}
}

// resolvePerson finds a person typed as an e-mail (keyed as the bot keys them, met
// or not) or as a name the bot has met; msg is the message id of why not.
func (f *Feature) resolvePerson(ctx context.Context, typed string) (key, name, msg string, err error) {
	if text.IsEmail(typed) {
		email := strings.ToLower(strings.TrimSpace(typed))
		key, err = f.Store.FindPersonKey(ctx, email)
		if errors.Is(err, bot.ErrNotFound) {
			return email, email, "", nil
		}
		if err != nil {
			return "", "", "", err
		}
		return key, f.displayName(ctx, key, email), "", nil
	}
	people, err := f.Store.PeopleNamed(ctx, typed)
	switch {
	case err != nil:
		return "", "", "", err
	case len(people) == 0:
		return "", "", "delegation.unknown_person", nil
	case len(people) > 1:
		return "", "", "delegation.ambiguous_person", nil
	}
	return people[0].Key, people[0].Name, "", nil
}

// displayName is the name the bot knows key by, else fallback.
func (f *Feature) displayName(ctx context.Context, key, fallback string) string {
	if people, err := f.Store.People(ctx, key); err == nil {
		for _, p := range people {
			if strings.TrimSpace(p.Name) != "" {
				return p.Name
			}
		}
	}
	return fallback
}

// reviewRolesOf keeps the review roles (sti, codir-in, cprpsi) of roles.
func reviewRolesOf(roles []string) []string {
	var out []string
	for _, st := range workflow.StagesOf(roles) {
		out = append(out, st.Role)
	}
	return out
}

// delegate answers « je serai absent du … au …, déléguer à … » (or an administrator's
// « Paul Roy sera absent … »): checked, then shown for confirmation.
func (f *Feature) delegate(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	a, _ := parseAbsence(s.Turn.Text, s.Now)
	d := workflow.Delegation{PersonKey: s.Key, PersonName: nameOr(s.Turn.User.Name, s.Key), ByKey: s.Key, ByName: s.Turn.User.Name}
	roles := reviewRoles(s)
	if a.Person != "" {
		if !s.HasRole(roleAdmin) {
			err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "delegation.denied",
				Subject: "person:" + a.Person, Comment: "delegate for someone else", Sections: []string{"6.3.3"}})
			return []bot.Reply{private(s.T("delegation.not_admin"))}, err
		}
		key, name, msg, err := f.resolvePerson(ctx, a.Person)
		if err != nil || msg != "" {
			return []bot.Reply{private(s.T(msg, map[string]any{"Name": a.Person}))}, err
		}
		d.PersonKey, d.PersonName = key, name
		roles = reviewRolesOf(f.rolesOfKey(ctx, key))
	}
	if len(roles) == 0 {
		return []bot.Reply{private(s.T("delegation.no_role", map[string]any{"Name": d.PersonName, "Self": a.Person == ""}))}, nil
	}
	if len(a.Dates) != 2 {
		return []bot.Reply{private(s.T("delegation.need_dates"))}, nil
	}
	d.From, d.To = a.Dates[0], a.Dates[1]
	if a.Delegate != "" {
		key, name, msg, err := f.resolvePerson(ctx, a.Delegate)
		if err != nil || msg != "" {
			return []bot.Reply{private(s.T(msg, map[string]any{"Name": a.Delegate}))}, err
		}
		d.DelegateKey, d.DelegateName = key, name
	}
	today := f.today(s.Now)
	existing, err := f.Store.DelegationsOn(ctx, today)
	if err != nil {
		return nil, err
	}
	if err := workflow.CheckDelegation(d, today, existing); err != nil {
		return []bot.Reply{private(delegationRefusal(s.Lang, err, d))}, nil
	}
	cmd := adminCmd{Op: opDelegate, Delegation: &d, SystemName: d.PersonName}
	return f.askConfirm(ctx, s, &cmd, func(v view) *cards.Card { return delegationCard(v, cmd, roles) })
}

// askConfirm keeps cmd waiting for its confirmation and shows card.
func (f *Feature) askConfirm(ctx context.Context, s *conversations.Session, cmd *adminCmd, card func(view) *cards.Card) ([]bot.Reply, error) {
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
	return []bot.Reply{{Card: card(view{lang: s.Lang, loc: f.Location}), Private: true}}, nil
}

// delegationRefusal says why a delegation cannot be recorded.
func delegationRefusal(lang i18n.Lang, err error, d workflow.Delegation) string {
	id := map[error]string{workflow.ErrDelegationDates: "delegation.error.dates", workflow.ErrDelegationPast: "delegation.error.past",
		workflow.ErrDelegateSelf: "delegation.error.self", workflow.ErrDelegationOverlap: "delegation.error.overlap",
		workflow.ErrDelegateAway: "delegation.error.delegate_away"}
	for e, msg := range id {
		if errors.Is(err, e) {
			return i18n.T(lang, msg, map[string]any{"Name": d.PersonName, "Delegate": d.DelegateName})
		}
	}
	return err.Error()
}

// delegationCard asks to confirm a delegation: who, which days, to whom.
func delegationCard(v view, cmd adminCmd, roles []string) *cards.Card {
	d := cmd.Delegation
	var names []string
	for _, r := range roles {
		names = append(names, v.t("review.role."+r))
	}
	delegate := v.t("delegation.nobody")
	if d.DelegateKey != "" {
		delegate = d.DelegateName
	}
	facts := []cards.Fact{
		{Label: v.t("delegation.fact.person"), Value: d.PersonName},
		{Label: v.t("delegation.fact.roles"), Value: strings.Join(names, ", ")},
		{Label: v.t("delegation.fact.from"), Value: d.From.Format(time.DateOnly)},
		{Label: v.t("delegation.fact.to"), Value: d.To.Format(time.DateOnly)},
		{Label: v.t("delegation.fact.delegate"), Value: delegate},
	}
	effect := "delegation.effect"
	if d.DelegateKey == "" {
		effect = "delegation.effect_nobody"
	}
	return &cards.Card{
		Title:    v.t("review.admin.title." + opDelegate),
		Sections: []cards.Section{{Facts: facts}, {Text: v.t(effect, map[string]any{"Delegate": d.DelegateName})}},
		Buttons: []cards.Button{{Label: v.t("review.button.confirm_change"), Verb: VerbAdminYes, Subject: cmd.Nonce, Style: cards.StylePrimary},
			{Label: v.t("review.button.cancel"), Verb: VerbAdminNo, Subject: cmd.Nonce}},
		Footer: v.t("delegation.footer"),
	}
}

// applyDelegation records a confirmed delegation and tells the delegate (and the
// person away, when an administrator recorded it for them).
func (f *Feature) applyDelegation(ctx context.Context, s *conversations.Session, cmd adminCmd) (string, error) {
	d := *cmd.Delegation
	if d.PersonKey != s.Key && !s.HasRole(roleAdmin) {
		return s.T("delegation.not_admin"), nil
	}
	saved, err := f.Store.AddDelegation(ctx, d, f.today(s.Now))
	if err != nil {
		var known bool
		for _, e := range []error{workflow.ErrDelegationDates, workflow.ErrDelegationPast, workflow.ErrDelegateSelf,
			workflow.ErrDelegationOverlap, workflow.ErrDelegateAway} {
			known = known || errors.Is(err, e)
		}
		if known {
			return delegationRefusal(s.Lang, err, d), nil
		}
		return "", err
	}
	data := func(lang i18n.Lang) map[string]any {
		return map[string]any{"Name": saved.PersonName, "Delegate": saved.DelegateName, "From": saved.From.Format(time.DateOnly),
			"To": saved.To.Format(time.DateOnly), "By": nameOr(s.Turn.User.Name, s.Key)}
	}
	if f.Notify != nil && saved.DelegateKey != "" {
		f.tell(ctx, saved.DelegateKey, "", func(lang i18n.Lang) string { return i18n.T(lang, "delegation.told_delegate", data(lang)) })
	}
	if f.Notify != nil && saved.PersonKey != s.Key {
		f.tell(ctx, saved.PersonKey, "", func(lang i18n.Lang) string { return i18n.T(lang, "delegation.told_person", data(lang)) })
	}
	if saved.DelegateKey == "" {
		return s.T("delegation.done_nobody", data(s.Lang)), nil
	}
	return s.T("delegation.done", data(s.Lang)), nil
}

// cancelDelegation answers « annuler ma délégation » (or an administrator's « annuler
// la délégation de Paul Roy »): the delegation under way and those to come end now.
func (f *Feature) cancelDelegation(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	typed, _ := parseCancelFolded(s.Turn.Text, s.Folded())
	key, name := s.Key, nameOr(s.Turn.User.Name, s.Key)
	if typed != "" {
		if !s.HasRole(roleAdmin) {
			return []bot.Reply{private(s.T("delegation.not_admin"))}, nil
		}
		k, n, msg, err := f.resolvePerson(ctx, typed)
		if err != nil || msg != "" {
			return []bot.Reply{private(s.T(msg, map[string]any{"Name": typed}))}, err
		}
		key, name = k, n
	}
	ended, err := f.Store.EndDelegations(ctx, key, f.today(s.Now), s.Now, actor(s))
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{private(s.T("delegation.cancel.none", map[string]any{"Name": name, "Self": typed == ""}))}, nil
	}
	if err != nil {
		return nil, err
	}
	for _, d := range ended {
		if d.DelegateKey != "" && f.Notify != nil {
			f.tell(ctx, d.DelegateKey, "", func(lang i18n.Lang) string {
				return i18n.T(lang, "delegation.told_delegate_ended", map[string]any{"Name": d.PersonName})
			})
		}
	}
	return []bot.Reply{private(s.T("delegation.cancel.done", map[string]any{"Name": name, "Self": typed == ""}))}, nil
}

// closeConfirm is the outcome of a confirmation card: its title by operation.
func closeConfirm(s *conversations.Session, cmd adminCmd, text string) []bot.Reply {
	switch cmd.Op {
	case opDelegate, opReassign:
		if s.Turn.Action.MessageID == "" {
			return []bot.Reply{bot.Text(text)}
		}
		return []bot.Reply{{Card: &cards.Card{Title: s.T("delegation.closed." + cmd.Op), Sections: []cards.Section{{Text: text}}}, Replace: true}}
	}
	return closeCard(s, text)
}

// requestOf is the request a reassignment names, re-read.
func (f *Feature) requestOf(ctx context.Context, id uint) (requests.Request, bool, error) {
	r, err := f.Store.Request(ctx, id)
	if errors.Is(err, bot.ErrNotFound) {
		return r, false, nil
	}
	return r, err == nil, err
}
