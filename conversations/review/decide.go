package review

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// onDecision handles Approuver, Refuser and Demander des modifications on a review card.
func (f *Feature) onDecision(decision workflow.Action) conversations.Handler {
	return func(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
		r, ref, stop, err := f.checkAct(ctx, s, decision)
		if stop != nil || err != nil {
			return stop, err
		}
		comment := strings.TrimSpace(s.Turn.Action.Values[inputComment])
		switch {
		case decision.NeedsComment() && comment == "":
			out := []bot.Reply{refused(s.T("review.error.comment_required"))}
			if s.Turn.Action.MessageID == "" && !s.Turn.Action.Private {
				// Pressed where no comment can be written (the Slack App Home): the
				// card to write it in, for the person alone.
				v, err := f.view(ctx, s.Lang, r)
				if err != nil {
					return nil, err
				}
				out = append(out, bot.Reply{Card: reviewCard(v), Private: true})
			}
			return out, nil
		case decision == workflow.Approve && ref.stage == requests.STIReview:
			if pending := r.Facts().PendingSTI(); len(pending) > 0 {
				v, err := f.view(ctx, s.Lang, r)
				if err != nil {
					return nil, err
				}
				return []bot.Reply{private(s.T("review.sti.still_pending", map[string]any{"Count": len(pending)}) + "\n" +
					bullets(v.itemLabels(pending)))}, nil
			}
		case decision == workflow.Approve && ref.stage == requests.CODIRReview:
			// CODIR-IN rules on the uses when it approves (8): that takes a form.
			v, err := f.view(ctx, s.Lang, r)
			if err != nil {
				return nil, err
			}
			return []bot.Reply{formReply(s.Lang, approvalForm(v, defaults(v, s.Now), nil), false)}, nil
		}
		if rule, _ := f.committee(ref.stage); rule.Votes() {
			return f.vote(ctx, s, r, ref, choiceOf(decision), comment, nil, "")
		}
		var appr *workflow.Approval
		if decision == workflow.Approve && workflow.FinalApproval(r, ref.stage) {
			// The privacy committee approves what CODIR-IN ruled, in this round or the
			// round in which the committee asked for changes.
			past, err := f.history(ctx, r.ID, r.Round)
			if err != nil {
				return nil, err
			}
			codir, ok := workflow.Ruling(past)
			if !ok {
				return nil, fmt.Errorf("request %d has no CODIR-IN ruling", r.ID)
			}
			ru, ok := parseRuling(codir.Details)
			if !ok {
				return nil, fmt.Errorf("CODIR-IN ruling of request %d is unreadable", r.ID)
			}
			appr = approval(r, ru)
		}
		return f.decide(ctx, s, r, ref, decision, comment, "", appr)
	}
}

// onConfirm handles the approval form: a valid ruling approves the CODIR-IN stage.
func (f *Feature) onConfirm(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, ref, stop, err := f.checkAct(ctx, s, workflow.Approve)
	if stop != nil || err != nil {
		return stop, err
	}
	if ref.stage != requests.CODIRReview {
		return []bot.Reply{private(s.T("review.error.bad_button"))}, nil
	}
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	details, values, problems := readForm(v, s.Turn.Action.Values, s.Now, f.aliasTaken(ctx))
	if len(problems) > 0 {
		return []bot.Reply{formReply(s.Lang, approvalForm(v, values, problems), s.Turn.Action.MessageID != "")}, nil
	}
	if rule, _ := f.committee(ref.stage); rule.Votes() {
		replies, err := f.vote(ctx, s, r, ref, workflow.ChoiceApprove, values[inputComment], nil, details)
		if ru, _ := parseRuling(details); err == nil && ru.Override != "" {
			// A member's vote overriding 6.2 is audited on its own, as a decision is.
			err = f.Store.Audit(ctx, workflow.Override62(r.ID, ref.stage, audit.Actor{Key: s.Key, Name: s.Turn.User.Name}, ru.Override))
		}
		if err != nil || len(replies) == 0 || s.Turn.Action.MessageID == "" {
			return replies, err
		}
		return closeForm(s, v.t("review.form.title", map[string]any{"ID": r.ID, "System": v.systemName()}), replies[0].Text), nil
	}
	var appr *workflow.Approval
	if workflow.FinalApproval(r, ref.stage) {
		ru, _ := parseRuling(details)
		appr = approval(r, ru)
	}
	replies, err := f.decide(ctx, s, r, ref, workflow.Approve, values[inputComment], details, appr)
	if ru, _ := parseRuling(details); err == nil && ru.Override != "" && f.decidedBy(ctx, r, ref, s.Key) {
		// The decision's details keep the override; the audit log names it on its own.
		err = f.Store.Audit(ctx, workflow.Override62(r.ID, ref.stage, audit.Actor{Key: s.Key, Name: s.Turn.User.Name}, ru.Override))
	}
	if err != nil || len(replies) == 0 || s.Turn.Action.MessageID == "" {
		return replies, err
	}
	// The form closes with the outcome; the review card shows the decision.
	return closeForm(s, v.t("review.form.title", map[string]any{"ID": r.ID, "System": v.systemName()}), replies[0].Text), nil
}

