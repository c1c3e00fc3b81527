package storage

import (
	"context"

	"github.com/cssdgs/iagbot/bot/privacy"
	"gorm.io/gorm"
)

// PurgeReport counts what Purge removed.
type PurgeReport struct {
	ClosedDrafts     int64 `json:"closed_drafts"`
	ConversationRefs int64 `json:"conversation_refs"`
	IdleDialogs      int64 `json:"idle_dialogs"`
}

// Purge removes, in one transaction with its audit entry, what r.Plan says the
// retention settings remove now (see privacy.Purge). The audit log is never touched:
// the database refuses it anyway.
func (db *DB) Purge(ctx context.Context, r privacy.Retention) (PurgeReport, error) {
	var rep PurgeReport
	now := db.Now()
	p := r.Plan(now)
	err := db.tx(ctx, func(tx *gorm.DB) error {
		if !p.DraftsBefore.IsZero() {
			where := "status IN ? AND submitted_at IS NULL AND updated_at < ?"
			old := tx.Model(&RequestRow{}).Select("id").Where(where, p.DraftStatuses, p.DraftsBefore)
			if err := tx.Where("request_id IN (?)", old).Delete(&AnswerRow{}).Error; err != nil {
				return err
			}
			res := tx.Where(where, p.DraftStatuses, p.DraftsBefore).Delete(&RequestRow{})
			if res.Error != nil {
				return res.Error
			}
			rep.ClosedDrafts = res.RowsAffected
		}
		if !p.RefsBefore.IsZero() {
			res := tx.Model(&PersonRow{}).Where("direct_ref <> '' AND last_seen_at < ?", p.RefsBefore).
				Update("direct_ref", "")
			if res.Error != nil {
				return res.Error
			}
			rep.ConversationRefs = res.RowsAffected
		}
		res := tx.Where("updated_at < ?", p.DialogsBefore).Delete(&DialogRow{})
		if res.Error != nil {
			return res.Error
		}
		rep.IdleDialogs = res.RowsAffected
		return appendAudit(tx, now, p.Entry)
	})
	return rep, err
}
