package review

import (
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// committeeView is the golden request at st, decided by a CODIR-IN of five members
// under rule, with votes.
func committeeView(lang i18n.Lang, st requests.Status, rule workflow.Rule, votes []workflow.Vote, decisions ...workflow.Decision) view {
	v := goldenView(lang, st, false, decisions...)
	v.rules = func(requests.Status) (workflow.Rule, int) { return rule, 5 }
	v.votes = votes
	return v
}

func goldenVote(name string, c workflow.Choice, comment string, minutes int, conds ...workflow.Condition) workflow.Vote {
	return workflow.Vote{RequestID: 12, Round: 1, Stage: requests.CODIRReview, VoterKey: name + "@cssdgs.gouv.qc.ca", VoterName: name,
		Choice: c, Comment: comment, Conditions: conds, At: goldenAt.Add(time.Duration(minutes) * time.Minute)}
}

// voteGoldenCards are the cards of a committee's vote: open (secret or not, French and
// English), closed by a majority or by a tie, and the forms of an approval with
// conditions.
func voteGoldenCards() map[string]*cards.Card {
	majority := workflow.Rule{Kind: config.RuleMajority, Quorum: 3}
	secret := majority
	secret.Secret = true
	conds := []workflow.Condition{{Kind: workflow.CondHumanReview}, {Kind: workflow.CondPilot, Date: "2027-06-30",
		Schools: []string{"École Saint-Jean", "École des Pionniers"}}}
	two := []workflow.Vote{
		goldenVote("Chantal Codir", workflow.ChoiceApprove, "", 60),
		goldenVote("Louis Lavoie", workflow.ChoiceChanges, "Précisez les données saisies.", 75),
	}
	three := append(append([]workflow.Vote(nil), two...), goldenVote("Nadia Roy", workflow.ChoiceConditions, "", 90, conds...))
	approved := decision(requests.CODIRReview, workflow.Approve, "CODIR-IN", "", codirRuling)
	tie := []workflow.Vote{
		goldenVote("Chantal Codir", workflow.ChoiceApprove, "", 60),
		goldenVote("Louis Lavoie", workflow.ChoiceReject, "Un système privé offre déjà ces usages.", 61),
		goldenVote("Nadia Roy", workflow.ChoiceChanges, "Précisez les données saisies.", 62),
		goldenVote("Paul Roy", workflow.ChoiceApprove, "", 63),
		goldenVote("Julie Côté", workflow.ChoiceReject, "Hors mandat.", 64),
	}
	tied := decision(requests.CODIRReview, workflow.RequestChanges, "CODIR-IN",
		i18n.T(i18n.FR, "votes.close.tie")+"\nLouis Lavoie : Un système privé offre déjà ces usages.", "")
	form := committeeView(i18n.FR, requests.CODIRReview, majority, nil)
	noQuorum := committeeView(i18n.FR, requests.CODIRReview, majority, two[:1])
	noQuorum.rules = func(requests.Status) (workflow.Rule, int) { return majority, 2 }
	privacy := goldenView(i18n.FR, requests.PrivacyReview, true)
	problems := map[string]string{}
	values := map[string]string{inputConds: "pilot", inputCondUntil: "2026-01-01"}
	readConditions(privacy, values, goldenAt, problems)
	return map[string]*cards.Card{
		"vote_secret":         reviewCard(committeeView(i18n.FR, requests.CODIRReview, secret, two)),
		"vote_no_quorum":      reviewCard(noQuorum),
		"vote_open":           reviewCard(committeeView(i18n.FR, requests.CODIRReview, majority, two)),
		"vote_open_en":        reviewCard(committeeView(i18n.EN, requests.CODIRReview, majority, two)),
		"vote_approved":       decidedCard(committeeView(i18n.FR, requests.Approved, secret, three, approved), approved, requests.Approved),
		"vote_tie":            decidedCard(committeeView(i18n.FR, requests.ChangesRequested, majority, tie, tied), tied, requests.ChangesRequested),
		"conditions_form":     conditionsForm(form, defaults(form, goldenAt), nil),
		"conditions_problems": conditionsForm(privacy, values, problems),
	}
}
