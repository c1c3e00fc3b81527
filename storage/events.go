package storage

import (
	"context"
	"fmt"
	"time"
)

// maxEventKey is the size of InboundEventRow.Key: PostgreSQL refuses a longer key and
// SQLite would silently accept it, so FirstSeen refuses it on both.
const maxEventKey = 200

// FirstSeen records key as an inbound event and reports whether it is the first time
// the key is seen. The insert is the check: replicas receiving the same retried event
// race on the primary key and exactly one of them gets true. Callers namespace their
// keys ("slack:Ev123", "teams:<activity id>"); a key must be 1 to 200 bytes long.
// An error means the database could not tell: the caller should not process the event
// and let the platform retry.
func (db *DB) FirstSeen(ctx context.Context, key string) (bool, error) {
	if key == "" || len(key) > maxEventKey {
		return false, fmt.Errorf("storage: inbound event key of %d bytes, want 1 to %d", len(key), maxEventKey)
	}
	err := db.read(ctx).Create(&InboundEventRow{Key: key, At: db.Now()}).Error
	if isDuplicate(err) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("record inbound event: %w", err)
	}
	return true, nil
}

// PruneInboundEvents deletes the event keys recorded before before and returns how
// many it deleted. A key pruned is processed again if it ever comes back, so before
// must be older than the platforms' retry window (Slack retries for about an hour at
// most).
func (db *DB) PruneInboundEvents(ctx context.Context, before time.Time) (int64, error) {
	res := db.read(ctx).Where("at < ?", before).Delete(&InboundEventRow{})
	if res.Error != nil {
		return 0, fmt.Errorf("prune inbound events: %w", res.Error)
	}
	return res.RowsAffected, nil
}
