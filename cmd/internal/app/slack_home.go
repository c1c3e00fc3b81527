package app

import (
	"context"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/conversations/home"
	"github.com/cssdgs/iagbot/conversations/review"
)

// addHome registers the App Home (its « Poser une question » button) over the review
// workflow, registered before it, for the requests waiting for a reviewer.
func (a *App) addHome() error {
	// The database's clock, which tests set, dates the EFVP revisions overdue.
	deps := home.Deps{Store: a.DB, Roles: a.Cfg.File.RolesOf, NewVerb: annexe.VerbForm, Now: func() time.Time { return a.DB.Now() }}
	for _, feat := range a.Engine.Features() {
		if r, ok := feat.(*review.Feature); ok {
			deps.Waiting = r.Waiting
		}
	}
	a.home = home.New(deps)
	a.Engine.Register(a.home)
	return nil
}

// slackHome fills the Slack App Home tab (home.Feature.Home).
type slackHome struct{ a *App }

func (h slackHome) Home(ctx context.Context, u bot.User, lang i18n.Lang) ([]*cards.Card, error) {
	return h.a.home.Home(ctx, u, bot.Slack, lang)
}
