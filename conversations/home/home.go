// Package home is a person's overview, the Slack App Home tab: for everyone « Poser
// une question » and « Nouvelle demande » with their requests, each with its status and
// next step; for the members of a review role, the requests waiting for their stage
// with the review cards' buttons; for administrators, the inventory at a glance
// (systems, status, EFVP due dates). Each part is a card of the one view model, so the
// Home reads like the cards elsewhere.
//
// Button verbs: home.ask (« Poser une question »: the bot writes first in the person's
// direct conversation, where they type their question), Deps.NewVerb (the Annexe 1
// request's form, annexe.VerbForm: a modal on Slack), and the review verbs.
package home

import (
	"context"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// VerbAsk is « Poser une question ».
const VerbAsk = "home.ask"

// How many items each list shows; the rest are counted (« et N autres… »).
const (
	maxRequests = 10
	maxWaiting  = 10
	maxSystems  = 25
)

// Store is what the Home reads; storage.DB implements it.
type Store interface {
	RequestsOf(ctx context.Context, key string) ([]requests.Request, error)
	Inventory(ctx context.Context) (*inventory.Inventory, error)
}

// Deps are what the Home needs.
type Deps struct {
	Store Store
	// Roles are a person's roles on a channel (config.File.RolesOf).
	Roles func(u bot.User, ch bot.Channel) []string
	// Waiting are the cards of the requests waiting for one of roles and how many wait
	// (review.Feature.Waiting); nil shows none.
	Waiting func(ctx context.Context, lang i18n.Lang, roles []string, limit int) ([]*cards.Card, int, error)
	// NewVerb is the verb of « Nouvelle demande » (annexe.VerbForm).
	NewVerb string
	// Now is today's clock, for EFVP revisions overdue (default time.Now).
	Now func() time.Time
}

// Feature is the Home and its « Poser une question » button.
type Feature struct{ Deps }

// New returns the Home over deps.
func New(deps Deps) *Feature {
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Roles == nil {
		deps.Roles = func(bot.User, bot.Channel) []string { return nil }
	}
	return &Feature{Deps: deps}
}

var _ conversations.ActionProvider = (*Feature)(nil)

// Name implements conversations.Feature.
func (f *Feature) Name() string { return "home" }

// Actions are the Home's own buttons.
func (f *Feature) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{VerbAsk: f.onAsk}
}

// onAsk answers « Poser une question » in the person's direct conversation (a press
// outside any conversation is answered there): how to ask, with an example.
func (f *Feature) onAsk(_ context.Context, s *conversations.Session) ([]bot.Reply, error) {
	return []bot.Reply{bot.Text(s.T("home.ask.answer"))}, nil
}

// Home is the Home of person u seen on ch, in lang: its cards, in order.
func (f *Feature) Home(ctx context.Context, u bot.User, ch bot.Channel, lang i18n.Lang) ([]*cards.Card, error) {
	t := func(id string, data ...any) string { return i18n.T(lang, id, data...) }
	welcome := &cards.Card{Title: t("home.title"), Sections: []cards.Section{{Text: t("home.welcome")}},
		Buttons: []cards.Button{{Label: t("home.button.ask"), Verb: VerbAsk, Style: cards.StylePrimary}}}
	if f.NewVerb != "" {
		welcome.Buttons = append(welcome.Buttons, cards.Button{Label: t("home.button.new"), Verb: f.NewVerb})
	}
	mine, err := f.requests(ctx, u.Key(ch), lang)
	if err != nil {
		return nil, err
	}
	out := []*cards.Card{welcome, mine}
	roles := f.Roles(u, ch)
	if f.Waiting != nil {
		waiting, total, err := f.Waiting(ctx, lang, roles, maxWaiting)
		if err != nil {
			return nil, err
		}
		if total > 0 {
			head := &cards.Card{Title: t("home.waiting.title", map[string]any{"Count": total}), Footer: t("home.waiting.footer")}
			if total > len(waiting) {
				head.Sections = []cards.Section{{Text: t("home.more", map[string]any{"Count": total - len(waiting)}) + " " + t("home.waiting.more")}}
			}
			out = append(append(out, head), waiting...)
		}
	}
	for _, r := range roles {
		if r == config.RoleAdmin {
			inv, err := f.inventory(ctx, lang)
			if err != nil {
				return nil, err
			}
			out = append(out, inv)
			break
		}
	}
	return out, nil
}