// checkAct re-reads the request a button names and checks that the person may decide
// its stage now. stop holds the private answer when not; every refusal is audited.
func (f *Feature) checkAct(ctx context.Context, s *conversations.Session, decision workflow.Action) (requests.Request, cardRef, []bot.Reply, error) {
	ref, ok := parseRef(s.Turn.Action.Subject)
	if !ok {
		return requests.Request{}, ref, []bot.Reply{refused(s.T("review.error.bad_button"))}, nil
	}
	r, err := f.Store.Request(ctx, ref.id)
	if errors.Is(err, bot.ErrNotFound) {
		return r, ref, []bot.Reply{refused(s.T("review.error.no_request", map[string]any{"ID": ref.id}))}, nil
	}
	if err != nil {
		return r, ref, nil, err
	}
	deny := func(why, msg string, data map[string]any) (requests.Request, cardRef, []bot.Reply, error) {
		err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "review.denied",
			Subject: requests.Subject(r.ID), From: string(r.Status), To: string(r.Status), Comment: string(decision) + ": " + why,
			Sections: workflow.Sections(ref.stage)})
		return r, ref, []bot.Reply{refused(s.T(msg, data))}, err
	}
	if ok, err := f.ownCard(ctx, s, ref); err != nil {
		return r, ref, nil, err
	} else if !ok {
		return deny("not this request's card", "review.error.bad_button", nil)
	}
	if own, err := f.ownRequest(ctx, s, r.RequesterKey); err != nil {
		return r, ref, nil, err
	} else if own && s.Key != r.RequesterKey {
		return deny("own request (same identifier, another key)", "review.error.own_request", nil)
	}
	role := stageRole(ref.stage)
	standing, err := f.standing(ctx, s, ref)
	if err != nil {
		return r, ref, nil, err
	}
	if a := standing.Assignment; a != nil && a.ToRole != "" {
		role = a.ToRole
	}
	as, err := workflow.CheckAs(r, ref.stage, ref.round, decision, workflow.Actor{Key: s.Key, Roles: s.Roles}, standing)
	if err == nil && as.Key != "" {
		// A delegate never decides the request of the person they stand in for.
		if own, ierr := f.sameIdentity(ctx, as.Key, r.RequesterKey); ierr != nil {
			return r, ref, nil, ierr
		} else if own {
			err = workflow.ErrOwnRequest
		}
	}
	ref.as = as
	switch err {
	case workflow.ErrNotAuthorised:
		if a := standing.Assignment; a != nil && a.ToKey != "" {
			return deny("not the assignee", "delegation.reassign.not_assignee", map[string]any{"Name": nameOr(a.ToName, a.ToKey)})
		}
		return deny("not "+role, "review.error.not_authorised", map[string]any{"Role": s.T("review.role." + role)})
	case workflow.ErrOwnRequest:
		return deny("own request", "review.error.own_request", nil)
	case workflow.ErrMovedOn:
		stop, err := f.late(ctx, s, r, ref, decision)
		return r, ref, stop, err
	case workflow.ErrSTICannotReject:
		return r, ref, []bot.Reply{refused(s.T("review.error.sti_cannot_reject"))}, nil
	}
	return r, ref, nil, nil
}

