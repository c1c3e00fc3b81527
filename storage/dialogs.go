package storage

import (
	"cmp"
	"context"
	"database/sql"
	"errors"
	"slices"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/privacy"
)

// fresh limits a query to dialog states touched within privacy.DialogIdle.
func (db *DB) fresh() time.Time { return db.Now().Add(-privacy.DialogIdle) }

// ActiveDialogs returns the kinds of dialog a person has state for, the most recently
// touched first.
func (db *DB) ActiveDialogs(ctx context.Context, key string) ([]string, error) {
	// Sorted here, not by an ORDER BY: see turnStartSQL.
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
	var (
		state []byte
		found bool
	)
	err := db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		s, err := db.stmtOn(ctx, tx, stmtLoadDialog)
		if err != nil {
			return err
		}
		// No row is an answer, not a failure that would roll back a batch.
		err = s.QueryRowContext(ctx, key, kind, db.fresh()).Scan(&state)
		found = err == nil
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	if err != nil {
		return nil, err
	}
	if !found {
		return nil, bot.ErrNotFound
	}
	return state, nil
}

// SaveDialog stores a person's dialog state of kind, replacing the previous one.
func (db *DB) SaveDialog(ctx context.Context, key, kind string, state []byte) error {
	now := db.Now()
	return db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		// As a string, as gorm wrote it: the column is text (bytes would be a blob in SQLite).
		return db.execOn(ctx, tx, stmtSaveDialog, key, kind, string(state), now)
	})
}

// DeleteDialog ends a person's dialog of kind; deleting none is not an error.
func (db *DB) DeleteDialog(ctx context.Context, key, kind string) error {
	return db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		return db.execOn(ctx, tx, stmtDeleteDialog, key, kind)
	})
}
