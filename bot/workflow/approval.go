package workflow

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
)

// Approval is what a final approval writes into the inventory (6.1): the system, the
// uses CODIR-IN ruled on, the EFVP dates (6.3.2) and the training calendar (7).
//
// For a system already in the inventory only the uses and the trainings apply: the
// request asks for uses of that system, and its classification (kind, open,
// specialized, vendor, hosting, status, EFVP dates, owner) is changed by an
// administrator's command, not by a request's answers.
type Approval struct {
	SystemName string
	// Aliases are the short names of a new system, as the reviewer confirmed them.
	Aliases []string
	// Automated marks a use that supports a decision about a person (5.1.11); a use
	// the taxonomy lacks is added with that mark.
	Automated bool
	Vendor    string
	Kind      string // public | private
	Hosting   string // quebec | canada | foreign
	Uses      []UseRuling
	EFVPDone  *time.Time
	// EFVPPlanned is the date of an EFVP not done yet (6.3.2): a new system's uses wait
	// for it.
	EFVPPlanned *time.Time
	// EFVPNextReview is when the EFVP must be revised; reminders derive from it.
	EFVPNextReview time.Time
	// Deployment is the planned deployment date: the ruled uses come into effect then.
	Deployment *time.Time
	// OwnerKey is the requester: EFVP and training reminders go to them.
	OwnerKey string
	// Training is the calendar: the owner and each trainee are trained at its first
	// session, from which the training reminders derive (7).
	Training []time.Time
	// Trainees are the people to train besides the owner, by person key (e-mail).
	Trainees []string
	// Conditions are the committee's conditions of an approval with conditions: every
	// use it does not forbid becomes restricted on them, after its own conditions.
	Conditions []Condition
}

// UseRuling is one use permitted, restricted (with conditions) or forbidden. UseID is
// a use of the taxonomy, or a label the requester gave: it is matched to the use of
// that label, or added to the taxonomy.
type UseRuling struct {
	UseID        string
	Rule         string // permitted | restricted | forbidden
	ConditionsFR string
	ConditionsEN string
	// New is the use the reviewer created for a use the taxonomy lacked: its id,
	// labels, keywords and mark, exactly as given. Nil for a use of the taxonomy.
	New *NewUse
}

// ApprovalResult says where an approval landed in the inventory.
type ApprovalResult struct {
	SystemID string
	// Status is the system's status after the approval: "approved" for a new system;
	// an existing suspended or withdrawn system keeps its status, which only an
	// administrator changes.
	Status string
}

// System is a system of the inventory as the workflow and the administrators'
// commands see it.
type System struct {
	ID             string
	Name           string
	Kind           string
	Vendor         string
	Hosting        string
	Status         string
	Open           *bool
	Specialized    *bool
	EFVPDone       *time.Time
	EFVPNextReview *time.Time
	EFVPPlanned    *time.Time
	OwnerKey       string
	RequestID      *uint // the approval request that added it
	Aliases        []string
}

// UseLabel is a use of the taxonomy, as cards show it.
type UseLabel struct {
	ID                string
	LabelFR           string
	LabelEN           string
	AutomatedDecision bool
}

// Inventory is the inventory as the decision's transaction sees it: what an approval
// is computed from.
type Inventory interface {
	// FindSystem returns the system named name or one of its aliases, compared
	// without case, accents or punctuation, else the one system one typo away
	// (NameMatch).
	FindSystem(name string) (System, bool, error)
	// Uses returns the use taxonomy in inventory order.
	Uses() ([]UseLabel, error)
	// NewSystemID and NewUseID make an inventory id from a name ("ChatGPT Édu" →
	// "chatgpt-edu") that no system (use) has and that taken does not hold.
	NewSystemID(name string, taken func(id string) bool) (string, error)
	NewUseID(name string, taken func(id string) bool) (string, error)
}

// NewUse is a use an approval adds to the taxonomy: labelled, and found, by the
// label the request gave, in both languages.
type NewUse struct {
	UseLabel
	KeywordsFR, KeywordsEN []string
}

