package policy

import (
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

// Verdict is the answer to "may I?".
type Verdict string

// The verdicts.
const (
	Permitted          Verdict = "permitted"
	Restricted         Verdict = "restricted"
	Forbidden          Verdict = "forbidden"
	NotApproved        Verdict = "not_approved"
	NeedsClarification Verdict = "needs_clarification"
)

// Step is one rule the engine applied, in order, with the sections of procedure 30-02
// it rests on: the "why?" of a verdict.
type Step struct {
	// Rule is the number of the rule (1–9, see Evaluate).
	Rule int
	// Code names what the rule found ("tool_catalogue", "personal_public"…); Why
	// words it with the message "policy.why.<code>".
	Code     string
	Sections []string
}

// SystemRef is an approved system offered as an alternative or listed.
type SystemRef struct {
	ID      string
	Name    string
	Kind    inventory.Kind
	Hosting inventory.Hosting
	// Rule is how the system treats the use asked about ("" when no use).
	Rule inventory.Rule
	// Conditions apply when Rule is restricted.
	Conditions inventory.Text
}

// UseRef is a use as one system treats it.
type UseRef struct {
	ID                string
	Label             inventory.Text
	Rule              inventory.Rule
	Conditions        inventory.Text
	AutomatedDecision bool
}

// Result is the outcome of Evaluate: everything Answer, Why and the chat engine need,
// and nothing of the question but its redacted form.
type Result struct {
	Verdict Verdict
	Intent  Intent
	// Lang is the language of the question (or the fallback given to Evaluate).
	Lang i18n.Lang
	// Rule is the number of the rule that decided the verdict (1–9).
	Rule int
	// SystemID is the inventory id of the tool; empty for a catalogue tool or none.
	SystemID string
	// Tool is the name of the tool as recognised (inventory or catalogue name).
	Tool string
	// ToolTypo is set when the tool name was recognised despite a typo.
	ToolTypo bool
	// Kind, Hosting, Status and StatusReason describe the inventory system, when there
	// is one (a catalogue tool is public: 3.9).
	Kind         inventory.Kind
	Hosting      inventory.Hosting
	Status       inventory.Status
	StatusReason string
	// UseID is the use asked about; Use, Disclosure, AutomatedDecision and Media
	// describe it.
	UseID             string
	Use               inventory.Text
	Disclosure        inventory.Text
	AutomatedDecision bool
	Media             bool
	// PersonalData is set when the question mentions personal or confidential data,
	// of the kinds listed in PersonalDataKinds.
	PersonalData      bool
	PersonalDataKinds []PIIKind
	// Sections are the sections of procedure 30-02 the answer rests on, most decisive
	// first ("6.2", "5.1.7").
	Sections []string
	// Conditions are those of a restricted use.
	Conditions inventory.Text
	// Alternatives are approved systems that allow the use: private ones first, then
	// by hosting (Québec, Canada, abroad, 5.1.12). With personal data only private
	// systems are offered, since 6.2 bars public ones.
	Alternatives []SystemRef
	// Approved lists the approved systems when the question names no tool (for the
	// use, when one is named).
	Approved []SystemRef
	// Uses are the system's uses, when the question names a system but no use.
	Uses []UseRef
	// Path is the ordered list of rules applied.
	Path []Step
	// Redacted is the question with personal data replaced by placeholders.
	Redacted string
	// Doubt is set when a public system meets only weak signals of personal
	// information (DoubtReasons): the verdict is then at most restricted, on the
	// condition DoubtCondition, the private systems are named, and the person is asked
	// whether the text is about an identifiable person (6.2, « si un doute subsiste »).
	Doubt bool `json:",omitempty"`
	// OtherUses are the uses the question fitted as well as the one answered for (the
	// strictest on the system): the answer says what it assumed and how to ask
	// otherwise.
	OtherUses []inventory.Text `json:",omitempty"`
	// Others are the other tools the question names and their verdicts; the answer
	// given is the strictest (see Evaluate).
	Others       []OtherTool   `json:",omitempty"`
	DoubtReasons []DoubtReason `json:",omitempty"`
	// EffectiveFrom is the date (YYYY-MM-DD) from which an approved use applies, set
	// only while it is not yet in effect (see EvaluateAt).
	EffectiveFrom string `json:",omitempty"`
}

// OtherTool is another tool a question names, with the verdict for it.
type OtherTool struct {
	Tool, SystemID string
	Verdict        Verdict
}

// DoubtCondition is the condition of a use allowed in doubt.
var DoubtCondition = inventory.Text{
	FR: "Seulement sans renseignement personnel ni donnée confidentielle.",
	EN: "Only without personal information or confidential data.",
}
