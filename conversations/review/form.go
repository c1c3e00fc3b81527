package review

import (
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// The approval form's inputs; a use's inputs end with the use id.
const (
	inputUse      = "use:"
	inputCond     = "cond:"
	inputHosting  = "hosting"
	inputAliases  = "aliases"
	inputEFVPDone = "efvp_done"
	inputEFVPNext = "efvp_next"
	inputTraining = "training"
	inputTrainees = "trainees"
	inputOverride = "override_62"
)

// maxFormInputs is how many inputs the form holds at most within Slack's limits.
const maxFormInputs = 46

// Patterns the card checks as each field is filled (cards.Input.Pattern); readForm
// checks every value again.
const (
	datePattern   = `\d{4}-\d{2}-\d{2}`
	datesPattern  = `\d{4}-\d{2}-\d{2}([,; ]+\d{4}-\d{2}-\d{2})*[,; ]*`
	emailsPattern = `[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+([,; \n]+[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+)*[,; \n]*`
)

// approvalForm is the card on which a CODIR-IN member confirms an approval: the rule
// of each requested use, and for a new system its aliases, hosting and EFVP (done or
// only planned, its next revision); the training calendar. The EFVP and deployment
// dates are the request's (a wrong one is corrected by asking for changes), which
// keeps a request of twenty restricted uses within Slack's fifty blocks. Every field is prefilled from values
// (the request and the inventory, or what the reviewer typed), labelled in the
// reviewer's language only, and problems (by input id) are shown on top and beside
// their field, so that a correction keeps everything else typed.
func approvalForm(v view, values map[string]string, problems map[string]string) *cards.Card {
	r := v.req
	c := &cards.Card{
		Title:    v.t("review.form.title", map[string]any{"ID": r.ID, "System": v.systemName()}),
		Subtitle: v.t("review.form.subtitle"),
		Footer:   v.t("review.form.footer"),
		Buttons: []cards.Button{{Label: v.t("review.button.confirm"), Verb: VerbConfirm, Subject: refOf(r).String(),
			Style: cards.StylePrimary}},
	}
	if len(problems) > 0 {
		c.Sections = append(c.Sections, cards.Section{Heading: v.t("review.form.problems"), Text: bullets(orderedProblems(v, problems)),
			Warning: true})
	}
	c.Sections = append(c.Sections, v.warnings()...)
	intro := v.t("review.form.intro")
	if v.existing() {
		intro = v.t("review.form.intro_existing", map[string]any{"System": v.system.Name})
	}
	if !workflow.FinalApproval(r, requests.CODIRReview) {
		intro += "\n\n" + v.t("review.form.then_privacy")
	}
	c.Sections = append(c.Sections, cards.Section{Text: intro}, cards.Section{Facts: v.facts()})
	field := func(in cards.Input) {
		in.Value = values[in.ID]
		in.Error = problems[in.ID] // shown beside the field, and listed on top
		c.Inputs = append(c.Inputs, in)
	}
	// What the form proposes, in words: the terminal shows no input values, and the
	// reviewer should see what an empty field keeps.
	var proposed []cards.Fact
	ruleChoices := choices(v.lang, "review.rule.", rules)
	for _, u := range r.Facts().Uses() {
		label := v.useLabel(u)
		val := values[inputUse+u]
		if rule, ok := choiceValue(val, "review.rule.", rules); ok {
			val = v.t("review.rule." + rule)
			if cond := values[inputCond+u]; rule == "restricted" && cond != "" {
				val += " — " + cond
			}
		}
		proposed = append(proposed, cards.Fact{Label: label, Value: val})
		if v.proposed(u) {
			v.mapFields(u, values, field)
		}
		field(cards.Input{ID: inputUse + u, Label: v.t("review.form.use", map[string]any{"Use": label}), Required: true, Choices: ruleChoices})
		// A conditions field for the uses restricted so far only: a use made restricted
		// on this try comes back with its field and a request to fill it, which keeps a
		// request of twenty uses within Slack's fifty blocks.
		if rule, _ := choiceValue(values[inputUse+u], "review.rule.", rules); rule == "restricted" {
			field(cards.Input{ID: inputCond + u, Label: v.t("review.form.conditions", map[string]any{"Use": label}), Multiline: true})
		}
	}
	if v.publicPersonal() {
		field(cards.Input{ID: inputOverride, Label: v.t("review.form.override"), Multiline: true,
			Placeholder: v.t("review.form.override_hint")})
	}
	if !v.existing() {
		proposed = append(proposed, cards.Fact{Label: v.t("review.form.aliases"), Value: orNone(v, values[inputAliases])})
		field(cards.Input{ID: inputAliases, Label: v.t("review.form.aliases"), Placeholder: v.t("review.form.aliases_hint")})
		if h, ok := choiceValue(values[inputHosting], "review.hosting.", hostings); ok {
			proposed = append(proposed, cards.Fact{Label: v.t("review.form.hosting"), Value: v.t("review.hosting." + h)})
		}
		field(cards.Input{ID: inputHosting, Label: v.t("review.form.hosting"), Required: true, Choices: choices(v.lang, "review.hosting.", hostings)})
		if done, ok := yesNoValue(values[inputEFVPDone]); ok {
			proposed = append(proposed, cards.Fact{Label: v.t("review.form.efvp_done"), Value: v.yesNo(done)})
		}
		proposed = append(proposed, cards.Fact{Label: v.t("review.form.efvp_next"), Value: values[inputEFVPNext]})
		field(cards.Input{ID: inputEFVPDone, Label: v.t("review.form.efvp_done"), Required: true,
			Choices: []cards.Choice{{Value: "yes", Label: v.t("review.value.yes")}, {Value: "no", Label: v.t("review.value.no")}}})
		field(cards.Input{ID: inputEFVPNext, Label: v.t("review.form.efvp_next"), Required: true, Placeholder: v.t("review.form.date_hint"),
			Pattern: datePattern, PatternError: v.t("review.form.date_format")})
	}
	proposed = append(proposed, cards.Fact{Label: v.t("review.fact.training"), Value: values[inputTraining]})
	c.Sections = append(c.Sections, cards.Section{Heading: v.t("review.form.proposed"), Facts: proposed})
	field(cards.Input{ID: inputTraining, Label: v.t("review.fact.training"), Required: true, Placeholder: v.t("review.form.dates_hint"),
		Pattern: datesPattern, PatternError: v.t("review.form.dates_format")})
	field(cards.Input{ID: inputTrainees, Label: v.t("review.form.trainees"), Placeholder: v.t("review.form.trainees_hint"),
		Pattern: emailsPattern, PatternError: v.t("review.form.emails_format")})
	// The optional comment goes when a form of twenty restricted uses would not fit
	// in a Slack message (fifty blocks with the title, the buttons and the footer).
	if len(c.Inputs) < maxFormInputs {
		field(cards.Input{ID: inputComment, Label: v.t("review.input.comment_optional"), Multiline: true})
	}
	return c
}

// orderedProblems lists problems in the form's order of fields.
func orderedProblems(v view, problems map[string]string) []string {
	var order []string
	for _, u := range v.req.Facts().Uses() {
		order = append(order, inputMap+u, inputNew+u, inputUse+u, inputCond+u)
	}
	order = append(order, "", inputOverride, inputAliases, inputHosting, inputEFVPDone, inputEFVPNext, inputTraining, inputTrainees)
	var out []string
	for _, id := range order {
		if p, ok := problems[id]; ok {
			out = append(out, p)
		}
	}
	return out
}

func choices(lang i18n.Lang, prefix string, values []string) []cards.Choice {
	out := make([]cards.Choice, len(values))
	for i, val := range values {
		out[i] = cards.Choice{Value: val, Label: i18n.T(lang, prefix+val)}
	}
	return out
}

// splitList splits a list typed in one field: commas, semicolons, spaces or lines.
func splitList(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' })
}
