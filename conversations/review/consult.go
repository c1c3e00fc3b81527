package review

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// Consultations (procedure 30-02, 8): a member of a deciding committee asks the SGC
// (ethics and law) or the SPOA (data governance) for an opinion from the stage's card;
// the consulted role gets a card in its registered channel, or each member one, and one
// of its members gives the opinion there, once. The rules are workflow's
// (CheckConsult, CheckOpinion); storage makes both exactly-once.

// onConsultForm answers « Demander un avis » on a deciding stage's card with the form,
// privately.
func (f *Feature) onConsultForm(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, ref, stop, err := f.checkAct(ctx, s, workflow.Consult)
	if stop != nil || err != nil {
		return stop, err
	}
	if !workflow.Consults(ref.stage) {
		return []bot.Reply{refused(s.T("review.error.bad_button"))}, nil
	}
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	return []bot.Reply{{Card: consultForm(v, ref), Private: true}}, nil
}

// onConsult sends the form: the consultation is recorded once, its card posted to the
// consulted role, and the stage's cards show it waiting.
func (f *Feature) onConsult(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, ref, stop, err := f.checkAct(ctx, s, workflow.Consult)
	if stop != nil || err != nil {
		return stop, err
	}
	role := strings.TrimSpace(s.Turn.Action.Values[inputConsultRole])
	asked, err := f.Store.Consultations(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	switch err := workflow.CheckConsult(r, ref.stage, ref.round, role, workflow.Actor{Key: s.Key, Roles: s.Roles}, asked); {
	case errors.Is(err, workflow.ErrNotConsulted):
		return []bot.Reply{refused(s.T("consult.error.choose_role"))}, nil
	case errors.Is(err, workflow.ErrAlreadyAsked):
		return f.alreadyAsked(ctx, s, r, role)
	case err != nil:
		return []bot.Reply{refused(s.T("review.error.bad_button"))}, nil
	}
	c, err := f.Store.AskConsultation(ctx, workflow.Consultation{RequestID: r.ID, Round: ref.round, Stage: ref.stage, Role: role,
		AskedByKey: s.Key, AskedByName: s.Turn.User.Name, Question: strings.TrimSpace(s.Turn.Action.Values[inputQuestion])})
	if errors.Is(err, bot.ErrConflict) {
		now, err := f.Store.Request(ctx, r.ID)
		if err != nil {
			return nil, err
		}
		if now.Status != ref.stage || now.Round != ref.round {
			return f.late(ctx, s, now, ref, workflow.Consult)
		}
		return f.alreadyAsked(ctx, s, r, role)
	}
	if err != nil {
		return nil, err
	}
	posted := f.postConsultation(ctx, r, c)
	if f.Notify != nil {
		if v, err := f.view(ctx, f.Lang, r); err == nil {
			f.refreshStageOf(ctx, v, ref.stage, ref.round, nil)
		}
	}
	roleName := s.T("review.role." + role)
	text := s.T("consult.done.asked", map[string]any{"Role": roleName, "CID": c.ID})
	if posted == 0 {
		text += "\n\n" + s.T("consult.done.not_delivered", map[string]any{"Role": roleName})
	}
	if s.Turn.Action.MessageID == "" {
		return []bot.Reply{private(text)}, nil
	}
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	return closeForm(s, v.t("consult.form.title", map[string]any{"ID": r.ID, "System": v.systemName()}), text), nil
}

// alreadyAsked tells a member that role's opinion is already asked and awaited.
func (f *Feature) alreadyAsked(ctx context.Context, s *conversations.Session, r requests.Request, role string) ([]bot.Reply, error) {
	asked, err := f.Store.Consultations(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	var id uint
	for _, c := range asked {
		if c.Role == role && !c.Answered() {
			id = c.ID
		}
	}
	return []bot.Reply{refused(s.T("consult.error.already_asked", map[string]any{"Role": s.T("review.role." + role), "CID": id}))}, nil
}

// postConsultation posts c's card to the consulted role and remembers where it went.
// It returns how many cards were posted.
func (f *Feature) postConsultation(ctx context.Context, r requests.Request, c workflow.Consultation) int {
	if f.Notify == nil {
		return 0
	}
	card := func(lang i18n.Lang) bot.Reply {
		v, err := f.view(ctx, lang, r)
		if err != nil {
			f.Log.Error("consultation card", "request", r.ID, "err", err)
		}
		return bot.Reply{Card: consultationCard(v, c, nil)}
	}
	msg := card(f.Lang)
	msg.Localize = card
	refs, err := f.Notify.ToRole(ctx, c.Role, msg)
	if err != nil {
		f.Log.Warn("consultation card not delivered", "request", r.ID, "role", c.Role, "err", err)
	}
	for _, m := range refs {
		if err := f.Store.AddConsultationCard(ctx, r.ID, c.ID, m); err != nil {
			f.Log.Error("remember consultation card", "request", r.ID, "err", err)
		}
	}
	return len(refs)
}

// onOpinion handles « Donner un avis » on a consultation's card.
func (f *Feature) onOpinion(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	id, ok := parseID(s.Turn.Action.Subject)
	if !ok {
		return []bot.Reply{refused(s.T("review.error.bad_button"))}, nil
	}
	c, err := f.Store.Consultation(ctx, id)
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{refused(s.T("review.error.bad_button"))}, nil
	}
	if err != nil {
		return nil, err
	}
	r, err := f.Store.Request(ctx, c.RequestID)
	if err != nil {
		return nil, err
	}
	deny := func(why, msg string) ([]bot.Reply, error) {
		err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "consult.denied",
			Subject: requests.Subject(r.ID), From: c.Role, To: string(c.Stage), Comment: fmt.Sprintf("consultation %d: %s", c.ID, why),
			Sections: workflow.ConsultSections(c.Role)})
		return []bot.Reply{refused(s.T(msg, map[string]any{"Role": s.T("review.role." + c.Role)}))}, err
	}
	if ok, err := f.ownConsultCard(ctx, s, c); err != nil {
		return nil, err
	} else if !ok {
		return deny("not this consultation's card", "review.error.bad_button")
	}
	if own, err := f.ownRequest(ctx, s, r.RequesterKey); err != nil {
		return nil, err
	} else if own && s.Key != r.RequesterKey {
		return deny("own request (same identifier, another key)", "consult.error.own_request")
	}
	o := workflow.Opinion(strings.TrimSpace(s.Turn.Action.Values[inputOpinion]))
	text := strings.TrimSpace(s.Turn.Action.Values[inputOpinionText])
	switch err := workflow.CheckOpinion(r, c, o, text, workflow.Actor{Key: s.Key, Roles: s.Roles}); err {
	case workflow.ErrNotAuthorised:
		return deny("not "+c.Role, "consult.error.not_member")
	case workflow.ErrOwnRequest:
		return deny("own request", "consult.error.own_request")
	case workflow.ErrAlreadyGiven:
		return f.opinionLate(ctx, s, c)
	case workflow.ErrNotConsulted:
		return []bot.Reply{refused(s.T("consult.error.choose_opinion"))}, nil
	case workflow.ErrOpinionText:
		return []bot.Reply{refused(s.T("consult.error.text_required"))}, nil
	}
	given, err := f.Store.GiveOpinion(ctx, c.ID, o, text, s.Key, s.Turn.User.Name)
	if errors.Is(err, bot.ErrConflict) {
		now, err := f.Store.Consultation(ctx, c.ID)
		if err != nil {
			return nil, err
		}
		return f.opinionLate(ctx, s, now)
	}
	if err != nil {
		return nil, err
	}
	return f.afterOpinion(ctx, s, given)
}

