package annexe_test

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations/annexe"
)

// contract are the tags the review workflow and the reminders read.
var contract = map[requests.Tag]bool{requests.TagSystemName: true, requests.TagSystemVendor: true, requests.TagSystemKind: true,
	requests.TagUses: true, requests.TagPersonalData: true, requests.TagAutomatedDecision: true, requests.TagSupervisor: true,
	requests.TagEFVPDate: true, requests.TagEFVPStatus: true, requests.TagTrainingCalendar: true, requests.TagDeploymentDate: true,
	requests.TagRiskReviewInterval: true, requests.TagHosting: true, requests.TagSystemOpen: true, requests.TagSystemSpecialized: true}

func TestCatalogue(t *testing.T) {
	items := annexe.Items()
	seen := map[requests.Tag]bool{}
	groups := map[string]bool{}
	last, steps := "", 0
	for _, it := range items {
		if seen[it.Tag] {
			t.Errorf("tag %s twice", it.Tag)
		}
		seen[it.Tag] = true
		// The follow-ups of step 3 share its number, so that no step is renumbered.
		if it.Sub != subTags[it.Tag] {
			t.Errorf("%s: Sub = %v, want %v", it.Tag, it.Sub, subTags[it.Tag])
		}
		if !it.Sub {
			steps++
		}
		if it.Step() != steps {
			t.Errorf("%s: Step() = %d, want %d", it.Tag, it.Step(), steps)
		}
		// Groups are contiguous, as the annex lists them.
		if key := string(it.Part) + "/" + it.Group; key != last {
			if groups[key] {
				t.Errorf("%s: group %s comes back after another one", it.Tag, key)
			}
			groups[key], last = true, key
		}
		if len(it.Sections) == 0 {
			t.Errorf("%s: cites no section of the procedure", it.Tag)
		}
		if got, want := it.ForSTIAllowed(), it.Part == annexe.PartSTI || subTags[it.Tag]; got != want {
			t.Errorf("%s: ForSTIAllowed = %v, want %v", it.Tag, got, want)
		}
		// Items outside the workflow's contract are tagged with their part of Annexe 1.
		if prefix := "a1." + string(it.Part) + "."; !contract[it.Tag] && !strings.HasPrefix(string(it.Tag), prefix) {
			t.Errorf("%s: tag outside the contract without the %q prefix", it.Tag, prefix)
		}
		for _, lang := range i18n.Langs {
			for name, text := range map[string]string{"label": it.Label(lang), "question": it.Question(lang), "hint": it.Hint(lang), "example": it.Example(lang)} {
				if text == "" || strings.HasPrefix(text, "annexe.") {
					t.Errorf("%s: no %s %s", it.Tag, lang, name)
				}
			}
		}
	}
	if steps != 35 {
		t.Errorf("%d steps, want 35", steps)
	}
	for tag := range contract {
		if !seen[tag] {
			t.Errorf("contract tag %s is not asked", tag)
		}
	}
	if it, ok := annexe.ItemFor(requests.TagEFVPDate); !ok || it.Optional || it.Part != annexe.PartEFVP {
		t.Errorf("EFVP date item = %+v, %v; want a required EFVP item (6.3.2)", it, ok)
	}
	for _, s := range requests.Statuses {
		if got := annexe.StatusLabel(i18n.EN, s); got == "" || strings.HasPrefix(got, "annexe.") {
			t.Errorf("status %s has no label", s)
		}
	}
}

func TestExplanationsRequiredForDecisionsAboutPeople(t *testing.T) {
	it, _ := annexe.ItemFor("a1.sti.oversight.explanations")
	for _, tc := range []struct {
		decision string
		want     bool
	}{{"yes", true}, {"no", false}, {"", false}} {
		f := requests.FactsOf(map[requests.Tag]requests.Answer{requests.TagAutomatedDecision: {Value: tc.decision}})
		if got := it.Required(f); got != tc.want {
			t.Errorf("automated_decision=%q: Required = %v, want %v", tc.decision, got, tc.want)
		}
	}
}
