package storage

import (
	"context"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/privacy"
	"gorm.io/gorm/clause"
)

// fresh limits a query to dialog states touched within privacy.DialogIdle.
func (db *DB) fresh() time.Time { return db.Now().Add(-privacy.DialogIdle) }

// ActiveDialogs returns the kinds of dialog a person has state for, the most recently
// touched first.
func (db *DB) ActiveDialogs(ctx context.Context, key string) ([]string, error) {
	var kinds []string
	err := db.read(ctx).Model(&DialogRow{}).Where("person_key = ? AND updated_at >= ?", key, db.fresh()).
		Order("updated_at DESC, kind").Pluck("kind", &kinds).Error
	return kinds, err
}

// LoadDialog returns a person's dialog state of kind, or bot.ErrNotFound.
func (db *DB) LoadDialog(ctx context.Context, key, kind string) ([]byte, error) {
	var row DialogRow
	err := db.read(ctx).Where("person_key = ? AND kind = ? AND updated_at >= ?", key, kind, db.fresh()).First(&row).Error
	if isNotFound(err) {
		return nil, bot.ErrNotFound
	}
	if err != nil {
		return nil, err
	}
	return []byte(row.State), nil
}

// SaveDialog stores a person's dialog state of kind, replacing the previous one.
func (db *DB) SaveDialog(ctx context.Context, key, kind string, state []byte) error {
	row := DialogRow{PersonKey: key, Kind: kind, State: string(state), UpdatedAt: db.Now()}
	return db.read(ctx).Clauses(clause.OnConflict{
		Columns:   []clause.Column{{Name: "person_key"}, {Name: "kind"}},
		DoUpdates: clause.AssignmentColumns([]string{"state", "updated_at"}),
	}).Create(&row).Error
}

// DeleteDialog ends a person's dialog of kind; deleting none is not an error.
func (db *DB) DeleteDialog(ctx context.Context, key, kind string) error {
	return db.read(ctx).Where("person_key = ? AND kind = ?", key, kind).Delete(&DialogRow{}).Error
}
