package review

import (
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/record"
	"github.com/cssdgs/iagbot/cards"
)

// recordCard is the decision record as a card (record.go): the request in brief, what
// each stage decided and how its members voted, the uses and conditions decided, and
// the opinions of the SGC and the SPOA, each marked when it came after the decision.
// Dates are shown in loc.
func recordCard(rec record.Record, loc *time.Location) *cards.Card {
	lang := rec.Lang
	t := func(id string, data ...any) string { return i18n.T(lang, id, data...) }
	when := func(at time.Time) string { return formatWhen(lang, at.In(loc)) }
	req := rec.Request
	outcome := capitalize(statusLabel(lang, rec.Outcome))
	if rec.DecidedAt != nil {
		outcome = t("record.outcome_on", map[string]any{"Outcome": outcome, "When": when(*rec.DecidedAt)})
	}
	summary := []cards.Fact{
		{Label: t("review.fact.requester"), Value: personName(req.RequesterName, req.RequesterKey)},
		{Label: t("review.fact.system"), Value: req.System},
		{Label: t("review.fact.uses"), Value: strings.Join(req.Uses, ", ")},
	}
	if req.SubmittedAt != nil {
		summary = append(summary, cards.Fact{Label: t("review.fact.submitted"), Value: when(*req.SubmittedAt)})
	}
	c := &cards.Card{
		Title:    t("record.card.title", map[string]any{"ID": req.ID, "System": req.System}),
		Subtitle: t("record.card.subtitle", map[string]any{"Outcome": outcome}),
		Sections: []cards.Section{{Heading: t("record.card.summary"), Facts: summary}},
		Footer: t("record.card.footer", map[string]any{"ID": req.ID,
			"Sections": strings.Join(rec.Sections, ", ")}),
	}
	var stages, votes []cards.Fact
	for _, s := range rec.Stages {
		label := capitalize(statusLabel(lang, s.Stage)) + " · " + t("record.round", map[string]any{"Round": s.Round})
		val := t("record.pending")
		if s.Decided {
			val = t("review.decision."+string(s.Decision)) + " — " + personName(s.ByName, s.ByKey)
			if s.At != nil {
				val += ", " + when(*s.At)
			}
			if cm := strings.TrimSpace(s.Comment); cm != "" {
				val += " — " + cm
			}
		}
		stages = append(stages, cards.Fact{Label: label, Value: val})
		for _, v := range s.Votes {
			val := t("record.vote.hidden")
			if v.Choice != "" {
				val = capitalize(t("record.choice." + string(v.Choice)))
			}
			if cm := strings.TrimSpace(v.Comment); cm != "" {
				val += " — " + cm
			}
			if len(v.Conditions) > 0 {
				val += " — " + strings.Join(v.Conditions, " ; ")
			}
			votes = append(votes, cards.Fact{Label: personName(v.Name, v.Key), Value: val})
		}
	}
	c.Sections = append(c.Sections, cards.Section{Heading: t("record.card.stages"), Facts: stages})
	if len(votes) > 0 {
		c.Sections = append(c.Sections, cards.Section{Heading: t("record.card.votes"), Facts: votes})
	}
	if ru := rec.Ruling; ru != nil {
		var facts []cards.Fact
		for _, u := range ru.Uses {
			val := t("review.rule." + u.Rule)
			if u.Conditions != "" {
				val += " — " + u.Conditions
			}
			facts = append(facts, cards.Fact{Label: u.Use, Value: val})
		}
		for _, cond := range ru.Conditions {
			facts = append(facts, cards.Fact{Label: t("record.condition"), Value: cond})
		}
		if ru.EFVPNextReview != "" {
			facts = append(facts, cards.Fact{Label: t("record.fact.efvp_next"), Value: ru.EFVPNextReview})
		}
		c.Sections = append(c.Sections, cards.Section{Heading: t("record.card.ruling"), Facts: facts})
	}
	var opinions []cards.Fact
	for _, o := range rec.Opinions {
		val := t("record.opinion.awaited")
		switch answered := o.Opinion != "" && o.At != nil; {
		case answered:
			val = t("consult.line.given", map[string]any{"Opinion": t("consult.opinion." + string(o.Opinion)),
				"Name": personName(o.ByName, o.ByKey), "When": when(*o.At)})
			if o.AfterDecision {
				val += " " + t("consult.line.after")
			}
		case o.AfterDecision:
			val = t("record.opinion.without")
		}
		if tx := strings.TrimSpace(o.Text); tx != "" {
			val += " — " + tx
		}
		opinions = append(opinions, cards.Fact{Label: t("consult.line.label", map[string]any{"Role": t("review.role." + o.Role)}), Value: val})
	}
	if len(opinions) == 0 {
		opinions = []cards.Fact{{Label: t("record.card.opinions"), Value: t("record.card.none")}}
	}
	c.Sections = append(c.Sections, cards.Section{Heading: t("record.card.opinions"), Facts: opinions})
	return c
}

// personName shows a person as "Name — key", or the key alone.
func personName(name, key string) string {
	if n := strings.TrimSpace(name); n != "" && !strings.EqualFold(n, key) {
		return n + " — " + key
	}
	return key
}
