package storage

import (
	"context"
	"encoding/json"

	"github.com/cssdgs/iagbot/bot"
	"gorm.io/gorm/clause"
)

// SetRoleChannel records the conversation where role's review cards go.
func (db *DB) SetRoleChannel(ctx context.Context, role string, ref bot.ConversationRef, by string) error {
	b, err := json.Marshal(ref)
	if err != nil {
		return err
	}
	row := RoleChannelRow{Role: role, Ref: string(b), RegisteredBy: by, UpdatedAt: db.Now()}
	return db.read(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "role"}},
		DoUpdates: clause.AssignmentColumns([]string{"ref", "registered_by", "updated_at"}),
	}).Create(&row).Error
}

// RoleChannel returns the conversation registered for role, or bot.ErrNotFound.
func (db *DB) RoleChannel(ctx context.Context, role string) (bot.ConversationRef, error) {
	var row RoleChannelRow
	err := db.read(ctx).Where("role = ?", role).First(&row).Error
	if isNotFound(err) {
		return bot.ConversationRef{}, bot.ErrNotFound
	}
	if err != nil {
		return bot.ConversationRef{}, err
	}
	var ref bot.ConversationRef
	err = json.Unmarshal([]byte(row.Ref), &ref)
	return ref, err
}
