package review

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/adaptive"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/cards/cardstest"
	"github.com/cssdgs/iagbot/conversations/annexe"
)

const goldenDir = "../../cards/testdata/review"

// goldenAt is when the golden request was submitted and decided.
var goldenAt = time.Date(2026, 9, 1, 14, 5, 0, 0, time.UTC)

// goldenView is request n° 12 at status st, every Annexe 1 item answered, with the
// decisions of its round.
func goldenView(lang i18n.Lang, st requests.Status, automated bool, decisions ...workflow.Decision) view {
	answers := map[requests.Tag]requests.Answer{}
	for _, it := range annexe.Items() {
		answers[it.Tag] = requests.Answer{Value: "Réponse du demandeur à « " + it.Label(i18n.FR) + " »."}
	}
	set := func(tag requests.Tag, v string) { answers[tag] = requests.Answer{Value: v} }
	set(requests.TagSystemName, "ChatGPT Édu")
	set(requests.TagSystemVendor, "OpenAI")
	set(requests.TagSystemKind, "public")
	set(requests.TagHosting, "canada")
	set(requests.TagSystemOpen, "no")
	set(requests.TagSystemSpecialized, "yes")
	set(requests.TagUses, "summary,translation")
	set(requests.TagPersonalData, "no")
	set(requests.TagAutomatedDecision, "no")
	set(requests.TagSupervisor, "direction.ecole@cssdgs.gouv.qc.ca")
	set(requests.TagTrainingCalendar, "2026-09-15,2026-09-22")
	set(requests.TagDeploymentDate, "2026-10-01")
	set(requests.TagRiskReviewInterval, "180")
	set(requests.TagEFVPStatus, "done")
	set(requests.TagEFVPDate, "2026-08-15")
	if automated {
		set(requests.TagSystemKind, "private")
		set(requests.TagUses, "grading")
		set(requests.TagPersonalData, "yes")
		set(requests.TagAutomatedDecision, "yes")
	}
	if st == requests.STIReview {
		answers["a1.sti.risks.causes"] = requests.Answer{ForSTI: true}
		answers["a1.sti.dng.security_profile"] = requests.Answer{ForSTI: true}
	}
	at := goldenAt
	r := requests.Request{ID: 12, RequesterKey: "marie.tremblay@cssdgs.gouv.qc.ca", RequesterName: "Marie Tremblay",
		Lang: "fr", Status: st, Round: 1, SystemName: "ChatGPT Édu", SubmittedAt: &at, Answers: answers}
	v := view{lang: lang, loc: quebec(), req: r, decisions: decisions, history: decisions, uses: map[string]workflow.UseLabel{
		"summary":     {ID: "summary", LabelFR: "Synthèse", LabelEN: "Summary"},
		"translation": {ID: "translation", LabelFR: "Traduction", LabelEN: "Translation"},
		"grading":     {ID: "grading", LabelFR: "Correction et évaluation des apprentissages", LabelEN: "Grading and assessment", AutomatedDecision: true},
	}}
	for _, it := range annexe.Items() {
		v.items = append(v.items, Item{Tag: it.Tag, Part: string(it.Part), Label: it.Label})
	}
	return v
}

func decision(st requests.Status, dec workflow.Action, name, comment, details string) workflow.Decision {
	return workflow.Decision{RequestID: 12, Round: 1, Stage: st, Decision: dec, ActorKey: name + "@cssdgs.gouv.qc.ca",
		ActorName: name, Comment: comment, Details: details, At: goldenAt.Add(2 * time.Hour)}
}

const codirRuling = `{"uses":[{"use":"summary","rule":"permitted"},{"use":"translation","rule":"restricted","conditions":"Relire chaque traduction avant diffusion."}],"hosting":"canada","efvp_next_review":"2027-08-15","training":["2026-09-15","2026-09-22"],"lang":"fr"}`

