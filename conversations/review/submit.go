package review

import (
	"context"
	"errors"
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
)

// OnSubmit is the hook the Annexe 1 dialog calls once it has submitted request id
// (annexe.Feature.OnSubmit): it starts the review at its first stage, posts the card
// to that stage's role and tells the requester where the request went. A request that
// is no longer "submitted" (a second click, already started) is left alone and gets
// no reply; an error means the database failed and the request stays submitted, to be
// started by the next "demandes à examiner".
func (f *Feature) OnSubmit(ctx context.Context, s *conversations.Session, id uint) ([]bot.Reply, error) {
	r, posted, err := f.start(ctx, id, actor(s))
	if errors.Is(err, bot.ErrConflict) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	text := s.T("review.submitted."+string(r.Status), map[string]any{"ID": r.ID})
	if !posted {
		text += "\n\n" + s.T("review.submitted.not_posted")
	}
	// 6.2: personal information in a public system is forbidden; the requester learns
	// it now rather than from a refusal.
	if v, err := f.view(ctx, s.Lang, r); err == nil && v.publicPersonal() {
		text += "\n\n" + s.T("review.submitted.pi_public", map[string]any{"System": v.systemName()})
	}
	return []bot.Reply{bot.Text(text)}, nil
}

// start moves a submitted request into its first stage and posts its card.
func (f *Feature) start(ctx context.Context, id uint, by audit.Actor) (requests.Request, bool, error) {
	r, err := f.Store.Request(ctx, id)
	if err != nil {
		return r, false, err
	}
	if r.Status != requests.Submitted {
		return r, false, fmt.Errorf("request %d is %s: %w", id, r.Status, bot.ErrConflict)
	}
	previous, err := f.history(ctx, id, r.Round-1)
	if err != nil {
		return r, false, err
	}
	st := workflow.FirstStage(r, previous)
	r, err = f.Store.StartReview(ctx, id, st, by, append([]string{"6.3.1"}, workflow.Sections(st)...))
	if err != nil {
		return r, false, err
	}
	posted := f.postStage(ctx, r) > 0
	if !posted {
		f.tellAdmins(ctx, r)
	}
	return r, posted, nil
}

// maxPending bounds the cards of one "demandes à examiner" answer.
const maxPending = 10

// pending answers "demandes à examiner": a card for each request waiting for one of
// the person's roles, the longest waiting first. A request left "submitted" by a
// failure after its submission is started first, so nothing is lost.
func (f *Feature) pending(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	var statuses []requests.Status
	for _, stg := range workflow.StagesOf(append(append([]string(nil), s.Roles...), f.delegatedRoles(ctx, s)...)) {
		statuses = append(statuses, stg.Status)
	}
	opinions, consulted, err := f.pendingOpinions(ctx, s)
	if err != nil {
		return nil, err
	}
	if len(statuses) == 0 {
		// Someone given a stage by an administrator reviews it without the role.
		mine, err := f.pendingFor(ctx, s, nil)
		switch {
		case err != nil:
			return nil, err
		case len(mine) == 0 && !consulted:
			return []bot.Reply{bot.Text(s.T("review.pending.not_reviewer"))}, nil
		case len(mine) == 0:
			return privateInGroup(s, opinions), nil
		}
	}
	stuck, err := f.Store.RequestsInStatus(ctx, maxPending, requests.Submitted)
	if err != nil {
		return nil, err
	}
	for _, r := range stuck {
		if _, _, err := f.start(ctx, r.ID, audit.System); err != nil && !errors.Is(err, bot.ErrConflict) {
			return nil, err
		}
	}
	waiting, err := f.pendingFor(ctx, s, statuses)
	if err != nil {
		return nil, err
	}
	if len(waiting) == 0 && len(opinions) > 0 && !consultedNone(opinions) {
		return privateInGroup(s, opinions), nil
	}
	if len(waiting) == 0 {
		return []bot.Reply{bot.Text(s.T("review.pending.none"))}, nil
	}
	replies := []bot.Reply{bot.Text(s.T("review.pending.intro", map[string]any{"Count": min(len(waiting), maxPending)}))}
	for i, r := range waiting {
		if i == maxPending {
			replies = append(replies, bot.Text(s.T("review.pending.more")))
			break
		}
		v, err := f.view(ctx, s.Lang, r)
		if err != nil {
			return nil, err
		}
		if delivered, err := f.delivered(ctx, r); err != nil {
			return nil, err
		} else if !delivered {
			st, _ := workflow.StageOf(r.Status)
			replies = append(replies, bot.Text(s.T("review.pending.undelivered", map[string]any{"ID": r.ID, "Role": s.T("review.role." + st.Role)})))
		}
		if vt, ok := v.myVote(s.Key); ok {
			replies = append(replies, bot.Text(s.T("votes.pending.voted", map[string]any{"ID": r.ID,
				"Choice": s.T("votes.choice." + string(vt.Choice))})))
		}
		replies = append(replies, bot.Reply{Card: reviewCard(v)})
	}
	if !consultedNone(opinions) {
		replies = append(replies, opinions...)
	}
	return privateInGroup(s, replies), nil
}

// delivered reports whether the card of the request's stage reached anyone; when it
// did not, it is posted again, so that a role given a channel or members since gets it.
func (f *Feature) delivered(ctx context.Context, r requests.Request) (bool, error) {
	refs, err := f.Store.PostedCards(ctx, r.ID, r.Round, r.Status)
	if err != nil || len(refs) > 0 {
		return len(refs) > 0, err
	}
	return f.postStage(ctx, r) > 0, nil
}

// privateInGroup makes replies carrying request details private when the person
// asked in a shared conversation, where others would read them: Slack shows them as
// ephemeral messages, Teams in the person's 1:1 chat with the bot.
func privateInGroup(s *conversations.Session, replies []bot.Reply) []bot.Reply {
	if s.Turn.Conversation.Group {
		for i := range replies {
			replies[i].Private = true
		}
	}
	return replies
}
