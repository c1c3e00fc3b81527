package storage

import (
	"context"
	"strings"
	"time"

	"gorm.io/gorm"
)

// AuditEntry is one line of the append-only audit log: who did what to which subject,
// from which state to which, why, and on which sections of procedure 30-02 it rests.
type AuditEntry struct {
	ID        uint      `json:"id"`
	At        time.Time `json:"at"`
	ActorKey  string    `json:"actor"`
	ActorName string    `json:"actor_name,omitempty"`
	Action    string    `json:"action"`
	Subject   string    `json:"subject"`
	From      string    `json:"from,omitempty"`
	To        string    `json:"to,omitempty"`
	Comment   string    `json:"comment,omitempty"`
	Sections  []string  `json:"sections,omitempty"`
}

// Audit appends e to the audit log (At defaults to now).
func (db *DB) Audit(ctx context.Context, e AuditEntry) error {
	return appendAudit(db.read(ctx), db.Now(), e)
}

// appendAudit writes e inside an ongoing transaction, so that a change and its audit
// entry commit together.
func appendAudit(tx *gorm.DB, now time.Time, e AuditEntry) error {
	if e.At.IsZero() {
		e.At = now
	}
	return tx.Create(&AuditRow{At: e.At, ActorKey: e.ActorKey, ActorName: e.ActorName, Action: e.Action,
		Subject: e.Subject, FromState: e.From, ToState: e.To, Comment: e.Comment,
		Sections: strings.Join(e.Sections, ",")}).Error
}

// AuditLog returns the whole audit log, oldest first.
func (db *DB) AuditLog(ctx context.Context) ([]AuditEntry, error) {
	var rows []AuditRow
	if err := db.read(ctx).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]AuditEntry, len(rows))
	for i, r := range rows {
		out[i] = AuditEntry{ID: r.ID, At: r.At, ActorKey: r.ActorKey, ActorName: r.ActorName, Action: r.Action,
			Subject: r.Subject, From: r.FromState, To: r.ToState, Comment: r.Comment}
		if r.Sections != "" {
			out[i].Sections = strings.Split(r.Sections, ",")
		}
	}
	return out, nil
}