// ownRequest reports whether the person acting is the requester under any identifier:
// their key, an e-mail, or a platform id on its channel ("slack:U04…", "teams:<AAD>",
// "terminal:NAME"), so that a person seen under two keys (an e-mail on one channel, a
// bare platform id on another) cannot decide their own request.
func (f *Feature) ownRequest(ctx context.Context, s *conversations.Session, requesterKey string) (bool, error) {
	if s.Key == requesterKey {
		return true, nil
	}
	requester, err := f.identities(ctx, requesterKey)
	if err != nil {
		return false, err
	}
	me, err := f.identities(ctx, s.Key)
	if err != nil {
		return false, err
	}
	u := s.Turn.User
	me[strings.ToLower(strings.TrimSpace(u.Email))] = true
	me[string(s.Turn.Channel)+":"+u.ID] = true
	delete(me, "")
	for id := range me {
		if requester[id] {
			return true, nil
		}
	}
	return false, nil
}

// identities are every identifier the bot knows a person by.
func (f *Feature) identities(ctx context.Context, key string) (map[string]bool, error) {
	ids := map[string]bool{strings.ToLower(key): true}
	people, err := f.Store.People(ctx, key)
	if err != nil {
		return nil, err
	}
	for _, p := range people {
		if e := strings.ToLower(strings.TrimSpace(p.Email)); e != "" {
			ids[e] = true
		}
		if p.UserID != "" {
			ids[string(p.Channel)+":"+p.UserID] = true
		}
	}
	return ids, nil
}

// ownCard reports whether the button pressed sits on a card posted for the request and
// stage it names. A card in a shared conversation must be one of those the bot posted
// there for them (Slack's container message_ts and channel, Teams' replyToId): a
// well-formed value naming another request must neither decide it nor rewrite the
// card clicked. A card seen by the presser alone (a private answer, an ephemeral
// message) or in a direct conversation shows them nothing another could not.
func (f *Feature) ownCard(ctx context.Context, s *conversations.Session, ref cardRef) (bool, error) {
	return pressedOnPosted(s, func() ([]bot.MessageRef, error) {
		return f.Store.PostedCards(ctx, ref.id, ref.round, ref.stage)
	})
}

// pressedOnPosted reports whether the button of s was pressed on one of the cards
// posted returns (read only when needed): in a shared conversation the message must be
// one of them, in that conversation; a private press (1:1 chat, ephemeral message) has
// no shared card to match.
func pressedOnPosted(s *conversations.Session, posted func() ([]bot.MessageRef, error)) (bool, error) {
	a, conv := s.Turn.Action, s.Turn.Conversation
	if a.Private || !conv.Group {
		return true, nil
	}
	refs, err := posted()
	if err != nil {
		return false, err
	}
	for _, m := range refs {
		if m.MessageID == a.MessageID && m.MessageID != "" && m.Conversation.Channel == conv.Channel && m.Conversation.ID == conv.ID {
			return true, nil
		}
	}
	return false, nil
}

// late answers a click on a stage already decided (a double click, another reviewer
// first, a platform retry, an old card): who decided and when, or where the request
// is now, privately. The attempt is audited.
func (f *Feature) late(ctx context.Context, s *conversations.Session, r requests.Request, ref cardRef, decision workflow.Action) ([]bot.Reply, error) {
	d, derr := f.Store.DecisionFor(ctx, ref.id, ref.round, ref.stage)
	if derr != nil && !errors.Is(derr, bot.ErrNotFound) {
		return nil, derr
	}
	entry := audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "review.late",
		Subject: requests.Subject(r.ID), From: string(r.Status), To: string(r.Status),
		Comment: fmt.Sprintf("%s on %s round %d", decision, ref.stage, ref.round), Sections: workflow.Sections(ref.stage)}
	if err := f.Store.Audit(ctx, entry); err != nil {
		return nil, err
	}
	if derr != nil {
		return []bot.Reply{refused(s.T("review.error.moved_on", map[string]any{"ID": r.ID, "Status": statusLabel(s.Lang, r.Status)}))}, nil
	}
	// Only the click that changed the state updates the shared card (decide): a late
	// click, however many, gets this private answer and nothing else, so that a burst
	// of clicks makes no burst of card updates.
	return []bot.Reply{refused(s.T("review.error.already_decided", map[string]any{"Name": byName(s.Lang, d),
		"When": formatWhen(s.Lang, d.At.In(f.Location)), "Decision": decisionLabel(s.Lang, d.Decision)}))}, nil
}

