package storage

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sync"
	"sync/atomic"
)

// The small writes of a turn (its redelivery key, the sighting, a dialog's state, a
// language chosen), and its point reads, go one after another through one connection
// of their own on a SQLite file, the lane, and the writes made meanwhile by the turns
// running beside it are committed together: group commit. An operation that finds the
// lane free runs at once, alone and without a transaction around it, as it would
// without batching: no timer, no added latency when idle. Operations arriving while
// the lane is busy queue up, and the first of them then runs them all in one
// transaction (at most maxBatch). Should one of them fail, the transaction is rolled
// back and each operation of the batch runs again alone, so that the failure is its
// caller's only: failures are rare, and a savepoint around every write, for them, cost
// two more statements a write. Every caller returns after the commit of its
// operation, so what it reports (a key seen first, a state saved) is durable as
// before, and the redelivery insert is still the one judge across replicas.
//
// This is for SQLite, where writers take turns on one lock anyway: a commit of many
// writes takes it once, writes each page it changed to the WAL once (a turn's CPU in
// the kernel was mostly those writes), and spares this process's writers the busy
// handler. The reads share the lane because in WAL mode a connection drops its whole
// page cache whenever another has committed since its last read: on the pool's
// connections every turn's read fetched its pages again from the WAL file, one pread
// each, where the lane, which made those commits, still holds them. Other reads (lists,
// exports, cards) use the pool. A ":memory:" database has one connection, the pool's:
// its batches run there.
//
// PostgreSQL runs each operation at once on the pool: it runs concurrent writes in
// parallel and already groups their WAL flushes, and one connection doing a batch's
// statements one round trip after another was several times slower than fifty doing
// them side by side (BenchmarkTurnWritesParallelPostgres).
type batcher struct {
	mu     sync.Mutex
	busy   bool // an operation or a batch is running
	queue  []*pending
	closed bool // by Close: no lane is opened after it

	// The lane and where an operation runs on it, alone and in a batch's
	// transaction; only the caller that set busy uses them.
	lane        *lane
	alone, inTx batchTx
}

// maxBatch bounds a batch, so that the writer's lock is handed over now and then.
const maxBatch = 64

// laneOp runs one operation on tx: the lane (alone or in a batch's transaction), a
// batch's transaction on the pool (":memory:"), or the pool when tx is nil
// (PostgreSQL, or a ":memory:" operation alone).
type laneOp func(ctx context.Context, tx *batchTx) error

// batchTx is where an operation runs. On the pool, a batch's transaction and its
// statements, each bound to it once per batch rather than once per operation
// (database/sql's bookkeeping of a binding showed in profiles).
type batchTx struct {
	lane  *lane
	tx    *sql.Tx
	bound [stmtCount]*sql.Stmt
}

// pending is an operation waiting for its commit.
type pending struct {
	ctx context.Context
	op  laneOp
	// done is closed when err is set or, when lead is set, when this caller is to
	// commit the batch lead (itself first).
	done chan struct{}
	err  error
	lead []*pending
}

// run runs the operation's op, a panic being its error: the operations batched with
// it, and those queued behind it, must still be committed and answered.
func (p *pending) run(ctx context.Context, tx *batchTx) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("storage: write panicked: %v", r)
		}
	}()
	return p.op(ctx, tx)
}

