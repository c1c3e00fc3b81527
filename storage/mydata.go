package storage

import (
	"context"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/privacy"
	"gorm.io/gorm"
)

// PersonData returns what the bot holds about the person key.
func (db *DB) PersonData(ctx context.Context, key string) (privacy.PersonData, error) {
	var d privacy.PersonData
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var people []PersonRow
		if err := tx.Where("key = ?", key).Order("last_seen_at DESC").Find(&people).Error; err != nil {
			return err
		}
		for _, p := range people {
			d.Channels = append(d.Channels, privacy.SeenChannel{Channel: bot.Channel(p.Channel), LastSeen: p.LastSeenAt, Direct: p.DirectRef != ""})
			if d.Lang == "" {
				d.Lang = p.Lang
			}
		}
		if err := tx.Model(&DialogRow{}).Where("person_key = ?", key).Order("updated_at DESC").Pluck("kind", &d.Dialogs).Error; err != nil {
			return err
		}
		var reqs []RequestRow
		if err := tx.Where("requester_key = ?", key).Order("updated_at DESC").Find(&reqs).Error; err != nil {
			return err
		}
		for _, r := range reqs {
			d.Requests = append(d.Requests, privacy.RequestBrief{ID: r.ID, SystemName: r.SystemName, Status: r.Status,
				Submitted: r.SubmittedAt != nil, UpdatedAt: r.UpdatedAt})
		}
		var next ReminderRow
		res := tx.Where("recipient_key = ?", key).Order("due_at").Limit(1).Find(&next)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected > 0 {
			d.NextReminder = &next.DueAt
		}
		var incidents []IncidentRow
		if err := tx.Where("reporter_key = ?", key).Order("id DESC").Find(&incidents).Error; err != nil {
			return err
		}
		for _, r := range incidents {
			d.Incidents = append(d.Incidents, toIncident(r))
		}
		err := countAll(tx, []counted{
			{&ReminderRow{}, "recipient_key = ?", &d.Reminders},
			{&DeliveryRow{}, "recipient_key = ?", &d.Deliveries},
			{&TrainingRow{}, "person_key = ?", &d.Trainings},
			{&SystemRow{}, "owner_key = ?", &d.OwnedSystems},
			{&AuditRow{}, "actor_key = ?", &d.AuditEntries},
		}, key)
		if err != nil {
			return err
		}
		d.ReviewWork, err = countReviewWork(tx, key)
		return err
	})
	if err != nil {
		return privacy.PersonData{}, fmt.Errorf("person data: %w", err)
	}
	return d, nil
}

// ErasePerson removes and unlinks what the bot holds about the person key as
// privacy.ErasurePolicy says, counts what it keeps, in one transaction with its audit
// entry, and returns what it removed and kept.
func (db *DB) ErasePerson(ctx context.Context, key string) (privacy.Erasure, error) {
	var e privacy.Erasure
	err := db.tx(ctx, func(tx *gorm.DB) error {
		for _, r := range privacy.ErasurePolicy() {
			n, err := erasureStep(tx, key, r)
			if err != nil {
				return err
			}
			e.Set(r.Record, n)
		}
		return appendAudit(tx, db.Now(), e.Entry(key))
	})
	if err != nil {
		return privacy.Erasure{}, fmt.Errorf("erase person: %w", err)
	}
	return e, nil
}

// personRecords says where each kind of record about a person is, and by which column.
var personRecords = map[privacy.Record]struct {
	row   any
	where string
}{
	privacy.Drafts:            {&RequestRow{}, "requester_key = ? AND submitted_at IS NULL"},
	privacy.SubmittedRequests: {&RequestRow{}, "requester_key = ? AND submitted_at IS NOT NULL"},
	privacy.Channels:          {&PersonRow{}, "key = ?"},
	privacy.Dialogs:           {&DialogRow{}, "person_key = ?"},
	privacy.Reminders:         {&ReminderRow{}, "recipient_key = ?"},
	privacy.Deliveries:        {&DeliveryRow{}, "recipient_key = ?"},
	privacy.IncidentLinks:     {&IncidentRow{}, "reporter_key = ?"},
	privacy.Trainings:         {&TrainingRow{}, "person_key = ?"},
	privacy.OwnedSystems:      {&SystemRow{}, "owner_key = ?"},
	privacy.AuditEntries:      {&AuditRow{}, "actor_key = ?"},
}

// reviewWork is where a person's work as a reviewer is, each with the columns that
// name them.
var reviewWork = []struct {
	row   any
	where string
}{
	{&VoteRow{}, "voter_key = ?"},
	{&ConsultationRow{}, "asked_by_key = ? OR by_key = ?"},
	{&DelegationRow{}, "person_key = ? OR delegate_key = ? OR by_key = ?"},
}

// countReviewWork counts the votes, consultations and opinions, and delegations that
// name the person key.
func countReviewWork(tx *gorm.DB, key string) (int, error) {
	total := 0
	for _, w := range reviewWork {
		args := make([]any, strings.Count(w.where, "?"))
		for i := range args {
			args[i] = key
		}
		var n int64
		if err := tx.Model(w.row).Where(w.where, args...).Count(&n).Error; err != nil {
			return 0, err
		}
		total += int(n)
	}
	return total, nil
}

// erasureStep applies one rule of the erasure policy and returns how many records it
// removed, unlinked or kept.
func erasureStep(tx *gorm.DB, key string, r privacy.ErasureRule) (int, error) {
	if r.Record == privacy.ReviewWork {
		// Several tables hold it; it is only ever kept (privacy.ErasurePolicy).
		if r.Fate != privacy.Keep {
			return 0, fmt.Errorf("cannot apply fate %d to %s", r.Fate, r.Record)
		}
		return countReviewWork(tx, key)
	}
	rec, ok := personRecords[r.Record]
	if !ok {
		return 0, fmt.Errorf("no table holds %s", r.Record)
	}
	switch {
	case r.Fate == privacy.Keep:
		var n int64
		err := tx.Model(rec.row).Where(rec.where, key).Count(&n).Error
		return int(n), err
	case r.Fate == privacy.Remove && r.Record == privacy.Drafts:
		var drafts []uint
		if err := tx.Model(rec.row).Where(rec.where, key).Pluck("id", &drafts).Error; err != nil {
			return 0, err
		}
		if len(drafts) > 0 {
			// Answers cascade through the foreign key, but only where the database
			// enforces it; deleting them first works everywhere.
			for _, row := range []any{&AnswerRow{}, &DecisionRow{}, &VoteRow{}, &PostedCardRow{}} {
				if err := tx.Where("request_id IN ?", drafts).Delete(row).Error; err != nil {
					return 0, err
				}
			}
		}
	case r.Fate == privacy.Unlink && r.Record == privacy.IncidentLinks:
		res := tx.Model(rec.row).Where(rec.where, key).Update("reporter_key", "")
		return int(res.RowsAffected), res.Error
	case r.Fate != privacy.Remove:
		return 0, fmt.Errorf("cannot apply fate %d to %s", r.Fate, r.Record)
	}
	res := tx.Where(rec.where, key).Delete(rec.row)
	return int(res.RowsAffected), res.Error
}

type counted struct {
	row   any
	where string
	n     *int
}

func countAll(tx *gorm.DB, cs []counted, key string) error {
	for _, c := range cs {
		var n int64
		if err := tx.Model(c.row).Where(c.where, key).Count(&n).Error; err != nil {
			return err
		}
		*c.n = int(n)
	}
	return nil
}
