package review

import (
	"encoding/json"
	"regexp"
	"slices"
	"strings"
	"time"

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
	inputEFVPNext = "efvp_next"
	inputTraining = "training"
	inputTrainees = "trainees"
)

var emailRe = regexp.MustCompile(`^[^@\s,;]+@[^@\s,;]+\.[^@\s,;]+$`)

// approvalForm is the card on which a CODIR-IN member confirms an approval: the rule
// of each requested use, the hosting, the EFVP's next revision and the training
// calendar, prefilled with values (the defaults, or what they typed), with the
// problems of their last try on top.
func approvalForm(v view, values map[string]string, problems []string) *cards.Card {
	r := v.req
	c := &cards.Card{
		Title:    v.t("review.form.title", map[string]any{"ID": r.ID, "System": v.systemName()}),
		Subtitle: v.t("review.form.subtitle"),
		Footer:   v.t("review.form.footer"),
		Buttons: []cards.Button{{Label: v.t("review.button.confirm"), Verb: VerbConfirm, Subject: refOf(r).String(),
			Style: cards.StylePrimary}},
	}
	if len(problems) > 0 {
		c.Sections = append(c.Sections, cards.Section{Heading: v.t("review.form.problems"), Text: bullets(problems)})
	}
	intro := v.t("review.form.intro")
	if !workflow.FinalApproval(r, requests.CODIRReview) {
		intro += "\n\n" + v.t("review.form.then_privacy")
	}
	c.Sections = append(c.Sections, cards.Section{Text: intro}, cards.Section{Facts: v.facts()})
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
		c.Inputs = append(c.Inputs, cards.Input{ID: inputUse + u, Label: v.t("review.form.use", map[string]any{"Use": label}),
			Required: true, Value: values[inputUse+u], Choices: ruleChoices})
		// A conditions field for the uses restricted so far only: a use made restricted
		// on this try comes back with its field and a request to fill it, which keeps a
		// request of twenty uses within Slack's fifty blocks.
		if rule, _ := choiceValue(values[inputUse+u], "review.rule.", rules); rule == "restricted" {
			c.Inputs = append(c.Inputs, cards.Input{ID: inputCond + u, Label: v.t("review.form.conditions", map[string]any{"Use": label}),
				Value: values[inputCond+u], Multiline: true})
		}
	}
	if h, ok := choiceValue(values[inputHosting], "review.hosting.", hostings); ok {
		proposed = append(proposed, cards.Fact{Label: v.t("review.form.hosting"), Value: v.t("review.hosting." + h)})
	}
	proposed = append(proposed, cards.Fact{Label: v.t("review.form.efvp_next"), Value: values[inputEFVPNext]},
		cards.Fact{Label: v.t("review.fact.training"), Value: values[inputTraining]})
	c.Sections = append(c.Sections, cards.Section{Heading: v.t("review.form.proposed"), Facts: proposed})
	c.Inputs = append(c.Inputs,
		cards.Input{ID: inputHosting, Label: v.t("review.form.hosting"), Required: true, Value: values[inputHosting],
			Choices: choices(v.lang, "review.hosting.", hostings)},
		cards.Input{ID: inputEFVPNext, Label: v.t("review.form.efvp_next"), Required: true, Value: values[inputEFVPNext],
			Placeholder: v.t("review.form.date_hint")},
		cards.Input{ID: inputTraining, Label: v.t("review.fact.training"), Required: true, Value: values[inputTraining],
			Placeholder: v.t("review.form.dates_hint")},
		cards.Input{ID: inputTrainees, Label: v.t("review.form.trainees"), Value: values[inputTrainees],
			Placeholder: v.t("review.form.trainees_hint")},
		cards.Input{ID: inputComment, Label: v.t("review.input.comment_optional"), Value: values[inputComment], Multiline: true},
	)
	return c
}

func choices(lang i18n.Lang, prefix string, values []string) []cards.Choice {
	out := make([]cards.Choice, len(values))
	for i, val := range values {
		out[i] = cards.Choice{Value: val, Label: i18n.T(lang, prefix+val)}
	}
	return out
}

// readForm checks the approval form's values: an empty field keeps the value the form
// proposed (a terminal user answers with Enter). It returns the ruling as JSON, the
// values to show again, and what to correct.
func readForm(v view, in map[string]string, today time.Time) (details string, values map[string]string, problems []string) {
	values = defaults(v, today)
	for k, val := range in {
		if val = strings.TrimSpace(val); val != "" {
			values[k] = val
		}
	}
	ru := ruling{Lang: string(v.lang)}
	for _, u := range v.req.Facts().Uses() {
		rule, ok := choiceValue(values[inputUse+u], "review.rule.", rules)
		if !ok {
			problems = append(problems, v.t("review.form.bad_rule", map[string]any{"Use": v.useLabel(u)}))
			continue
		}
		cond := strings.TrimSpace(values[inputCond+u])
		if rule == "restricted" && cond == "" {
			problems = append(problems, v.t("review.form.need_conditions", map[string]any{"Use": v.useLabel(u)}))
		}
		if rule != "restricted" {
			cond = ""
		}
		ur := useRuling{Use: u, Rule: rule, Conditions: cond}
		for _, id := range []string{"review.default.cond_public", "review.default.cond_automated"} {
			if cond != "" && cond == v.t(id) {
				ur.Default = id
			}
		}
		ru.Uses = append(ru.Uses, ur)
	}
	if len(v.req.Facts().Uses()) == 0 {
		problems = append(problems, v.t("review.form.no_uses"))
	}
	var ok bool
	if ru.Hosting, ok = choiceValue(values[inputHosting], "review.hosting.", hostings); !ok {
		problems = append(problems, v.t("review.form.bad_hosting"))
	}
	next, err := time.Parse(requests.DateLayout, values[inputEFVPNext])
	switch {
	case err != nil:
		problems = append(problems, v.t("review.form.bad_date", map[string]any{"Value": values[inputEFVPNext]}))
	case !next.After(today):
		problems = append(problems, v.t("review.form.past_efvp"))
	default:
		ru.EFVPNextReview = next.Format(requests.DateLayout)
	}
	dates := strings.FieldsFunc(values[inputTraining], func(r rune) bool { return r == ',' || r == ';' || r == ' ' })
	for _, s := range dates {
		d, err := time.Parse(requests.DateLayout, s)
		if err != nil {
			problems = append(problems, v.t("review.form.bad_date", map[string]any{"Value": s}))
			continue
		}
		ru.Training = append(ru.Training, d.Format(requests.DateLayout))
	}
	if len(dates) == 0 {
		problems = append(problems, v.t("review.form.no_training"))
	}
	// The people to train (7), by e-mail: that is how the bot knows them on any channel.
	for _, who := range strings.FieldsFunc(values[inputTrainees], func(r rune) bool { return r == ',' || r == ';' || r == ' ' || r == '\n' }) {
		if !emailRe.MatchString(who) {
			problems = append(problems, v.t("review.form.bad_email", map[string]any{"Value": who}))
			continue
		}
		if key := strings.ToLower(who); key != v.req.RequesterKey && !slices.Contains(ru.Trainees, key) {
			ru.Trainees = append(ru.Trainees, key)
		}
	}
	b, err := json.Marshal(ru)
	if err != nil {
		problems = append(problems, err.Error())
	}
	return string(b), values, problems
}
