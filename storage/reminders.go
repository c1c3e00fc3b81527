package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/reminder"
	"github.com/cssdgs/iagbot/bot/requests"
	"gorm.io/gorm"
)

// ReminderSources reads, in one transaction, the state reminders are derived from:
// systems with an EFVP date, requests that may need a reminder with the answers
// reminders read, their trainings, request counts by status, the recipients of
// deliveries recorded unreachable since since, and the names of the people listed.
func (db *DB) ReminderSources(ctx context.Context, since time.Time) (reminder.Sources, error) {
	src := reminder.Sources{Trainings: map[uint][]reminder.TrainingRecord{}, Counts: map[requests.Status]int{},
		Names: map[string]string{}}
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var err error
		if src.Systems, err = efvpSystems(tx); err != nil {
			return err
		}
		var rows []RequestRow
		if err := tx.Preload("Answers", "item IN ?", reminder.SourceTags).Where("status IN ?", reminder.SourceStatuses).
			Order("id").Find(&rows).Error; err != nil {
			return err
		}
		var approved []uint
		for _, r := range rows {
			src.Requests = append(src.Requests, withAnswers(r))
			if r.Status == string(requests.Approved) {
				approved = append(approved, r.ID)
			}
		}
		var named []string
		if len(approved) > 0 {
			var trs []TrainingRow
			if err := tx.Where("request_id IN ?", approved).Order("request_id, person_key").Find(&trs).Error; err != nil {
				return err
			}
			for _, t := range trs {
				src.Trainings[t.RequestID] = append(src.Trainings[t.RequestID], reminder.TrainingRecord{
					RequestID: t.RequestID, PersonKey: t.PersonKey, SessionAt: t.SessionAt, CompletedAt: t.CompletedAt})
				named = append(named, t.PersonKey)
			}
		}
		var counts []struct {
			Status string
			N      int
		}
		if err := tx.Model(&RequestRow{}).Select("status, count(*) AS n").Group("status").Scan(&counts).Error; err != nil {
			return err
		}
		for _, c := range counts {
			src.Counts[requests.Status(c.Status)] = c.N
		}
		if err := tx.Model(&DeliveryRow{}).Distinct("recipient_key").
			Where("status = ? AND created_at >= ? AND kind <> ?", reminder.Unreachable, since.UTC(), "daily").
			Order("recipient_key").Pluck("recipient_key", &src.Unreachable).Error; err != nil {
			return err
		}
		if src.Same, err = samePeople(tx); err != nil {
			return err
		}
		named = append(named, src.Unreachable...)
		if len(named) == 0 {
			return nil
		}
		var people []PersonRow
		if err := tx.Where("key IN ?", named).Order("last_seen_at").Find(&people).Error; err != nil {
			return err
		}
		for _, p := range people {
			if p.Name != "" {
				src.Names[p.Key] = p.Name // the latest seen wins: ordered by last_seen_at
			}
		}
		return nil
	})
	if err != nil {
		return reminder.Sources{}, fmt.Errorf("reminder sources: %w", err)
	}
	return src, nil
}

// samePeople maps the keys of people seen under several keys to their one key, the
// lower-cased e-mail: a row with an e-mail links its key, and a platform id (channel
// and user id) seen once with an e-mail links every key it was seen under.
func samePeople(tx *gorm.DB) (map[string]string, error) {
	var rows []PersonRow
	if err := tx.Select("key", "channel", "user_id", "email").Find(&rows).Error; err != nil {
		return nil, err
	}
	byID := map[string]string{}
	for _, r := range rows {
		if e := strings.ToLower(strings.TrimSpace(r.Email)); e != "" && r.UserID != "" {
			byID[r.Channel+"\x00"+r.UserID] = e
		}
	}
	same := map[string]string{}
	for _, r := range rows {
		e := strings.ToLower(strings.TrimSpace(r.Email))
		if e == "" {
			e = byID[r.Channel+"\x00"+r.UserID]
		}
		if e != "" && e != r.Key {
			same[r.Key] = e
		}
	}
	return same, nil
}

// EFVPSystems returns the systems with an EFVP review date, withdrawn ones left out,
// with the supervisor and language of the request that added them.
func (db *DB) EFVPSystems(ctx context.Context) ([]reminder.System, error) {
	out, err := efvpSystems(db.read(ctx))
	if err != nil {
		return nil, fmt.Errorf("efvp systems: %w", err)
	}
	return out, nil
}