// serial runs op on the lane, alone or in a batch (see batcher), and returns its
// error once the operation is committed or has failed: a turn's writes and its point
// reads. An op must not call serial itself.
//
// On SQLite an operation, once begun, runs to its end whatever becomes of ctx: it is
// short, SQLite's busy timeout bounds its wait for the lock, and an interrupted write
// would roll back the whole transaction of a batch. (A context that can end also made
// the driver run each statement in a goroutine of its own, to watch it, and
// database/sql start one per query.)
func (db *DB) serial(ctx context.Context, op laneOp) error {
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

// commitBatches commits batch, whose first operation is the caller's, then hands the
// operations queued meanwhile to the first of them, and tells the others of batch
// their result.
func (db *DB) commitBatches(batch []*pending) {
	if len(batch) == 1 {
		db.runAlone(batch)
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

// commitBatch runs batch in one transaction, in the order the operations came, and
// sets each one's error. If one fails, the batch is rolled back and run again one
// operation at a time (runAlone): SQLite undoes a failed statement alone, but some
// errors undo the whole transaction, and an operation of several statements may have
// made part of its changes before failing. An op may therefore run twice, the first
// run rolled back: ops do nothing but their statements and keep only their last run's
// results.
func (db *DB) commitBatch(batch []*pending) {
	ctx := context.WithoutCancel(batch[0].ctx)
	tx, err := db.begin(ctx)
	if err != nil {
		for _, p := range batch {
			p.err = err
		}
		return
	}
	done := false
	for _, p := range batch {
		if p.err = p.ctx.Err(); p.err != nil {
			continue // its caller gave up before it ran
		}
		if p.err = p.run(ctx, tx); p.err != nil {
			db.rollback(ctx, tx)
			db.runAlone(batch)
			return
		}
		done = true
	}
	if !done {
		db.rollback(ctx, tx)
		return
	}
	if err := db.commit(ctx, tx); err != nil {
		for _, p := range batch {
			if p.err == nil {
				p.err = err
			}
		}
	}
}

// runAlone runs each operation of batch on its own, without a transaction, skipping
// those whose callers have given up.
func (db *DB) runAlone(batch []*pending) {
	var tx *batchTx
	for _, p := range batch {
		if p.err = p.ctx.Err(); p.err != nil {
			continue
		}
		ctx := context.WithoutCancel(p.ctx)
		if tx == nil {
			if tx, p.err = db.aloneTx(ctx); p.err != nil {
				continue
			}
		}
		p.err = p.run(ctx, tx)
	}
}

// aloneTx is where an operation runs alone: the lane, or for ":memory:" the pool (a
// nil tx).
func (db *DB) aloneTx(ctx context.Context) (*batchTx, error) {
	l, err := db.openLane(ctx)
	if l == nil || err != nil {
		return nil, err
	}
	b := &db.batch
	b.alone = batchTx{lane: l}
	return &b.alone, nil
}

// begin starts a batch's transaction, on the lane or on the pool. The statements are
// prepared first: preparing takes a connection too, and ":memory:" has only one.
func (db *DB) begin(ctx context.Context) (*batchTx, error) {
	l, err := db.openLane(ctx)
	if err != nil {
		return nil, err
	}
	b := &db.batch
	if l != nil {
		b.inTx = batchTx{lane: l}
		return &b.inTx, db.execOn(ctx, &b.inTx, stmtBegin)
	}
	for id := range stmtCount {
		if _, err := db.stmt(ctx, id); err != nil {
			return nil, err
		}
	}
	sqlTx, err := db.sqlDB.BeginTx(ctx, nil)
	if err != nil {
		return nil, err
	}
	b.inTx = batchTx{tx: sqlTx}
	return &b.inTx, nil
}

// commit commits a batch's transaction. A COMMIT that fails can leave SQLite's
// transaction open: it is rolled back, so that the lane is clean for the next batch.
func (db *DB) commit(ctx context.Context, tx *batchTx) error {
	if tx.lane == nil {
		return tx.tx.Commit()
	}
	err := db.execOn(ctx, tx, stmtCommit)
	if err != nil {
		db.rollback(ctx, tx)
	}
	return err
}

// rollback rolls a batch's transaction back. On the lane, an error means there was no
// transaction left to roll back (SQLite rolled it back itself).
func (db *DB) rollback(ctx context.Context, tx *batchTx) {
	if tx.lane == nil {
		tx.tx.Rollback()
		return
	}
	db.execOn(ctx, tx, stmtRollback)
}

// execOn runs the prepared statement id on tx (on the pool when tx is nil).
func (db *DB) execOn(ctx context.Context, tx *batchTx, id stmtID, args ...any) error {
	_, err := db.execResult(ctx, tx, id, args...)
	return err
}

// execResult is execOn, returning the statement's result.
func (db *DB) execResult(ctx context.Context, tx *batchTx, id stmtID, args ...any) (sql.Result, error) {
	s, err := db.stmtOn(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return s.ExecContext(ctx, args...)
}

// queryOn runs the prepared query id on tx (on the pool when tx is nil).
func (db *DB) queryOn(ctx context.Context, tx *batchTx, id stmtID, args ...any) (*sql.Rows, error) {
	s, err := db.stmtOn(ctx, tx, id)
	if err != nil {
		return nil, err
	}
	return s.QueryContext(ctx, args...)
}

// stmtOn returns the statement id as prepared for tx.
func (db *DB) stmtOn(ctx context.Context, tx *batchTx, id stmtID) (*sql.Stmt, error) {
	switch {
	case tx == nil:
		return db.stmt(ctx, id)
	case tx.lane != nil:
		return tx.lane.stmt(ctx, id)
	}
	if tx.bound[id] == nil {
		s, err := db.stmt(ctx, id)
		if err != nil {
			return nil, err
		}
		tx.bound[id] = tx.tx.StmtContext(ctx, s)
	}
	return tx.bound[id], nil
}

// lane is the connection a SQLite file's turn operations run on (see batcher), and
// its statements, prepared on it on first use.
type lane struct {
	conn  *sql.Conn
	stmts [stmtCount]atomic.Pointer[sql.Stmt]
}

// errClosed is the error of an operation after Close.
var errClosed = errors.New("storage: database closed")

// openLane returns the lane, taking its connection from the pool on first use (after
// the schema is migrated); nil for ":memory:" and PostgreSQL. Only the caller that set
// the batcher busy calls it, and only it sets b.lane (under mu, for closeLane).
func (db *DB) openLane(ctx context.Context) (*lane, error) {
	b := &db.batch
	if b.lane != nil || db.file == "" {
		return b.lane, nil
	}
	conn, err := db.sqlDB.Conn(ctx)
	if err != nil {
		return nil, err
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.closed {
		conn.Close()
		return nil, errClosed
	}
	b.lane = &lane{conn: conn}
	return b.lane, nil
}

// stmt returns the statement id prepared on the lane.
func (l *lane) stmt(ctx context.Context, id stmtID) (*sql.Stmt, error) {
	if s := l.stmts[id].Load(); s != nil {
		return s, nil
	}
	s, err := l.conn.PrepareContext(ctx, stmtText[id])
	if err != nil {
		return nil, err
	}
	l.stmts[id].Store(s)
	return s, nil
}

// closeLane closes the lane's statements and gives its connection back to the pool
// (database/sql waits for a statement running on it); the operations after it fail.
func (db *DB) closeLane() error {
	b := &db.batch
	b.mu.Lock()
	b.closed = true
	l := b.lane
	b.mu.Unlock()
	if l == nil {
		return nil
	}
	var errs []error
	for i := range l.stmts {
		if s := l.stmts[i].Swap(nil); s != nil {
			errs = append(errs, s.Close())
		}
	}
	return errors.Join(append(errs, l.conn.Close())...)
}
