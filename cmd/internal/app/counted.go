package app

import (
	"context"

	"github.com/cssdgs/iagbot/bot/metrics"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/conversations/review"
)

// countedDialogs counts Annexe 1 dialogs started, completed (submitted) and abandoned
// (cancelled) as the dialog's storage calls succeed, so the dialog itself knows
// nothing of metrics.
type countedDialogs struct {
	annexe.Store
	m *metrics.Metrics
}

func (c countedDialogs) CreateDraft(ctx context.Context, key, name, lang string) (requests.Request, error) {
	r, err := c.Store.CreateDraft(ctx, key, name, lang)
	if err == nil {
		c.m.Dialogs.WithLabelValues("started").Inc()
	}
	return r, err
}

func (c countedDialogs) SubmitRequest(ctx context.Context, id uint, actorKey, actorName string) (requests.Request, error) {
	r, err := c.Store.SubmitRequest(ctx, id, actorKey, actorName)
	if err == nil {
		c.m.Dialogs.WithLabelValues("completed").Inc()
	}
	return r, err
}

func (c countedDialogs) CancelRequest(ctx context.Context, id uint, actorKey, actorName string) error {
	err := c.Store.CancelRequest(ctx, id, actorKey, actorName)
	if err == nil {
		c.m.Dialogs.WithLabelValues("abandoned").Inc()
	}
	return err
}

// countedDecisions counts the review decisions actually taken (not the late clicks).
type countedDecisions struct {
	review.Store
	m *metrics.Metrics
}

func (c countedDecisions) Decide(ctx context.Context, d workflow.Decision, plan workflow.Planner) (workflow.ApprovalResult, error) {
	res, err := c.Store.Decide(ctx, d, plan)
	if err == nil {
		c.m.Decisions.WithLabelValues(string(d.Stage), string(d.Decision)).Inc()
	}
	return res, err
}

// CastVote counts the decisions a committee's vote closed.
func (c countedDecisions) CastVote(ctx context.Context, v workflow.Vote, closer workflow.Closer) (workflow.Cast, error) {
	cast, err := c.Store.CastVote(ctx, v, closer)
	if err == nil && cast.Decision != nil {
		c.m.Decisions.WithLabelValues(string(cast.Decision.Stage), string(cast.Decision.Decision)).Inc()
	}
	return cast, err
}
