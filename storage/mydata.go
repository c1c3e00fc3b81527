package storage

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
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
		return countAll(tx, []counted{
			{&ReminderRow{}, "recipient_key = ?", &d.Reminders},
			{&DeliveryRow{}, "recipient_key = ?", &d.Deliveries},
			{&TrainingRow{}, "person_key = ?", &d.Trainings},
			{&SystemRow{}, "owner_key = ?", &d.OwnedSystems},
			{&AuditRow{}, "actor_key = ?", &d.AuditEntries},
		}, key)
	})
	if err != nil {
		return privacy.PersonData{}, fmt.Errorf("person data: %w", err)
	}
	return d, nil
}

// AuditErasure is the audit action recorded when a person erases their data.
const AuditErasure = "mydata.erase"

// ErasePerson removes what the bot holds about the person key and is not required for
// accountability (see privacy.Erasure), in one transaction with its audit entry, and returns
// what it removed and kept.
func (db *DB) ErasePerson(ctx context.Context, key string) (privacy.Erasure, error) {
	// The person's next message must write their row again.
	defer db.sightings.forget(key)
	var e privacy.Erasure
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var drafts []uint
		if err := tx.Model(&RequestRow{}).Where("requester_key = ? AND submitted_at IS NULL", key).Pluck("id", &drafts).Error; err != nil {
			return err
		}
		if len(drafts) > 0 {
			// Answers cascade through the foreign key, but only where the database
			// enforces it; deleting them first works everywhere.
			for _, row := range []any{&AnswerRow{}, &DecisionRow{}, &PostedCardRow{}} {
				if err := tx.Where("request_id IN ?", drafts).Delete(row).Error; err != nil {
					return err
				}
			}
		}
		steps := []struct {
			q   *gorm.DB
			row any
			n   *int
		}{
			{tx.Where("requester_key = ? AND submitted_at IS NULL", key), &RequestRow{}, &e.Drafts},
			{tx.Where("key = ?", key), &PersonRow{}, &e.People},
			{tx.Where("person_key = ?", key), &DialogRow{}, &e.Dialogs},
			{tx.Where("recipient_key = ?", key), &ReminderRow{}, &e.Reminders},
			{tx.Where("recipient_key = ?", key), &DeliveryRow{}, &e.Deliveries},
		}
		for _, s := range steps {
			res := s.q.Delete(s.row)
			if res.Error != nil {
				return res.Error
			}
			*s.n = int(res.RowsAffected)
		}
		res := tx.Model(&IncidentRow{}).Where("reporter_key = ?", key).Update("reporter_key", "")
		if res.Error != nil {
			return res.Error
		}
		e.Incidents = int(res.RowsAffected)
		err := countAll(tx, []counted{
			{&RequestRow{}, "requester_key = ?", &e.KeptRequests},
			{&TrainingRow{}, "person_key = ?", &e.KeptTrainings},
			{&SystemRow{}, "owner_key = ?", &e.KeptSystems},
			{&AuditRow{}, "actor_key = ?", &e.KeptAudit},
		}, key)
		if err != nil {
			return err
		}
		return appendAudit(tx, db.Now(), audit.Entry{ActorKey: key, Action: AuditErasure, Subject: "person",
			Comment: fmt.Sprintf("removed people=%d dialogs=%d drafts=%d reminders=%d deliveries=%d incident_links=%d; kept requests=%d trainings=%d systems=%d",
				e.People, e.Dialogs, e.Drafts, e.Reminders, e.Deliveries, e.Incidents, e.KeptRequests, e.KeptTrainings, e.KeptSystems),
			Sections: []string{"5.1.9"}})
	})
	if err != nil {
		return privacy.Erasure{}, fmt.Errorf("erase person: %w", err)
	}
	return e, nil
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
