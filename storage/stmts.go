package storage

import (
	"context"
	"database/sql"
	"errors"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
)

// The statements every turn runs go to database/sql directly, each prepared once per
// DB: gorm's per-call work (building the statement, its callbacks, reflection over the
// row) cost about as much as SQLite running them. Their text is fixed, so a statement
// is compiled once per connection, and the rows they read and write are those gorm's
// calls read and wrote (same columns, same values).
type stmtID int

const (
	stmtTurnStart stmtID = iota
	stmtSighting
	stmtSeen
	stmtInventoryRev
	stmtFirstSeen
	stmtSaveDialog
	stmtLoadDialog
	stmtDeleteDialog
	stmtSetLang
	stmtBegin
	stmtCommit
	stmtRollback
	stmtCount
)

// stmtText is each statement with SQLite's "?" placeholders; PostgreSQL's "$n" are
// put in by dollarParams.
var stmtText = [stmtCount]string{
	stmtTurnStart:    turnStartSQL,
	stmtSighting:     sightingSQL,
	stmtSeen:         seenSQL,
	stmtInventoryRev: `SELECT rev FROM inventory_rev_rows WHERE id = 1`,
	// DO NOTHING, not an error, for a key already recorded: the caller reads the
	// rows inserted (0 or 1), and a failed statement would abort a PostgreSQL
	// transaction it shares with other writes.
	stmtFirstSeen: `INSERT INTO inbound_event_rows (key, at) VALUES (?, ?) ON CONFLICT (key) DO NOTHING`,
	stmtSaveDialog: `INSERT INTO dialog_rows (person_key, kind, state, updated_at) VALUES (?, ?, ?, ?)
  ON CONFLICT (person_key, kind) DO UPDATE SET state = excluded.state, updated_at = excluded.updated_at`,
	// LIMIT 1 without ORDER BY: the key is unique (see turnStartSQL for why no
	// ORDER BY).
	stmtLoadDialog:   `SELECT COALESCE(state, '') FROM dialog_rows WHERE person_key = ? AND kind = ? AND updated_at >= ? LIMIT 1`,
	stmtDeleteDialog: `DELETE FROM dialog_rows WHERE person_key = ? AND kind = ?`,
	stmtSetLang:      `UPDATE person_rows SET lang = ? WHERE key = ?`,
	// A batch's transaction on the lane (see batcher), which database/sql does not
	// know of: its Tx would prepare the lane's statements again for each batch.
	// IMMEDIATE takes the write lock at once, as _txlock does for the pool's.
	stmtBegin:    `BEGIN IMMEDIATE`,
	stmtCommit:   `COMMIT`,
	stmtRollback: `ROLLBACK`,
}

// stmts holds the prepared statements, prepared on first use (after the schema is
// migrated). database/sql prepares each again on every connection it runs on.
type stmts struct {
	mu sync.Mutex
	s  [stmtCount]atomic.Pointer[sql.Stmt]
}

// stmt returns the prepared statement id.
func (db *DB) stmt(ctx context.Context, id stmtID) (*sql.Stmt, error) {
	if s := db.stmts.s[id].Load(); s != nil {
		return s, nil
	}
	db.stmts.mu.Lock()
	defer db.stmts.mu.Unlock()
	if s := db.stmts.s[id].Load(); s != nil {
		return s, nil
	}
	q := stmtText[id]
	if db.postgres {
		q = dollarParams(q)
	}
	s, err := db.sqlDB.PrepareContext(ctx, q)
	if err != nil {
		return nil, err
	}
	db.stmts.s[id].Store(s)
	return s, nil
}

// close closes the statements prepared.
func (st *stmts) close() error {
	st.mu.Lock()
	defer st.mu.Unlock()
	var errs []error
	for i := range st.s {
		if s := st.s[i].Swap(nil); s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(errs...)
}

// dollarParams numbers the "?" placeholders of q as PostgreSQL's $1, $2…; the
// statements above have no "?" anywhere else.
func dollarParams(q string) string {
	var b strings.Builder
	n := 0
	for {
		i := strings.IndexByte(q, '?')
		if i < 0 {
			b.WriteString(q)
			return b.String()
		}
		n++
		b.WriteString(q[:i])
		b.WriteByte('$')
		b.WriteString(strconv.Itoa(n))
		q = q[i+1:]
	}
}
