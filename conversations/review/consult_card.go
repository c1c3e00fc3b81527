package review

import (
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// The cards of the consultations (consult.go): the form a committee member fills to
// ask, the card the consulted role answers on, and the section every card of the
// deciding stage shows.

// The inputs of the consultation form and of the opinion card.
const (
	inputConsultRole = "consult_role"
	inputQuestion    = "question"
	inputOpinion     = "opinion"
	inputOpinionText = "opinion_text"
)

// consultButton is the deciding stage's « Demander un avis ».
func consultButton(v view) cards.Button {
	return cards.Button{Label: v.t("consult.button.ask"), Verb: VerbConsultForm, Subject: refOf(v.req).String()}
}

// consultForm is the private form of a committee member asking for an opinion.
func consultForm(v view, ref cardRef) *cards.Card {
	var choices []cards.Choice
	for _, role := range workflow.ConsultedRoles {
		choices = append(choices, cards.Choice{Value: role, Label: v.t("consult.choice." + role)})
	}
	return &cards.Card{
		Title:    v.t("consult.form.title", map[string]any{"ID": v.req.ID, "System": v.systemName()}),
		Subtitle: v.stageLine(ref.stage),
		Sections: []cards.Section{{Text: v.t("consult.form.intro")}},
		Inputs: []cards.Input{
			{ID: inputConsultRole, Label: v.t("consult.input.role"), Required: true, Choices: choices},
			{ID: inputQuestion, Label: v.t("consult.input.question"), Placeholder: v.t("consult.input.question_hint"), Multiline: true},
		},
		Buttons: []cards.Button{{Label: v.t("consult.button.send"), Verb: VerbConsult, Subject: ref.String(),
			Style: cards.StylePrimary, Needs: []string{inputConsultRole}}},
	}
}

// consultationCard is the card the consulted role gets: who asks, why, its part in the
// procedure, the request's essentials, and the opinion form. Once the opinion is
// given, the same card shows it without buttons; decided is the asking stage's
// decision when there is one, so that an opinion given after it says so.
func consultationCard(v view, c workflow.Consultation, decided *workflow.Decision) *cards.Card {
	role := v.t("review.role." + c.Role)
	asked := []cards.Fact{
		{Label: v.t("consult.fact.asked_by"), Value: nameOr(c.AskedByName, c.AskedByKey) + " — " + capitalize(statusLabel(v.lang, c.Stage))},
		{Label: v.t("consult.fact.asked_at"), Value: v.when(c.AskedAt)},
	}
	if q := strings.TrimSpace(c.Question); q != "" {
		asked = append(asked, cards.Fact{Label: v.t("consult.fact.question"), Value: q})
	}
	card := &cards.Card{
		Title: v.t("consult.card.title", map[string]any{"CID": c.ID, "ID": v.req.ID, "System": v.systemName()}),
		Sections: []cards.Section{
			{Heading: v.t("consult.card.asked_heading", map[string]any{"Role": role}), Facts: asked},
			{Heading: v.t("consult.mandate.heading"), Text: v.t("consult.mandate." + c.Role)},
			{Facts: v.facts()},
		},
		Details:       details(v),
		DetailsButton: &cards.Button{Label: v.t("review.button.details"), Verb: VerbDetails, Subject: idSubject(v.req.ID)},
		Footer: v.t("consult.card.footer", map[string]any{"Role": role,
			"Sections": strings.Join(workflow.ConsultSections(c.Role), ", ")}),
	}
	if c.Answered() {
		card.Subtitle = v.t("consult.card.answered", map[string]any{"Opinion": opinionLabel(v, c.Opinion),
			"Name": nameOr(c.ByName, c.ByKey), "When": v.when(*c.AnsweredAt)})
		card.Sections = append([]cards.Section{{Heading: v.t("consult.opinion.heading"), Facts: v.opinionFacts(c, decided)}}, card.Sections...)
		return card
	}
	card.Subtitle = v.t("consult.card.waiting", map[string]any{"Role": role})
	if decided != nil {
		card.Sections = append(card.Sections, cards.Section{Warning: true, Text: v.t("consult.card.decided_already",
			map[string]any{"Decision": decisionLabel(v.lang, decided.Decision), "When": v.when(decided.At)})})
	}
	var choices []cards.Choice
	for _, o := range workflow.Opinions {
		choices = append(choices, cards.Choice{Value: string(o), Label: opinionLabel(v, o)})
	}
	card.Inputs = []cards.Input{
		{ID: inputOpinion, Label: v.t("consult.input.opinion"), Required: true, Choices: choices},
		{ID: inputOpinionText, Label: v.t("consult.input.text"), Placeholder: v.t("consult.input.text_hint"), Multiline: true},
	}
	card.Buttons = []cards.Button{{Label: v.t("consult.button.give"), Verb: VerbOpinion,
		Subject: strconv.FormatUint(uint64(c.ID), 10), Style: cards.StylePrimary, Needs: []string{inputOpinion}}}
	return card
}

// opinionFacts show a given opinion: what, by whom, when, why, and whether it came
// after the committee's decision.
func (v view) opinionFacts(c workflow.Consultation, decided *workflow.Decision) []cards.Fact {
	facts := []cards.Fact{
		{Label: v.t("consult.fact.opinion"), Value: opinionLabel(v, c.Opinion)},
		{Label: v.t("consult.fact.by"), Value: nameOr(c.ByName, c.ByKey)},
		{Label: v.t("consult.fact.at"), Value: v.when(*c.AnsweredAt)},
	}
	if t := strings.TrimSpace(c.Text); t != "" {
		facts = append(facts, cards.Fact{Label: v.t("consult.fact.text"), Value: t})
	}
	if decided != nil && c.AfterDecision(*decided) {
		facts = append(facts, cards.Fact{Label: v.t("consult.fact.timing"), Value: v.t("consult.after_decision",
			map[string]any{"Decision": decisionLabel(v.lang, decided.Decision), "When": v.when(decided.At)})})
	}
	return facts
}

// consultSection lists the opinions the stage of round asked for, one fact each: the
// role, then the opinion or « en attente ». decided is the stage's decision, if any.
func (v view) consultSection(stage requests.Status, round int, decided *workflow.Decision) (cards.Section, bool) {
	var facts []cards.Fact
	for _, c := range v.consults {
		if c.Stage != stage || c.Round != round {
			continue
		}
		label := v.t("consult.line.label", map[string]any{"Role": v.t("review.role." + c.Role)})
		var val string
		if c.Answered() {
			val = v.t("consult.line.given", map[string]any{"Opinion": opinionLabel(v, c.Opinion),
				"Name": nameOr(c.ByName, c.ByKey), "When": v.when(*c.AnsweredAt)})
			if decided != nil && c.AfterDecision(*decided) {
				val += " " + v.t("consult.line.after")
			}
			if t := strings.TrimSpace(c.Text); t != "" {
				val += " — " + t
			}
		} else {
			val = v.t("consult.line.waiting", map[string]any{"Name": nameOr(c.AskedByName, c.AskedByKey), "When": v.when(c.AskedAt)})
		}
		if q := strings.TrimSpace(c.Question); q != "" {
			val += " · " + v.t("consult.line.question", map[string]any{"Question": q})
		}
		facts = append(facts, cards.Fact{Label: label, Value: val})
	}
	return cards.Section{Heading: v.t("consult.section.heading"), Facts: facts}, len(facts) > 0
}

// opinionLabel is an opinion in words (« Réservé »).
func opinionLabel(v view, o workflow.Opinion) string { return v.t("consult.opinion." + string(o)) }
