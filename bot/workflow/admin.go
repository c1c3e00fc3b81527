package workflow

import (
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/inventory"
)

// Audit actions of an administrator's changes to the inventory (6.1, 8).
const (
	AuditRestore    = "inventory.restore"
	AuditSuspend    = "inventory.suspend"
	AuditWithdraw   = "inventory.withdraw"
	AuditUseRule    = "inventory.use"
	AuditReclassify = "inventory.reclassify"
)

// adminSections are the sections an administrator's change rests on.
var adminSections = []string{"6.1", "8"}

func systemSubject(id string) string { return "system:" + id }

// StatusChange is an administrator's change of a system's status (approved,
// suspended, withdrawn) with its reason: the one way a status changes outside an
// import.
type StatusChange struct {
	SystemID, Status, Reason string
	By                       audit.Actor
}

// Valid reports why the change cannot be made whatever the system, or nil.
func (c StatusChange) Valid() error {
	if !inventory.Status(c.Status).Valid() {
		return fmt.Errorf("status %q is not one of approved, suspended, withdrawn", c.Status)
	}
	return nil
}

// Plan returns the audit entry of moving a system from status from; bot.ErrConflict
// when it already has that status (a confirmation clicked twice changes and audits
// once).
func (c StatusChange) Plan(from string) (audit.Entry, error) {
	if err := c.Valid(); err != nil {
		return audit.Entry{}, err
	}
	if from == c.Status {
		return audit.Entry{}, fmt.Errorf("system %s already %s: %w", c.SystemID, c.Status, bot.ErrConflict)
	}
	action := map[string]string{"approved": AuditRestore, "suspended": AuditSuspend, "withdrawn": AuditWithdraw}[c.Status]
	return audit.Entry{ActorKey: c.By.Key, ActorName: c.By.Name, Action: action, Subject: systemSubject(c.SystemID),
		From: from, To: c.Status, Comment: c.Reason, Sections: adminSections}, nil
}

// UseRuleChange is an administrator's ruling of one use of one system: permitted,
// restricted (with its conditions in French and in English, as the inventory
// requires) or forbidden; an empty Rule removes the use from the system's lists.
type UseRuleChange struct {
	SystemID, UseID                  string
	Rule, ConditionsFR, ConditionsEN string
	Reason                           string
	By                               audit.Actor
}

// Normalized validates the change and clears the conditions of a rule that has
// none.
func (c UseRuleChange) Normalized() (UseRuleChange, error) {
	switch inventory.Rule(c.Rule) {
	case inventory.Restricted:
		if c.ConditionsFR == "" || c.ConditionsEN == "" {
			return c, fmt.Errorf("restricted use %s needs its conditions in French and in English", c.UseID)
		}
	case inventory.Permitted, inventory.Forbidden, "":
		c.ConditionsFR, c.ConditionsEN = "", ""
	default:
		return c, fmt.Errorf("rule %q is not one of permitted, restricted, forbidden", c.Rule)
	}
	return c, nil
}

// Removes reports whether the change takes the use off the system's lists.
func (c UseRuleChange) Removes() bool { return c.Rule == "" }

// Plan returns the normalized change and its audit entry, given the system's current
// rule of the use (listed false when the system does not list it);
// bot.ErrConflict when rule and conditions are already those.
func (c UseRuleChange) Plan(old UseRule, listed bool) (UseRuleChange, audit.Entry, error) {
	c, err := c.Normalized()
	if err != nil {
		return c, audit.Entry{}, err
	}
	switch {
	case listed && old.Rule == c.Rule && old.ConditionsFR == c.ConditionsFR && old.ConditionsEN == c.ConditionsEN:
		return c, audit.Entry{}, fmt.Errorf("use %s of %s already %s: %w", c.UseID, c.SystemID, c.Rule, bot.ErrConflict)
	case !listed && c.Removes():
		return c, audit.Entry{}, fmt.Errorf("use %s of %s already unlisted: %w", c.UseID, c.SystemID, bot.ErrConflict)
	}
	from := ""
	if listed {
		from = old.Rule
	}
	return c, audit.Entry{ActorKey: c.By.Key, ActorName: c.By.Name, Action: AuditUseRule,
		Subject: systemSubject(c.SystemID) + "/use:" + c.UseID, From: from, To: c.Rule, Comment: c.Reason,
		Sections: adminSections}, nil
}

// Reclassification is an administrator's « reclasser » (6.1): the fields of
// Classification it sets, with the reason.
type Reclassification struct {
	SystemID string
	Set      Classification
	Reason   string
	By       audit.Actor
}

// Valid reports why the reclassification cannot be made whatever the system, or nil.
func (r Reclassification) Valid() error {
	if r.Set.Kind != "" && !inventory.Kind(r.Set.Kind).Valid() {
		return fmt.Errorf("kind %q is not one of public, private", r.Set.Kind)
	}
	if r.Set.Hosting != "" && !inventory.Hosting(r.Set.Hosting).Valid() {
		return fmt.Errorf("hosting %q is not one of quebec, canada, foreign", r.Set.Hosting)
	}
	return nil
}

// Plan returns the classification of before, the one after, and the audit entry
// holding every field before → after (in the comment, after the reason; From and To
// hold the kind); bot.ErrConflict when the reclassification changes nothing.
func (r Reclassification) Plan(before System) (from, to Classification, e audit.Entry, err error) {
	if err := r.Valid(); err != nil {
		return Classification{}, Classification{}, audit.Entry{}, err
	}
	from = ClassificationOf(before)
	to = ClassificationOf(r.Set.Apply(before))
	if to.String() == from.String() {
		return from, to, audit.Entry{}, fmt.Errorf("system %s already so: %w", r.SystemID, bot.ErrConflict)
	}
	e = audit.Entry{ActorKey: r.By.Key, ActorName: r.By.Name, Action: AuditReclassify, Subject: systemSubject(r.SystemID),
		From: from.Kind, To: to.Kind, Comment: r.Reason + " — " + Changes(from, to), Sections: adminSections}
	return from, to, e, nil
}
