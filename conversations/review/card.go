package review

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// inputComment is the comment every decision may carry; rejecting and asking for
// changes need one.
const inputComment = "comment"

// stageCard is the card of the request's current stage, with its buttons, for a
// stage decided by its first decision.
func stageCard(v view) *cards.Card {
	r := v.req
	ref := refOf(r)
	c := &cards.Card{
		Title:    v.t("review.card.title", map[string]any{"ID": r.ID, "System": v.systemName()}),
		Subtitle: v.stageLine(r.Status),
		Sections: append(v.warnings(), cards.Section{Facts: v.facts()},
			cards.Section{Heading: v.t("review.criteria.heading"), Checklist: criteria(v)}),
		Inputs: []cards.Input{{ID: inputComment, Label: v.t("review.input.comment"), Multiline: true,
			Placeholder: v.t("review.input.comment_hint")}},
		Footer:        v.t("review.card.footer." + string(r.Status)),
		Details:       details(v),
		DetailsButton: &cards.Button{Label: v.t("review.button.details"), Verb: VerbDetails, Subject: idSubject(r.ID)},
	}
	if pending := r.Facts().PendingSTI(); len(pending) > 0 {
		c.Sections = append(c.Sections, cards.Section{Heading: v.t("review.sti.heading"),
			Text: v.t("review.sti.pending", map[string]any{"Count": len(pending)}) + "\n" + bullets(v.itemLabels(pending))})
	}
	if s, ok := v.historySection(); ok {
		c.Sections = append(c.Sections, s)
	}
	if r.Status == requests.PrivacyReview {
		if d, ok := v.ruling(); ok {
			c.Sections = append(c.Sections, v.rulingSection(d))
		}
	}
	if s, ok := v.consultSection(r.Status, r.Round, nil); ok {
		c.Sections = append(c.Sections, s)
	}
	approve := cards.Button{Label: v.t("review.button.approve"), Verb: VerbApprove, Subject: ref.String(), Style: cards.StylePrimary}
	reject := cards.Button{Label: v.t("review.button.reject"), Verb: VerbReject, Subject: ref.String(), Style: cards.StyleDanger,
		Needs: []string{inputComment}}
	changes := cards.Button{Label: v.t("review.button.changes"), Verb: VerbChanges, Subject: ref.String(), Needs: []string{inputComment}}
	if r.Status == requests.STIReview {
		// The STI prepares; CODIR-IN rules on every request (6.3.3), so the STI cannot
		// refuse one. It fills the items left to it from a form of its own, because a
		// comment required to ask for changes would block the items' values in Teams.
		c.Buttons = []cards.Button{approve, changes}
		if len(r.Facts().PendingSTI()) > 0 {
			c.Buttons = append([]cards.Button{{Label: v.t("review.button.sti_form"), Verb: VerbSTIForm, Subject: ref.String()}}, c.Buttons...)
		}
		return c
	}
	// The committees rule on the conditions of an approval (6.3.3), as data
	// (workflow.Condition), whatever their rule: the same form as a committee vote's.
	conditions := cards.Button{Label: v.t("votes.button.conditions"), Verb: VerbConditions, Subject: ref.String()}
	c.Buttons = []cards.Button{approve, conditions, reject, changes}
	if workflow.Consults(r.Status) {
		c.Buttons = append(c.Buttons, consultButton(v))
	}
	return c
}

// decidedCard is the card of a stage once decided: the decision, who, when, what
// follows, and no buttons.
func decidedCard(v view, d workflow.Decision, to requests.Status) *cards.Card {
	r := v.req
	facts := []cards.Fact{
		{Label: v.t("review.fact.stage"), Value: capitalize(statusLabel(v.lang, d.Stage))},
		{Label: v.t("review.fact.decision"), Value: decisionLabel(v.lang, d.Decision)},
		{Label: v.t("review.fact.by"), Value: byName(v.lang, d)},
		{Label: v.t("review.fact.at"), Value: v.when(d.At)},
	}
	if c := strings.TrimSpace(d.Comment); c != "" {
		facts = append(facts, cards.Fact{Label: v.t("review.fact.comment"), Value: c})
	}
	if to != "" {
		facts = append(facts, cards.Fact{Label: v.t("review.fact.next"), Value: v.t("review.next." + string(to))})
	}
	sections := append([]cards.Section{{Heading: v.t("review.decided.heading"), Facts: facts}}, v.warnings()...)
	sections = append(sections, cards.Section{Facts: v.facts()})
	if rule, _ := v.committee(d.Stage); rule.Votes() {
		sections = append(sections, v.votesSection(d.Stage, true))
	}
	if d.Stage == requests.CODIRReview && d.Decision == workflow.Approve {
		sections = append(sections, v.rulingSection(d))
	}
	if s, ok := v.consultSection(d.Stage, d.Round, &d); ok {
		sections = append(sections, s)
	}
	return &cards.Card{
		Title: v.t("review.card.title", map[string]any{"ID": r.ID, "System": v.systemName()}),
		Subtitle: v.t("review.card.decided", map[string]any{"Decision": decisionLabel(v.lang, d.Decision),
			"Name": byName(v.lang, d), "When": v.when(d.At)}),
		Sections: sections,
		Footer:   v.t("review.card.footer_decided", map[string]any{"Sections": strings.Join(workflow.Sections(d.Stage), ", ")}),
	}
}