// goldenCards are the cards of every state of a request, as the workflow builds them.
func goldenCards() map[string]*cards.Card {
	sti := decision(requests.STIReview, workflow.Approve, "Samuel STI", "", "")
	codir := decision(requests.CODIRReview, workflow.Approve, "Chantal Codir", "Conforme aux principes de la procédure.", codirRuling)
	privacyRuling := `{"uses":[{"use":"grading","rule":"restricted","conditions":"Consentement de la personne concernée et supervision humaine en tout temps (5.1.11)."}],"hosting":"quebec","efvp_next_review":"2027-08-15","training":["2026-09-15"],"lang":"fr"}`
	codirAuto := decision(requests.CODIRReview, workflow.Approve, "Chantal Codir", "", privacyRuling)
	today := goldenAt
	form := goldenView(i18n.FR, requests.CODIRReview, false)
	formValues := defaults(form, today)
	bad := map[string]string{inputUse + "translation": "restricted", inputCond + "translation": "", inputEFVPNext: "2026-13-01"}
	badForm := goldenView(i18n.FR, requests.CODIRReview, false)
	_, badValues, problems := readForm(badForm, bad, today, func(string) string { return "" })
	// A request for uses of ChatGPT, public in the inventory, answered "private" with
	// another vendor and personal information.
	existing := goldenView(i18n.FR, requests.CODIRReview, false)
	existing.req.Answers[requests.TagSystemName] = requests.Answer{Value: "Chat GPT"}
	existing.req.Answers[requests.TagSystemKind] = requests.Answer{Value: "private"}
	existing.req.Answers[requests.TagSystemVendor] = requests.Answer{Value: "Fournisseur local"}
	existing.req.Answers[requests.TagPersonalData] = requests.Answer{Value: "yes"}
	existing.system = &workflow.System{ID: "chatgpt", Name: "ChatGPT", Kind: "public", Vendor: "OpenAI", Hosting: "foreign", Status: "approved"}
	all := map[string]*cards.Card{
		"sti":              reviewCard(goldenView(i18n.FR, requests.STIReview, false)),
		"sti_form":         stiForm(goldenView(i18n.FR, requests.STIReview, false), nil, nil, nil),
		"codir":            reviewCard(goldenView(i18n.FR, requests.CODIRReview, false, sti)),
		"codir_en":         reviewCard(goldenView(i18n.EN, requests.CODIRReview, false, sti)),
		"privacy":          reviewCard(goldenView(i18n.FR, requests.PrivacyReview, true, codirAuto)),
		"form":             approvalForm(form, formValues, nil),
		"form_problems":    approvalForm(badForm, badValues, problems),
		"codir_existing":   reviewCard(existing),
		"form_existing":    approvalForm(existing, defaults(existing, today), nil),
		"approved":         decidedCard(goldenView(i18n.FR, requests.Approved, false, sti, codir), codir, requests.Approved),
		"rejected":         decidedCard(goldenView(i18n.FR, requests.Rejected, false), decision(requests.CODIRReview, workflow.Reject, "Chantal Codir", "Un système privé sécurisé offre déjà ces usages.", ""), requests.Rejected),
		"changes":          decidedCard(goldenView(i18n.FR, requests.ChangesRequested, false), decision(requests.STIReview, workflow.RequestChanges, "Samuel STI", "Précisez le calendrier de formation.", ""), requests.ChangesRequested),
		"forwarded_to_cpr": decidedCard(goldenView(i18n.FR, requests.PrivacyReview, true, codirAuto), codirAuto, requests.PrivacyReview),
		"details":          detailsCard(goldenView(i18n.FR, requests.STIReview, false)),
		"view_requester":   requesterCard(goldenView(i18n.FR, requests.CODIRReview, false, sti)),
		"view_requester_0": requesterCard(goldenView(i18n.FR, requests.CODIRReview, false)),
		"view_summary":     summaryCard(goldenView(i18n.FR, requests.CODIRReview, false, sti), refOf(goldenView(i18n.FR, requests.CODIRReview, false).req)),
		"view_summary_en":  summaryCard(goldenView(i18n.EN, requests.PrivacyReview, true, codirAuto), refOf(goldenView(i18n.EN, requests.PrivacyReview, true).req)),
		"admin_suspend": adminCard(goldenView(i18n.FR, requests.Approved, false), adminCmd{Op: "suspend", SystemName: "ChatGPT",
			SystemID: "chatgpt", Reason: "incident du 2026-11-20", Nonce: "0123456789abcdef"}, "approved"),
	}
	for name, c := range voteGoldenCards() {
		all[name] = c
	}
	for name, c := range consultGoldens() {
		all[name] = c
	}
	return all
}

