package storage

import (
	"encoding/json"
	"fmt"
	"time"

	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// txInventory is the inventory as a decision's transaction sees it, for the
// workflow's approval planner.
type txInventory struct{ tx *gorm.DB }

func (i txInventory) FindSystem(name string) (workflow.System, bool, error) {
	row, found, err := findSystem(i.tx, name)
	return toSystem(row), found, err
}

func (i txInventory) Uses() ([]workflow.UseLabel, error) { return useLabels(i.tx) }

func (i txInventory) NewSystemID(name string, taken func(string) bool) (string, error) {
	return newID(i.tx, &SystemRow{}, name, taken)
}

func (i txInventory) NewUseID(name string, taken func(string) bool) (string, error) {
	return newID(i.tx, &UseRow{}, name, taken)
}

// writeChangeSet writes an approval's change set (see workflow.ChangeSet) inside the
// decision's transaction. It decides nothing: new rows go after the existing ones,
// existing rows get the change set's values.
func writeChangeSet(tx *gorm.DB, now time.Time, cs workflow.ChangeSet) error {
	s := cs.System
	if cs.NewSystem {
		var pos int
		if err := tx.Model(&SystemRow{}).Select("COALESCE(MAX(position), -1) + 1").Scan(&pos).Error; err != nil {
			return err
		}
		aliases, err := json.Marshal(append([]string{}, s.Aliases...))
		if err != nil {
			return err
		}
		row := SystemRow{ID: s.ID, Name: s.Name, Aliases: string(aliases), Kind: s.Kind, Open: s.Open, Specialized: s.Specialized,
			Vendor: s.Vendor, Hosting: s.Hosting, Status: s.Status, EFVPDone: s.EFVPDone, EFVPNextReview: s.EFVPNextReview,
			EFVPPlanned: s.EFVPPlanned, OwnerKey: s.OwnerKey, RequestID: s.RequestID, Position: pos, UpdatedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("approve system %s: %w", s.ID, err)
		}
	} else {
		// An existing system keeps its classification (workflow.PlanApproval): only
		// its uses change, and its row says when.
		if err := tx.Model(&SystemRow{}).Where("id = ?", s.ID).Update("updated_at", now).Error; err != nil {
			return fmt.Errorf("approve system %s: %w", s.ID, err)
		}
	}
	for _, u := range cs.NewUses {
		var pos int
		if err := tx.Model(&UseRow{}).Select("COALESCE(MAX(position), -1) + 1").Scan(&pos).Error; err != nil {
			return err
		}
		kwFR, err := json.Marshal(u.KeywordsFR)
		if err != nil {
			return err
		}
		kwEN, err := json.Marshal(u.KeywordsEN)
		if err != nil {
			return err
		}
		row := UseRow{ID: u.ID, LabelFR: u.LabelFR, LabelEN: u.LabelEN, KeywordsFR: string(kwFR), KeywordsEN: string(kwEN),
			AutomatedDecision: u.AutomatedDecision, Position: pos}
		if err := tx.Create(&row).Error; err != nil {
			return fmt.Errorf("add use %s: %w", u.ID, err)
		}
	}
	for _, r := range cs.Rules {
		row := SystemUseRow{SystemID: s.ID, UseID: r.UseID, Rule: r.Rule, ConditionsFR: r.ConditionsFR,
			ConditionsEN: r.ConditionsEN, Position: r.Position, EffectiveFrom: r.EffectiveFrom, TrainingBy: r.TrainingBy}
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "system_id"}, {Name: "use_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"rule", "conditions_fr", "conditions_en", "effective_from", "training_by"}),
		}).Create(&row).Error
		if err != nil {
			return fmt.Errorf("approve use %s of %s: %w", r.UseID, s.ID, err)
		}
	}
	for _, t := range cs.Trainings {
		at := t.SessionAt
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "request_id"}, {Name: "person_key"}},
			DoUpdates: clause.AssignmentColumns([]string{"session_at"}),
		}).Create(&TrainingRow{RequestID: t.RequestID, PersonKey: t.PersonKey, SessionAt: &at}).Error
		if err != nil {
			return fmt.Errorf("training of request %d: %w", t.RequestID, err)
		}
	}
	for _, e := range cs.Audit {
		if err := appendAudit(tx, now, e); err != nil {
			return err
		}
	}
	return nil
}
