package storage

import (
	"context"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"gorm.io/gorm"
)

// Retention says how long data is kept (Annexe 1, DNG life cycle); zero keeps forever.
type Retention struct {
	ClosedDrafts     time.Duration
	ConversationRefs time.Duration
}

// PurgeReport counts what Purge removed.
type PurgeReport struct {
	ClosedDrafts     int64 `json:"closed_drafts"`
	ConversationRefs int64 `json:"conversation_refs"`
	IdleDialogs      int64 `json:"idle_dialogs"`
}

// Purge applies the retention settings in one transaction: requests closed or
// cancelled as drafts (never submitted) longer ago than ClosedDrafts go, with their
// answers; conversation references of people not seen for ConversationRefs are
// forgotten (the bot can no longer write to them first); dialog states idle longer
// than DialogIdle are deleted. The audit log is never
// touched: the database refuses it anyway.
func (db *DB) Purge(ctx context.Context, r Retention) (PurgeReport, error) {
	var rep PurgeReport
	now := db.Now()
	err := db.tx(ctx, func(tx *gorm.DB) error {
		if r.ClosedDrafts > 0 {
			old := tx.Model(&RequestRow{}).Select("id").
				Where("status IN ? AND submitted_at IS NULL AND updated_at < ?", []string{"closed", "cancelled"}, now.Add(-r.ClosedDrafts))
			if err := tx.Where("request_id IN (?)", old).Delete(&AnswerRow{}).Error; err != nil {
				return err
			}
			res := tx.Where("status IN ? AND submitted_at IS NULL AND updated_at < ?", []string{"closed", "cancelled"}, now.Add(-r.ClosedDrafts)).
				Delete(&RequestRow{})
			if res.Error != nil {
				return res.Error
			}
			rep.ClosedDrafts = res.RowsAffected
		}
		if r.ConversationRefs > 0 {
			res := tx.Model(&PersonRow{}).Where("direct_ref <> '' AND last_seen_at < ?", now.Add(-r.ConversationRefs)).
				Update("direct_ref", "")
			if res.Error != nil {
				return res.Error
			}
			rep.ConversationRefs = res.RowsAffected
		}
		res := tx.Where("updated_at < ?", now.Add(-DialogIdle)).Delete(&DialogRow{})
		if res.Error != nil {
			return res.Error
		}
		rep.IdleDialogs = res.RowsAffected
		return appendAudit(tx, now, audit.Entry{ActorKey: "system", Action: "data.purge", Subject: "retention",
			Comment: "applied retention settings", Sections: []string{"Annexe 1 (DNG)"}})
	})
	return rep, err
}
