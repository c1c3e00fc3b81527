package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/privacy"
	"gorm.io/gorm"
)

// FileIncident stores inc and its audit entry in one transaction and returns the
// report's id. actorName is the reporter's display name for the audit log. The audit
// comment carries the system, time and category codes only: the description stays in
// the report, where erasing the reporter's link is possible.
func (db *DB) FileIncident(ctx context.Context, inc privacy.Incident, actorName string) (uint, error) {
	now := db.Now()
	row := IncidentRow{ReporterKey: inc.ReporterKey, System: inc.System, DataKinds: strings.Join(inc.DataKinds, ","),
		OccurredAt: inc.OccurredAt, Description: inc.Description, CreatedAt: now}
	err := db.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return appendAudit(tx, now, privacy.IncidentEntry(inc, row.ID, actorName))
	})
	if err != nil {
		return 0, fmt.Errorf("file incident: %w", err)
	}
	return row.ID, nil
}

// IncidentsBy returns the reports filed by the person key, newest first.
func (db *DB) IncidentsBy(ctx context.Context, key string) ([]privacy.Incident, error) {
	var rows []IncidentRow
	if key == "" {
		// Unlinked reports have an empty key; they belong to no one.
		return nil, nil
	}
	if err := db.read(ctx).Where("reporter_key = ?", key).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("incidents of person: %w", err)
	}
	out := make([]privacy.Incident, len(rows))
	for i, r := range rows {
		out[i] = toIncident(r)
	}
	return out, nil
}

// IncidentByID returns one report, or bot.ErrNotFound.
func (db *DB) IncidentByID(ctx context.Context, id uint) (privacy.Incident, error) {
	var row IncidentRow
	err := db.read(ctx).First(&row, id).Error
	if isNotFound(err) {
		return privacy.Incident{}, fmt.Errorf("incident %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return privacy.Incident{}, fmt.Errorf("incident %d: %w", id, err)
	}
	return toIncident(row), nil
}

func toIncident(r IncidentRow) privacy.Incident {
	inc := privacy.Incident{ID: r.ID, ReporterKey: r.ReporterKey, System: r.System, OccurredAt: r.OccurredAt,
		Description: r.Description, CreatedAt: r.CreatedAt}
	if r.DataKinds != "" {
		inc.DataKinds = strings.Split(r.DataKinds, ",")
	}
	return inc
}
