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
	Uses []useRuling `json:"uses"`
	// Existing is set when the system was in the inventory: only the uses and the
	// trainings apply, and the fields of a new system below are empty.
	Existing       bool     `json:"existing,omitempty"`
	Aliases        []string `json:"aliases,omitempty"`
	Hosting        string   `json:"hosting,omitempty"`
	EFVPDone       *bool    `json:"efvp_done,omitempty"` // nil in rulings made before the form asked
	EFVPDate       string   `json:"efvp_date,omitempty"`
	EFVPNextReview string   `json:"efvp_next_review,omitempty"`
	Deployment     string   `json:"deployment,omitempty"`
	Training       []string `json:"training"`
	// Override is the reason CODIR-IN gave to approve a use with personal information
	// on a public system despite 6.2; empty otherwise.
	Override string `json:"override_62,omitempty"`
	// Trainees are the e-mail addresses of the people to train besides the requester.
	Trainees []string `json:"trainees,omitempty"`
	// Lang is the language the conditions were written in.
	Lang string `json:"lang"`
	// Conditions are the committee's conditions of an approval with conditions: every
	// use not forbidden becomes restricted on them (workflow.Approval.Conditions).
	Conditions []workflow.Condition `json:"conditions,omitempty"`
}

type useRuling struct {
	Use        string `json:"use"`
	Rule       string `json:"rule"`
	Conditions string `json:"conditions,omitempty"`
	// Default is the message id of the conditions when they are the ones the form
	// proposed, which exist in both languages.
	Default string `json:"default,omitempty"`
	// Proposed is the requester's words for a use the taxonomy lacked, which CODIR-IN
	// mapped to Use or created as New.
	Proposed string           `json:"proposed,omitempty"`
	New      *workflow.NewUse `json:"new,omitempty"`
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
		OwnerKey: r.RequesterKey, Automated: f.AutomatedDecision(), Aliases: ru.Aliases}
	if a.SystemName == "" {
		a.SystemName = r.SystemName
	}
	for _, u := range ru.Uses {
		ur := workflow.UseRuling{UseID: u.Use, Rule: u.Rule, New: u.New}
		if u.Rule == "restricted" {
			ur.ConditionsFR, ur.ConditionsEN = bilingual(u)
		}
		a.Uses = append(a.Uses, ur)
	}
	// The EFVP is recorded done only when CODIR-IN confirmed it done; a planned one
	// stays planned (6.3.2). Rulings from before the form asked follow the request.
	switch {
	case ru.EFVPDone != nil && *ru.EFVPDone:
		if d, err := time.Parse(requests.DateLayout, ru.EFVPDate); err == nil {
			a.EFVPDone = &d
		}
	case ru.EFVPDone == nil:
		if d, ok := f.EFVPDate(); ok && f.EFVPDone() {
			a.EFVPDone = &d
		}
	}
	if a.EFVPDone == nil {
		if d, ok := f.EFVPDate(); ok {
			a.EFVPPlanned = &d
		}
	}
	if d, err := time.Parse(requests.DateLayout, ru.Deployment); err == nil {
		a.Deployment = &d
	}
	a.EFVPNextReview, _ = time.Parse(requests.DateLayout, ru.EFVPNextReview)
	for _, s := range ru.Training {
		if d, err := time.Parse(requests.DateLayout, s); err == nil {
			a.Training = append(a.Training, d)
		}
	}
	a.Trainees = ru.Trainees
	a.Conditions = ru.Conditions
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
		label := v.useLabel(u.Use)
		if u.New != nil {
			label = u.New.LabelFR
			if v.lang == i18n.EN {
				label = u.New.LabelEN
			}
		}
		facts = append(facts, cards.Fact{Label: label, Value: val})
	}
	if len(ru.Conditions) > 0 {
		facts = append(facts, cards.Fact{Label: v.t("votes.fact.conditions"), Value: workflow.ConditionsText(ru.Conditions, v.lang)})
	}
	if ru.Override != "" {
		facts = append(facts, cards.Fact{Label: v.t("review.form.override"), Value: ru.Override})
	}
	if len(ru.Aliases) > 0 {
		facts = append(facts, cards.Fact{Label: v.t("review.form.aliases"), Value: strings.Join(ru.Aliases, ", ")})
	}
	if ru.Hosting != "" && !ru.Existing {
		facts = append(facts, cards.Fact{Label: v.t("review.form.hosting"), Value: v.t("review.hosting." + ru.Hosting)})
	}
	if ru.EFVPDone != nil && ru.EFVPDate != "" {
		id := "review.efvp.planned"
		if *ru.EFVPDone {
			id = "review.efvp.done"
		}
		facts = append(facts, cards.Fact{Label: v.t("review.fact.efvp"), Value: v.t(id, map[string]any{"Date": ru.EFVPDate})})
	}
	if ru.EFVPNextReview != "" {
		facts = append(facts, cards.Fact{Label: v.t("review.form.efvp_next"), Value: ru.EFVPNextReview})
	}
	if ru.Deployment != "" {
		facts = append(facts, cards.Fact{Label: v.t("review.fact.deployment"), Value: ru.Deployment})
	}
	facts = append(facts, cards.Fact{Label: v.t("review.fact.training"), Value: strings.Join(ru.Training, ", ")})
	if len(ru.Trainees) > 0 {
		facts = append(facts, cards.Fact{Label: v.t("review.form.trainees"), Value: strings.Join(ru.Trainees, ", ")})
	}
	return cards.Section{Heading: v.t("review.ruling.heading"), Facts: facts}
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
