package workflow

import (
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/text"
)

// memInventory is an inventory as plain values: the input of PlanApproval.
type memInventory struct {
	systems []System
	uses    []UseLabel
}

func (m memInventory) FindSystem(name string) (System, bool, error) {
	for _, s := range m.systems {
		if text.Compact(s.Name) == text.Compact(name) {
			return s, true, nil
		}
	}
	return System{}, false, nil
}

func (m memInventory) Uses() ([]UseLabel, error) { return m.uses, nil }

func (m memInventory) NewSystemID(name string, taken func(string) bool) (string, error) {
	return m.newID(name, taken, func(id string) bool {
		for _, s := range m.systems {
			if s.ID == id {
				return true
			}
		}
		return false
	})
}

func (m memInventory) NewUseID(name string, taken func(string) bool) (string, error) {
	return m.newID(name, taken, func(id string) bool {
		for _, u := range m.uses {
			if u.ID == id {
				return true
			}
		}
		return false
	})
}

func (m memInventory) newID(name string, taken, exists func(string) bool) (string, error) {
	// Like the store's ids: a-z and 0-9 joined by dashes, cut at 16 characters.
	base := strings.Join(strings.FieldsFunc(text.Fold(name), func(r rune) bool {
		return (r < 'a' || r > 'z') && (r < '0' || r > '9')
	}), "-")
	base = strings.Trim(base[:min(len(base), 16)], "-")
	for n := 1; ; n++ {
		id := base
		if n > 1 {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		if !taken(id) && !exists(id) {
			return id, nil
		}
	}
}

var day = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func TestPlanApprovalOfANewSystem(t *testing.T) {
	inv := memInventory{uses: []UseLabel{{ID: "summary", LabelFR: "Synthèse", LabelEN: "Summary"}}}
	d := Decision{RequestID: 12, ActorKey: "codir@x", ActorName: "Chantal"}
	done := day.AddDate(0, -1, 0)
	a := Approval{SystemName: " MagicSchool ", Vendor: "MagicSchool Inc.", Kind: "private", Hosting: "canada",
		EFVPDone: &done, EFVPNextReview: day.AddDate(1, 0, 0), OwnerKey: "alice@x", Trainees: []string{"bob@x"},
		Training: []time.Time{day.AddDate(0, 0, 20), day.AddDate(0, 0, 10)}, Automated: true,
		Uses: []UseRuling{
			{UseID: "synthese", Rule: "permitted"},                                        // the label, folded
			{UseID: "Tri des dossiers", Rule: "restricted", ConditionsFR: "consentement"}, // new to the taxonomy
			{UseID: "tri des dossiers!", Rule: "forbidden"},                               // the same new use again
			{UseID: "Tri-des dossiers", Rule: "forbidden"},                                // the same once compacted
		}}
	cs, err := PlanApproval(inv, d, a)
	if err != nil {
		t.Fatal(err)
	}
	s := cs.System
	if !cs.NewSystem || s.ID != "magicschool" || s.Name != "MagicSchool" || s.Status != "approved" || s.Kind != "private" ||
		s.Vendor != "MagicSchool Inc." || s.Hosting != "canada" || s.OwnerKey != "alice@x" || *s.RequestID != 12 ||
		!s.EFVPDone.Equal(done) || !s.EFVPNextReview.Equal(day.AddDate(1, 0, 0)) {
		t.Errorf("system = %+v", s)
	}
	if len(cs.NewUses) != 1 || cs.NewUses[0].ID != "tri-des-dossiers" || cs.NewUses[0].LabelFR != "Tri des dossiers" ||
		!cs.NewUses[0].AutomatedDecision || cs.NewUses[0].KeywordsEN[0] != "Tri des dossiers" {
		t.Errorf("new uses = %+v, want one, labelled as the request named it, automated", cs.NewUses)
	}
	var rules []string
	for _, r := range cs.Rules {
		rules = append(rules, fmt.Sprintf("%s=%s@%d", r.UseID, r.Rule, r.Position))
	}
	if got, want := strings.Join(rules, " "), "summary=permitted@0 tri-des-dossiers=restricted@1 tri-des-dossiers=forbidden@2 tri-des-dossiers=forbidden@3"; got != want {
		t.Errorf("rules = %s, want %s", got, want)
	}
	if len(cs.Trainings) != 2 || cs.Trainings[0].PersonKey != "alice@x" || cs.Trainings[1].PersonKey != "bob@x" ||
		!cs.Trainings[1].SessionAt.Equal(day.AddDate(0, 0, 10)) || cs.Trainings[0].RequestID != 12 {
		t.Errorf("trainings = %+v, want the owner and bob at the first session", cs.Trainings)
	}
	if len(cs.Audit) != 1 {
		t.Fatalf("audit = %+v, want one entry", cs.Audit)
	}
	e := cs.Audit[0]
	if e.Action != "inventory.approve" || e.Subject != "system:magicschool" || e.From != "" || e.To != "approved" ||
		e.ActorKey != "codir@x" || e.Comment != "request 12 (new system): summary=permitted, new use tri-des-dossiers, tri-des-dossiers=restricted, tri-des-dossiers=forbidden, tri-des-dossiers=forbidden" {
		t.Errorf("audit entry = %+v", e)
	}
	if r := cs.Result(); r.SystemID != "magicschool" || r.Status != "approved" {
		t.Errorf("result = %+v", r)
	}
}

// TestPlanApprovalOfAnExistingSystem: a request naming a system of the inventory is
// a request for uses; the system's classification, EFVP dates and owner stay.
func TestPlanApprovalOfAnExistingSystem(t *testing.T) {
	open := true
	done, next, rid := day.AddDate(0, -6, 0), day.AddDate(0, 6, 0), uint(1)
	kept := System{ID: "chatgpt", Name: "ChatGPT", Kind: "public", Status: "suspended", Open: &open, Vendor: "OpenAI",
		Hosting: "foreign", EFVPDone: &done, EFVPNextReview: &next, OwnerKey: "admin@x", RequestID: &rid}
	inv := memInventory{systems: []System{kept}}
	other := day.AddDate(0, 1, 0)
	cs, err := PlanApproval(inv, Decision{RequestID: 3}, Approval{SystemName: "chat-gpt", Kind: "private", Hosting: "quebec",
		Vendor: "Autre", EFVPDone: nil, EFVPNextReview: other, OwnerKey: "alice@x", Aliases: []string{"gpt"},
		Uses: []UseRuling{{UseID: "Traduction", Rule: "permitted"}}})
	if err != nil {
		t.Fatal(err)
	}
	s := cs.System
	if cs.NewSystem || s.ID != "chatgpt" || s.Status != "suspended" || s.Open != &open || s.Kind != "public" ||
		s.Vendor != "OpenAI" || s.Hosting != "foreign" || s.EFVPDone != &done || s.EFVPNextReview != &next ||
		s.OwnerKey != "admin@x" || s.RequestID != &rid || len(s.Aliases) != 0 {
		t.Errorf("system = %+v, want ChatGPT exactly as it was", s)
	}
	if !strings.Contains(cs.Audit[0].Comment, "uses only, classification kept") {
		t.Errorf("audit comment = %q", cs.Audit[0].Comment)
	}
	if cs.Audit[0].From != "suspended" || cs.Audit[0].To != "suspended" {
		t.Errorf("audit = %+v, want suspended → suspended", cs.Audit[0])
	}
	if len(cs.Trainings) != 0 {
		t.Errorf("trainings = %+v, want none without training dates", cs.Trainings)
	}
	if r := cs.Result(); r.Status != "suspended" {
		t.Errorf("result = %+v, want the system's status", r)
	}
}

func TestNewUseIDsDoNotCollide(t *testing.T) {
	inv := memInventory{uses: []UseLabel{{ID: "tri", LabelFR: "Classement"}}}
	cs, err := PlanApproval(inv, Decision{}, Approval{SystemName: "X", Uses: []UseRuling{
		{UseID: "Tri", Rule: "permitted"}, // the id of a use, folded: that use
		{UseID: "Tri des", Rule: "permitted"},
		{UseID: "tri  des", Rule: "permitted"}, // compacts as "Tri des": the same new use
		{UseID: "Tri dès", Rule: "permitted"},  // likewise
	}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.NewUses) != 1 || cs.Rules[0].UseID != "tri" || cs.Rules[1].UseID != "tri-des" || cs.Rules[3].UseID != "tri-des" {
		t.Errorf("new uses = %+v, rules = %+v", cs.NewUses, cs.Rules)
	}
	// Two new uses whose ids would be the same once cut, and an existing use with it.
	inv = memInventory{uses: []UseLabel{{ID: "correction-de-co", LabelFR: "Autre chose"}}}
	cs, err = PlanApproval(inv, Decision{}, Approval{SystemName: "X", Uses: []UseRuling{
		{UseID: "Correction de copies", Rule: "permitted"}, {UseID: "Correction de contrôles", Rule: "forbidden"}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.NewUses) != 2 || cs.NewUses[0].ID != "correction-de-co-2" || cs.NewUses[1].ID != "correction-de-co-3" {
		t.Errorf("new uses = %+v, want correction-de-co-2 and -3", cs.NewUses)
	}
}

// TestPlanApprovalCreatesTheUseDefined: a use the reviewer created goes into the
// taxonomy exactly as defined; one with an existing id is refused.
func TestPlanApprovalCreatesTheUseDefined(t *testing.T) {
	inv := memInventory{uses: []UseLabel{{ID: "summary", LabelFR: "Synthèse", LabelEN: "Summary"}}}
	nu := &NewUse{UseLabel: UseLabel{ID: "tutoring", LabelFR: "Tutorat", LabelEN: "Tutoring"},
		KeywordsFR: []string{"tutorat"}, KeywordsEN: []string{"tutoring"}}
	cs, err := PlanApproval(inv, Decision{}, Approval{SystemName: "X", Uses: []UseRuling{
		{UseID: "tutoring", Rule: "permitted", New: nu}}})
	if err != nil {
		t.Fatal(err)
	}
	if len(cs.NewUses) != 1 || cs.NewUses[0].ID != "tutoring" || cs.NewUses[0].LabelEN != "Tutoring" || cs.Rules[0].UseID != "tutoring" {
		t.Errorf("new uses = %+v, rules = %+v", cs.NewUses, cs.Rules)
	}
	nu.ID = "summary"
	if _, err := PlanApproval(inv, Decision{}, Approval{SystemName: "X", Uses: []UseRuling{{UseID: "summary", Rule: "permitted", New: nu}}}); !errors.Is(err, ErrUseExists) {
		t.Errorf("a new use with an existing id: %v, want ErrUseExists", err)
	}
}

func TestPlanApprovalWithConditions(t *testing.T) {
	inv := memInventory{uses: []UseLabel{{ID: "summary", LabelFR: "Synthèse"}, {ID: "grading", LabelFR: "Notation"},
		{ID: "translation", LabelFR: "Traduction"}}}
	a := Approval{SystemName: "Tutor", Kind: "private", Hosting: "quebec", EFVPNextReview: day,
		Conditions: []Condition{{Kind: CondHumanReview}, {Kind: CondOther, TextFR: "bilan en juin", TextEN: "report in June"}},
		Uses: []UseRuling{{UseID: "summary", Rule: "permitted"}, {UseID: "grading", Rule: "forbidden"},
			{UseID: "translation", Rule: "restricted", ConditionsFR: "consentement", ConditionsEN: "consent"}}}
	cs, err := PlanApproval(inv, Decision{RequestID: 3}, a)
	if err != nil {
		t.Fatal(err)
	}
	want := []UseRule{
		{UseID: "summary", Rule: "restricted", Position: 0,
			ConditionsFR: "chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11) ; bilan en juin",
			ConditionsEN: "every output is reviewed by a person before use (5.1.9, 5.1.11) ; report in June"},
		{UseID: "grading", Rule: "forbidden", Position: 1},
		{UseID: "translation", Rule: "restricted", Position: 2,
			ConditionsFR: "consentement ; chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11) ; bilan en juin",
			ConditionsEN: "consent ; every output is reviewed by a person before use (5.1.9, 5.1.11) ; report in June"},
	}
	for i, r := range cs.Rules {
		r.EffectiveFrom, r.TrainingBy = nil, nil
		if r != want[i] {
			t.Errorf("rule %d = %+v\nwant %+v", i, r, want[i])
		}
	}
	if !strings.Contains(cs.Audit[0].Comment, "summary=restricted") {
		t.Errorf("audit = %q, want the rule as written", cs.Audit[0].Comment)
	}
}