// requests is « Mes demandes »: each request, newest first, with its status and next
// step.
func (f *Feature) requests(ctx context.Context, key string, lang i18n.Lang) (*cards.Card, error) {
	t := func(id string, data ...any) string { return i18n.T(lang, id, data...) }
	reqs, err := f.Store.RequestsOf(ctx, key)
	if err != nil {
		return nil, err
	}
	c := &cards.Card{Title: t("home.mine.title")}
	if len(reqs) == 0 {
		c.Sections = []cards.Section{{Text: t("home.mine.none")}}
		return c, nil
	}
	var facts []cards.Fact
	for _, r := range reqs[:min(len(reqs), maxRequests)] {
		system := strings.TrimSpace(r.Facts().SystemName())
		if system == "" {
			system = t("home.mine.unnamed")
		}
		facts = append(facts, cards.Fact{
			Label: t("home.mine.item", map[string]any{"ID": r.ID, "System": system}),
			Value: t("annexe.status."+string(r.Status)) + " — " + t("home.next."+string(r.Status), map[string]any{"ID": r.ID})})
	}
	c.Sections = []cards.Section{{Facts: facts}}
	if n := len(reqs) - maxRequests; n > 0 {
		c.Sections = append(c.Sections, cards.Section{Text: t("home.more", map[string]any{"Count": n}) + " " + t("home.mine.more")})
	}
	return c, nil
}

// inventory is the inventory at a glance: each system, its status, and when its EFVP
// is due for revision (6.3.2), overdue ones marked.
func (f *Feature) inventory(ctx context.Context, lang i18n.Lang) (*cards.Card, error) {
	t := func(id string, data ...any) string { return i18n.T(lang, id, data...) }
	inv, err := f.Store.Inventory(ctx)
	if err != nil {
		return nil, err
	}
	y, m, d := f.Now().Date()
	today := inventory.Date{Year: y, Month: m, Day: d}
	var facts []cards.Fact
	for _, s := range inv.Systems[:min(len(inv.Systems), maxSystems)] {
		v := t("home.inventory.status."+string(s.Status)) + " — " + efvp(t, s.EFVP, today)
		facts = append(facts, cards.Fact{Label: s.Name, Value: v})
	}
	c := &cards.Card{Title: t("home.inventory.title", map[string]any{"Count": len(inv.Systems)}), Footer: t("home.inventory.footer")}
	if len(facts) == 0 {
		c.Sections = []cards.Section{{Text: t("home.inventory.none")}}
	} else {
		c.Sections = []cards.Section{{Facts: facts}}
	}
	if n := len(inv.Systems) - maxSystems; n > 0 {
		c.Sections = append(c.Sections, cards.Section{Text: t("home.more", map[string]any{"Count": n}) + " " + t("home.inventory.more")})
	}
	return c, nil
}

// efvp says when a system's EFVP is due: its next revision (overdue marked), the date
// one not done yet is planned for, or that none is recorded.
func efvp(t func(string, ...any) string, e inventory.EFVP, today inventory.Date) string {
	switch {
	case !e.NextReview.IsZero() && e.NextReview.Before(today):
		return t("home.inventory.efvp.overdue", map[string]any{"Date": e.NextReview.String()})
	case !e.NextReview.IsZero():
		return t("home.inventory.efvp.next", map[string]any{"Date": e.NextReview.String()})
	case !e.Planned.IsZero():
		return t("home.inventory.efvp.planned", map[string]any{"Date": e.Planned.String()})
	}
	return t("home.inventory.efvp.none")
}
