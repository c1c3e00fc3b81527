package review

import (
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/record"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// consultGoldens are the cards of the consultations (TestGoldenCards): the form, the
// consulted role's card waiting and answered after the decision, and CODIR-IN's cards
// with the opinions.
func consultGoldens() map[string]*cards.Card {
	asked := goldenAt.Add(30 * time.Minute)
	answered := goldenAt.Add(26 * time.Hour)
	sgc := workflow.Consultation{ID: 3, RequestID: 12, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSGC,
		AskedByKey: "chantal.codir@cssdgs.gouv.qc.ca", AskedByName: "Chantal Codir",
		Question: "Les synthèses de textes protégés respectent-elles le droit d'auteur ?", AskedAt: asked}
	spoa := workflow.Consultation{ID: 4, RequestID: 12, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSPOA,
		AskedByKey: "chantal.codir@cssdgs.gouv.qc.ca", AskedByName: "Chantal Codir", AskedAt: asked}
	given := sgc
	given.Opinion, given.Text, given.ByKey, given.ByName, given.AnsweredAt = workflow.Reserved,
		"Vérifier les licences des œuvres résumées; l'équité d'accès « pour tous » est à préciser.",
		"sophie.sgc@cssdgs.gouv.qc.ca", "Sophie Gagnon", &answered
	rejected := decision(requests.CODIRReview, workflow.Reject, "Chantal Codir", "Un système privé sécurisé offre déjà ces usages.", "")

	codir := goldenView(i18n.FR, requests.CODIRReview, false)
	codir.consults = []workflow.Consultation{given, spoa}
	after := goldenView(i18n.FR, requests.Rejected, false, rejected)
	after.consults = []workflow.Consultation{given}
	decidedAt := rejected.At
	after.req.DecidedAt = &decidedAt
	rec := record.Build(record.Input{Lang: i18n.FR, Request: after.req, Decisions: []workflow.Decision{rejected},
		Consultations: []workflow.Consultation{spoa, given}, UseLabel: after.useLabel})
	approved := goldenView(i18n.EN, requests.Approved, false)
	approved.req.DecidedAt = &decidedAt
	codirOK := decision(requests.CODIRReview, workflow.Approve, "Chantal Codir", "Compliant.", codirRuling)
	recEN := record.Build(record.Input{Lang: i18n.EN, Request: approved.req, Decisions: []workflow.Decision{codirOK},
		UseLabel: approved.useLabel, Votes: []workflow.Vote{
			{RequestID: 12, Round: 1, Stage: requests.CODIRReview, VoterKey: "chantal.codir@cssdgs.gouv.qc.ca", VoterName: "Chantal Codir",
				Choice: workflow.ChoiceConditions, Comment: "Compliant.", At: codirOK.At,
				Conditions: []workflow.Condition{{Kind: workflow.CondDisclosure}}}},
		Ruling: recordRuling(approved, mustRuling(codirRuling), codirOK, nil)})
	return map[string]*cards.Card{
		"record_rejected":    recordCard(rec, quebec()),
		"record_en":          recordCard(recEN, quebec()),
		"consult_form":       consultForm(goldenView(i18n.FR, requests.CODIRReview, false), refOf(codir.req)),
		"consultation":       consultationCard(goldenView(i18n.FR, requests.CODIRReview, false), sgc, nil),
		"consultation_en":    consultationCard(goldenView(i18n.EN, requests.CODIRReview, false), spoa, nil),
		"opinion_after":      consultationCard(after, given, &rejected),
		"codir_consulted":    reviewCard(codir),
		"rejected_consulted": decidedCard(after, rejected, requests.Rejected),
	}
}

func mustRuling(details string) ruling {
	ru, ok := parseRuling(details)
	if !ok {
		panic("bad ruling " + details)
	}
	return ru
}