// stageLine says which stage the card is for, and the submission round after the first.
func (v view) stageLine(st requests.Status) string {
	line := v.t("review.stage." + string(st))
	if v.req.Round > 1 {
		line += " · " + v.t("review.card.round", map[string]any{"Round": v.req.Round})
	}
	return line
}

// facts are the request's essentials, the same on every card.
func (v view) facts() []cards.Fact {
	f := v.req.Facts()
	system := v.systemName()
	if k := v.kind(); k != "" {
		system += " (" + v.t("review.kind."+k) + ")"
	}
	out := []cards.Fact{
		{Label: v.t("review.fact.requester"), Value: v.requester()},
		{Label: v.t("review.fact.system"), Value: system},
	}
	if vendor := f.Vendor(); vendor != "" {
		out = append(out, cards.Fact{Label: v.t("review.fact.vendor"), Value: vendor})
	}
	if h := f.Hosting(); h != "" {
		out = append(out, cards.Fact{Label: v.t("review.form.hosting"), Value: v.t("review.hosting." + h)})
	}
	if open, ok := f.Open(); ok {
		out = append(out, cards.Fact{Label: v.t("review.fact.open"), Value: v.yesNo(open)})
	}
	if spec, ok := f.Specialized(); ok {
		out = append(out, cards.Fact{Label: v.t("review.fact.specialized"), Value: v.yesNo(spec)})
	}
	out = append(out,
		cards.Fact{Label: v.t("review.fact.uses"), Value: v.usesText()},
		cards.Fact{Label: v.t("review.fact.personal_data"), Value: v.yesNo(f.PersonalData())},
		cards.Fact{Label: v.t("review.fact.automated"), Value: v.yesNo(f.AutomatedDecision())},
		cards.Fact{Label: v.t("review.fact.efvp"), Value: v.efvpText()},
	)
	if dates := f.TrainingDates(); len(dates) > 0 {
		out = append(out, cards.Fact{Label: v.t("review.fact.training"), Value: v.days(dates)})
	}
	if d, ok := f.DeploymentDate(); ok {
		out = append(out, cards.Fact{Label: v.t("review.fact.deployment"), Value: v.day(d)})
	}
	if v.req.SubmittedAt != nil {
		out = append(out, cards.Fact{Label: v.t("review.fact.submitted"), Value: v.when(*v.req.SubmittedAt)})
	}
	return out
}

func (v view) efvpText() string {
	f := v.req.Facts()
	d, ok := f.EFVPDate()
	switch {
	case !ok:
		return v.t("review.efvp.missing")
	case f.EFVPDone():
		return v.t("review.efvp.done", map[string]any{"Date": v.day(d)})
	}
	return v.t("review.efvp.planned", map[string]any{"Date": v.day(d)})
}

// historySection lists the decisions already taken, every round, oldest first; the
// round is named once the request has been resubmitted.
func (v view) historySection() (cards.Section, bool) {
	facts := v.historyFacts()
	return cards.Section{Heading: v.t("review.history.heading"), Facts: facts}, len(facts) > 0
}

// historyFacts are the decisions of every round, one fact each.
func (v view) historyFacts() []cards.Fact {
	var facts []cards.Fact
	for _, d := range v.history {
		val := v.t("review.history.line", map[string]any{"Decision": decisionLabel(v.lang, d.Decision),
			"Name": byName(v.lang, d), "When": v.when(d.At)})
		if c := strings.TrimSpace(d.Comment); c != "" {
			val += " — " + c
		}
		label := capitalize(statusLabel(v.lang, d.Stage))
		if v.req.Round > 1 {
			label += " · " + v.t("review.card.round", map[string]any{"Round": d.Round})
		}
		facts = append(facts, cards.Fact{Label: label, Value: val})
	}
	return facts
}

func bullets(lines []string) string {
	if len(lines) == 0 {
		return ""
	}
	return "- " + strings.Join(lines, "\n- ")
}

// capitalize puts a label's first letter in upper case ("analyse par le STI" as a
// fact's label).
func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}

func nameOr(name, key string) string {
	if n := strings.TrimSpace(name); n != "" {
		return n
	}
	return key
}

func idSubject(id uint) string { return strconv.FormatUint(uint64(id), 10) }
