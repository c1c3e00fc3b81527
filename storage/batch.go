package storage

import (
	"context"
	"database/sql"
	"fmt"
	"sync"
)

// The small writes of a turn (its redelivery key, the sighting, a dialog's state, a
// language chosen) are committed together with those of the turns running beside it:
// group commit. A write that finds no commit under way runs at once, alone and without
// a transaction around it, as it would without batching: no timer, no added latency
// when idle. Writes arriving while a commit runs queue up, and the first of them then
// commits them all in one transaction (at most maxBatch). Should one of them fail, the
// transaction is rolled back and each write of the batch runs again alone, so that
// the failure is its writer's only: failures are rare, and a savepoint around every
// write, for them, cost two more statements a write. Every
// caller returns after the commit of its write, so what it reports (a key seen first,
// a state saved) is durable as before, and the redelivery insert is still the one judge
// across replicas.
//
// This is for SQLite, where writers take turns on one lock anyway: a commit of many
// writes takes it once, writes each page it changed to the WAL once (a turn's CPU in
// the kernel was mostly those writes), and spares this process's writers the busy
// handler. PostgreSQL writes alone: it runs concurrent writes in parallel and already
// groups their WAL flushes, and one connection doing a batch's statements one round
// trip after another was several times slower than fifty doing them side by side
// (BenchmarkTurnWritesParallelPostgres).
type batcher struct {
	mu    sync.Mutex
	busy  bool // a write or a batch is being committed
	queue []*pending
}

// maxBatch bounds a batch, so that the writer's lock is handed over now and then.
const maxBatch = 64

// writeOp runs one write on tx, or on the database when tx is nil (a write alone).
type writeOp func(ctx context.Context, tx *batchTx) error

// batchTx is a batch's transaction and its statements, each bound to it once per batch
// rather than once per write (database/sql's bookkeeping of a binding showed in
// profiles).
type batchTx struct {
	tx    *sql.Tx
	bound [stmtCount]*sql.Stmt
}

// pending is a write waiting for its commit.
type pending struct {
	ctx context.Context
	op  writeOp
	// done is closed when err is set or, when lead is set, when this caller is to
	// commit the batch lead (itself first).
	done chan struct{}
	err  error
	lead []*pending
}

// run runs the write's op, a panic being its error: the writes batched with it, and
// those queued behind it, must still be committed and answered.
func (p *pending) run(ctx context.Context, tx *batchTx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("storage: write panicked: %v", r)
		}
	}()
	return p.op(ctx, tx)
}

// write runs op, alone or in a batch (see batcher), and returns its error once the
// write is committed or has failed.
//
// On SQLite a write, once begun, runs to its end whatever becomes of ctx: it is short,
// SQLite's busy timeout bounds its wait for the lock, and an interrupted write would
// roll back the whole transaction of a batch. (A context that can end also made the
// driver run each statement in a goroutine of its own, to watch it.)
func (db *DB) write(ctx context.Context, op writeOp) error {
	if db.postgres {
		return op(ctx, nil)
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	p := &pending{ctx: ctx, op: op}
	b := &db.batch
	b.mu.Lock()
	if !b.busy {
		b.busy = true
		b.mu.Unlock()
		db.commitBatches([]*pending{p})
		return p.err
	}
	p.done = make(chan struct{})
	b.queue = append(b.queue, p)
	b.mu.Unlock()
	<-p.done
	if p.lead != nil {
		db.commitBatches(p.lead)
	}
	return p.err
}

// commitBatches commits batch, whose first write is the caller's, then hands the
// writes queued meanwhile to the first of them, and tells the others of batch their
// result.
func (db *DB) commitBatches(batch []*pending) {
	if len(batch) == 1 {
		p := batch[0]
		p.err = p.run(context.WithoutCancel(p.ctx), nil)
	} else {
		db.commitBatch(batch)
	}
	b := &db.batch
	b.mu.Lock()
	next := b.queue[:min(len(b.queue), maxBatch)]
	b.queue = b.queue[len(next):]
	if len(b.queue) == 0 {
		b.queue = nil // the array is in next's hands
	}
	b.busy = len(next) > 0
	b.mu.Unlock()
	if len(next) > 0 {
		next[0].lead = next
		close(next[0].done)
	}
	for _, p := range batch[1:] {
		close(p.done)
	}
}

// commitBatch runs batch in one transaction, in the order the writes came, and sets
// each write's error. If a write fails, the batch is rolled back and run again one
// write at a time (runAlone): SQLite undoes a failed statement alone, but some errors
// undo the whole transaction, and a write of several statements may have made part of
// its changes before failing. A write's op may therefore run twice, the first run
// rolled back: ops do nothing but their statements and keep only their last run's
// results.
func (db *DB) commitBatch(batch []*pending) {
	ctx := context.WithoutCancel(batch[0].ctx)
	// Prepared before the transaction takes a connection: preparing takes one too, and
	// ":memory:" has only one.
	for id := range stmtCount {
		if _, err := db.stmt(ctx, id); err != nil {
			for _, p := range batch {
				p.err = err
			}
			return
		}
	}
	sqlTx, err := db.sqlDB.BeginTx(ctx, nil)
	if err != nil {
		for _, p := range batch {
			p.err = err
		}
		return
	}
	tx := &batchTx{tx: sqlTx}
	done := false
	for _, p := range batch {
		if p.err = p.ctx.Err(); p.err != nil {
			continue // its caller gave up before it ran
		}
		if p.err = p.run(ctx, tx); p.err != nil {
			sqlTx.Rollback()
			db.runAlone(batch)
			return
		}
		done = true
	}
	if !done {
		sqlTx.Rollback()
		return
	}
	if err := sqlTx.Commit(); err != nil {
		for _, p := range batch {
			if p.err == nil {
				p.err = err
			}
		}
	}
}

// runAlone runs each write of a batch rolled back on its own, without a transaction,
// skipping those whose callers have given up since.
func (db *DB) runAlone(batch []*pending) {
	for _, p := range batch {
		if p.err = p.ctx.Err(); p.err == nil {
			p.err = p.run(context.WithoutCancel(p.ctx), nil)
		}
	}
}

// execOn runs the prepared statement id on tx (on the database when tx is nil).
func (db *DB) execOn(ctx context.Context, tx *batchTx, id stmtID, args ...any) error {
	_, err := db.execResult(ctx, tx, id, args...)
	return err
}

// execResult is execOn, returning the statement's result.
func (db *DB) execResult(ctx context.Context, tx *batchTx, id stmtID, args ...any) (sql.Result, error) {
	s, err := db.stmt(ctx, id)
	if err != nil {
		return nil, err
	}
	if tx != nil {
		if tx.bound[id] == nil {
			tx.bound[id] = tx.tx.StmtContext(ctx, s)
		}
		s = tx.bound[id]
	}
	return s.ExecContext(ctx, args...)
}
