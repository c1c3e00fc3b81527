package annexe

import (
	"strconv"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
)

// Part is a part of the request: the system's identification, the two parts of
// Annexe 1, and the EFVP of 6.3.2.
type Part string

// The parts, in the order asked.
const (
	PartSystem    Part = "system"    // what the workflow needs to route the request (3.8, 3.9, 5.1.11, 6.2)
	PartRequester Part = "requester" // Annexe 1: information provided by the requester
	PartSTI       Part = "sti"       // Annexe 1: information provided by the requester with the STI
	PartEFVP      Part = "efvp"      // 6.3.2
)

// Kind is how an item's answer is read and checked.
type Kind string

// The kinds of item.
const (
	KindShort    Kind = "short"    // a name, one line
	KindLong     Kind = "long"     // a description
	KindChoice   Kind = "choice"   // one of Choices
	KindYesNo    Kind = "yesno"    // yes | no
	KindUses     Kind = "uses"     // usage types, from the catalogue or free labels
	KindPerson   Kind = "person"   // an e-mail or a name
	KindDate     Kind = "date"     // one date
	KindDates    Kind = "dates"    // one or more dates
	KindInterval Kind = "interval" // a duration, stored in days
)

// Length limits, in characters.
const (
	maxShort = 150
	maxLong  = 2000
	minLong  = 10
)

// Item is one question of the request, tagged for reviewers and exports.
type Item struct {
	Tag   requests.Tag
	Part  Part
	Group string // the Annexe 1 heading it belongs to: "training", "risks"…
	Kind  Kind
	// Optional items may be skipped ("passer"). The explanations to citizens are
	// optional unless the use supports a decision about a person (see Required).
	Optional bool
	// Choices are the stored values of a KindChoice item.
	Choices []string
	// Sections are the sections of procedure 30-02 the item rests on.
	Sections []string
	// Sub items are short follow-ups asked within the step of the item before them
	// (« 3 b »), so that adding one does not renumber the steps people and « modifier
	// N » know.
	Sub bool
	// STI items may be left to the STI ("je sais pas") though outside the STI's part.
	STI bool
}