func efvpSystems(tx *gorm.DB) ([]reminder.System, error) {
	var rows []SystemRow
	if err := tx.Where("efvp_next_review IS NOT NULL AND status <> ?", "withdrawn").Order("position, id").
		Find(&rows).Error; err != nil {
		return nil, err
	}
	var ids []uint
	for _, r := range rows {
		if r.RequestID != nil {
			ids = append(ids, *r.RequestID)
		}
	}
	reqs := map[uint]RequestRow{}
	if len(ids) > 0 {
		var rr []RequestRow
		if err := tx.Where("id IN ?", ids).Find(&rr).Error; err != nil {
			return nil, err
		}
		for _, r := range rr {
			reqs[r.ID] = r
		}
	}
	out := make([]reminder.System, 0, len(rows))
	for _, r := range rows {
		s := reminder.System{ID: r.ID, Name: r.Name, Status: r.Status, OwnerKey: r.OwnerKey,
			NextReview: *r.EFVPNextReview, Done: r.EFVPDone}
		if r.Aliases != "" {
			_ = json.Unmarshal([]byte(r.Aliases), &s.Aliases) // aliases only help to name it
		}
		if r.RequestID != nil {
			s.RequestID = *r.RequestID
			s.SupervisorKey, s.Lang = reqs[s.RequestID].SupervisorKey, reqs[s.RequestID].Lang
		}
		out = append(out, s)
	}
	return out, nil
}

// CompleteTraining records that the person completed the training of a request (7),
// with an audit entry, and returns the system's name. bot.ErrNotFound when the person
// is not among those to train for it, bot.ErrConflict when it was already recorded.
func (db *DB) CompleteTraining(ctx context.Context, requestID uint, personKey string, at time.Time) (string, error) {
	var system string
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var row TrainingRow
		err := tx.Where("request_id = ? AND person_key = ?", requestID, personKey).First(&row).Error
		if isNotFound(err) {
			return bot.ErrNotFound
		}
		if err != nil {
			return err
		}
		res := tx.Model(&TrainingRow{}).Where("request_id = ? AND person_key = ? AND completed_at IS NULL", requestID, personKey).
			Update("completed_at", at.UTC())
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return bot.ErrConflict
		}
		var names []string
		if err := tx.Model(&RequestRow{}).Where("id = ?", requestID).Pluck("system_name", &names).Error; err != nil {
			return err
		}
		if len(names) > 0 {
			system = names[0]
		}
		return appendAudit(tx, db.Now(), audit.Entry{At: at, ActorKey: personKey, Action: "training.complete",
			Subject: requests.Subject(requestID), To: "completed", Sections: []string{"7"}})
	})
	if err != nil {
		return "", fmt.Errorf("complete training of request %d: %w", requestID, err)
	}
	return system, nil
}

// ReviseEFVP records that a system's EFVP was revised on done and is next due on next
// (6.3.2), with an audit entry naming who said so; bot.ErrNotFound when there is no
// such system.
func (db *DB) ReviseEFVP(ctx context.Context, systemID string, done, next time.Time, actorKey, actorName string) error {
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var row SystemRow
		err := tx.Where("id = ?", systemID).First(&row).Error
		if isNotFound(err) {
			return bot.ErrNotFound
		}
		if err != nil {
			return err
		}
		from := ""
		if row.EFVPNextReview != nil {
			from = row.EFVPNextReview.Format(time.DateOnly)
		}
		err = tx.Model(&SystemRow{}).Where("id = ?", systemID).
			Updates(map[string]any{"efvp_done": done, "efvp_next_review": next, "updated_at": db.Now()}).Error
		if err != nil {
			return err
		}
		return appendAudit(tx, db.Now(), audit.Entry{ActorKey: actorKey, ActorName: actorName, Action: "efvp.revise",
			Subject: "system:" + systemID, From: from, To: next.Format(time.DateOnly),
			Comment: "revised " + done.Format(time.DateOnly), Sections: []string{"6.3.2"}})
	})
	if err != nil {
		return fmt.Errorf("revise EFVP of %s: %w", systemID, err)
	}
	return nil
}

// ReminderLang returns the language to write to a person in: the one they chose, else
// the one they last wrote in; empty when none (or unknown).
func (db *DB) ReminderLang(ctx context.Context, key string) (string, error) {
	people, err := db.People(ctx, key)
	return bot.LangOf(people), err
}
