package storage

import (
	"context"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"gorm.io/gorm"
)

// Audit appends e to the audit log (At defaults to now).
func (db *DB) Audit(ctx context.Context, e audit.Entry) error {
	return appendAudit(db.read(ctx), db.Now(), e)
}

// appendAudit writes e inside an ongoing transaction, so that a change and its audit
// entry commit together.
func appendAudit(tx *gorm.DB, now time.Time, e audit.Entry) error {
	if e.At.IsZero() {
		e.At = now
	}
	return tx.Create(&AuditRow{At: e.At, ActorKey: e.ActorKey, ActorName: e.ActorName, Action: e.Action,
		Subject: e.Subject, FromState: e.From, ToState: e.To, Comment: e.Comment,
		Sections: strings.Join(e.Sections, ",")}).Error
}

// AuditLog returns the whole audit log, oldest first.
func (db *DB) AuditLog(ctx context.Context) ([]audit.Entry, error) {
	var rows []AuditRow
	if err := db.read(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]audit.Entry, len(rows))
	for i, r := range rows {
		out[i] = audit.Entry{ID: r.ID, At: r.At, ActorKey: r.ActorKey, ActorName: r.ActorName, Action: r.Action,
			Subject: r.Subject, From: r.FromState, To: r.ToState, Comment: r.Comment}
		if r.Sections != "" {
			out[i].Sections = strings.Split(r.Sections, ",")
		}
	}
	return out, nil
}
