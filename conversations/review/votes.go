package review

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
)

// configFirst is the rule of a role without a committee rule: its first decision.
var configFirst = config.Committee{Rule: config.RuleFirst}

// committee is how stage st decides and how many members its role has.
func (f *Feature) committee(st requests.Status) (workflow.Rule, int) {
	stage, ok := workflow.StageOf(st)
	if !ok || f.Committee == nil {
		return workflow.RuleOf(configFirst), 0
	}
	return f.Committee(stage.Role), len(f.Members(stage.Role))
}

// vote casts the session's member's vote on the stage ref names and, when the vote
// closes the stage, records its decision in the same transaction (storage.CastVote).
// An open stage's cards are redrawn with the new tally; only a closed stage tells the
// requester.
func (f *Feature) vote(ctx context.Context, s *conversations.Session, r requests.Request, ref cardRef, choice workflow.Choice,
	comment string, conds []workflow.Condition, details string) ([]bot.Reply, error) {
	rule, eligible := f.committee(ref.stage)
	past, err := f.history(ctx, r.ID, r.Round)
	if err != nil {
		return nil, err
	}
	v := workflow.Vote{RequestID: r.ID, Round: ref.round, Stage: ref.stage, VoterKey: s.Key, VoterName: s.Turn.User.Name,
		Choice: choice, Comment: strings.TrimSpace(comment), Conditions: conds, Details: details}
	if ref.as.Key != "" {
		// A delegate votes in the seat of the member they stand in for: one vote per
		// member, which the member's own vote would replace (#19).
		v.VoterKey, v.ByKey = ref.as.Key, s.Key
		v.VoterName = byName(f.Lang, workflow.Decision{ActorName: s.Turn.User.Name, ActorKey: s.Key, ForKey: ref.as.Key, ForName: ref.as.Name})
	}
	cast, err := f.Store.CastVote(ctx, v, f.closer(rule, eligible, ref.stage, past))
	if errors.Is(err, bot.ErrConflict) {
		now, err := f.Store.Request(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		return f.late(ctx, s, now, ref, choice.Action())
	}
	if err != nil {
		return nil, err
	}
	if cast.Decision != nil {
		return f.decided(ctx, s, r, ref, cast.Decision.To, cast.Result)
	}
	after, err := f.Store.Request(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	updated := f.refreshStage(ctx, after)
	view, err := f.view(ctx, s.Lang, after)
	if err != nil {
		return nil, err
	}
	msg := "votes.cast"
	if cast.Replaced {
		msg = "votes.changed"
	}
	tally := workflow.Count(rule, eligible, view.stageVotes(ref.stage)).Tally
	replies := []bot.Reply{private(s.T(msg, map[string]any{"ID": r.ID, "Choice": s.T("votes.choice." + string(choice)),
		"Tally": view.tallyLine(rule, tally, false)}))}
	if id := s.Turn.Action.MessageID; id != "" && !updated[id] && !s.Turn.Action.Private {
		replies = append(replies, bot.Reply{Card: reviewCard(view), Replace: true})
	}
	return replies, nil
}

// closer decides, inside the vote's transaction, whether the votes close the stage
// (workflow.Count) and with what decision. A committee's decision is the role's, in
// its name, with the comments of the members who voted for it; an approval carries
// the union of its members' conditions into the ruling and the inventory.
func (f *Feature) closer(rule workflow.Rule, eligible int, stage requests.Status, past []workflow.Decision) workflow.Closer {
	return func(r requests.Request, votes []workflow.Vote) (*workflow.Decision, workflow.Planner, error) {
		o := workflow.Count(rule, eligible, votes)
		if !o.Closed {
			return nil, nil, nil
		}
		d := workflow.CloseDecision(r, o)
		if rule.Votes() {
			st, _ := workflow.StageOf(stage)
			d.ActorName = i18n.T(f.Lang, "review.role."+st.Role)
			d.Comment = f.closeComment(o, votes)
		}
		if d.Decision != workflow.Approve {
			return &d, nil, nil
		}
		details, appr, err := approvalWith(r, stage, d.Details, o.Conditions, past)
		if err != nil {
			return nil, nil, err
		}
		d.Details = details
		if appr == nil {
			return &d, nil, nil
		}
		return &d, appr.Planner(d), nil
	}
}

// approvalWith adds an approval's conditions (workflow.Condition, as data) to what the
// stage records, whether a committee's votes or one member's first decision approved:
// CODIR-IN's ruling (details) takes them besides its own; another stage's details
// carry them alone. For the final approval it also returns the inventory entry, in
// which every use not forbidden becomes restricted on them; the privacy committee
// approves what CODIR-IN ruled in past (5.1.11), with its own conditions besides.
func approvalWith(r requests.Request, stage requests.Status, details string, conds []workflow.Condition,
	past []workflow.Decision) (string, *workflow.Approval, error) {
	var ru ruling
	switch {
	case stage == requests.CODIRReview:
		var ok bool
		if ru, ok = parseRuling(details); !ok {
			return "", nil, fmt.Errorf("request %d: the approval has no ruling", r.ID)
		}
		ru.Conditions = workflow.UnionConditions(ru.Conditions, conds)
		b, err := json.Marshal(ru)
		if err != nil {
			return "", nil, err
		}
		details = string(b)
	case len(conds) > 0:
		b, err := json.Marshal(struct {
			Conditions []workflow.Condition `json:"conditions"`
		}{conds})
		if err != nil {
			return "", nil, err
		}
		details = string(b)
	}
	if !workflow.FinalApproval(r, stage) {
		return details, nil, nil
	}
	if stage != requests.CODIRReview {
		codir, _ := workflow.Ruling(past)
		var ok bool
		if ru, ok = parseRuling(codir.Details); !ok {
			return "", nil, fmt.Errorf("request %d has no readable CODIR-IN ruling", r.ID)
		}
		ru.Conditions = workflow.UnionConditions(ru.Conditions, conds)
	}
	return details, approval(r, ru), nil
}

// closeComment is what a committee's decision says: why it closed without a majority
// or unanimity, then the comments of the members who voted for the decision.
func (f *Feature) closeComment(o workflow.Outcome, votes []workflow.Vote) string {
	var parts []string
	if o.Why == workflow.WhyTie || o.Why == workflow.WhyCannotBeMet {
		parts = append(parts, i18n.T(f.Lang, "votes.close."+o.Why))
	}
	for _, v := range votes {
		if c := strings.TrimSpace(v.Comment); c != "" && v.Choice.Action() == o.Decision {
			parts = append(parts, nameOr(v.VoterName, v.VoterKey)+" : "+c)
		}
	}
	return strings.Join(parts, "\n")
}

// detailsConditions are the conditions a decision other than CODIR-IN's carries in
// its details (closer); CODIR-IN's are in its ruling.
func detailsConditions(d workflow.Decision) []workflow.Condition {
	if d.Stage == requests.CODIRReview || d.Details == "" {
		return nil
	}
	var c struct {
		Conditions []workflow.Condition `json:"conditions"`
	}
	if json.Unmarshal([]byte(d.Details), &c) != nil {
		return nil
	}
	return c.Conditions
}
