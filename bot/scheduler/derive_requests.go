package scheduler

import (
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// stageRole is the role that acts at a review stage, empty when the status is not one.
// A request just submitted waits for CODIR-IN, which decides every request (6.3.3).
func stageRole(s requests.Status) string {
	switch s {
	case requests.Submitted, requests.CODIRReview:
		return config.RoleCODIRIN
	case requests.STIReview:
		return config.RoleSTI
	case requests.PrivacyReview:
		return config.RoleCPRPSI
	}
	return ""
}

// deriveReview: a stage waiting pending_review_days business days nudges the stage
// role's members; at twice that, it escalates to CODIR-IN's channel and the
// requester's supervisor instead. Each happens once per stage and round.
func deriveReview(e *env, r requests.Request) []Item {
	if r.StageSince == nil {
		return nil
	}
	role := stageRole(r.Status)
	since := e.cal.Day(*r.StageSince)
	occ := fmt.Sprintf("%d/%s/%s", r.Round, r.Status, since.Format(dateLayout))
	base := Item{Subject: requests.Subject(r.ID), System: systemName(r), Date: since, Request: r.ID, Role: role,
		Days: e.cal.BusinessDaysBetween(since, e.today)}
	n := e.cfg.PendingReviewDays
	var (
		kind Kind
		at   time.Time
		to   []string
	)
	if esc := e.cal.AddBusinessDays(since, 2*n); e.reached(esc) {
		kind, at, to = ReviewLate, esc, recipients(RolePrefix+config.RoleCODIRIN, r.SupervisorKey)
	} else if nudge := e.cal.AddBusinessDays(since, n); e.reached(nudge) {
		kind, at, to = Review, nudge, nil
		// A stage reassigned nudges its assignee; a member away has the nudge go to
		// their delegate; when every one is away with nobody standing in, the stage
		// would wait for no one: the administrators are told instead, so that they
		// reassign it (#19).
		members := e.members[role]
		if a, ok := e.assigned[r.ID]; ok && a.Round == r.Round && a.Stage == r.Status {
			if members = e.members[a.ToRole]; a.ToKey != "" {
				members = []string{a.ToKey}
			} else {
				role, base.Role = a.ToRole, a.ToRole
			}
		}
		a, reassigned := e.assigned[r.ID]
		reassigned = reassigned && a.Round == r.Round && a.Stage == r.Status
		able, needed, lost := workflow.QuorumOutOfReach(e.rules(role), members, e.votes[r.ID], e.today, e.delegations)
		// Under a committee's votes, only the members who have not voted are nudged,
		// told how many votes the stage still needs.
		voted := map[string]bool{}
		if !reassigned && e.rules(role).Votes() {
			voted = workflow.Voters(e.votes[r.ID])
			base.Votes = max(needed-len(voted), 0)
		}
		for _, k := range members {
			if !voted[strings.ToLower(k)] {
				to = recipients(append(to, workflow.RouteTo(k, e.today, e.delegations))...)
			}
		}
		switch {
		case workflow.AllAway(members, e.today, e.delegations):
			kind, to = ReviewAway, []string{RolePrefix + config.RoleAdmin}
		case lost && !reassigned:
			// Its votes can no longer close it: the same escalation, which says why.
			kind, to = ReviewAway, []string{RolePrefix + config.RoleAdmin}
			base.Quorum, base.Able = needed, able
		case len(to) == 0:
			to = []string{RolePrefix + role}
		}
	} else {
		return nil
	}
	if !e.isDue(at) {
		return nil
	}
	out := make([]Item, 0, len(to))
	for _, k := range to {
		it := base
		it.Kind, it.Stage, it.Occurrence, it.Recipient, it.Due = kind, string(kind), occ+"/"+string(kind), k, e.due(at)
		out = append(out, it)
	}
	return out
}

// sessionsOf are the training sessions a person may attend: their own session, and
// every session of the request's calendar from it on (one missed can be caught up at
// the next); without a session of their own, the whole calendar.
func sessionsOf(e *env, t TrainingRecord, calendar []time.Time) []time.Time {
	var out []time.Time
	seen := map[time.Time]bool{}
	add := func(d time.Time) {
		if d = e.cal.Date(d); !seen[d] {
			seen[d] = true
			out = append(out, d)
		}
	}
	if t.SessionAt != nil {
		add(*t.SessionAt)
	}
	for _, d := range calendar {
		if t.SessionAt == nil || !e.cal.Date(d).Before(e.cal.Date(*t.SessionAt)) {
			add(d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// deriveTraining: each person not yet trained, on the business day before each of
// their sessions (every session of the calendar gets its reminder), and on the
// business day after the last one if they have not said they attended.
func deriveTraining(e *env, r requests.Request) []Item {
	calendar := r.Facts().TrainingDates()
	var out []Item
	for _, t := range e.src.Trainings[r.ID] {
		if t.CompletedAt != nil {
			continue
		}
		sessions := sessionsOf(e, t, calendar)
		for i, session := range sessions {
			last := i == len(sessions)-1
			it := Item{Kind: Training, Subject: requests.Subject(r.ID), Recipient: t.PersonKey, System: systemName(r),
				Date: session, Request: r.ID}
			before := e.cal.OnOrBefore(session.AddDate(0, 0, -1))
			after := e.cal.OnOrAfter(session.AddDate(0, 0, 1))
			switch {
			case last && e.isDue(after):
				it.Stage, it.Due = "after", e.due(after)
			case e.isDue(before) && e.today.Before(session):
				it.Stage, it.Due = "before", e.due(before)
			default:
				continue
			}
			it.Occurrence = session.Format(dateLayout) + "/" + it.Stage
			out = append(out, it)
		}
	}
	return out
}

// deriveUntrained: a week before deployment (the business day before when that is a
// quiet day), the requester and their supervisor get the list of people not trained.
func deriveUntrained(e *env, r requests.Request) []Item {
	deploy, ok := r.Facts().DeploymentDate()
	if !ok {
		return nil
	}
	deploy = e.cal.Date(deploy)
	at := e.cal.OnOrBefore(deploy.AddDate(0, 0, -7))
	if !e.isDue(at) || !e.today.Before(deploy) {
		return nil
	}
	names := untrained(e, r.ID)
	if len(names) == 0 {
		return nil
	}
	var out []Item
	for _, to := range recipients(r.RequesterKey, r.SupervisorKey) {
		it := Item{Kind: Untrained, Subject: requests.Subject(r.ID), Occurrence: deploy.Format(dateLayout),
			Recipient: to, Due: e.due(at), System: systemName(r), Date: deploy, Request: r.ID, Names: names,
			Days: len(e.src.Trainings[r.ID])}
		if to == r.RequesterKey {
			it.Lang = r.Lang
		}
		out = append(out, it)
	}
	return out
}

// untrained lists the display names (keys when unknown) of the people of a request
// not trained yet.
func untrained(e *env, id uint) []string {
	var names []string
	for _, t := range e.src.Trainings[id] {
		if t.CompletedAt == nil {
			names = append(names, e.name(t.PersonKey))
		}
	}
	return names
}

func (e *env) name(key string) string {
	if n := e.src.Names[key]; n != "" {
		return n
	}
	return key
}
