package app

import (
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/conversations/review"
)

// addReview registers the review workflow (6.3.3, 5.1.11): cards to the STI, CODIR-IN
// and the privacy committee, exactly-once decisions, the inventory written on
// approval, and the administrators' changes. It hands the Annexe 1 dialog, registered
// before it, the hook that starts the review of a submitted request.
func (a *App) addReview() error {
	committee := func(role string) workflow.Rule { return workflow.RuleOf(a.Cfg.File.CommitteeOf(role)) }
	f := review.New(review.Deps{Store: countedDecisions{a.DB, a.Metrics}, Notify: a.Notify, Members: a.Cfg.File.Members,
		Committee: committee, Lang: a.Cfg.Lang, Items: annexeItems, Log: a.Log})
	a.Engine.Register(f)
	for _, feat := range a.Engine.Features() {
		if d, ok := feat.(*annexe.Feature); ok {
			d.OnSubmit = f.OnSubmit
			d.History = f.HistoryLines
		}
	}
	return nil
}

// annexeItems is the dialog's catalogue of Annexe 1 items, as the review cards show it.
func annexeItems() []review.Item {
	items := annexe.Items()
	out := make([]review.Item, len(items))
	for i, it := range items {
		out[i] = review.Item{Tag: it.Tag, Part: string(it.Part), Label: it.Label}
	}
	return out
}
