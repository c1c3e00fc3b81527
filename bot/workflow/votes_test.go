package workflow

import (
	"errors"
	"reflect"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
)

// ballots builds votes from "voter:choice" pairs, a minute apart.
func ballots(pairs ...string) []Vote {
	t0 := time.Date(2027, 1, 11, 9, 0, 0, 0, time.UTC)
	out := make([]Vote, len(pairs))
	for i, p := range pairs {
		voter, choice := p[:1], p[2:]
		out[i] = Vote{VoterKey: voter, Choice: Choice(choice), At: t0.Add(time.Duration(i) * time.Minute)}
		if out[i].Choice == ChoiceConditions {
			out[i].Conditions = []Condition{{Kind: CondHumanReview}}
		}
	}
	return out
}

func TestCount(t *testing.T) {
	majority := Rule{Kind: config.RuleMajority, Quorum: 3}
	unanimous := Rule{Kind: config.RuleUnanimous}
	first := Rule{Kind: config.RuleFirst}
	for _, tc := range []struct {
		name     string
		rule     Rule
		eligible int
		votes    []Vote
		closed   bool
		decision Action
		why      string
	}{
		{"first: no vote", first, 5, nil, false, "", ""},
		{"first: the first vote closes", first, 5, ballots("a:changes"), true, RequestChanges, WhyMet},
		{"first: with conditions approves", first, 1, ballots("a:approve_with_conditions"), true, Approve, WhyMet},
		{"majority: below quorum stays open", majority, 5, ballots("a:approve", "b:approve"), false, "", ""},
		{"majority: quorum with a majority closes", majority, 5, ballots("a:approve", "b:reject", "c:approve_with_conditions"), true, Approve, WhyMet},
		{"majority: quorum without majority stays open", majority, 5, ballots("a:approve", "b:reject", "c:changes"), false, "", ""},
		{"majority: reject majority", majority, 5, ballots("a:reject", "b:reject", "c:approve"), true, Reject, WhyMet},
		{"majority: changes majority", majority, 5, ballots("a:changes", "b:changes", "c:changes"), true, RequestChanges, WhyMet},
		{"majority: 2-2 with one left stays open", majority, 5, ballots("a:approve", "b:reject", "c:approve", "d:reject"), false, "", ""},
		{"majority: tie once all voted asks changes", majority, 4, ballots("a:approve", "b:reject", "c:approve", "d:reject"), true, RequestChanges, WhyTie},
		{"majority: 2-2-1 tie", majority, 5, ballots("a:approve", "b:reject", "c:approve", "d:reject", "e:changes"), true, RequestChanges, WhyTie},
		{"majority: three-way split with one left cannot be met", majority, 4, ballots("a:approve", "b:reject", "c:changes"), true, RequestChanges, WhyCannotBeMet},
		{"majority: fewer members than quorum", majority, 2, ballots("a:approve"), false, "", WhyNoQuorum},
		{"majority: a changed vote counts once", majority, 5, ballots("a:reject", "b:approve", "a:approve", "c:approve"), true, Approve, WhyMet},
		{"majority: a changed vote can undo a majority", majority, 5, ballots("a:approve", "b:approve", "a:reject", "c:reject"), true, Reject, WhyMet},
		{"unanimous: all approve", unanimous, 3, ballots("a:approve", "b:approve_with_conditions", "c:approve"), true, Approve, WhyMet},
		{"unanimous: waiting for one", unanimous, 3, ballots("a:approve", "b:approve"), false, "", ""},
		{"unanimous: one reject closes at once", unanimous, 3, ballots("a:approve", "b:reject"), true, Reject, WhyCannotBeMet},
		{"unanimous: one changes closes at once", unanimous, 3, ballots("a:changes"), true, RequestChanges, WhyCannotBeMet},
		{"unanimous: no member", unanimous, 0, nil, false, "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			o := Count(tc.rule, tc.eligible, tc.votes)
			if o.Closed != tc.closed || o.Decision != tc.decision || o.Why != tc.why {
				t.Fatalf("Count = closed %v %q why %q (tally %+v), want closed %v %q why %q",
					o.Closed, o.Decision, o.Why, o.Tally, tc.closed, tc.decision, tc.why)
			}
			if o.Closed && o.Deciding.VoterKey == "" {
				t.Errorf("closed without a deciding vote")
			}
		})
	}
}

