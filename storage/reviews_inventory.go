package storage

import (
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/inventory"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ReviewApproval is what an approval writes into the inventory (6.1): the system, the
// uses CODIR-IN ruled on, the EFVP dates (6.3.2) and the training calendar (7).
type ReviewApproval struct {
	SystemName string
	// Automated marks a use that supports a decision about a person (5.1.11); a use
	// the taxonomy lacks is added with that mark.
	Automated bool
	Vendor    string
	Kind      string // public | private
	Hosting   string // quebec | canada | foreign
	Uses      []UseRuling
	EFVPDone  *time.Time
	// EFVPNextReview is when the EFVP must be revised; reminders derive from it.
	EFVPNextReview time.Time
	// OwnerKey is the requester: EFVP and training reminders go to them.
	OwnerKey string
	// Training is the calendar: the owner and each trainee get a TrainingRow at its
	// first session, from which the training reminders derive (7).
	Training []time.Time
	// Trainees are the people to train besides the owner, by person key (e-mail).
	Trainees []string
}

// UseRuling is one use permitted, restricted (with conditions) or forbidden. UseID is
// a use of the taxonomy, or a label the requester gave: it is matched to the use of
// that label, or added to the taxonomy.
type UseRuling struct {
	UseID        string
	Rule         string // permitted | restricted | forbidden
	ConditionsFR string
	ConditionsEN string
}

// ApprovalResult says where an approval landed in the inventory.
type ApprovalResult struct {
	SystemID string
	// Status is the system's status after the approval: "approved" for a new system;
	// an existing suspended or withdrawn system keeps its status, which only an
	// administrator changes.
	Status string
}

// applyApproval writes an approval into the inventory inside the decision's
// transaction, with its own audit entry, so that the next "may I use X?" answers from
// it. A system already in the inventory (same name or alias, compared without case,
// accents or punctuation) is updated rather than duplicated.
func applyApproval(tx *gorm.DB, now time.Time, d ReviewDecision, a ReviewApproval) (ApprovalResult, error) {
	sys, found, err := findSystem(tx, a.SystemName)
	if err != nil {
		return ApprovalResult{}, err
	}
	from := ""
	if found {
		from = sys.Status
	} else {
		id, err := newID(tx, &SystemRow{}, a.SystemName)
		if err != nil {
			return ApprovalResult{}, err
		}
		var pos int
		if err := tx.Model(&SystemRow{}).Select("COALESCE(MAX(position), -1) + 1").Scan(&pos).Error; err != nil {
			return ApprovalResult{}, err
		}
		sys = SystemRow{ID: id, Name: strings.TrimSpace(a.SystemName), Aliases: "[]", Status: "approved", Position: pos}
	}
	next := a.EFVPNextReview
	rid := d.RequestID
	sys.Kind, sys.Vendor, sys.Hosting = a.Kind, a.Vendor, a.Hosting
	sys.EFVPDone, sys.EFVPNextReview, sys.OwnerKey, sys.RequestID, sys.UpdatedAt = a.EFVPDone, &next, a.OwnerKey, &rid, now
	if err := tx.Save(&sys).Error; err != nil {
		return ApprovalResult{}, fmt.Errorf("approve system %s: %w", sys.ID, err)
	}
	var rulings []string
	for i, u := range a.Uses {
		useID, created, err := resolveUse(tx, u.UseID, a.Automated)
		if err != nil {
			return ApprovalResult{}, err
		}
		if created {
			rulings = append(rulings, "new use "+useID)
		}
		row := SystemUseRow{SystemID: sys.ID, UseID: useID, Rule: u.Rule, ConditionsFR: u.ConditionsFR,
			ConditionsEN: u.ConditionsEN, Position: i}
		err = tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "system_id"}, {Name: "use_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"rule", "conditions_fr", "conditions_en"}),
		}).Create(&row).Error
		if err != nil {
			return ApprovalResult{}, fmt.Errorf("approve use %s of %s: %w", u.UseID, sys.ID, err)
		}
		rulings = append(rulings, useID+"="+u.Rule)
	}
	if a.OwnerKey != "" && len(a.Training) > 0 {
		first := a.Training[0]
		for _, t := range a.Training[1:] {
			if t.Before(first) {
				first = t
			}
		}
		for _, who := range append([]string{a.OwnerKey}, a.Trainees...) {
			err := tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "request_id"}, {Name: "person_key"}},
				DoUpdates: clause.AssignmentColumns([]string{"session_at"}),
			}).Create(&TrainingRow{RequestID: d.RequestID, PersonKey: who, SessionAt: &first}).Error
			if err != nil {
				return ApprovalResult{}, fmt.Errorf("training of request %d: %w", d.RequestID, err)
			}
		}
	}
	err = appendAudit(tx, now, AuditEntry{ActorKey: d.ActorKey, ActorName: d.ActorName, Action: "inventory.approve",
		Subject: "system:" + sys.ID, From: from, To: sys.Status,
		Comment:  fmt.Sprintf("request %d: %s", d.RequestID, strings.Join(rulings, ", ")),
		Sections: []string{"6.1", "6.3.3", "8"}})
	return ApprovalResult{SystemID: sys.ID, Status: sys.Status}, err
}

// resolveUse finds the taxonomy's use for what a request named: its id, or its label
// in either language compared without case, accents or punctuation. A label the
// taxonomy lacks becomes a new use, labelled and keyed by that label in both languages,
// so that the next "may I use X for it?" finds it.
func resolveUse(tx *gorm.DB, named string, automated bool) (id string, created bool, err error) {
	var uses []UseRow
	if err := tx.Find(&uses).Error; err != nil {
		return "", false, err
	}
	want := inventory.Compact(named)
	for _, u := range uses {
		if u.ID == named {
			return u.ID, false, nil
		}
	}
	for _, u := range uses {
		if want != "" && (inventory.Compact(u.LabelFR) == want || inventory.Compact(u.LabelEN) == want || inventory.Compact(u.ID) == want) {
			return u.ID, false, nil
		}
	}
	if id, err = newID(tx, &UseRow{}, named); err != nil {
		return "", false, err
	}
	var pos int
	if err := tx.Model(&UseRow{}).Select("COALESCE(MAX(position), -1) + 1").Scan(&pos).Error; err != nil {
		return "", false, err
	}
	label := strings.TrimSpace(named)
	kw, err := json.Marshal([]string{label})
	if err != nil {
		return "", false, err
	}
	row := UseRow{ID: id, LabelFR: label, LabelEN: label, KeywordsFR: string(kw), KeywordsEN: string(kw),
		AutomatedDecision: automated, Position: pos}
	if err := tx.Create(&row).Error; err != nil {
		return "", false, fmt.Errorf("add use %s: %w", id, err)
	}
	return id, true, nil
}
