package storage

import (
	"context"
	"fmt"
	"time"

	"github.com/cssdgs/iagbot/bot/reminder"
	"gorm.io/gorm/clause"
)

// ReminderPrefs returns every recipient's snoozes and stops.
func (db *DB) ReminderPrefs(ctx context.Context) ([]reminder.Pref, error) {
	var rows []ReminderRow
	if err := db.read(ctx).Where("stopped = ? OR snoozed_until IS NOT NULL", true).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("reminder prefs: %w", err)
	}
	out := make([]reminder.Pref, len(rows))
	for i, r := range rows {
		out[i] = reminder.Pref{Kind: reminder.Kind(r.Kind), Subject: r.Subject, Recipient: r.RecipientKey,
			SnoozedUntil: r.SnoozedUntil, Stopped: r.Stopped}
	}
	return out, nil
}

// SnoozeReminder puts off a reminder for one recipient until until (a later snooze
// replaces an earlier one).
func (db *DB) SnoozeReminder(ctx context.Context, kind reminder.Kind, subject, recipient string, until time.Time) error {
	now := db.Now()
	until = until.UTC()
	row := ReminderRow{Kind: string(kind), Subject: subject, RecipientKey: recipient, DueAt: until,
		SnoozedUntil: &until, CreatedAt: now, UpdatedAt: now}
	err := db.read(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "kind"}, {Name: "subject"}, {Name: "recipient_key"}},
		DoUpdates: clause.AssignmentColumns([]string{"due_at", "snoozed_until", "updated_at"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("snooze reminder: %w", err)
	}
	return nil
}

// StopReminder stops a reminder for one recipient, for good.
func (db *DB) StopReminder(ctx context.Context, kind reminder.Kind, subject, recipient string) error {
	now := db.Now()
	row := ReminderRow{Kind: string(kind), Subject: subject, RecipientKey: recipient, DueAt: now, Stopped: true,
		CreatedAt: now, UpdatedAt: now}
	err := db.read(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "kind"}, {Name: "subject"}, {Name: "recipient_key"}},
		DoUpdates: clause.AssignmentColumns([]string{"stopped", "updated_at"}),
	}).Create(&row).Error
	if err != nil {
		return fmt.Errorf("stop reminder: %w", err)
	}
	return nil
}