// decide records the decision, then updates the stage's cards, posts the next stage's
// card and tells the requester. A decision that lost a race gets the winner's name.
func (f *Feature) decide(ctx context.Context, s *conversations.Session, r requests.Request, ref cardRef,
	decision workflow.Action, comment, details string, appr *workflow.Approval) ([]bot.Reply, error) {
	to := workflow.Next(r, ref.stage, decision)
	d := workflow.Decision{RequestID: r.ID, Round: r.Round, Stage: ref.stage, Decision: decision, ActorKey: s.Key,
		ActorName: s.Turn.User.Name, ForKey: ref.as.Key, ForName: ref.as.Name, Comment: strings.TrimSpace(comment), Details: details, To: to,
		Sections: workflow.Sections(ref.stage)}
	var plan workflow.Planner
	if appr != nil {
		plan = appr.Planner(d)
	}
	res, err := f.Store.Decide(ctx, d, plan)
	if errors.Is(err, bot.ErrConflict) {
		now, err := f.Store.Request(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		return f.late(ctx, s, now, ref, decision)
	}
	if err != nil {
		return nil, err
	}
	return f.decided(ctx, s, r, ref, to, res)
}

// decided answers the person whose decision, or vote, closed the stage: the stage's
// cards updated, the next stage's card posted and the requester told (afterDecision),
// and the card they pressed replaced when it is not one of those.
func (f *Feature) decided(ctx context.Context, s *conversations.Session, r requests.Request, ref cardRef,
	to requests.Status, res workflow.ApprovalResult) ([]bot.Reply, error) {
	stored, err := f.Store.DecisionFor(ctx, r.ID, r.Round, ref.stage)
	if err != nil {
		return nil, err
	}
	after, err := f.Store.Request(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	updated, undelivered := f.afterDecision(ctx, after, stored, to, res)
	replies := []bot.Reply{private(s.T("review.done."+string(to), map[string]any{"ID": r.ID,
		"System": r.Facts().SystemName(), "SystemID": res.SystemID}))}
	if undelivered {
		// Not « transmise au CODIR-IN » alone: nobody of that role could be reached.
		replies[0].Text += "\n\n" + s.T("review.submitted.not_posted")
	}
	if res.Status != "" && res.Status != "approved" {
		replies[0].Text += "\n\n" + s.T("review.done.system_not_approved", map[string]any{"Status": s.T("review.system_status." + res.Status)})
	}
	return f.withPressedCard(ctx, s, after, updated, replies, func(v view) *cards.Card {
		return decidedCard(v, stored, to)
	})
}

// withPressedCard adds to replies the pressed card redrawn by card from r, unless
// the refresh of posted cards already rewrote that message (updated).
func (f *Feature) withPressedCard(ctx context.Context, s *conversations.Session, r requests.Request,
	updated map[string]bool, replies []bot.Reply, card func(view) *cards.Card) ([]bot.Reply, error) {
	id := s.Turn.Action.MessageID
	if id == "" || updated[id] {
		return replies, nil
	}
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	return append(replies, bot.Reply{Card: card(v), Replace: true}), nil
}

// choiceOf is the vote a card's decision button casts.
func choiceOf(a workflow.Action) workflow.Choice {
	switch a {
	case workflow.Reject:
		return workflow.ChoiceReject
	case workflow.RequestChanges:
		return workflow.ChoiceChanges
	}
	return workflow.ChoiceApprove
}

// decidedBy reports whether the stage's decision of the round is key's: a click that
// lost a race decided nothing.
func (f *Feature) decidedBy(ctx context.Context, r requests.Request, ref cardRef, key string) bool {
	d, err := f.Store.DecisionFor(ctx, r.ID, r.Round, ref.stage)
	return err == nil && d.ActorKey == key
}
