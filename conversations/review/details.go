package review

import (
	"context"
	"errors"
	"sort"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// Item is what the workflow needs of an Annexe 1 item (annexe.Items()): its tag, the
// part of the request it belongs to ("system", "requester", "sti", "efvp") and its
// label. Deps.Items lists them in the annex's order.
type Item struct {
	Tag   requests.Tag
	Part  string
	Label func(i18n.Lang) string
}

// details are every answer of the request, by part of Annexe 1 in the annex's order,
// then any answer the catalogue does not know (kept rather than hidden).
func details(v view) []cards.Section {
	var out []cards.Section
	byPart := map[string][]cards.Fact{}
	known := map[requests.Tag]bool{}
	var parts []string
	for _, it := range v.items {
		known[it.Tag] = true
		a, ok := v.req.Answers[it.Tag]
		if !ok {
			continue
		}
		if _, seen := byPart[it.Part]; !seen {
			parts = append(parts, it.Part)
		}
		byPart[it.Part] = append(byPart[it.Part], cards.Fact{Label: it.Label(v.lang), Value: v.answerText(it.Tag, a)})
	}
	for _, p := range parts {
		out = append(out, cards.Section{Heading: v.t("review.part." + p), Facts: byPart[p]})
	}
	var others []cards.Fact
	for tag, a := range v.req.Answers {
		if !known[tag] {
			others = append(others, cards.Fact{Label: string(tag), Value: v.answerText(tag, a)})
		}
	}
	sort.Slice(others, func(i, j int) bool { return others[i].Label < others[j].Label })
	if len(others) > 0 {
		out = append(out, cards.Section{Heading: v.t("review.part.other"), Facts: others})
	}
	return out
}

// answerText shows a stored answer in words: choices and yes/no translated, uses by
// label, items left to the STI said so.
func (v view) answerText(tag requests.Tag, a requests.Answer) string {
	val := strings.TrimSpace(a.Value)
	switch {
	case a.ForSTI && val == "":
		return v.t("review.value.for_sti")
	case val == "":
		return v.t("review.value.empty")
	}
	switch tag {
	case requests.TagSystemKind:
		return v.t("review.kind." + val)
	case requests.TagHosting:
		if h := v.req.Facts().Hosting(); h == val {
			return v.t("review.hosting." + h)
		}
	case requests.TagPersonalData, requests.TagAutomatedDecision, requests.TagSystemOpen, requests.TagSystemSpecialized:
		return v.yesNo(val == requests.Yes)
	case requests.TagUses:
		return v.usesText()
	case requests.TagEFVPStatus:
		return v.t("review.efvp_status." + val)
	case requests.TagRiskReviewInterval:
		return v.t("review.value.days", map[string]any{"Count": val})
	}
	return val
}

// itemLabels are the labels of tags in the view's language.
func (v view) itemLabels(tags []requests.Tag) []string {
	out := make([]string, len(tags))
	for i, t := range tags {
		out[i] = v.itemLabel(t)
	}
	return out
}

// itemLabel is an item's label; the tag itself for an item the catalogue lacks.
func (v view) itemLabel(t requests.Tag) string {
	for _, it := range v.items {
		if it.Tag == t && it.Label != nil {
			return it.Label(v.lang)
		}
	}
	return string(t)
}

// onDetails shows every answer of a request to the people who have a say in it: its
// reviewers, administrators and the requester.
func (f *Feature) onDetails(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	id, ok := parseID(s.Turn.Action.Subject)
	if !ok {
		return []bot.Reply{private(s.T("review.error.bad_button"))}, nil
	}
	r, err := f.Store.Request(ctx, id)
	if errors.Is(err, bot.ErrNotFound) {
		return []bot.Reply{private(s.T("review.error.no_request", map[string]any{"ID": id}))}, nil
	}
	if err != nil {
		return nil, err
	}
	if r.RequesterKey != s.Key && len(reviewRoles(s)) == 0 && !s.HasRole(roleAdmin) && !f.consulted(ctx, s, r.ID) {
		err := f.Store.Audit(ctx, audit.Entry{ActorKey: s.Key, ActorName: s.Turn.User.Name, Action: "review.denied",
			Subject: requests.Subject(id), Comment: "details", Sections: []string{"8"}})
		return []bot.Reply{private(s.T("review.error.details_denied"))}, err
	}
	v, err := f.view(ctx, s.Lang, r)
	if err != nil {
		return nil, err
	}
	return []bot.Reply{{Card: detailsCard(v), Private: true}}, nil
}

// detailsCard shows every answer of the request, for Slack and the terminal, where
// the review card's details are a button away.
func detailsCard(v view) *cards.Card {
	return &cards.Card{Title: v.t("review.details.title", map[string]any{"ID": v.req.ID, "System": v.systemName()}),
		Subtitle: capitalize(statusLabel(v.lang, v.req.Status)), Sections: details(v), Footer: v.t("review.details.footer")}
}
