package scheduler

import (
	"sort"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// env is one derivation: the state, the time of the pass and the settings.
type env struct {
	src   Sources
	now   time.Time // in the calendar's zone
	today time.Time // midnight of now
	cal   *Calendar
	cfg   config.Reminders
	hour  int
	min   int
	// members are the person keys of each review role; a role without any is
	// reached through RolePrefix+role.
	members map[string][]string
	// delegations are the reviewers' absences not over at the pass: a nudge for a
	// member away goes to their delegate (#19).
	delegations []workflow.Delegation
	// assigned are the stages an administrator reassigned, by request: the nudge goes
	// to the assignee.
	assigned map[uint]workflow.Assignment
	// rules are how each role decides; votes the votes cast on the current stage of
	// each request whose role decides by votes.
	rules func(role string) workflow.Rule
	votes map[uint][]workflow.Vote
}

// due is when an occurrence on day's date falls due: at the pass time that day.
func (e *env) due(day time.Time) time.Time {
	return time.Date(day.Year(), day.Month(), day.Day(), e.hour, e.min, 0, 0, e.cal.Location())
}

// isDue reports whether the pass of day's date has come.
func (e *env) isDue(day time.Time) bool { return !e.due(day).After(e.now) }

// reached reports whether day's date has come, its pass time or not. A series picks
// its latest notice among the days reached, then sends it only once its pass has
// come: a catch-up run before reminders.at on a notice day sends nothing for that
// series, so the day's pass sends one notice instead of two with the same words.
func (e *env) reached(day time.Time) bool { return !day.After(e.today) }

// derive returns every reminder occurrence due at e.now, the latest of each series
// only (a catch-up after downtime sends the 7-day EFVP reminder, not also the 30-day
// one; before reminders.at on the 7-day day, neither), delivered or not: the caller
// filters what was already sent.
func derive(e *env) []Item {
	var out []Item
	out = append(out, deriveEFVP(e)...)
	for _, r := range e.src.Requests {
		switch {
		case r.Status == requests.Draft:
			out = append(out, deriveDraft(e, r)...)
		case r.Status == requests.Approved:
			out = append(out, deriveTraining(e, r)...)
			out = append(out, deriveUntrained(e, r)...)
			out = append(out, deriveRisk(e, r)...)
		case stageRole(r.Status) != "":
			out = append(out, deriveReview(e, r)...)
		}
	}
	out = append(out, deriveDigest(e)...)
	out = oncePerPerson(out, e.src.Same)
	sort.SliceStable(out, func(i, j int) bool { return out[i].Key() < out[j].Key() })
	return out
}

// oncePerPerson addresses each item to the person's one key (a terminal name or a
// platform id linked by e-mail to the e-mail key) and keeps one item per occurrence
// and person: Julie on the terminal and by e-mail is reminded once.
func oncePerPerson(items []Item, same map[string]string) []Item {
	if len(same) == 0 {
		return items
	}
	seen := map[string]bool{}
	out := items[:0]
	for _, it := range items {
		if k, ok := same[it.Recipient]; ok {
			it.Recipient = k
		}
		if seen[it.Key()] {
			continue
		}
		seen[it.Key()] = true
		out = append(out, it)
	}
	return out
}

// deriveEFVP: the owner at 30 days, 7 days and on the day (the business day before
// when one falls on a quiet day: a deadline is better met early) — CODIR-IN for a
// system without an owner (the sample inventory's); past due, the owner, CODIR-IN's
// channel and the owner's supervisor from the next business day, then weekly, until a
// new date is recorded (a planned EFVP is followed up until it is recorded done). A
// suspended system is not chased: it is not in use.
func deriveEFVP(e *env) []Item {
	var out []Item
	for _, s := range e.src.Systems {
		if s.Status == "withdrawn" {
			continue
		}
		d := e.cal.Date(s.NextReview)
		date := d.Format(dateLayout)
		base := Item{Kind: EFVP, Subject: "system:" + s.ID, System: s.Name, Date: d, Request: s.RequestID, Lang: s.Lang}
		owner := s.OwnerKey
		if owner == "" {
			owner = RolePrefix + config.RoleCODIRIN
		}
		{
			var stage string
			var at time.Time
			for _, st := range []struct {
				name string
				day  time.Time
			}{{"30", e.cal.OnOrBefore(d.AddDate(0, 0, -30))}, {"7", e.cal.OnOrBefore(d.AddDate(0, 0, -7))}, {"0", e.cal.OnOrBefore(d)}} {
				if e.reached(st.day) {
					stage, at = st.name, st.day
				}
			}
			if stage != "" && e.isDue(at) {
				it := base
				it.Stage, it.Occurrence, it.Recipient, it.Due = stage, date+"/"+stage, owner, e.due(at)
				it.Days = daysBetween(e.today, d)
				out = append(out, it)
			}
		}
		first := e.cal.OnOrAfter(d.AddDate(0, 0, 1))
		if !e.reached(first) || s.Status == "suspended" {
			continue
		}
		k := daysBetween(first, e.today) / 7
		for k > 0 && !e.reached(e.cal.OnOrAfter(first.AddDate(0, 0, 7*k))) {
			k--
		}
		ping := first.AddDate(0, 0, 7*k)
		if !e.isDue(e.cal.OnOrAfter(ping)) {
			continue
		}
		if s.OwnerKey != "" {
			it := base
			it.Stage, it.Recipient = "late", s.OwnerKey
			it.Occurrence = date + "/late/" + ping.Format(dateLayout)
			it.Due, it.Days = e.due(e.cal.OnOrAfter(ping)), daysBetween(e.today, d)
			out = append(out, it)
		}
		for _, to := range recipients(RolePrefix+config.RoleCODIRIN, s.SupervisorKey) {
			it := base
			// The request's language is the owner's, not the supervisor's or the channel's.
			it.Kind, it.Stage, it.Recipient, it.Lang = EFVPLate, "late", to, ""
			it.Occurrence = date + "/late/" + ping.Format(dateLayout)
			it.Due, it.Days = e.due(e.cal.OnOrAfter(ping)), daysBetween(d, e.today)
			out = append(out, it)
		}
	}
	return out
}

// deriveRisk: the requester, every risk.review_interval days after the approval.
func deriveRisk(e *env, r requests.Request) []Item {
	n, ok := r.Facts().RiskReviewInterval()
	if !ok || r.DecidedAt == nil || r.RequesterKey == "" {
		return nil
	}
	base := e.cal.Day(*r.DecidedAt)
	k := daysBetween(base, e.today) / n
	for k > 0 && !e.reached(e.cal.OnOrAfter(base.AddDate(0, 0, k*n))) {
		k--
	}
	if k < 1 {
		return nil
	}
	p := base.AddDate(0, 0, k*n)
	if !e.isDue(e.cal.OnOrAfter(p)) {
		return nil
	}
	return []Item{{Kind: Risk, Subject: requests.Subject(r.ID), Occurrence: p.Format(dateLayout),
		Recipient: r.RequesterKey, Due: e.due(e.cal.OnOrAfter(p)), System: systemName(r), Date: p,
		Request: r.ID, Days: n, Lang: r.Lang}}
}

// deriveDraft: the requester once when the draft has been idle draft_remind_days; at
// draft_close_days it is closed instead.
func deriveDraft(e *env, r requests.Request) []Item {
	if r.RequesterKey == "" {
		return nil
	}
	since := e.cal.Day(r.UpdatedAt)
	remind := e.cal.OnOrAfter(since.AddDate(0, 0, e.cfg.DraftRemindDays))
	closing := e.cal.OnOrAfter(since.AddDate(0, 0, e.cfg.DraftCloseDays))
	it := Item{Subject: requests.Subject(r.ID), Recipient: r.RequesterKey, System: systemName(r),
		Request: r.ID, Date: closing, Days: daysBetween(since, e.today), Lang: r.Lang}
	switch {
	case e.reached(closing):
		it.Kind, it.Stage, it.Occurrence, it.Due = DraftClose, "close", since.Format(dateLayout)+"/close", e.due(closing)
	case e.reached(remind):
		it.Kind, it.Stage, it.Occurrence, it.Due = Draft, "remind", since.Format(dateLayout)+"/remind", e.due(remind)
	default:
		return nil
	}
	if it.Due.After(e.now) {
		return nil
	}
	return []Item{it}
}

// recipients drops empty and repeated keys.
func recipients(keys ...string) []string {
	var out []string
	seen := map[string]bool{}
	for _, k := range keys {
		if k != "" && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}

func systemName(r requests.Request) string {
	if r.SystemName != "" {
		return r.SystemName
	}
	return r.Facts().SystemName()
}
