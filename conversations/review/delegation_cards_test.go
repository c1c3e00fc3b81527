package review

import (
	"bytes"
	"encoding/json"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/adaptive"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/cards/cardstest"
)

// delegationGoldens are the cards of delegations and reassignments (#19), by golden
// name and language.
func delegationGoldens() map[string]struct {
	lang i18n.Lang
	card *cards.Card
} {
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	paul := workflow.Delegation{PersonKey: "paul.roy@cssdgs.gouv.qc.ca", PersonName: "Paul Roy", DelegateKey: "marie.roy@cssdgs.gouv.qc.ca",
		DelegateName: "Marie Roy", From: day("2027-01-10"), To: day("2027-01-24")}
	alone := paul
	alone.DelegateKey, alone.DelegateName = "", ""
	codir := []string{config.RoleCODIRIN}
	toMarie := workflow.Assignment{RequestID: 12, Round: 1, Stage: requests.CODIRReview, ToKey: "marie.roy@cssdgs.gouv.qc.ca",
		ToName: "Marie Roy", Reason: "congé de Paul Roy", By: audit.Actor{Key: "admin.iag@cssdgs.gouv.qc.ca", Name: "Admin IAG"}}
	toRole := toMarie
	toRole.ToKey, toRole.ToName, toRole.ToRole = "", "", config.RoleCPRPSI
	fr, en := goldenView(i18n.FR, requests.CODIRReview, false), goldenView(i18n.EN, requests.CODIRReview, false)
	cmd := func(op string, d *workflow.Delegation, a *workflow.Assignment) adminCmd {
		return adminCmd{Op: op, Delegation: d, Assign: a, Nonce: "0123456789abcdef"}
	}
	decided := decision(requests.CODIRReview, workflow.Reject, "Marie Roy", "Un système privé sécurisé offre déjà ces usages.", "")
	decided.ForKey, decided.ForName = paul.PersonKey, "Paul Roy"
	return map[string]struct {
		lang i18n.Lang
		card *cards.Card
	}{
		"delegation":            {i18n.FR, delegationCard(fr, cmd(opDelegate, &paul, nil), codir)},
		"delegation_en":         {i18n.EN, delegationCard(en, cmd(opDelegate, &paul, nil), codir)},
		"delegation_nobody":     {i18n.FR, delegationCard(fr, cmd(opDelegate, &alone, nil), codir)},
		"reassign_member":       {i18n.FR, reassignCard(fr, cmd(opReassign, nil, &toMarie), fr.req, "CODIR-IN")},
		"reassign_role_en":      {i18n.EN, reassignCard(en, cmd(opReassign, nil, &toRole), en.req, "CODIR-IN")},
		"reassigned":            {i18n.FR, reassignedCard(fr, toMarie, "Marie Roy")},
		"rejected_on_behalf":    {i18n.FR, decidedCard(goldenView(i18n.FR, requests.Rejected, false), decided, requests.Rejected)},
		"rejected_on_behalf_en": {i18n.EN, decidedCard(goldenView(i18n.EN, requests.Rejected, false), decided, requests.Rejected)},
	}
}

// TestGoldenDelegationCards renders the cards of delegations and reassignments for
// Teams and Slack and compares them with cards/testdata/review (-update rewrites
// them).
func TestGoldenDelegationCards(t *testing.T) {
	for name, g := range delegationGoldens() {
		t.Run(name, func(t *testing.T) {
			ac, err := adaptive.Render(g.card, adaptive.Lang(g.lang))
			if err != nil {
				t.Fatalf("adaptive: %v", err)
			}
			var indented bytes.Buffer
			if err := json.Indent(&indented, ac, "", "  "); err != nil {
				t.Fatal(err)
			}
			indented.WriteByte('\n')
			cardstest.Golden(t, goldenDir, name+".adaptive.json", indented.Bytes())
			blocks, err := blockkit.Render(g.card)
			if err != nil {
				t.Fatalf("blockkit: %v", err)
			}
			if err := blockkit.CheckLimits(blocks); err != nil {
				t.Errorf("Slack's limits: %v", err)
			}
			bk, err := blockkit.JSON(blocks)
			if err != nil {
				t.Fatal(err)
			}
			cardstest.Golden(t, goldenDir, name+".blockkit.json", bk)
		})
	}
}
