package review

import (
	"context"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
)

// DelegationStore is what delegations and reassignments read and write (#19).
type DelegationStore interface {
	AddDelegation(ctx context.Context, d workflow.Delegation, today time.Time) (workflow.Delegation, error)
	EndDelegations(ctx context.Context, person string, today, at time.Time, by audit.Actor) ([]workflow.Delegation, error)
	DelegationsOn(ctx context.Context, day time.Time) ([]workflow.Delegation, error)
	PeopleNamed(ctx context.Context, name string) ([]bot.Person, error)
	Reassign(ctx context.Context, a workflow.Assignment) (string, error)
	Assignment(ctx context.Context, id uint, round int, stage requests.Status) (workflow.Assignment, error)
	CurrentAssignments(ctx context.Context) ([]workflow.Assignment, error)
}

// today is the civil date of t in the CSSDGS's time zone: delegations are by day.
func (f *Feature) today(t time.Time) time.Time { return workflow.Day(t, f.Location) }

// rolesOfKey are the roles of the person keyed key, from the configured members
// (an e-mail or CHANNEL:ID, resolved to the key the bot knows them by).
func (f *Feature) rolesOfKey(ctx context.Context, key string) []string {
	var out []string
	for _, role := range config.RoleNames {
		for _, m := range f.Members(role) {
			if strings.EqualFold(strings.TrimSpace(m), key) {
				out = append(out, role)
				break
			}
			if k, err := f.Store.FindPersonKey(ctx, m); err == nil && k == key {
				out = append(out, role)
				break
			}
		}
	}
	return out
}

// assignment is where the request's current stage was reassigned, nil when it was not.
func (f *Feature) assignment(ctx context.Context, id uint, round int, stage requests.Status) (*workflow.Assignment, error) {
	a, err := f.Store.Assignment(ctx, id, round, stage)
	if errors.Is(err, bot.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return &a, nil
}

// standing is what lets the person act on ref's stage besides their roles: the
// people they stand in for today, and the stage's reassignment.
func (f *Feature) standing(ctx context.Context, s *conversations.Session, ref cardRef) (workflow.Standing, error) {
	var st workflow.Standing
	a, err := f.assignment(ctx, ref.id, ref.round, ref.stage)
	if err != nil {
		return st, err
	}
	st.Assignment = a
	today := f.today(s.Now)
	all, err := f.Store.DelegationsOn(ctx, today)
	if err != nil {
		return st, err
	}
	for _, d := range workflow.ActingFor(s.Key, today, all) {
		st.For = append(st.For, workflow.Principal{Key: d.PersonKey, Name: nameOr(d.PersonName, d.PersonKey),
			Roles: f.rolesOfKey(ctx, d.PersonKey)})
	}
	return st, nil
}

// sameIdentity reports whether keys a and b are one person under any identifier the
// bot knows them by (an e-mail, a platform id on its channel).
func (f *Feature) sameIdentity(ctx context.Context, a, b string) (bool, error) {
	if strings.EqualFold(a, b) {
		return true, nil
	}
	ia, err := f.identities(ctx, a)
	if err != nil {
		return false, err
	}
	ib, err := f.identities(ctx, b)
	if err != nil {
		return false, err
	}
	for id := range ia {
		if id != "" && ib[id] {
			return true, nil
		}
	}
	return false, nil
}

// byName is who took decision d, as cards and messages show it: « Marie Roy (pour
// Paul Roy) » for a delegate.
func byName(lang i18n.Lang, d workflow.Decision) string {
	name := nameOr(d.ActorName, d.ActorKey)
	if d.ForKey == "" && d.ForName == "" {
		return name
	}
	return i18n.T(lang, "delegation.on_behalf", map[string]any{"Name": name, "For": nameOr(d.ForName, d.ForKey)})
}

// delegatedRoles are the roles of the people the person stands in for today.
func (f *Feature) delegatedRoles(ctx context.Context, s *conversations.Session) []string {
	today := f.today(s.Now)
	all, err := f.Store.DelegationsOn(ctx, today)
	if err != nil {
		return nil
	}
	var out []string
	for _, d := range workflow.ActingFor(s.Key, today, all) {
		out = append(out, f.rolesOfKey(ctx, d.PersonKey)...)
	}
	return out
}

// pendingFor are the requests waiting for the person: those at the stages of
// statuses, less the ones reassigned elsewhere, plus those reassigned to them (or to
// a role they hold or stand in for).
func (f *Feature) pendingFor(ctx context.Context, s *conversations.Session, statuses []requests.Status) ([]requests.Request, error) {
	var waiting []requests.Request
	if len(statuses) > 0 {
		var err error
		if waiting, err = f.Store.RequestsInStatus(ctx, maxPending+1, statuses...); err != nil {
			return nil, err
		}
	}
	assigned, err := f.Store.CurrentAssignments(ctx)
	if err != nil || len(assigned) == 0 {
		return waiting, err
	}
	roles := append(append([]string(nil), s.Roles...), f.delegatedRoles(ctx, s)...)
	mine := map[uint]bool{}
	for _, a := range assigned {
		mine[a.RequestID] = strings.EqualFold(a.ToKey, s.Key) || (a.ToRole != "" && slices.Contains(roles, a.ToRole))
	}
	out := waiting[:0]
	seen := map[uint]bool{}
	for _, r := range waiting {
		if ok, reassigned := mine[r.ID]; !reassigned || ok {
			out = append(out, r)
			seen[r.ID] = true
		}
	}
	for _, a := range assigned {
		if mine[a.RequestID] && !seen[a.RequestID] && len(out) <= maxPending {
			r, err := f.Store.Request(ctx, a.RequestID)
			if err != nil {
				return nil, err
			}
			seen[r.ID] = true
			out = append(out, r)
		}
	}
	return out, nil
}