// UseRule is the rule of one use on the approved system; Position orders the
// system's uses when the use is new to it.
type UseRule struct {
	UseID        string
	Rule         string
	ConditionsFR string
	ConditionsEN string
	Position     int
	// EffectiveFrom and TrainingBy say when the use comes into effect: the deployment
	// date and the last training session (7); nil when the approval gave none.
	EffectiveFrom *time.Time
	TrainingBy    *time.Time
}

// Training is a person to train for a request, at their first session (7).
type Training struct {
	RequestID uint
	PersonKey string
	SessionAt time.Time
}

// ChangeSet is everything an approval changes, for the store to write in the
// decision's transaction: the system (added when New, else updated with the fields of
// System), uses added to the taxonomy, the rules of the system's uses (added or
// replaced), the people to train (added or rescheduled), and the audit entries.
type ChangeSet struct {
	System    System
	NewSystem bool
	NewUses   []NewUse
	Rules     []UseRule
	Trainings []Training
	Audit     []audit.Entry
}

// addsUse reports whether the change set adds a use with that id.
func (c ChangeSet) addsUse(id string) bool {
	for _, u := range c.NewUses {
		if u.ID == id {
			return true
		}
	}
	return false
}

// Result is where the approval landed.
func (c ChangeSet) Result() ApprovalResult {
	return ApprovalResult{SystemID: c.System.ID, Status: c.System.Status}
}

// Planner computes an approval's change set from the inventory as the decision's
// transaction sees it; the store calls it inside that transaction.
type Planner func(Inventory) (ChangeSet, error)

// Planner returns the planner of approval a for decision d (see PlanApproval).
func (a Approval) Planner(d Decision) Planner {
	return func(inv Inventory) (ChangeSet, error) { return PlanApproval(inv, d, a) }
}