// ownConsultCard reports whether the button pressed sits on a card posted for
// consultation c, as ownCard does for review cards.
func (f *Feature) ownConsultCard(ctx context.Context, s *conversations.Session, c workflow.Consultation) (bool, error) {
	return pressedOnPosted(s, func() ([]bot.MessageRef, error) {
		return f.Store.ConsultationCards(ctx, c.RequestID, c.ID)
	})
}

// opinionLate answers a click on a consultation already answered: who, when, what,
// privately; the attempt is audited. An opinion is not revised (workflow).
func (f *Feature) opinionLate(ctx context.Context, s *conversations.Session, c workflow.Consultation) ([]bot.Reply, error) {
	err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "consult.late",
		Subject: requests.Subject(c.RequestID), From: c.Role, To: string(c.Stage), Comment: fmt.Sprintf("consultation %d", c.ID),
		Sections: workflow.ConsultSections(c.Role)})
	if err != nil || !c.Answered() {
		return []bot.Reply{refused(s.T("review.error.bad_button"))}, err
	}
	return []bot.Reply{refused(s.T("consult.error.already_given", map[string]any{"Name": nameOr(c.ByName, c.ByKey),
		"When": formatWhen(s.Lang, c.AnsweredAt.In(f.Location)), "Opinion": i18n.T(s.Lang, "consult.opinion."+string(c.Opinion))}))}, nil
}

