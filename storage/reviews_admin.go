package storage

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/inventory"
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
	if !inventory.Status(status).Valid() {
		return "", fmt.Errorf("status %q is not one of approved, suspended, withdrawn", status)
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
		if row.Status == status {
			return fmt.Errorf("system %s already %s: %w", systemID, status, bot.ErrConflict)
		}
		now := db.Now()
		err = tx.Model(&SystemRow{}).Where("id = ?", systemID).
			Updates(map[string]any{"status": status, "status_reason": reason, "updated_at": now}).Error
		if err != nil {
			return err
		}
		action := map[string]string{"approved": "inventory.restore", "suspended": "inventory.suspend", "withdrawn": "inventory.withdraw"}[status]
		return appendAudit(tx, now, audit.Entry{ActorKey: by.Key, ActorName: by.Name, Action: action,
			Subject: "system:" + systemID, From: from, To: status, Comment: reason, Sections: []string{"6.1", "8"}})
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
	switch inventory.Rule(rule) {
	case inventory.Restricted:
		if condFR == "" || condEN == "" {
			return "", fmt.Errorf("restricted use %s needs its conditions in French and in English", useID)
		}
	case inventory.Permitted, inventory.Forbidden, "":
		condFR, condEN = "", ""
	default:
		return "", fmt.Errorf("rule %q is not one of permitted, restricted, forbidden", rule)
	}
	var from string
	err := db.tx(ctx, func(tx *gorm.DB) error {
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
		switch {
		case err == nil:
			from = old.Rule
			if old.Rule == rule && old.ConditionsFR == condFR && old.ConditionsEN == condEN {
				return fmt.Errorf("use %s of %s already %s: %w", useID, systemID, rule, bot.ErrConflict)
			}
		case isNotFound(err) && rule == "":
			return fmt.Errorf("use %s of %s already unlisted: %w", useID, systemID, bot.ErrConflict)
		case isNotFound(err):
			if err := tx.Model(&SystemUseRow{}).Where("system_id = ?", systemID).
				Select("COALESCE(MAX(position), -1) + 1").Scan(&old.Position).Error; err != nil {
				return err
			}
		default:
			return err
		}
		if rule == "" {
			err = tx.Where("system_id = ? AND use_id = ?", systemID, useID).Delete(&SystemUseRow{}).Error
		} else {
			row := SystemUseRow{SystemID: systemID, UseID: useID, Rule: rule, ConditionsFR: condFR, ConditionsEN: condEN, Position: old.Position}
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
		return appendAudit(tx, now, audit.Entry{ActorKey: by.Key, ActorName: by.Name, Action: "inventory.use",
			Subject: "system:" + systemID + "/use:" + useID, From: from, To: rule, Comment: reason, Sections: []string{"6.1", "8"}})
	})
	return from, err
}

// Reclassify changes the classification of a system (an administrator's « reclasser »,
// 6.1): the fields c sets, in one transaction with an audit entry holding every field
// before → after (in the entry's comment, after the reason; From and To hold the
// kind). It returns the classification before; bot.ErrNotFound for an
// unknown system, bot.ErrConflict, changing nothing, when c changes nothing.
func (db *DB) Reclassify(ctx context.Context, systemID string, c workflow.Classification, reason string, by audit.Actor) (workflow.Classification, error) {
	if c.Kind != "" && !inventory.Kind(c.Kind).Valid() {
		return workflow.Classification{}, fmt.Errorf("kind %q is not one of public, private", c.Kind)
	}
	if c.Hosting != "" && !inventory.Hosting(c.Hosting).Valid() {
		return workflow.Classification{}, fmt.Errorf("hosting %q is not one of quebec, canada, foreign", c.Hosting)
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
		before := toSystem(row)
		from = workflow.ClassificationOf(before)
		to := workflow.ClassificationOf(c.Apply(before))
		if to.String() == from.String() {
			return fmt.Errorf("system %s already so: %w", systemID, bot.ErrConflict)
		}
		now := db.Now()
		err = tx.Model(&SystemRow{}).Where("id = ?", systemID).Updates(map[string]any{"kind": to.Kind, "hosting": to.Hosting,
			"vendor": to.Vendor, "open": to.Open, "specialized": to.Specialized, "updated_at": now}).Error
		if err != nil {
			return err
		}
		return appendAudit(tx, now, audit.Entry{ActorKey: by.Key, ActorName: by.Name, Action: "inventory.reclassify",
			Subject: "system:" + systemID, From: from.Kind, To: to.Kind, Comment: reason + " — " + workflow.Changes(from, to),
			Sections: []string{"6.1", "8"}})
	})
	return from, err
}
