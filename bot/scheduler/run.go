package scheduler

import (
	"context"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// Report is what one pass did.
type Report struct {
	// Quiet is true on a weekend, holiday or closure day: nothing was sent.
	Quiet bool
	// Messages sent, by outcome. An aggregated message counts once.
	Sent, Unreachable, Failed, Skipped int
}

// RunOnce delivers every reminder due now and not delivered yet, once. It is what each
// scheduled pass runs; calling it again, from this process or another, sends nothing
// twice. Errors are the database's: a delivery that fails is recorded, not returned.
func (s *Scheduler) RunOnce(ctx context.Context) (Report, error) {
	if s.notify == nil {
		return Report{}, errors.New("reminders: no notifier to send with")
	}
	now := s.clock.Now().In(s.cal.Location())
	if !s.cal.BusinessDay(now) {
		return Report{Quiet: true}, nil
	}
	items, err := s.due(ctx, now)
	if err != nil {
		return Report{}, err
	}
	var rep Report
	groups := map[string][]Item{}
	for _, it := range items {
		if it.Kind.Aggregated() {
			groups[it.Recipient] = append(groups[it.Recipient], it)
			continue
		}
		if err := s.deliver(ctx, now, nil, []Item{it}, &rep); err != nil {
			return rep, err
		}
	}
	to := make([]string, 0, len(groups))
	for k := range groups {
		to = append(to, k)
	}
	sort.Strings(to)
	for _, k := range to {
		g := Claim{Key: string(gate) + "|" + now.Format(dateLayout) + "|-|" + k, Kind: gate, Recipient: k}
		if err := s.deliver(ctx, now, &g, groups[k], &rep); err != nil {
			return rep, err
		}
	}
	s.log.Info("reminder pass", "sent", rep.Sent, "unreachable", rep.Unreachable, "failed", rep.Failed, "skipped", rep.Skipped)
	return rep, nil
}

// due returns the occurrences due at now that are neither stopped, snoozed, nor
// delivered already.
func (s *Scheduler) due(ctx context.Context, now time.Time) ([]Item, error) {
	e, prefs, err := s.env(ctx, now)
	if err != nil {
		return nil, err
	}
	items := applyPrefs(derive(e), prefs, now)
	keys := make([]string, len(items))
	for i, it := range items {
		keys[i] = it.Key()
	}
	have, err := s.store.ReminderDeliveries(ctx, keys)
	if err != nil {
		return nil, fmt.Errorf("reminders: deliveries: %w", err)
	}
	out := items[:0]
	for _, it := range items {
		if d, ok := have[it.Key()]; !ok || (d.Status == Failed && d.Attempts < MaxAttempts) {
			out = append(out, it)
		}
	}
	return out, nil
}

// env reads the state a derivation needs.
func (s *Scheduler) env(ctx context.Context, now time.Time) (*env, []Pref, error) {
	src, err := s.store.ReminderSources(ctx, now.AddDate(0, 0, -7))
	if err != nil {
		return nil, nil, fmt.Errorf("reminders: sources: %w", err)
	}
	prefs, err := s.store.ReminderPrefs(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("reminders: prefs: %w", err)
	}
	e := &env{src: src, now: now, today: s.cal.Day(now), cal: s.cal, cfg: s.cfg, hour: s.hour, min: s.min,
		members: map[string][]string{}}
	if e.delegations, err = s.store.DelegationsOn(ctx, workflow.Day(now, s.cal.Location())); err != nil {
		return nil, nil, fmt.Errorf("reminders: delegations: %w", err)
	}
	assigned, err := s.store.CurrentAssignments(ctx)
	if err != nil {
		return nil, nil, fmt.Errorf("reminders: assignments: %w", err)
	}
	e.assigned = map[uint]workflow.Assignment{}
	for _, a := range assigned {
		e.assigned[a.RequestID] = a
	}
	for _, role := range []string{config.RoleSTI, config.RoleCODIRIN, config.RoleCPRPSI} {
		for _, m := range s.members(role) {
			key, err := s.store.FindPersonKey(ctx, m)
			if errors.Is(err, bot.ErrNotFound) {
				// Never met: keyed as the bot would key them, so that the delivery is
				// recorded as unreachable and the digest names them.
				key = strings.ToLower(strings.TrimSpace(m))
			} else if err != nil {
				return nil, nil, fmt.Errorf("reminders: members of %s: %w", role, err)
			}
			e.members[role] = recipients(append(e.members[role], key)...)
		}
	}
	e.rules, e.votes = s.rules, map[uint][]workflow.Vote{}
	if e.rules == nil {
		e.rules = func(string) workflow.Rule { return workflow.Rule{Kind: config.RuleFirst} }
	}
	for _, r := range src.Requests {
		if role := stageRole(r.Status); role != "" && e.rules(role).Votes() {
			if e.votes[r.ID], err = s.store.Votes(ctx, r.ID, r.Round, r.Status); err != nil {
				return nil, nil, fmt.Errorf("reminders: votes: %w", err)
			}
		}
	}
	return e, prefs, nil
}

// applyPrefs drops stopped reminders and those snoozed past now. An occurrence due
// before a snooze that has ended is due again once: its key gets the snooze's date.
func applyPrefs(items []Item, prefs []Pref, now time.Time) []Item {
	idx := make(map[[3]string]Pref, len(prefs))
	for _, p := range prefs {
		idx[[3]string{string(p.Kind), p.Subject, p.Recipient}] = p
	}
	out := make([]Item, 0, len(items))
	for _, it := range items {
		p, ok := idx[[3]string{string(it.Kind), it.Subject, it.Recipient}]
		switch {
		case !ok:
		case p.Stopped:
			continue
		case p.SnoozedUntil != nil && p.SnoozedUntil.After(now):
			continue
		case p.SnoozedUntil != nil && it.Due.Before(*p.SnoozedUntil):
			it.Occurrence += "~" + p.SnoozedUntil.In(now.Location()).Format(dateLayout)
		}
		out = append(out, it)
	}
	return out
}

// finishTimeout bounds the recording of a delivery's outcome after its pass ended.
const finishTimeout = 10 * time.Second

// deliver claims items (behind g, for an aggregated message), sends them as one
// message, and records the outcome. Items another pass claimed first are left out.
func (s *Scheduler) deliver(ctx context.Context, now time.Time, g *Claim, items []Item, rep *Report) error {
	claims := make([]Claim, len(items))
	for i, it := range items {
		claims[i] = Claim{Key: it.Key(), Kind: it.Kind, Recipient: it.Recipient}
	}
	got, err := s.store.ClaimReminders(ctx, g, claims, MaxAttempts, now)
	if err != nil {
		return fmt.Errorf("reminders: claim: %w", err)
	}
	if len(got) == 0 {
		return nil
	}
	claimed := map[string]bool{}
	for _, k := range got {
		claimed[k] = true
	}
	var mine []Item
	keys := got
	for _, it := range items {
		if claimed[it.Key()] {
			mine = append(mine, it)
		}
	}
	if g != nil {
		keys = append(keys, g.Key)
	}
	status, errText := s.send(ctx, mine, g != nil)
	if status == Sent {
		if err := s.auditAway(ctx, mine); err != nil {
			return err
		}
	}
	switch status {
	case Sent:
		rep.Sent++
	case Unreachable:
		rep.Unreachable++
	case Failed:
		rep.Failed++
	case Skipped:
		rep.Skipped++
	}
	if s.count != nil {
		for _, it := range mine {
			s.count(it.Kind, status)
		}
	}
	// The outcome is recorded even when the pass is being cancelled (shutdown): a
	// claim left pending is never sent again, one recorded failed is retried.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), finishTimeout)
	defer cancel()
	if err := s.store.FinishReminders(fctx, keys, status, errText, now); err != nil {
		return fmt.Errorf("reminders: record delivery: %w", err)
	}
	return nil
}

// send does what the claimed items ask — close a draft first for DraftClose — and
// writes the message.
func (s *Scheduler) send(ctx context.Context, items []Item, aggregated bool) (Status, string) {
	first := items[0]
	if first.Kind == DraftClose {
		reason := i18n.T(s.lang, "reminders.draft.close_reason", map[string]any{"Days": first.Days})
		err := s.store.CloseDraft(ctx, first.Request, reason)
		if errors.Is(err, bot.ErrConflict) || errors.Is(err, bot.ErrNotFound) {
			return Skipped, "" // resumed or gone since the pass read it
		}
		if err != nil {
			return Failed, err.Error()
		}
	}
	lang := s.langOf(ctx, first)
	var r bot.Reply
	if aggregated {
		r = renderDaily(items, lang, !strings.HasPrefix(first.Recipient, RolePrefix))
	} else {
		r = render(first, lang)
	}
	var err error
	if role, ok := strings.CutPrefix(first.Recipient, RolePrefix); ok {
		// Members written to one by one each read it in their language.
		r.Localize = func(l i18n.Lang) bot.Reply {
			if aggregated {
				return renderDaily(items, l, false)
			}
			return render(first, l)
		}
		_, err = s.notify.ToRole(ctx, role, r)
	} else {
		_, err = s.notify.ToPerson(ctx, first.Recipient, r)
	}
	switch {
	case err == nil:
		return Sent, ""
	case errors.Is(err, bot.ErrUnreachable):
		return Unreachable, err.Error()
	default:
		return Failed, err.Error()
	}
}

// langOf is the recipient's chosen language, else the request's, else the default.
func (s *Scheduler) langOf(ctx context.Context, it Item) i18n.Lang {
	if !strings.HasPrefix(it.Recipient, RolePrefix) {
		if l, err := s.store.ReminderLang(ctx, it.Recipient); err == nil && i18n.Valid(l) {
			return i18n.Lang(l)
		}
		if i18n.Valid(it.Lang) {
			return i18n.Lang(it.Lang)
		}
	}
	return s.lang
}

// auditAway records in the audit log each stage escalated to the administrators
// because every member of its role is away without a delegate (#19): the escalation
// is sent once (its delivery is claimed once), so it is audited once.
func (s *Scheduler) auditAway(ctx context.Context, items []Item) error {
	for _, it := range items {
		if it.Kind != ReviewAway {
			continue
		}
		comment := "every member of " + it.Role + " away without a delegate"
		if it.Quorum > 0 {
			comment = fmt.Sprintf("%d members of %s able to vote, fewer than the %d votes needed", it.Able, it.Role, it.Quorum)
		}
		err := s.store.Audit(ctx, audit.Entry{ActorKey: "system", ActorName: "iagbot", Action: "review.escalate_away",
			Subject: it.Subject, To: it.Recipient, Comment: comment,
			Sections: []string{"6.3.3"}})
		if err != nil {
			return fmt.Errorf("reminders: audit: %w", err)
		}
	}
	return nil
}
