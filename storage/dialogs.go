package storage

import (
	"cmp"
	"context"
	"slices"
	"strings"
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
	// Sorted here, not by an ORDER BY: see peopleAndDialogsSQL.
	var rows []DialogRow
	err := db.read(ctx).Select("kind", "updated_at").Where("person_key = ? AND updated_at >= ?", key, db.fresh()).
		Find(&rows).Error
	if err != nil {
		return nil, err
	}
	seen := make([]dialogSeen, len(rows))
	for i, r := range rows {
		seen[i] = dialogSeen{kind: r.Kind, at: r.UpdatedAt}
	}
	return sortDialogs(seen), nil
}

// dialogSeen is a dialog's kind and when its state was last touched.
type dialogSeen struct {
	kind string
	at   time.Time
}

// sortDialogs returns the kinds, the most recently touched first, then by kind.
func sortDialogs(ds []dialogSeen) []string {
	slices.SortFunc(ds, func(a, b dialogSeen) int {
		return cmp.Or(b.at.Compare(a.at), strings.Compare(a.kind, b.kind))
	})
	var kinds []string
	for _, d := range ds {
		kinds = append(kinds, d.kind)
	}
	return kinds
}

// LoadDialog returns a person's dialog state of kind, or bot.ErrNotFound.
func (db *DB) LoadDialog(ctx context.Context, key, kind string) ([]byte, error) {
	var row DialogRow
	// Take, not First: the key is unique, and First's ORDER BY would have SQLite compile
	// the statement again on every call (see peopleAndDialogsSQL).
	err := db.read(ctx).Where("person_key = ? AND kind = ? AND updated_at >= ?", key, kind, db.fresh()).Take(&row).Error
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
