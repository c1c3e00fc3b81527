package app

import (
	"context"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// homeRequests is how many of a person's requests the Slack Home tab lists, the newest
// first; "/iag statut" lists them all.
const homeRequests = 10

// slackHome fills the Slack App Home tab: what the bot can do, then the person's
// approval requests and where each stands.
type slackHome struct{ a *App }

func (h slackHome) Home(ctx context.Context, key string, lang i18n.Lang) ([]cards.Section, error) {
	can := cards.Section{Heading: i18n.T(lang, "slack.home.can.heading"),
		Text: i18n.T(lang, "slack.home.can.text") + "\n- " + strings.Join(h.a.Engine.HelpLines(lang), "\n- ")}
	reqs, err := h.a.DB.RequestsOf(ctx, key)
	if err != nil {
		return nil, err
	}
	mine := cards.Section{Heading: i18n.T(lang, "slack.home.requests.heading")}
	if len(reqs) == 0 {
		mine.Text = i18n.T(lang, "slack.home.requests.none")
	}
	for i, r := range reqs {
		if i == homeRequests {
			mine.Text = i18n.T(lang, "slack.home.requests.more", map[string]any{"Shown": homeRequests})
			break
		}
		system := strings.TrimSpace(r.SystemName)
		if system == "" {
			system = i18n.T(lang, "slack.home.requests.unnamed")
		}
		mine.Facts = append(mine.Facts, cards.Fact{
			Label: i18n.T(lang, "slack.home.requests.item", map[string]any{"ID": r.ID, "System": system}),
			Value: i18n.T(lang, "annexe.status."+string(r.Status))})
	}
	return []cards.Section{can, mine}, nil
}