// PlanApproval is what approving d with a changes in inventory inv, so that the next
// "may I use X?" answers from it. A system already in the inventory (same name, alias
// or one typo away, see Inventory.FindSystem) gets the ruled uses and the trainings
// only: its classification, EFVP dates, owner and status stay as they are (an
// administrator changes them). A new system is added with the approval's
// classification and aliases.
func PlanApproval(inv Inventory, d Decision, a Approval) (ChangeSet, error) {
	var cs ChangeSet
	sys, found, err := inv.FindSystem(a.SystemName)
	if err != nil {
		return cs, err
	}
	from := ""
	if found {
		from = sys.Status
	} else {
		id, err := inv.NewSystemID(a.SystemName, func(string) bool { return false })
		if err != nil {
			return cs, err
		}
		next, rid := a.EFVPNextReview, d.RequestID
		sys = System{ID: id, Name: strings.TrimSpace(a.SystemName), Status: "approved", Kind: a.Kind, Vendor: a.Vendor,
			Hosting: a.Hosting, EFVPDone: a.EFVPDone, EFVPNextReview: &next, OwnerKey: a.OwnerKey, RequestID: &rid,
			Aliases: a.Aliases}
		if a.EFVPDone == nil {
			sys.EFVPPlanned = a.EFVPPlanned
		}
		cs.NewSystem = true
	}
	cs.System = sys

	uses, err := inv.Uses()
	if err != nil {
		return cs, err
	}
	var rulings []string
	for i, u := range a.Uses {
		useID, ok := matchUse(uses, u.UseID)
		switch {
		case u.New != nil && (ok || cs.addsUse(u.New.ID)):
			return cs, fmt.Errorf("new use %q: %w", u.New.ID, ErrUseExists)
		case u.New != nil:
			nu := *u.New
			cs.NewUses = append(cs.NewUses, nu)
			uses = append(uses, nu.UseLabel)
			rulings = append(rulings, "new use "+nu.ID)
			useID, ok = nu.ID, true
		}
		if !ok {
			if useID, err = inv.NewUseID(u.UseID, cs.addsUse); err != nil {
				return cs, err
			}
			label := strings.TrimSpace(u.UseID)
			nu := NewUse{UseLabel: UseLabel{ID: useID, LabelFR: label, LabelEN: label, AutomatedDecision: a.Automated},
				KeywordsFR: []string{label}, KeywordsEN: []string{label}}
			cs.NewUses = append(cs.NewUses, nu)
			uses = append(uses, nu.UseLabel)
			rulings = append(rulings, "new use "+useID)
		}
		rule := UseRule{UseID: useID, Rule: u.Rule, ConditionsFR: u.ConditionsFR, ConditionsEN: u.ConditionsEN, Position: i}
		if len(a.Conditions) > 0 && u.Rule != "forbidden" {
			rule.Rule = "restricted"
			rule.ConditionsFR = joinConditions(rule.ConditionsFR, ConditionsText(a.Conditions, i18n.FR))
			rule.ConditionsEN = joinConditions(rule.ConditionsEN, ConditionsText(a.Conditions, i18n.EN))
		}
		if u.Rule != "forbidden" {
			rule.EffectiveFrom, rule.TrainingBy = a.Deployment, lastOf(a.Training)
		}
		cs.Rules = append(cs.Rules, rule)
		rulings = append(rulings, useID+"="+rule.Rule)
	}
	if a.OwnerKey != "" && len(a.Training) > 0 {
		first := a.Training[0]
		for _, t := range a.Training[1:] {
			if t.Before(first) {
				first = t
			}
		}
		for _, who := range append([]string{a.OwnerKey}, a.Trainees...) {
			cs.Trainings = append(cs.Trainings, Training{RequestID: d.RequestID, PersonKey: who, SessionAt: first})
		}
	}
	what := "new system"
	if found {
		what = "uses only, classification kept"
	} else if len(sys.Aliases) > 0 {
		what += ", aliases " + strings.Join(sys.Aliases, " | ")
	}
	cs.Audit = append(cs.Audit, audit.Entry{ActorKey: d.ActorKey, ActorName: d.AuditName(), Action: "inventory.approve",
		Subject: "system:" + sys.ID, From: from, To: sys.Status,
		Comment:  fmt.Sprintf("request %d (%s): %s", d.RequestID, what, strings.Join(rulings, ", ")),
		Sections: []string{"6.1", "6.3.3", "8"}})
	return cs, nil
}

// matchUse finds the taxonomy's use for what a request named: its id, or its label in
// either language (or its id) compared without case, accents or punctuation.
func matchUse(uses []UseLabel, named string) (string, bool) {
	for _, u := range uses {
		if u.ID == named {
			return u.ID, true
		}
	}
	want := text.Compact(named)
	if want == "" {
		return "", false
	}
	for _, u := range uses {
		if text.Compact(u.LabelFR) == want || text.Compact(u.LabelEN) == want || text.Compact(u.ID) == want {
			return u.ID, true
		}
	}
	return "", false
}

// ErrUseExists: the reviewer created a use with the id of one the taxonomy has.
var ErrUseExists = errors.New("workflow: a use with that id exists")

// Entry is the audit entry of decision d.
func (d Decision) Entry() audit.Entry {
	return audit.Entry{ActorKey: d.ActorKey, ActorName: d.AuditName(), Action: "review." + string(d.Decision),
		Subject: requests.Subject(d.RequestID), From: string(d.Stage), To: string(d.To), Comment: d.Comment, Sections: d.Sections}
}

// joinConditions adds a committee's conditions after a use's own.
func joinConditions(own, more string) string {
	if own = strings.TrimSpace(own); own == "" {
		return more
	}
	return own + " ; " + more
}

// lastOf is the latest of dates, nil when there is none.
func lastOf(dates []time.Time) *time.Time {
	var last *time.Time
	for i := range dates {
		if last == nil || dates[i].After(*last) {
			last = &dates[i]
		}
	}
	return last
}