var catalogue = []Item{
	{Tag: requests.TagSystemName, Part: PartSystem, Group: "system", Kind: KindShort, Sections: []string{"6.3.1"}},
	{Tag: requests.TagSystemVendor, Part: PartSystem, Group: "system", Kind: KindShort, Optional: true, Sections: []string{"6.3.1", "5.1.12"}},
	{Tag: requests.TagSystemKind, Part: PartSystem, Group: "system", Kind: KindChoice, Choices: []string{requests.KindPublic, requests.KindPrivate}, Sections: []string{"3.8", "3.9", "6.2"}},
	{Tag: requests.TagHosting, Part: PartSystem, Group: "system", Kind: KindChoice, Choices: []string{requests.HostingQuebec, requests.HostingCanada, requests.HostingForeign}, Sections: []string{"5.1.12", "6.3.3"}, Sub: true, STI: true},
	{Tag: requests.TagSystemOpen, Part: PartSystem, Group: "system", Kind: KindYesNo, Sections: []string{"3.7"}, Sub: true, STI: true},
	{Tag: requests.TagSystemSpecialized, Part: PartSystem, Group: "system", Kind: KindYesNo, Sections: []string{"3.10"}, Sub: true, STI: true},
	{Tag: requests.TagUses, Part: PartSystem, Group: "system", Kind: KindUses, Sections: []string{"6.1"}},
	{Tag: requests.TagPersonalData, Part: PartSystem, Group: "system", Kind: KindYesNo, Sections: []string{"3.6", "6.2"}},
	{Tag: requests.TagAutomatedDecision, Part: PartSystem, Group: "system", Kind: KindYesNo, Sections: []string{"5.1.11"}},
	{Tag: requests.TagSupervisor, Part: PartSystem, Group: "system", Kind: KindPerson, Sections: []string{"6.2"}},

	{Tag: "a1.requester.system_description", Part: PartRequester, Group: "description", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.requester.intended_use", Part: PartRequester, Group: "description", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.requester.justification", Part: PartRequester, Group: "description", Kind: KindLong, Sections: []string{"Annexe 1", "5.1.5"}},
	{Tag: "a1.requester.expected_gains", Part: PartRequester, Group: "description", Kind: KindLong, Sections: []string{"Annexe 1", "6.3.3"}},
	{Tag: "a1.requester.training.risk_awareness", Part: PartRequester, Group: "training", Kind: KindLong, Sections: []string{"Annexe 1", "7"}},
	{Tag: "a1.requester.training.responsible_use", Part: PartRequester, Group: "training", Kind: KindLong, Sections: []string{"Annexe 1", "7"}},
	{Tag: requests.TagTrainingCalendar, Part: PartRequester, Group: "training", Kind: KindDates, Sections: []string{"Annexe 1", "7"}},
	{Tag: requests.TagDeploymentDate, Part: PartRequester, Group: "training", Kind: KindDate, Sections: []string{"Annexe 1", "7"}},
	{Tag: "a1.requester.training.monitoring", Part: PartRequester, Group: "training", Kind: KindLong, Optional: true, Sections: []string{"Annexe 1", "7"}},
	{Tag: "a1.requester.change_management", Part: PartRequester, Group: "change", Kind: KindLong, Sections: []string{"Annexe 1", "7"}},

	{Tag: "a1.sti.risks.organisational", Part: PartSTI, Group: "risks", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.risks.causes", Part: PartSTI, Group: "risks", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.risks.evaluation", Part: PartSTI, Group: "risks", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.risks.mitigation", Part: PartSTI, Group: "risks", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.risks.results", Part: PartSTI, Group: "risks", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.risks.followup", Part: PartSTI, Group: "risks", Kind: KindLong, Sections: []string{"Annexe 1", "5.1.3"}},
	{Tag: requests.TagRiskReviewInterval, Part: PartSTI, Group: "risks", Kind: KindInterval, Sections: []string{"Annexe 1", "5.1.3"}},
	{Tag: "a1.sti.impacts.evaluation", Part: PartSTI, Group: "impacts", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.oversight.supervision", Part: PartSTI, Group: "oversight", Kind: KindLong, Sections: []string{"Annexe 1", "5.1.11"}},
	{Tag: "a1.sti.oversight.explanations", Part: PartSTI, Group: "oversight", Kind: KindLong, Optional: true, Sections: []string{"Annexe 1", "5.1.8"}},
	{Tag: "a1.sti.improvement", Part: PartSTI, Group: "improvement", Kind: KindLong, Sections: []string{"Annexe 1", "5.1.3"}},
	{Tag: "a1.sti.dng.lifecycle", Part: PartSTI, Group: "dng", Kind: KindLong, Sections: []string{"Annexe 1", "3.1"}},
	{Tag: "a1.sti.dng.security_profile", Part: PartSTI, Group: "dng", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.dng.classification", Part: PartSTI, Group: "dng", Kind: KindLong, Sections: []string{"Annexe 1"}},
	{Tag: "a1.sti.dng.minimum_controls", Part: PartSTI, Group: "dng", Kind: KindLong, Sections: []string{"Annexe 1", "5.1.4"}},
	{Tag: "a1.sti.dng.access", Part: PartSTI, Group: "dng", Kind: KindLong, Sections: []string{"Annexe 1", "5.1.4"}},

	{Tag: requests.TagEFVPStatus, Part: PartEFVP, Group: "efvp", Kind: KindChoice, Choices: []string{requests.EFVPDone, requests.EFVPPlanned}, Sections: []string{"6.3.2"}},
	{Tag: requests.TagEFVPDate, Part: PartEFVP, Group: "efvp", Kind: KindDate, Sections: []string{"6.3.2", "3.2"}},
}

// Items returns the request's items in the order they are asked: the annex's order
// and grouping, after the system's identification and before the EFVP.
func Items() []Item {
	out := make([]Item, len(catalogue))
	copy(out, catalogue)
	return out
}

// index returns the position of tag in the catalogue, or -1.
func index(tag requests.Tag) int {
	for i, it := range catalogue {
		if it.Tag == tag {
			return i
		}
	}
	return -1
}

// ItemFor returns the item tagged tag; ok is false for an unknown tag.
func ItemFor(tag requests.Tag) (Item, bool) {
	if i := index(tag); i >= 0 {
		return catalogue[i], true
	}
	return Item{}, false
}

// stepOf is the step number of tag.
func stepOf(tag requests.Tag) int { return stepAt(index(tag)) }

// stepAt is the step of the item at position i: sub items share their step.
func stepAt(i int) int {
	n := 0
	for _, it := range catalogue[:i+1] {
		if !it.Sub {
			n++
		}
	}
	return n
}

// Step is the item's step, from 1, as shown to the user ("étape 7 de 35"); a sub
// item has the step of the item it follows.
func (it Item) Step() int { return stepAt(index(it.Tag)) }

// StepLabel is the step as shown: "3", or "3 b" for the first follow-up of step 3.
func (it Item) StepLabel() string {
	i := index(it.Tag)
	sub := 0
	for j := i; j >= 0 && catalogue[j].Sub; j-- {
		sub++
	}
	if sub == 0 {
		return strconv.Itoa(stepAt(i))
	}
	return strconv.Itoa(stepAt(i)) + " " + string(rune('a'+sub))
}

// steps is how many steps the request has; sub items are not counted.
func steps() int { return stepAt(len(catalogue) - 1) }

// atStep is the (main) item of step n, from 1; ok is false out of range.
func atStep(n int) (Item, bool) {
	for i, it := range catalogue {
		if !it.Sub && stepAt(i) == n {
			return it, true
		}
	}
	return Item{}, false
}

// firstSTI is the first item of the STI part, where one word leaves the whole part to
// the STI.
func firstSTI() Item {
	for _, it := range catalogue {
		if it.Part == PartSTI {
			return it
		}
	}
	return Item{}
}

// lastSTI is the step of the STI part's last item.
func lastSTI() int {
	n := 0
	for i, it := range catalogue {
		if it.Part == PartSTI {
			n = stepAt(i)
		}
	}
	return n
}

// ForSTIAllowed reports whether the requester may leave the item to the STI: the
// items of the part Annexe 1 has the requester prepare with the STI.
func (it Item) ForSTIAllowed() bool { return it.Part == PartSTI || it.STI }

// Required reports whether the item must be answered, given the other answers: the
// explanations to citizens become required when the use supports a decision about a
// person (5.1.8, 5.1.11).
func (it Item) Required(f requests.Facts) bool {
	if it.Tag == "a1.sti.oversight.explanations" && f.AutomatedDecision() {
		return true
	}
	return !it.Optional
}

// Label is the item's short name, for summaries, cards and exports.
func (it Item) Label(lang i18n.Lang) string {
	return i18n.T(lang, "annexe.item."+string(it.Tag)+".label")
}

// Question is the question asked.
func (it Item) Question(lang i18n.Lang) string {
	return i18n.T(lang, "annexe.item."+string(it.Tag)+".question")
}

// Hint says what a good answer contains.
func (it Item) Hint(lang i18n.Lang) string {
	return i18n.T(lang, "annexe.item."+string(it.Tag)+".hint")
}

// Example is an example of a good answer.
func (it Item) Example(lang i18n.Lang) string {
	return i18n.T(lang, "annexe.item."+string(it.Tag)+".example")
}

// PartLabel names a part ("Annexe 1 — Informations à fournir par le demandeur").
func PartLabel(lang i18n.Lang, p Part) string { return i18n.T(lang, "annexe.part."+string(p)) }

// GroupLabel names a group of items ("Programme de formation").
func GroupLabel(lang i18n.Lang, group string) string { return i18n.T(lang, "annexe.group."+group) }

// ChoiceLabel names a stored choice value ("private" → "Privé sécurisé").
func ChoiceLabel(lang i18n.Lang, value string) string { return i18n.T(lang, "annexe.choice."+value) }
