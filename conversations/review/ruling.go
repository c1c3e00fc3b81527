package review

import (
	"encoding/json"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// ruling is what CODIR-IN decides when it approves (6.3.3, 8): the rule of each use,
// where the system is hosted, when the EFVP is revised (6.3.2) and the training
// calendar (7). It is kept as the decision's details, so that when the privacy
// committee approves afterwards (5.1.11) the same ruling goes into the inventory.
type ruling struct {
	Uses           []useRuling `json:"uses"`
	Hosting        string      `json:"hosting"`
	EFVPNextReview string      `json:"efvp_next_review"`
	Training       []string    `json:"training"`
	// Trainees are the e-mail addresses of the people to train besides the requester.
	Trainees []string `json:"trainees,omitempty"`
	// Lang is the language the conditions were written in.
	Lang string `json:"lang"`
}

type useRuling struct {
	Use        string `json:"use"`
	Rule       string `json:"rule"`
	Conditions string `json:"conditions,omitempty"`
	// Default is the message id of the conditions when they are the ones the form
	// proposed, which exist in both languages.
	Default string `json:"default,omitempty"`
}

// The rules of a use (6.1) and the hosting places (5.1.12), as the inventory stores them.
var (
	rules    = []string{"permitted", "restricted", "forbidden"}
	hostings = []string{"quebec", "canada", "foreign"}
)

func parseRuling(details string) (ruling, bool) {
	var r ruling
	return r, json.Unmarshal([]byte(details), &r) == nil && len(r.Uses) > 0
}

// approval turns a ruling into the inventory entry of the request.
func approval(r requests.Request, ru ruling) *workflow.Approval {
	f := r.Facts()
	a := &workflow.Approval{SystemName: f.SystemName(), Vendor: f.Vendor(), Kind: f.Kind(), Hosting: ru.Hosting,
		OwnerKey: r.RequesterKey, Automated: f.AutomatedDecision()}
	if a.SystemName == "" {
		a.SystemName = r.SystemName
	}
	for _, u := range ru.Uses {
		ur := workflow.UseRuling{UseID: u.Use, Rule: u.Rule}
		if u.Rule == "restricted" {
			ur.ConditionsFR, ur.ConditionsEN = bilingual(u)
		}
		a.Uses = append(a.Uses, ur)
	}
	if d, ok := f.EFVPDate(); ok && f.EFVPDone() {
		a.EFVPDone = &d
	}
	a.EFVPNextReview, _ = time.Parse(requests.DateLayout, ru.EFVPNextReview)
	for _, s := range ru.Training {
		if d, err := time.Parse(requests.DateLayout, s); err == nil {
			a.Training = append(a.Training, d)
		}
	}
	a.Trainees = ru.Trainees
	return a
}

// bilingual gives a restriction's conditions in French and English, as the inventory
// requires (6.1): the proposed conditions exist in both; conditions CODIR-IN wrote
// itself are kept as written in both, rather than machine-translated.
func bilingual(u useRuling) (fr, en string) {
	if u.Default != "" {
		return i18n.T(i18n.FR, u.Default), i18n.T(i18n.EN, u.Default)
	}
	return u.Conditions, u.Conditions
}

// rulingSection shows CODIR-IN's ruling on a card.
func (v view) rulingSection(d workflow.Decision) cards.Section {
	ru, ok := parseRuling(d.Details)
	if !ok {
		return cards.Section{}
	}
	var facts []cards.Fact
	for _, u := range ru.Uses {
		val := v.t("review.rule." + u.Rule)
		if u.Rule == "restricted" && u.Conditions != "" {
			val += " — " + u.Conditions
		}
		facts = append(facts, cards.Fact{Label: v.useLabel(u.Use), Value: val})
	}
	facts = append(facts,
		cards.Fact{Label: v.t("review.form.hosting"), Value: v.t("review.hosting." + ru.Hosting)},
		cards.Fact{Label: v.t("review.form.efvp_next"), Value: ru.EFVPNextReview},
		cards.Fact{Label: v.t("review.fact.training"), Value: strings.Join(ru.Training, ", ")})
	if len(ru.Trainees) > 0 {
		facts = append(facts, cards.Fact{Label: v.t("review.form.trainees"), Value: strings.Join(ru.Trainees, ", ")})
	}
	return cards.Section{Heading: v.t("review.ruling.heading"), Facts: facts}
}

// defaults are the values the approval form proposes, from the request and the
// inventory: a use supporting a decision about a person is restricted to consent and
// human oversight (5.1.11); on a public system a use is restricted to data without
// personal or confidential information (6.2); otherwise permitted. The EFVP is revised
// a year after it was done, or is due on its planned date (6.3.2).
func defaults(v view, today time.Time) map[string]string {
	f := v.req.Facts()
	out := map[string]string{}
	for _, u := range f.Uses() {
		rule, cond := "permitted", ""
		switch {
		case v.uses[u].AutomatedDecision || f.AutomatedDecision():
			rule, cond = "restricted", v.t("review.default.cond_automated")
		case f.Kind() == requests.KindPublic:
			rule, cond = "restricted", v.t("review.default.cond_public")
		}
		out[inputUse+u], out[inputCond+u] = rule, cond
	}
	if v.system != nil {
		out[inputHosting] = v.system.Hosting
	}
	year := today.AddDate(1, 0, 0)
	next := year
	if d, ok := f.EFVPDate(); ok {
		next = d
		if f.EFVPDone() {
			next = d.AddDate(1, 0, 0)
		}
		if !next.After(today) {
			next = year
		}
	}
	out[inputEFVPNext] = next.Format(requests.DateLayout)
	out[inputTraining] = v.days(f.TrainingDates())
	return out
}

// choiceValue reads a choice typed or picked: its stored value, or its label in
// either language ("restreint", "outside Canada").
func choiceValue(raw, prefix string, values []string) (string, bool) {
	folded := text.FoldWords(raw)
	for _, val := range values {
		if folded == val || folded == text.FoldWords(i18n.T(i18n.FR, prefix+val)) ||
			folded == text.FoldWords(i18n.T(i18n.EN, prefix+val)) {
			return val, true
		}
	}
	return "", false
}
