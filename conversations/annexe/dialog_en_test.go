package annexe_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

// enScript answers every question in English; the use catalogue is fakeUses.
var enScript = []answer{
	{"Claude for Education", requests.TagSystemName, "Claude for Education", false},
	{"Anthropic", requests.TagSystemVendor, "Anthropic", false},
	{"public", requests.TagSystemKind, "public", false},
	{"in the US", requests.TagHosting, "foreign", false},
	{"no", requests.TagSystemOpen, "no", false},
	{"I don't know", requests.TagSystemSpecialized, "", true},
	{"1, translation and lesson planning", requests.TagUses, "summary,translation,lesson planning", false},
	{"no", requests.TagPersonalData, "no", false},
	{"yes", requests.TagAutomatedDecision, "yes", false},
	{"Pat Gagnon <pat.gagnon@cssdgs.gouv.qc.ca>", requests.TagSupervisor, "pat.gagnon@cssdgs.gouv.qc.ca", false},
	{"A chat assistant reached on the web.", "a1.requester.system_description", "A chat assistant reached on the web.", false},
	{"Advisers draft learning activities.", "a1.requester.intended_use", "Advisers draft learning activities.", false},
	{"Preparing activities takes too long.", "a1.requester.justification", "Preparing activities takes too long.", false},
	{"Three hours saved every week.", "a1.requester.expected_gains", "Three hours saved every week.", false},
	{"A workshop on bias and privacy.", "a1.requester.training.risk_awareness", "A workshop on bias and privacy.", false},
	{"Never enter personal information.", "a1.requester.training.responsible_use", "Never enter personal information.", false},
	{"March 3, 2027; 2027-03-17", requests.TagTrainingCalendar, "2027-03-03,2027-03-17", false},
	{"April 1st, 2027", requests.TagDeploymentDate, "2027-04-01", false},
	{"A monthly newsletter for users.", "a1.requester.training.monitoring", "A monthly newsletter for users.", false},
	{"A pilot with three advisers first.", "a1.requester.change_management", "A pilot with three advisers first.", false},
	{"Data leaks and dependence on one vendor.", "a1.sti.risks.organisational", "Data leaks and dependence on one vendor.", false},
	{"to complete with STI", "a1.sti.risks.causes", "", true},
	{"Leak first, vendor lock-in second.", "a1.sti.risks.evaluation", "Leak first, vendor lock-in second.", false},
	{"Data filter by the STI in March.", "a1.sti.risks.mitigation", "Data filter by the STI in March.", false},
	{"Low residual risk.", "a1.sti.risks.results", "Low residual risk.", false},
	{"The STI reviews the risk register.", "a1.sti.risks.followup", "The STI reviews the risk register.", false},
	{"quarterly", requests.TagRiskReviewInterval, "91", false},
	{"A survey before and after deployment.", "a1.sti.impacts.evaluation", "A survey before and after deployment.", false},
	{"An adviser approves every output.", "a1.sti.oversight.supervision", "An adviser approves every output.", false},
	{"A note explains each recommendation.", "a1.sti.oversight.explanations", "A note explains each recommendation.", false},
	{"Quarterly tests of reference prompts.", "a1.sti.improvement", "Quarterly tests of reference prompts.", false},
	{"Public teaching documents only.", "a1.sti.dng.lifecycle", "Public teaching documents only.", false},
	{"Baseline profile, Public marking.", "a1.sti.dng.security_profile", "Baseline profile, Public marking.", false},
	{"Low confidentiality, Public label.", "a1.sti.dng.classification", "Low confidentiality, Public label.", false},
	{"Single sign-on with two factors.", "a1.sti.dng.minimum_controls", "Single sign-on with two factors.", false},
	{"A security group of trained users.", "a1.sti.dng.access", "A security group of trained users.", false},
	{"done", requests.TagEFVPStatus, "done", false},
	{"December 1, 2026", requests.TagEFVPDate, "2026-12-01", false},
}

func TestCompleteDialogInEnglish(t *testing.T) {
	e := newEnv(t)
	e.f.Catalog = fakeUses{}
	e.f.OnSubmit = func(_ context.Context, s *conversations.Session, id uint) ([]bot.Reply, error) {
		return []bot.Reply{bot.Text(s.T("annexe.status.sti_review"))}, nil
	}
	e.r.As("bob").Say("start an approval request").Want("Approval request for a GenAI system — #1", stepEN(1), "A good answer gives")
	for i, a := range enScript {
		e.r.Say(a.say)
		switch {
		case a.tag == requests.TagSystemSpecialized:
			e.r.Want("1. Summary", "2. Translation", "3. Grading") // the catalogue's uses are offered
		case a.tag == requests.TagUses:
			e.r.Want(`"lesson planning" is not in the inventory's uses; I noted it as written.`)
		case a.tag == "a1.sti.oversight.supervision":
			// A decision about a person makes the explanations required (5.1.8, 5.1.11).
			e.r.Want(stepEN(27)).WantNot("Optional question")
			e.r.Say("skip").Want("This question is required", stepEN(27))
		}
		if i+1 < len(enScript) {
			e.r.Want(stepOfScript(enScript, i+1, stepEN))
		}
	}
	e.r.Want("Every question of request #1 has an answer", "APPROVAL REQUEST #1 — CLAUDE FOR EDUCATION",
		"4. Usage types requested : Summary, Translation, lesson planning", "24. Risk review interval : 91 days",
		"35. PIA date : December 1, 2026", "[1] Submit the request", "[2] Cancel the request")
	r := e.draftOf("terminal:bob")
	checkStored(t, r, enScript)
	e.r.Press("Submit the request", nil).Want("Request #1 (Claude for Education) is submitted for review", "Under review by the STI").
		WantNot("[1] Submit the request")
	// A second press finds the request submitted: it acts once.
	e.done()
	replies, err := e.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "bob"}, Locale: "en",
		Action: &bot.Action{Verb: "annexe.submit", Subject: "1"}})
	if err != nil || len(replies) != 1 || replies[0].Text != "Request #1 was already submitted or can no longer be edited." {
		t.Errorf("second press = %+v, %v; want already submitted", replies, err)
	}
	if got := e.request(r.ID); got.Status != requests.Submitted || got.Round != 1 {
		t.Errorf("after two presses: status %s round %d, want submitted round 1", got.Status, got.Round)
	}
}
