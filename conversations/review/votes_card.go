package review

import (
	"strings"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// The cards of a stage decided by a committee's votes (config committees): the tally
// and who voted, what each voted unless the vote is secret and the stage open.

// committee is how stage st decides and how many members vote there; a view without
// rules (goldens of the first-vote cards) decides by the first vote.
func (v view) committee(st requests.Status) (workflow.Rule, int) {
	if v.rules == nil {
		return workflow.RuleOf(configFirst), 0
	}
	return v.rules(st)
}

// stageVotes are the votes on stage st in the request's current round.
func (v view) stageVotes(st requests.Status) []workflow.Vote {
	var out []workflow.Vote
	for _, vt := range v.votes {
		if vt.Stage == st && vt.Round == v.req.Round {
			out = append(out, vt)
		}
	}
	return out
}

// tallyLine is « 2 / 3 votes requis · 1 pour, 1 demande de modifications ». A secret
// vote shows only the count until the stage closes.
func (v view) tallyLine(rule workflow.Rule, t workflow.Tally, closed bool) string {
	line := v.t("votes.tally.cast", map[string]any{"Cast": t.Cast, "Needed": t.Needed})
	if rule.Secret && !closed {
		return line + " · " + v.t("votes.tally.secret")
	}
	var parts []string
	for _, p := range []struct {
		id string
		n  int
	}{{"votes.tally.approve", t.Approve}, {"votes.tally.conditions", t.Conditions}, {"votes.tally.changes", t.Changes},
		{"votes.tally.reject", t.Reject}} {
		if p.n > 0 {
			parts = append(parts, v.t(p.id, map[string]any{"Count": p.n}))
		}
	}
	if len(parts) == 0 {
		return line
	}
	return line + " · " + strings.Join(parts, ", ")
}

// votesSection is the tally and one fact per member who voted: their choice, comment
// and conditions, or « a voté » while a secret vote is open.
func (v view) votesSection(st requests.Status, closed bool) cards.Section {
	rule, eligible := v.committee(st)
	votes := v.stageVotes(st)
	o := workflow.Count(rule, eligible, votes)
	s := cards.Section{Heading: v.t("votes.heading."+rule.Kind, map[string]any{"Quorum": rule.Quorum, "Members": eligible}),
		Text: v.tallyLine(rule, o.Tally, closed)}
	if o.Why == workflow.WhyNoQuorum && !closed {
		// Fewer members than the quorum (the configuration changed): votes cannot
		// close the stage; an administrator reassigns it or fixes the role.
		s.Text += "\n\n" + v.t("votes.no_quorum", map[string]any{"Members": eligible, "Quorum": rule.Quorum})
		s.Warning = true
	}
	for _, vt := range votes {
		val := v.t("votes.voted")
		if !rule.Secret || closed {
			val = v.t("votes.choice." + string(vt.Choice))
			if len(vt.Conditions) > 0 {
				val += " — " + workflow.ConditionsText(vt.Conditions, v.lang)
			}
			if c := strings.TrimSpace(vt.Comment); c != "" {
				val += " — « " + c + " »"
			}
		}
		s.Facts = append(s.Facts, cards.Fact{Label: nameOr(vt.VoterName, vt.VoterKey), Value: val + " (" + v.when(vt.At) + ")"})
	}
	return s
}

// voteButtons are a committee stage's buttons: approve, approve with conditions, ask
// for changes, reject (the STI prepares and does not reject, 6.3.3).
func (v view) voteButtons(st requests.Status) []cards.Button {
	ref := refOf(v.req).String()
	out := []cards.Button{
		{Label: v.t("review.button.approve"), Verb: VerbApprove, Subject: ref, Style: cards.StylePrimary},
		{Label: v.t("votes.button.conditions"), Verb: VerbConditions, Subject: ref},
		{Label: v.t("review.button.changes"), Verb: VerbChanges, Subject: ref, Needs: []string{inputComment}},
	}
	if st != requests.STIReview {
		out = append(out, cards.Button{Label: v.t("review.button.reject"), Verb: VerbReject, Subject: ref, Style: cards.StyleDanger,
			Needs: []string{inputComment}})
	}
	return out
}

// committeeCard turns a stage's review card into its committee form: the vote
// buttons, the tally and the voters, and how to change one's vote.
func committeeCard(v view, c *cards.Card) *cards.Card {
	st := v.req.Status
	keep, consult := c.Buttons[:0:0], c.Buttons[:0:0]
	for _, b := range c.Buttons {
		switch b.Verb {
		case VerbSTIForm:
			keep = append(keep, b)
		case VerbConsultForm: // a committee asks the SGC or the SPOA whatever its rule (consult.go)
			consult = append(consult, b)
		}
	}
	c.Buttons = append(append(keep, v.voteButtons(st)...), consult...)
	c.Sections = append(c.Sections, v.votesSection(st, false))
	c.Footer = v.t("votes.footer") + " " + c.Footer
	return c
}

// reviewCard is the card of the request's current stage, with its buttons: a
// committee's vote when its role decides by votes.
func reviewCard(v view) *cards.Card {
	c := stageCard(v)
	if rule, _ := v.committee(v.req.Status); rule.Votes() {
		return committeeCard(v, c)
	}
	return c
}

// myVote is key's latest vote on the current stage when its role decides by votes:
// « demandes à examiner » tells a member they voted, and may still change it.
func (v view) myVote(key string) (workflow.Vote, bool) {
	if rule, _ := v.committee(v.req.Status); !rule.Votes() {
		return workflow.Vote{}, false
	}
	var mine workflow.Vote
	for _, vt := range v.stageVotes(v.req.Status) {
		if strings.EqualFold(vt.VoterKey, key) && !vt.At.Before(mine.At) {
			mine = vt
		}
	}
	return mine, mine.VoterKey != ""
}
