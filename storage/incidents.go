package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"gorm.io/gorm"
)

// Incident is a privacy-incident report (3.3) as the bot files it: which system, when,
// which kinds of data — never the data itself.
type Incident struct {
	ID uint
	// ReporterKey is the person who reported it (bot.User.Key); empty once they have
	// erased their data.
	ReporterKey string
	// System is a system name the bot recognised, or a neutral code for another one.
	System string
	// DataKinds are category codes (grades, health…), not the data.
	DataKinds []string
	// OccurredAt is when it happened: a date, an ISO 8601 interval, or "unknown".
	OccurredAt string
	// Description is the reporter's short account, already redacted by the caller.
	Description string
	CreatedAt   time.Time
}

// AuditIncidentReport is the audit action recorded with every incident report.
const AuditIncidentReport = "incident.report"

// FileIncident stores inc and its audit entry in one transaction and returns the
// report's id. actorName is the reporter's display name for the audit log. The audit
// comment carries the system, time and category codes only: the description stays in
// the report, where erasing the reporter's link is possible.
func (db *DB) FileIncident(ctx context.Context, inc Incident, actorName string) (uint, error) {
	now := db.Now()
	row := IncidentRow{ReporterKey: inc.ReporterKey, System: inc.System, DataKinds: strings.Join(inc.DataKinds, ","),
		OccurredAt: inc.OccurredAt, Description: inc.Description, CreatedAt: now}
	err := db.tx(ctx, func(tx *gorm.DB) error {
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		return appendAudit(tx, now, AuditEntry{ActorKey: inc.ReporterKey, ActorName: actorName,
			Action: AuditIncidentReport, Subject: fmt.Sprintf("incident:%d", row.ID), To: "reported",
			Comment:  fmt.Sprintf("system=%s; kinds=%s; occurred=%s", row.System, row.DataKinds, row.OccurredAt),
			Sections: []string{"3.3", "8"}})
	})
	if err != nil {
		return 0, fmt.Errorf("file incident: %w", err)
	}
	return row.ID, nil
}

// IncidentsBy returns the reports filed by the person key, newest first.
func (db *DB) IncidentsBy(ctx context.Context, key string) ([]Incident, error) {
	var rows []IncidentRow
	if key == "" {
		// Unlinked reports have an empty key; they belong to no one.
		return nil, nil
	}
	if err := db.read(ctx).Where("reporter_key = ?", key).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("incidents of person: %w", err)
	}
	out := make([]Incident, len(rows))
	for i, r := range rows {
		out[i] = toIncident(r)
	}
	return out, nil
}

// IncidentByID returns one report, or bot.ErrNotFound.
func (db *DB) IncidentByID(ctx context.Context, id uint) (Incident, error) {
	var row IncidentRow
	err := db.read(ctx).First(&row, id).Error
	if isNotFound(err) {
		return Incident{}, fmt.Errorf("incident %d: %w", id, bot.ErrNotFound)
	}
	if err != nil {
		return Incident{}, fmt.Errorf("incident %d: %w", id, err)
	}
	return toIncident(row), nil
}

func toIncident(r IncidentRow) Incident {
	inc := Incident{ID: r.ID, ReporterKey: r.ReporterKey, System: r.System, OccurredAt: r.OccurredAt,
		Description: r.Description, CreatedAt: r.CreatedAt}
	if r.DataKinds != "" {
		inc.DataKinds = strings.Split(r.DataKinds, ",")
	}
	return inc
}
