package review

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// VerbView is the refresh verb of a review card posted to a role's channel: Teams asks
// for each viewer's own version of the card (user-specific views), subject
// "<request>:<round>:<stage>".
const VerbView = "review.view"

// Per-person views. The card posted to a role's channel carries the buttons (Slack and
// the terminal show it as posted; a Teams channel of more than 60 people shows it to
// those it does not refresh for, and the role check refuses them as ever) and a
// refresh listing the stage's reviewers and the requester. Teams then asks for each
// viewer's version: the stage's reviewers get the buttons, the requester the status
// and history, anyone else a summary without buttons — workflow.AudienceOf decides,
// from the viewer's roles and the request as stored now. After a decision the message
// itself is rewritten (afterDecision), and every viewer sees the decision.

// onView answers Teams fetching a viewer's version of a review card.
func (f *Feature) onView(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	ref, ok := parseRef(s.Turn.Action.Subject)
	if !ok {
		return []bot.Reply{refused(s.T("review.error.bad_button"))}, nil
	}
	r, err := f.Store.Request(ctx, ref.id)
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{refused(s.T("review.error.no_request", map[string]any{"ID": ref.id}))}, nil
	}
	if err != nil {
		return nil, err
	}
	// A view shows the request: only on a card posted for it, like a button.
	if ok, err := f.ownCard(ctx, s, ref); err != nil || !ok {
		return []bot.Reply{refused(s.T("review.error.bad_button"))}, err
	}
	c, err := f.viewerCard(ctx, s, r, ref)
	if err != nil {
		return nil, err
	}
	return []bot.Reply{{Card: c, View: true}}, nil
}

// viewerCard is the session's person's version of the card of stage ref of r.
func (f *Feature) viewerCard(ctx context.Context, s *conversations.Session, r requests.Request, ref cardRef) (*cards.Card, error) {
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	if r.Round != ref.round || r.Status != ref.stage {
		// The stage is over: the message shows its decision to all (a refresh asked
		// before the message was rewritten still arrives).
		d, err := f.Store.DecisionFor(ctx, ref.id, ref.round, ref.stage)
		if errors.Is(err, bot.ErrNotFound) {
			return summaryCard(v, ref), nil
		}
		if err != nil {
			return nil, err
		}
		return decidedCard(v, d, workflow.Next(r, d.Stage, d.Decision)), nil
	}
	own, err := f.ownRequest(ctx, s, r.RequesterKey)
	if err != nil {
		return nil, err
	}
	who := workflow.Actor{Key: s.Key, Roles: s.Roles}
	aud := workflow.AudienceOf(r, ref.stage, ref.round, who, own)
	if aud != workflow.Requester {
		// A delegate, or a stage reassigned: the buttons show to whom they act for.
		st, err := f.standing(ctx, s, ref)
		if err != nil {
			return nil, err
		}
		if st.Assignment != nil || len(st.For) > 0 {
			aud = workflow.Observer
			if _, err := workflow.CheckAs(r, ref.stage, ref.round, workflow.Approve, who, st); err == nil {
				aud = workflow.Reviewer
			}
		}
	}
	var c *cards.Card
	switch aud {
	case workflow.Reviewer:
		c = reviewCard(v)
	case workflow.Requester:
		c = requesterCard(v)
	default:
		c = summaryCard(v, ref)
	}
	// The version shown keeps the refresh, so that the next look is fetched again.
	c.Refresh, err = f.refresh(ctx, r)
	return c, err
}

// requesterCard is the requester's view of their request under review: where it is,
// what was decided so far, and what they asked.
func requesterCard(v view) *cards.Card {
	r := v.req
	c := &cards.Card{
		Title:    v.t("review.card.title", map[string]any{"ID": r.ID, "System": v.systemName()}),
		Subtitle: v.t("review.view.requester.status", map[string]any{"Status": statusLabel(v.lang, r.Status)}),
		Footer:   v.t("review.view.requester.footer"),
	}
	if s, ok := v.historySection(); ok {
		c.Sections = append(c.Sections, s)
	} else {
		c.Sections = append(c.Sections, cards.Section{Heading: v.t("review.history.heading"), Text: v.t("review.view.no_decision")})
	}
	if s, ok := v.consultSection(r.Status, r.Round, nil); ok {
		c.Sections = append(c.Sections, s)
	}
	c.Sections = append(c.Sections, cards.Section{Facts: v.facts()})
	return c
}

// summaryCard is what anyone but the stage's reviewers and the requester sees: the
// request and its stage, read-only.
func summaryCard(v view, ref cardRef) *cards.Card {
	r := v.req
	c := &cards.Card{
		Title:    v.t("review.card.title", map[string]any{"ID": r.ID, "System": v.systemName()}),
		Subtitle: v.stageLine(ref.stage),
		Sections: append(v.warnings(), cards.Section{Facts: v.facts()}),
		Footer:   v.t("review.view.observer.footer", map[string]any{"Role": v.t("review.role." + stageRole(ref.stage))}),
	}
	if s, ok := v.historySection(); ok {
		c.Sections = append(c.Sections, s)
	}
	return c
}

// refresh is the refresh of the card of r's current stage posted to a role's channel:
// the Teams ids of the stage's reviewers and of the requester, or none past
// cards.MaxRefreshUsers (Teams then refreshes for everyone in a channel of at most 60
// people, and shows the card as posted in larger ones).
func (f *Feature) refresh(ctx context.Context, r requests.Request) (*cards.Refresh, error) {
	rf := &cards.Refresh{Verb: VerbView, Subject: refOf(r).String()}
	seen := map[string]bool{}
	var ids []string
	add := func(who string) error {
		found, err := f.teamsIDs(ctx, who)
		for _, id := range found {
			if !seen[id] {
				seen[id] = true
				ids = append(ids, id)
			}
		}
		return err
	}
	if err := add(r.RequesterKey); err != nil {
		return nil, err
	}
	for _, m := range f.Members(stageRole(r.Status)) {
		if err := add(m); err != nil {
			return nil, err
		}
	}
	if len(ids) <= cards.MaxRefreshUsers {
		rf.UserIDs = ids
	}
	return rf, nil
}

// teamsIDs are the ids the Teams channel knows a person by (a configured member, a
// key): their AAD object ids where the bot met them on Teams, else the e-mail (a
// UPN) or "teams:<AAD>" as configured. The Teams channel turns them into the
// conversation's user ids (MRIs) when it posts the card.
func (f *Feature) teamsIDs(ctx context.Context, who string) ([]string, error) {
	var ids []string
	key, err := f.Store.FindPersonKey(ctx, who)
	switch {
	case err == nil:
		people, err := f.Store.People(ctx, key)
		if err != nil {
			return nil, err
		}
		for _, p := range people {
			if p.Channel == bot.Teams && p.UserID != "" {
				ids = append(ids, p.UserID)
			}
		}
	case !errors.Is(err, bot.ErrNotFound):
		return nil, err
	}
	if len(ids) > 0 {
		return ids, nil
	}
	if ch, id, ok := strings.Cut(who, ":"); ok && ch == string(bot.Teams) && id != "" {
		return []string{id}, nil
	}
	if text.IsEmail(who) {
		return []string{strings.ToLower(strings.TrimSpace(who))}, nil
	}
	return nil, nil
}