// TestGoldenCards renders every state of the review card for Teams and Slack and
// compares them with cards/testdata/review (-update rewrites them). Slack's limits are
// checked on every card; CI runs Microsoft's checker on the Adaptive Cards.
func TestGoldenCards(t *testing.T) {
	for name, c := range goldenCards() {
		t.Run(name, func(t *testing.T) {
			lang := i18n.FR
			if strings.HasSuffix(name, "_en") {
				lang = i18n.EN
			}
			ac, err := adaptive.Render(c, adaptive.Lang(lang))
			if err != nil {
				t.Fatalf("adaptive: %v", err)
			}
			var indented bytes.Buffer
			if err := json.Indent(&indented, ac, "", "  "); err != nil {
				t.Fatal(err)
			}
			indented.WriteByte('\n')
			cardstest.Golden(t, goldenDir, name+".adaptive.json", indented.Bytes())
			blocks, err := blockkit.Render(c)
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

// TestLargestCardsFit fills every answer to the dialog's maximum, asks for twenty uses
// and leaves every item of the STI part to the STI: every card must still render within
// Teams' 28 KB (texts shortened) and Slack's limits.
func TestLargestCardsFit(t *testing.T) {
	long := strings.Repeat("Texte très long de la demande. ", 65)[:2000]
	var uses []string
	labels := map[string]workflow.UseLabel{}
	for i := range 20 {
		id := fmt.Sprintf("use-%02d", i)
		uses = append(uses, id)
		labels[id] = workflow.UseLabel{ID: id, LabelFR: "Usage numéro " + id + " avec un libellé assez long"}
	}
	for _, st := range []requests.Status{requests.STIReview, requests.CODIRReview, requests.PrivacyReview} {
		v := goldenView(i18n.FR, st, true)
		v.uses = labels
		for _, it := range annexe.Items() {
			a := requests.Answer{Value: long}
			if it.Part == annexe.PartSTI && st == requests.STIReview {
				a = requests.Answer{ForSTI: true}
			}
			v.req.Answers[it.Tag] = a
		}
		v.req.Answers[requests.TagUses] = requests.Answer{Value: strings.Join(uses, ",")}
		v.req.Answers[requests.TagAutomatedDecision] = requests.Answer{Value: "yes"}
		v.req.Answers[requests.TagEFVPStatus] = requests.Answer{Value: "done"}
		v.req.Answers[requests.TagEFVPDate] = requests.Answer{Value: "2026-08-15"}
		all := map[string]*cards.Card{"review": reviewCard(v), "details": detailsCard(v), "sti_form": stiForm(v, nil, nil, nil),
			"form":            approvalForm(v, defaults(v, goldenAt), map[string]string{"": long}),
			"conditions_form": conditionsForm(v, defaults(v, goldenAt), map[string]string{inputConds: long})}
		for name, c := range all {
			t.Run(string(st)+"/"+name, func(t *testing.T) {
				raw, err := adaptive.Render(c)
				if err != nil {
					t.Errorf("adaptive: %v", err)
				}
				if len(raw) > adaptive.MaxBytes {
					t.Errorf("adaptive: %d bytes, Teams takes at most %d", len(raw), adaptive.MaxBytes)
				}
				blocks, err := blockkit.Render(c)
				if err != nil {
					t.Fatalf("blockkit: %v", err)
				}
				if err := blockkit.CheckLimits(blocks); err != nil {
					t.Errorf("Slack's limits: %v", err)
				}
			})
		}
	}
}
