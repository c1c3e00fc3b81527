package storage

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ChangeSystemStatus sets the status of a system of the inventory (approved, suspended,
// withdrawn) with the administrator's reason, and writes the audit entry in the same
// transaction (6.1, 8): it is the one way the inventory's statuses change outside an
// import. It returns the previous status; bot.ErrNotFound for an unknown system, and
// bot.ErrConflict, changing nothing, when the system already has that status (a
// confirmation clicked twice changes and audits once).
func (db *DB) ChangeSystemStatus(ctx context.Context, systemID, status, reason string, by audit.Actor) (string, error) {
	change := workflow.StatusChange{SystemID: systemID, Status: status, Reason: reason, By: by}
	if err := change.Valid(); err != nil {
		return "", err
	}
	var from string
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var row SystemRow
		err := tx.Where("id = ?", systemID).First(&row).Error
		if isNotFound(err) {
			return fmt.Errorf("system %s: %w", systemID, bot.ErrNotFound)
		}
		if err != nil {
			return err
		}
		from = row.Status
		entry, err := change.Plan(row.Status)
		if err != nil {
			return err
		}
		now := db.Now()
		err = tx.Model(&SystemRow{}).Where("id = ?", systemID).
			Updates(map[string]any{"status": status, "status_reason": reason, "updated_at": now}).Error
		if err != nil {
			return err
		}
		return appendAudit(tx, now, entry)
	})
	return from, err
}

// ChangeUseRule sets how one system treats one use: permitted, restricted (with its
// conditions in both languages, as the inventory requires) or forbidden; an empty rule
// removes the use from the system's lists. The audit entry is written in the same
// transaction. It returns the previous rule (empty when the system did not list the
// use); bot.ErrNotFound for an unknown system or use, bot.ErrConflict, changing
// nothing, when rule and conditions are already those.
func (db *DB) ChangeUseRule(ctx context.Context, systemID, useID, rule, condFR, condEN, reason string, by audit.Actor) (string, error) {
	change, err := workflow.UseRuleChange{SystemID: systemID, UseID: useID, Rule: rule, ConditionsFR: condFR,
		ConditionsEN: condEN, Reason: reason, By: by}.Normalized()
	if err != nil {
		return "", err
	}
	var from string
	err = db.tx(ctx, func(tx *gorm.DB) error {
		for _, c := range []struct {
			model any
			id    string
		}{{&SystemRow{}, systemID}, {&UseRow{}, useID}} {
			if n, err := count(tx, c.model, c.id); err != nil || n == 0 {
				return notFound(err, c.id)
			}
		}
		var old SystemUseRow
		err := tx.Where("system_id = ? AND use_id = ?", systemID, useID).First(&old).Error
		listed := err == nil
		if err != nil && !isNotFound(err) {
			return err
		}
		from = old.Rule
		change, entry, err := change.Plan(workflow.UseRule{UseID: useID, Rule: old.Rule,
			ConditionsFR: old.ConditionsFR, ConditionsEN: old.ConditionsEN}, listed)
		if err != nil {
			return err
		}
		if !listed && !change.Removes() {
			// A use new to the system goes after its others.
			if err := tx.Model(&SystemUseRow{}).Where("system_id = ?", systemID).
				Select("COALESCE(MAX(position), -1) + 1").Scan(&old.Position).Error; err != nil {
				return err
			}
		}
		if change.Removes() {
			err = tx.Where("system_id = ? AND use_id = ?", systemID, useID).Delete(&SystemUseRow{}).Error
		} else {
			row := SystemUseRow{SystemID: systemID, UseID: useID, Rule: change.Rule, ConditionsFR: change.ConditionsFR,
				ConditionsEN: change.ConditionsEN, Position: old.Position}
			err = tx.Clauses(clause.OnConflict{
				Columns:   []clause.Column{{Name: "system_id"}, {Name: "use_id"}},
				DoUpdates: clause.AssignmentColumns([]string{"rule", "conditions_fr", "conditions_en"}),
			}).Create(&row).Error
		}
		if err != nil {
			return err
		}
		now := db.Now()
		if err := tx.Model(&SystemRow{}).Where("id = ?", systemID).Update("updated_at", now).Error; err != nil {
			return err
		}
		return appendAudit(tx, now, entry)
	})
	return from, err
}

// Reclassify changes the classification of a system (an administrator's « reclasser »,
// 6.1): the fields c sets, in one transaction with an audit entry holding every field
// before → after (in the entry's comment, after the reason; From and To hold the
// kind). It returns the classification before; bot.ErrNotFound for an
// unknown system, bot.ErrConflict, changing nothing, when c changes nothing.
func (db *DB) Reclassify(ctx context.Context, systemID string, c workflow.Classification, reason string, by audit.Actor) (workflow.Classification, error) {
	change := workflow.Reclassification{SystemID: systemID, Set: c, Reason: reason, By: by}
	if err := change.Valid(); err != nil {
		return workflow.Classification{}, err
	}
	var from workflow.Classification
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var row SystemRow
		err := tx.Where("id = ?", systemID).First(&row).Error
		if isNotFound(err) {
			return fmt.Errorf("system %s: %w", systemID, bot.ErrNotFound)
		}
		if err != nil {
			return err
		}
		var to workflow.Classification
		var entry audit.Entry
		from, to, entry, err = change.Plan(toSystem(row))
		if err != nil {
			return err
		}
		now := db.Now()
		err = tx.Model(&SystemRow{}).Where("id = ?", systemID).Updates(map[string]any{"kind": to.Kind, "hosting": to.Hosting,
			"vendor": to.Vendor, "open": to.Open, "specialized": to.Specialized, "updated_at": now}).Error
		if err != nil {
			return err
		}
		return appendAudit(tx, now, entry)
	})
	return from, err
}