func TestCountTallyAndConditions(t *testing.T) {
	votes := ballots("a:approve", "b:approve_with_conditions", "c:reject", "b:approve_with_conditions")
	votes[1].Conditions = []Condition{{Kind: CondNoPersonal}}
	votes[3].Conditions = []Condition{{Kind: CondDisclosure}, {Kind: CondEFVPBy, Date: "2027-06-30"}}
	o := Count(Rule{Kind: config.RuleMajority, Quorum: 3}, 5, votes)
	want := Tally{Eligible: 5, Needed: 3, Cast: 3, Approve: 1, Conditions: 1, Reject: 1}
	if o.Tally != want {
		t.Fatalf("tally = %+v, want %+v", o.Tally, want)
	}
	// b's latest vote replaced their first one, conditions included.
	if !o.Closed || o.Decision != Approve || !reflect.DeepEqual(o.Conditions, votes[3].Conditions) {
		t.Fatalf("outcome = %v %q %+v", o.Closed, o.Decision, o.Conditions)
	}
	if o.Deciding.VoterKey != "b" {
		t.Errorf("deciding vote = %s, want b's (the latest approving)", o.Deciding.VoterKey)
	}
	two := Count(Rule{Kind: config.RuleUnanimous}, 2, []Vote{
		{VoterKey: "a", Choice: ChoiceConditions, Conditions: []Condition{{Kind: CondNoPersonal}, {Kind: CondDisclosure}}},
		{VoterKey: "b", Choice: ChoiceConditions, Conditions: []Condition{{Kind: CondDisclosure}, {Kind: CondTrainedOnly}}},
	})
	if got := ConditionsText(two.Conditions, i18n.FR); got != "sans renseignement personnel ni donnée confidentielle (6.2) ; "+
		"l'usage de l'IAG est divulgué (5.1.7) ; par des utilisateurs formés seulement (7)" {
		t.Errorf("union of conditions = %q", got)
	}
}

func TestConditions(t *testing.T) {
	for _, tc := range []struct {
		c      Condition
		err    error
		fr, en string
	}{
		{Condition{Kind: CondHumanReview}, nil, "chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11)",
			"every output is reviewed by a person before use (5.1.9, 5.1.11)"},
		{Condition{Kind: CondPrivateOnly}, nil, "dans un système privé sécurisé seulement (6.2)", "in a private secured system only (6.2)"},
		{Condition{Kind: CondEFVPBy, Date: "2027-06-30"}, nil, "EFVP révisée au plus tard le 2027-06-30 (6.3.2)", "EFVP revised by 2027-06-30 (6.3.2)"},
		{Condition{Kind: CondEFVPBy, Date: "30 juin"}, ErrConditionDate, "", ""},
		{Condition{Kind: CondPilot, Date: "2027-06-30", Schools: []string{"École Saint-Jean", "École des Pionniers"}}, nil,
			"projet pilote limité à École Saint-Jean, École des Pionniers jusqu'au 2027-06-30",
			"pilot limited to École Saint-Jean, École des Pionniers until 2027-06-30"},
		{Condition{Kind: CondPilot, Date: "2027-06-30"}, ErrConditionSchools, "", ""},
		{Condition{Kind: CondOther, TextFR: "rapport au CODIR-IN en juin"}, nil, "rapport au CODIR-IN en juin", "rapport au CODIR-IN en juin"},
		{Condition{Kind: CondOther, TextFR: "rapport en juin", TextEN: "report in June"}, nil, "rapport en juin", "report in June"},
		{Condition{Kind: CondOther}, ErrConditionText, "", ""},
		{Condition{Kind: "sometimes"}, ErrConditionKind, "", ""},
	} {
		if err := tc.c.Validate(); !errors.Is(err, tc.err) {
			t.Errorf("%+v: Validate = %v, want %v", tc.c, err, tc.err)
		}
		if tc.err != nil {
			continue
		}
		if fr, en := tc.c.Text(i18n.FR), tc.c.Text(i18n.EN); fr != tc.fr || en != tc.en {
			t.Errorf("%+v: text = %q / %q, want %q / %q", tc.c, fr, en, tc.fr, tc.en)
		}
	}
}
