package review

import (
	"context"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// maxWaitingRead bounds the requests Waiting reads to count them.
const maxWaitingRead = 500

// Waiting returns, for a person holding roles, the cards of at most limit requests
// waiting for one of their stages, the longest waiting first, and how many wait in
// all (up to maxWaitingRead). Each card has the buttons of the review card — the same
// verbs and subject, so a press goes through the same checks — without its comment
// field: a decision that needs a comment answers with the full card to write it in.
// The Slack App Home shows them.
func (f *Feature) Waiting(ctx context.Context, lang i18n.Lang, roles []string, limit int) ([]*cards.Card, int, error) {
	var statuses []requests.Status
	for _, stg := range workflow.StagesOf(roles) {
		statuses = append(statuses, stg.Status)
	}
	if len(statuses) == 0 {
		return nil, 0, nil
	}
	waiting, err := f.Store.RequestsInStatus(ctx, maxWaitingRead, statuses...)
	if err != nil {
		return nil, 0, err
	}
	var out []*cards.Card
	for _, r := range waiting[:min(limit, len(waiting))] {
		v, err := f.view(ctx, lang, r)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, waitingCard(v))
	}
	return out, len(waiting), nil
}

// waitingCard is a request's review card in short: who asks for what, its stage, its
// buttons.
func waitingCard(v view) *cards.Card {
	full := reviewCard(v)
	f := v.req.Facts()
	facts := []cards.Fact{
		{Label: v.t("review.fact.requester"), Value: v.requester()},
		{Label: v.t("review.fact.uses"), Value: v.usesText()},
		{Label: v.t("review.fact.personal_data"), Value: v.yesNo(f.PersonalData())},
		{Label: v.t("review.fact.efvp"), Value: v.efvpText()},
	}
	if v.req.SubmittedAt != nil {
		facts = append(facts, cards.Fact{Label: v.t("review.fact.submitted"), Value: v.when(*v.req.SubmittedAt)})
	}
	return &cards.Card{Title: full.Title, Subtitle: full.Subtitle,
		Sections: append(v.warnings(), cards.Section{Facts: facts}),
		Buttons:  full.Buttons, DetailsButton: full.DetailsButton}
}
