package storage

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/cssdgs/iagbot/bot/reminder"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ReminderDeliveries returns the recorded deliveries among keys, by key.
func (db *DB) ReminderDeliveries(ctx context.Context, keys []string) (map[string]reminder.Delivery, error) {
	out := make(map[string]reminder.Delivery, len(keys))
	// Chunks keep each query under the drivers' bound-parameter limits.
	for len(keys) > 0 {
		n := min(len(keys), 500)
		var rows []DeliveryRow
		if err := db.read(ctx).Where("key IN ?", keys[:n]).Find(&rows).Error; err != nil {
			return nil, fmt.Errorf("reminder deliveries: %w", err)
		}
		for _, r := range rows {
			out[r.Key] = toDelivery(r)
		}
		keys = keys[n:]
	}
	return out, nil
}

// errNothingClaimed rolls back a claim whose gate passed but whose claims were all
// taken.
var errNothingClaimed = errors.New("nothing claimed")

// ClaimReminders records claims as pending before anything is sent, in one
// transaction, and returns the keys this call claimed: a key never seen, or one that
// failed fewer than maxAttempts times. The unique key is what makes a delivery
// exactly-once: of two processes claiming one key, one inserts it and the other finds
// it. A non-nil gate (one message a day per recipient) is claimed first the same way;
// when it cannot be, or when no claim can, nothing is claimed.
func (db *DB) ClaimReminders(ctx context.Context, gate *reminder.Claim, claims []reminder.Claim, maxAttempts int, at time.Time) ([]string, error) {
	var got []string
	err := db.tx(ctx, func(tx *gorm.DB) error {
		got = nil
		if gate != nil {
			ok, err := claimOne(tx, *gate, maxAttempts, at)
			if err != nil || !ok {
				return err
			}
		}
		for _, c := range claims {
			ok, err := claimOne(tx, c, maxAttempts, at)
			if err != nil {
				return err
			}
			if ok {
				got = append(got, c.Key)
			}
		}
		if len(got) == 0 {
			return errNothingClaimed
		}
		return nil
	})
	if errors.Is(err, errNothingClaimed) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("claim reminders: %w", err)
	}
	return got, nil
}

// claimOne inserts a pending delivery, or takes back a failed one with attempts left.
// ON CONFLICT DO NOTHING rather than a failing insert: PostgreSQL aborts a whole
// transaction on a unique violation.
func claimOne(tx *gorm.DB, c reminder.Claim, maxAttempts int, at time.Time) (bool, error) {
	row := DeliveryRow{Key: c.Key, Kind: string(c.Kind), RecipientKey: c.Recipient, Status: string(reminder.Pending),
		Attempts: 1, CreatedAt: at.UTC()}
	res := tx.Clauses(clause.OnConflict{DoNothing: true}).Create(&row)
	if res.Error != nil {
		return false, res.Error
	}
	if res.RowsAffected == 1 {
		return true, nil
	}
	res = tx.Model(&DeliveryRow{}).Where("key = ? AND status = ? AND attempts < ?", c.Key, reminder.Failed, maxAttempts).
		Updates(map[string]any{"status": string(reminder.Pending), "attempts": gorm.Expr("attempts + 1")})
	return res.RowsAffected == 1, res.Error
}

// FinishReminders records the outcome of claimed deliveries; SentAt is at for those
// sent, the same instant for all, which is how one message's deliveries are found
// together again (LastReminders).
//
// Times are written in UTC in the delivery and reminder tables: SQLite compares the
// text of timestamps, which only orders them within one UTC offset.
func (db *DB) FinishReminders(ctx context.Context, keys []string, status reminder.Status, errText string, at time.Time) error {
	if len(keys) == 0 {
		return nil
	}
	set := map[string]any{"status": string(status), "last_error": errText}
	if status == reminder.Sent {
		set["sent_at"] = at.UTC()
	}
	if err := db.read(ctx).Model(&DeliveryRow{}).Where("key IN ?", keys).Updates(set).Error; err != nil {
		return fmt.Errorf("finish reminders: %w", err)
	}
	return nil
}

// RecentReminderDeliveries returns the deliveries recorded since since, the newest
// first, the daily gates left out.
func (db *DB) RecentReminderDeliveries(ctx context.Context, since time.Time) ([]reminder.Delivery, error) {
	var rows []DeliveryRow
	if err := db.read(ctx).Where("created_at >= ? AND kind <> ?", since.UTC(), "daily").
		Order("created_at DESC, key").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("recent reminder deliveries: %w", err)
	}
	out := make([]reminder.Delivery, len(rows))
	for i, r := range rows {
		out[i] = toDelivery(r)
	}
	return out, nil
}

// LastReminders returns the reminders of the last message sent to recipient since
// since: one, or several when they went together in a daily message. None is not an
// error.
func (db *DB) LastReminders(ctx context.Context, recipient string, since time.Time) ([]reminder.Delivery, error) {
	var last DeliveryRow
	q := db.read(ctx).Where("recipient_key = ? AND status = ? AND sent_at >= ? AND kind <> ?",
		recipient, reminder.Sent, since.UTC(), "daily")
	err := q.Order("sent_at DESC, key").First(&last).Error
	if isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("last reminders: %w", err)
	}
	var rows []DeliveryRow
	if err := db.read(ctx).Where("recipient_key = ? AND status = ? AND sent_at = ? AND kind <> ?",
		recipient, reminder.Sent, *last.SentAt, "daily").Order("key").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("last reminders: %w", err)
	}
	out := make([]reminder.Delivery, len(rows))
	for i, r := range rows {
		out[i] = toDelivery(r)
	}
	return out, nil
}

func toDelivery(r DeliveryRow) reminder.Delivery {
	d := reminder.Delivery{Key: r.Key, Kind: reminder.Kind(r.Kind), Recipient: r.RecipientKey,
		Status: reminder.Status(r.Status), Attempts: r.Attempts, LastError: r.LastError, CreatedAt: r.CreatedAt,
		SentAt: r.SentAt}
	if _, subject, occ, _, ok := reminder.ParseKey(r.Key); ok {
		d.Subject, d.Occurrence = subject, occ
	}
	return d
}