// afterOpinion updates the consultation's cards and the asking stage's cards in place,
// tells the member who asked, and thanks the member who answered.
func (f *Feature) afterOpinion(ctx context.Context, s *conversations.Session, c workflow.Consultation) ([]bot.Reply, error) {
	r, err := f.Store.Request(ctx, c.RequestID)
	if err != nil {
		return nil, err
	}
	var decided *workflow.Decision
	if d, err := f.Store.DecisionFor(ctx, c.RequestID, c.Round, c.Stage); err == nil {
		decided = &d
	} else if !errors.Is(err, bot.ErrNotFound) {
		return nil, err
	}
	updated := map[string]bool{}
	if f.Notify != nil {
		v, err := f.view(ctx, f.Lang, r)
		if err != nil {
			return nil, err
		}
		refs, err := f.Store.ConsultationCards(ctx, r.ID, c.ID)
		if err != nil {
			f.Log.Error("consultation cards", "request", r.ID, "err", err)
		}
		for _, m := range refs {
			if err := f.Notify.Update(ctx, m, bot.Reply{Card: consultationCard(v, c, decided)}); err != nil {
				f.Log.Warn("consultation card not updated", "request", r.ID, "err", err)
				continue
			}
			updated[m.MessageID] = true
		}
		f.refreshStageOf(ctx, v, c.Stage, c.Round, decided)
		f.tell(ctx, c.AskedByKey, "", func(lang i18n.Lang) string {
			return i18n.T(lang, "consult.notify.asker", map[string]any{"Role": i18n.T(lang, "review.role."+c.Role), "ID": r.ID,
				"System": r.Facts().SystemName(), "Opinion": i18n.T(lang, "consult.opinion."+string(c.Opinion)),
				"Name": nameOr(c.ByName, c.ByKey), "Text": c.Text})
		})
	}
	text := s.T("consult.done.given", map[string]any{"Opinion": s.T("consult.opinion." + string(c.Opinion)),
		"Stage": statusLabel(s.Lang, c.Stage)})
	if decided != nil && c.AfterDecision(*decided) {
		text += "\n\n" + s.T("consult.done.given_after")
	}
	return f.withPressedCard(ctx, s, r, updated, []bot.Reply{private(text)}, func(v view) *cards.Card {
		return consultationCard(v, c, decided)
	})
}

// refreshStageOf redraws the posted cards of stage in round with the opinions: the
// review card while the stage waits, its decided card once decided.
func (f *Feature) refreshStageOf(ctx context.Context, v view, stage requests.Status, round int, decided *workflow.Decision) {
	refs, err := f.Store.PostedCards(ctx, v.req.ID, round, stage)
	if err != nil {
		f.Log.Error("posted cards", "request", v.req.ID, "err", err)
		return
	}
	for _, m := range refs {
		var msg bot.Reply
		switch {
		case decided != nil:
			msg.Card = decidedCard(v, *decided, workflow.Next(v.req, decided.Stage, decided.Decision))
		case v.req.Status == stage && v.req.Round == round:
			// As posted (postStage): Teams fetches each viewer's version.
			msg.Card = reviewCard(v)
			if rf, err := f.refresh(ctx, v.req); err == nil {
				msg.Card.Refresh = rf
			}
		default:
			continue
		}
		if err := f.Notify.Update(ctx, m, msg); err != nil {
			f.Log.Warn("review card not updated", "request", v.req.ID, "err", err)
		}
	}
}

// consulted reports whether the person holds a role consulted on request id: they see
// its details, as its reviewers do.
func (f *Feature) consulted(ctx context.Context, s *conversations.Session, id uint) bool {
	asked, err := f.Store.Consultations(ctx, id)
	if err != nil {
		return false
	}
	for _, c := range asked {
		if s.HasRole(c.Role) {
			return true
		}
	}
	return false
}

// pendingOpinions are the consultation cards waiting for an opinion from a role the
// person holds (« demandes à examiner »), with a line introducing them; consulted
// reports whether they hold such a role at all. With none waiting, the one reply says
// so (consultedNone).
func (f *Feature) pendingOpinions(ctx context.Context, s *conversations.Session) ([]bot.Reply, bool, error) {
	var roles []string
	for _, role := range workflow.ConsultedRoles {
		if s.HasRole(role) {
			roles = append(roles, role)
		}
	}
	if len(roles) == 0 {
		return nil, false, nil
	}
	awaited, err := f.Store.AwaitedConsultations(ctx, roles, maxPending)
	if err != nil {
		return nil, true, err
	}
	if len(awaited) == 0 {
		return []bot.Reply{bot.Text(s.T("consult.pending.none"))}, true, nil
	}
	out := []bot.Reply{bot.Text(s.T("consult.pending.intro", map[string]any{"Count": len(awaited)}))}
	for _, c := range awaited {
		r, err := f.Store.Request(ctx, c.RequestID)
		if err != nil {
			return nil, true, err
		}
		v, err := f.view(ctx, s.Lang, r)
		if err != nil {
			return nil, true, err
		}
		var decided *workflow.Decision
		if d, err := f.Store.DecisionFor(ctx, c.RequestID, c.Round, c.Stage); err == nil {
			decided = &d
		}
		out = append(out, bot.Reply{Card: consultationCard(v, c, decided)})
	}
	return out, true, nil
}

// consultedNone reports whether pendingOpinions found nothing waiting.
func consultedNone(replies []bot.Reply) bool { return len(replies) <= 1 }
