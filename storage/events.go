package storage

import (
	"context"
	"fmt"
	"sync"
	"time"
)

// maxEventKey is the size of InboundEventRow.Key: PostgreSQL refuses a longer key and
// SQLite would silently accept it, so FirstSeen refuses it on both.
const maxEventKey = 200

// FirstSeen records key as an inbound event and reports whether it is the first time
// the key is seen. The insert is the check: replicas receiving the same retried event
// race on the primary key and exactly one of them gets true. Callers namespace their
// keys ("slack:Ev123", "teams:<activity id>"); a key must be 1 to 200 bytes long.
// A key that begins with OncePrefix claims something for good (a welcome) and is never
// pruned; any other is an event's, pruned a day later (PruneInboundEvents).
// An error means the database could not tell: the caller should not process the event
// and let the platform retry.
//
// Keys this process recorded recently are also kept in memory, and a redelivery of
// one of them is answered from there without a write. Memory only ever says "seen":
// a key it does not hold goes to the database, whose insert stays the one judge
// across replicas, so a key first recorded by another replica is still refused here.
func (db *DB) FirstSeen(ctx context.Context, key string) (bool, error) {
	if err := checkEventKey(key); err != nil {
		return false, err
	}
	if db.seen.has(key) {
		return false, nil
	}
	now := db.Now()
	var first bool
	err := db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		var err error
		first, err = db.recordEvent(ctx, tx, key, now)
		return err
	})
	if err != nil {
		return false, fmt.Errorf("record inbound event: %w", err)
	}
	db.seen.add(key)
	return first, nil
}

// checkEventKey refuses a key the table cannot hold.
func checkEventKey(key string) error {
	if key == "" || len(key) > maxEventKey {
		return fmt.Errorf("storage: inbound event key of %d bytes, want 1 to %d", len(key), maxEventKey)
	}
	return nil
}

// recordEvent inserts key on tx and reports whether it was new: FirstSeen's
// operation, and the first statement of a turn's (MeetTurn).
func (db *DB) recordEvent(ctx context.Context, tx *batchTx, key string, now time.Time) (bool, error) {
	res, err := db.execResult(ctx, tx, stmtFirstSeen, key, now)
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

// seenKeys is a bounded memory of event keys known to be recorded in the database:
// two generations, the older dropped when the newer is full, so a key stays at least
// maxSeenKeys insertions.
type seenKeys struct {
	mu       sync.Mutex
	cur, old map[string]struct{}
}

const maxSeenKeys = 4096

func (s *seenKeys) has(key string) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	_, a := s.cur[key]
	_, b := s.old[key]
	return a || b
}

func (s *seenKeys) reset() {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.cur, s.old = nil, nil
}

func (s *seenKeys) add(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil || len(s.cur) >= maxSeenKeys {
		s.old, s.cur = s.cur, make(map[string]struct{}, maxSeenKeys)
	}
	s.cur[key] = struct{}{}
}

// OncePrefix begins the keys FirstSeen keeps for good.
const OncePrefix = "once:"

// PruneInboundEvents deletes the event keys recorded before before, but not the
// OncePrefix ones, and returns how many it deleted. A key pruned is processed again if
// it ever comes back, so before must be older than the platforms' retry window (Slack
// retries for about an hour at most). Another replica's prune does not reach this
// one's memory of recent keys (see FirstSeen): there such a key stays refused a little
// longer, never processed twice. On SQLite it reads the whole table (no index on at:
// see InboundEventRow), which an hourly prune of a day of keys affords.
//
// It deletes pruneBatch keys at a time, each batch committed alone: a database that
// kept months of keys (a bot that served Teams alone never pruned them before) would
// otherwise hold SQLite's write lock, and the turns waiting on it, for as long as one
// statement takes to delete them all.
func (db *DB) PruneInboundEvents(ctx context.Context, before time.Time) (int64, error) {
	defer db.seen.reset() // what memory holds may be among the keys deleted
	var total int64
	for {
		res := db.read(ctx).Exec(`DELETE FROM inbound_event_rows WHERE key IN
  (SELECT key FROM inbound_event_rows WHERE at < ? AND key NOT LIKE ? LIMIT ?)`, before, OncePrefix+"%", pruneBatch)
		if res.Error != nil {
			return total, fmt.Errorf("prune inbound events: %w", res.Error)
		}
		total += res.RowsAffected
		if res.RowsAffected < int64(pruneBatch) {
			return total, nil
		}
	}
}

// pruneBatch is how many event keys PruneInboundEvents deletes per statement.
var pruneBatch = 5000
