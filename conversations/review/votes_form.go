package review

import (
	"context"
	"slices"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// The conditions of an approval with conditions, as data (workflow.Condition): the
// procedure's usual ones picked from a list, an EFVP revision date, a pilot's schools
// and end date, or typed in French and English. CODIR-IN rules on the uses too, so
// its members get the approval form with these fields added.
const (
	inputConds      = "conds"
	inputCondEFVP   = "cond_efvp_by"
	inputCondSchool = "cond_schools"
	inputCondUntil  = "cond_until"
	inputCondFR     = "cond_fr"
	inputCondEN     = "cond_en"
)

// pickable are the conditions picked from the list; the typed one has its own fields.
var pickable = []workflow.ConditionKind{workflow.CondNoPersonal, workflow.CondHumanReview, workflow.CondDisclosure,
	workflow.CondPrivateOnly, workflow.CondTrainedOnly, workflow.CondEFVPBy, workflow.CondPilot}

// conditionInputs are the fields of the conditions, with values and problems.
func conditionInputs(v view, values, problems map[string]string) []cards.Input {
	kinds := make([]cards.Choice, len(pickable))
	for i, k := range pickable {
		kinds[i] = cards.Choice{Value: string(k), Label: v.t("votes.form.kind." + string(k))}
	}
	ins := []cards.Input{
		{ID: inputConds, Label: v.t("votes.form.conditions"), Choices: kinds, Multi: true},
		{ID: inputCondEFVP, Label: v.t("votes.form.efvp_by"), Type: cards.InputDate},
		{ID: inputCondSchool, Label: v.t("votes.form.schools"), Placeholder: v.t("votes.form.schools_hint")},
		{ID: inputCondUntil, Label: v.t("votes.form.until"), Type: cards.InputDate},
		{ID: inputCondFR, Label: v.t("votes.form.other_fr"), Multiline: true},
		{ID: inputCondEN, Label: v.t("votes.form.other_en"), Multiline: true},
	}
	for i := range ins {
		ins[i].Value = values[ins[i].ID]
		ins[i].Error = problems[ins[i].ID]
	}
	return ins
}

// conditionsForm is the private card of an approval with conditions: for CODIR-IN the
// approval form with the conditions' fields before the comment, for another stage the
// conditions and a comment.
func conditionsForm(v view, values, problems map[string]string) *cards.Card {
	r := v.req
	button := cards.Button{Label: v.t("votes.button.confirm_conditions"), Verb: VerbConfirmConditions, Subject: refOf(r).String(),
		Style: cards.StylePrimary}
	var c *cards.Card
	if r.Status == requests.CODIRReview {
		// The committee's conditions restrict every use not forbidden, so the form
		// drops each use's own conditions field: that keeps a request of twenty uses
		// within Slack's fifty blocks. The proposed conditions still apply.
		c = approvalForm(v, values, problems)
		c.Buttons = []cards.Button{button}
		ins := c.Inputs[:0:0]
		for _, in := range c.Inputs {
			if !strings.HasPrefix(in.ID, inputCond) {
				ins = append(ins, in)
			}
		}
		c.Inputs = ins
	} else {
		c = &cards.Card{Title: v.t("review.card.title", map[string]any{"ID": r.ID, "System": v.systemName()}),
			Sections: []cards.Section{{Facts: v.facts()}}, Buttons: []cards.Button{button},
			Inputs: []cards.Input{{ID: inputComment, Label: v.t("review.input.comment_optional"), Multiline: true, Value: values[inputComment]}}}
	}
	c.Subtitle = v.t("votes.form.subtitle")
	var msgs []string
	for _, id := range []string{inputConds, inputCondEFVP, inputCondSchool, inputCondUntil, inputCondFR} {
		if p := problems[id]; p != "" {
			msgs = append(msgs, p)
		}
	}
	if len(msgs) > 0 {
		c.Sections = append([]cards.Section{{Heading: v.t("review.form.problems"), Text: bullets(msgs), Warning: true}}, c.Sections...)
	}
	// Before the comment, which a CODIR-IN form ends with when it fits.
	ins := conditionInputs(v, values, problems)
	if n := len(c.Inputs); n > 0 && c.Inputs[n-1].ID == inputComment {
		c.Inputs = append(c.Inputs[:n-1:n-1], append(ins, c.Inputs[n-1])...)
	} else {
		c.Inputs = append(c.Inputs, ins...)
	}
	return c
}

// readConditions reads the conditions typed or picked; problems are by input id.
func readConditions(v view, values map[string]string, today time.Time, problems map[string]string) []workflow.Condition {
	picked := map[workflow.ConditionKind]bool{}
	for _, raw := range strings.Split(values[inputConds], ",") {
		if raw = strings.TrimSpace(raw); raw == "" {
			continue
		}
		kind, ok := raw, slices.Contains(kindValues(), raw)
		if !ok {
			kind, ok = choiceValue(raw, "votes.form.kind.", kindValues())
		}
		if !ok {
			addProblem(problems, inputConds, v.t("votes.form.bad_kind", map[string]any{"Value": raw}))
			continue
		}
		picked[workflow.ConditionKind(kind)] = true
	}
	date := func(id string) string {
		raw := strings.TrimSpace(values[id])
		d, err := time.Parse(requests.DateLayout, raw)
		switch {
		case err != nil:
			problems[id] = v.t("review.form.bad_date", map[string]any{"Value": raw})
		case !d.After(today):
			problems[id] = v.t("votes.form.past_date", map[string]any{"Value": raw})
		}
		return raw
	}
	if strings.TrimSpace(values[inputCondEFVP]) != "" {
		picked[workflow.CondEFVPBy] = true
	}
	if strings.TrimSpace(values[inputCondSchool]) != "" || strings.TrimSpace(values[inputCondUntil]) != "" {
		picked[workflow.CondPilot] = true
	}
	var out []workflow.Condition
	for _, k := range pickable {
		if !picked[k] {
			continue
		}
		c := workflow.Condition{Kind: k}
		switch k {
		case workflow.CondEFVPBy:
			c.Date = date(inputCondEFVP)
		case workflow.CondPilot:
			c.Date = date(inputCondUntil)
			for _, s := range strings.FieldsFunc(values[inputCondSchool], func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
				if s = strings.TrimSpace(s); s != "" {
					c.Schools = append(c.Schools, s)
				}
			}
			if len(c.Schools) == 0 {
				problems[inputCondSchool] = v.t("votes.form.need_schools")
			}
		}
		out = append(out, c)
	}
	if fr, en := strings.TrimSpace(values[inputCondFR]), strings.TrimSpace(values[inputCondEN]); fr != "" || en != "" {
		out = append(out, workflow.Condition{Kind: workflow.CondOther, TextFR: fr, TextEN: en})
	}
	if len(out) == 0 {
		problems[inputConds] = v.t("votes.form.none")
	}
	return out
}

func kindValues() []string {
	out := make([]string, len(pickable))
	for i, k := range pickable {
		out[i] = string(k)
	}
	return out
}

// conditionsPress checks a press on « Approuver avec conditions » or on its form's
// submit as an approval, and returns the request's view; stop answers a refused press.
// The STI prepares the request; the committees rule on its conditions (6.3.3).
func (f *Feature) conditionsPress(ctx context.Context, s *conversations.Session) (requests.Request, cardRef, view, []bot.Reply, error) {
	r, ref, stop, err := f.checkAct(ctx, s, workflow.Approve)
	if stop != nil || err != nil {
		return r, ref, view{}, stop, err
	}
	if ref.stage == requests.STIReview {
		return r, ref, view{}, []bot.Reply{refused(s.T("review.error.bad_button"))}, nil
	}
	v, err := f.view(ctx, s.Lang, r)
	return r, ref, v, nil, err
}

// onConditions opens the form of an approval with conditions.
func (f *Feature) onConditions(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	_, ref, v, stop, err := f.conditionsPress(ctx, s)
	if stop != nil || err != nil {
		return stop, err
	}
	values := map[string]string{}
	if ref.stage == requests.CODIRReview {
		values = defaults(v, s.Now)
	}
	return []bot.Reply{{Card: conditionsForm(v, values, nil), Private: true}}, nil
}

// onConfirmConditions reads the form: a committee member's vote to approve with
// conditions, or under the first-decision rule the stage's approval.
func (f *Feature) onConfirmConditions(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	r, ref, v, stop, err := f.conditionsPress(ctx, s)
	if stop != nil || err != nil {
		return stop, err
	}
	in := s.Turn.Action.Values
	values, problems, details := map[string]string{}, map[string]string{}, ""
	if ref.stage == requests.CODIRReview {
		details, values, problems = readForm(v, in, s.Now, f.aliasTaken(ctx))
	} else {
		for k, val := range in {
			values[k] = strings.TrimSpace(val)
		}
	}
	conds := readConditions(v, values, s.Now, problems)
	if len(conds) > 0 {
		// A use restricted without conditions of its own takes the committee's.
		for id := range problems {
			if strings.HasPrefix(id, inputCond) {
				delete(problems, id)
			}
		}
	}
	if len(problems) > 0 {
		return []bot.Reply{{Card: conditionsForm(v, values, problems), Private: true, Replace: s.Turn.Action.MessageID != ""}}, nil
	}
	var replies []bot.Reply
	if rule, _ := f.committee(ref.stage); rule.Votes() {
		replies, err = f.vote(ctx, s, r, ref, workflow.ChoiceConditions, values[inputComment], conds, details)
	} else {
		replies, err = f.approveWith(ctx, s, r, ref, values[inputComment], details, conds)
	}
	if err != nil || len(replies) == 0 || s.Turn.Action.MessageID == "" {
		return replies, err
	}
	return closeForm(s, v.t("votes.form.title", map[string]any{"ID": r.ID, "System": v.systemName()}), replies[0].Text), nil
}

// approveWith is a stage's approval with conditions under the first-decision rule: the
// conditions go into the decision and the inventory as a committee's votes put them
// (approvalWith), and the decision is the member's, as any first decision.
func (f *Feature) approveWith(ctx context.Context, s *conversations.Session, r requests.Request, ref cardRef,
	comment, details string, conds []workflow.Condition) ([]bot.Reply, error) {
	past, err := f.history(ctx, r.ID, r.Round)
	if err != nil {
		return nil, err
	}
	details, appr, err := approvalWith(r, ref.stage, details, conds, past)
	if err != nil {
		return nil, err
	}
	replies, err := f.decide(ctx, s, r, ref, workflow.Approve, comment, details, appr)
	if ru, _ := parseRuling(details); err == nil && ru.Override != "" && f.decidedBy(ctx, r, ref, s.Key) {
		err = f.Store.Audit(ctx, workflow.Override62(r.ID, ref.stage, audit.Actor{Key: s.Key, Name: s.Turn.User.Name}, ru.Override))
	}
	return replies, err
}
