package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// editable are the statuses in which the requester may change answers.
var editable = []string{string(requests.Draft), string(requests.ChangesRequested)}

// CreateDraft starts a request for the person key. A person has one draft at a time:
// bot.ErrConflict when they already have one.
func (db *DB) CreateDraft(ctx context.Context, key, name, lang string) (requests.Request, error) {
	now := db.Now()
	row := RequestRow{RequesterKey: key, RequesterName: name, Lang: lang, Status: string(requests.Draft),
		CreatedAt: now, UpdatedAt: now}
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		if err := tx.Model(&RequestRow{}).Where("requester_key = ? AND status = ?", key, requests.Draft).Count(&n).Error; err != nil {
			return err
		}
		if n > 0 {
			return bot.ErrConflict
		}
		return tx.Create(&row).Error
	})
	if err != nil {
		return requests.Request{}, fmt.Errorf("create draft: %w", err)
	}
	return toRequest(row), nil
}

// CurrentDraft returns the person's draft with its answers, or bot.ErrNotFound.
func (db *DB) CurrentDraft(ctx context.Context, key string) (requests.Request, error) {
	var row RequestRow
	err := db.read(ctx).Preload("Answers").Where("requester_key = ? AND status = ?", key, requests.Draft).
		Order("id DESC").First(&row).Error
	if isNotFound(err) {
		return requests.Request{}, bot.ErrNotFound
	}
	if err != nil {
		return requests.Request{}, fmt.Errorf("current draft: %w", err)
	}
	return withAnswers(row), nil
}

// Request returns a request with its answers, or bot.ErrNotFound.
func (db *DB) Request(ctx context.Context, id uint) (requests.Request, error) {
	row, err := loadRequestRow(db.read(ctx).Preload("Answers"), id)
	if err != nil {
		return requests.Request{}, fmt.Errorf("request %d: %w", id, err)
	}
	return withAnswers(row), nil
}

// Answers returns a request's answers by tag (empty, not an error, when none).
func (db *DB) Answers(ctx context.Context, id uint) (map[requests.Tag]requests.Answer, error) {
	var rows []AnswerRow
	if err := db.read(ctx).Where("request_id = ?", id).Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("answers of request %d: %w", id, err)
	}
	return toAnswers(rows), nil
}

// SetAnswer saves the answer to one item as soon as it is given, while the request is
// editable (draft or changes requested): bot.ErrConflict otherwise, bot.ErrNotFound
// when there is no such request. The system name and supervisor are copied to the
// request itself, where lists and notifications read them.
func (db *DB) SetAnswer(ctx context.Context, id uint, tag requests.Tag, a requests.Answer) error {
	now := db.Now()
	err := db.tx(ctx, func(tx *gorm.DB) error {
		set := map[string]any{"updated_at": now}
		switch tag {
		case requests.TagSystemName:
			set["system_name"] = strings.TrimSpace(a.Value)
		case requests.TagSupervisor:
			set["supervisor_key"] = requests.SupervisorKey(a.Value)
		}
		// The conditional update both checks the status and locks the row until commit.
		res := tx.Model(&RequestRow{}).Where("id = ? AND status IN ?", id, editable).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return db.missingOrConflict(tx, id)
		}
		row := AnswerRow{RequestID: id, Item: string(tag), Value: a.Value, ForSTI: a.ForSTI, UpdatedAt: now}
		return tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "request_id"}, {Name: "item"}},
			DoUpdates: clause.AssignmentColumns([]string{"value", "for_sti", "updated_at"}),
		}).Create(&row).Error
	})
	if err != nil {
		return fmt.Errorf("set answer %s of request %d: %w", tag, id, err)
	}
	return nil
}

// RequestsOf returns a person's requests with their answers, the newest first.
func (db *DB) RequestsOf(ctx context.Context, key string) ([]requests.Request, error) {
	var rows []RequestRow
	if err := db.read(ctx).Preload("Answers").Where("requester_key = ?", key).Order("id DESC").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("requests of person: %w", err)
	}
	out := make([]requests.Request, len(rows))
	for i, r := range rows {
		out[i] = withAnswers(r)
	}
	return out, nil
}

// loadRequestRow reads one request row, bot.ErrNotFound when there is none.
func loadRequestRow(tx *gorm.DB, id uint) (RequestRow, error) {
	var row RequestRow
	err := tx.First(&row, id).Error
	if isNotFound(err) {
		return row, bot.ErrNotFound
	}
	return row, err
}

// missingOrConflict explains why a conditional update touched no row.
func (db *DB) missingOrConflict(tx *gorm.DB, id uint) error {
	var n int64
	if err := tx.Model(&RequestRow{}).Where("id = ?", id).Count(&n).Error; err != nil {
		return err
	}
	if n == 0 {
		return bot.ErrNotFound
	}
	return bot.ErrConflict
}

func toRequest(r RequestRow) requests.Request {
	out := requests.Request{ID: r.ID, RequesterKey: r.RequesterKey, RequesterName: r.RequesterName, Lang: r.Lang,
		Status: requests.Status(r.Status), Round: r.Round, SystemName: r.SystemName, SupervisorKey: r.SupervisorKey,
		StageSince: r.StageSince, SubmittedAt: r.SubmittedAt, DecidedAt: r.DecidedAt,
		CreatedAt: r.CreatedAt, UpdatedAt: r.UpdatedAt}
	if r.Answers != nil {
		out.Answers = toAnswers(r.Answers)
	}
	return out
}

// withAnswers is toRequest for a row whose answers were loaded, even when there are none.
func withAnswers(r RequestRow) requests.Request {
	out := toRequest(r)
	if out.Answers == nil {
		out.Answers = map[requests.Tag]requests.Answer{}
	}
	return out
}

func toAnswers(rows []AnswerRow) map[requests.Tag]requests.Answer {
	m := make(map[requests.Tag]requests.Answer, len(rows))
	for _, a := range rows {
		m[requests.Tag(a.Item)] = requests.Answer{Value: a.Value, ForSTI: a.ForSTI, UpdatedAt: a.UpdatedAt}
	}
	return m
}

// SubmitRequest hands a draft, or a request whose changes were asked for, to the
// review workflow: status submitted, a new round, SubmittedAt and StageSince now, and
// an audit entry request.submit, all in one transaction. It refuses with
// requests.ErrNoEFVP when no EFVP date is given (6.3.2), bot.ErrConflict when the
// request is not editable (already submitted: a second click acts once).
func (db *DB) SubmitRequest(ctx context.Context, id uint, actorKey, actorName string) (requests.Request, error) {
	now := db.Now()
	var out requests.Request
	err := db.tx(ctx, func(tx *gorm.DB) error {
		row, err := loadRequestRow(tx.Preload("Answers"), id)
		if err != nil {
			return err
		}
		entry, err := workflow.Submission(withAnswers(row), audit.Actor{Key: actorKey, Name: actorName})
		if err != nil {
			return err
		}
		set := map[string]any{"status": string(requests.Submitted), "round": gorm.Expr("round + 1"),
			"submitted_at": now, "stage_since": now, "updated_at": now}
		if err := db.move(tx, row, set, entry); err != nil {
			return err
		}
		row, err = loadRequestRow(tx.Preload("Answers"), id)
		out = withAnswers(row)
		return err
	})
	if err != nil {
		return requests.Request{}, fmt.Errorf("submit request %d: %w", id, err)
	}
	return out, nil
}

// CancelRequest abandons an editable request at its requester's wish (status
// cancelled, audit request.cancel); bot.ErrConflict when it is no longer editable.
func (db *DB) CancelRequest(ctx context.Context, id uint, actorKey, actorName string) error {
	err := db.tx(ctx, func(tx *gorm.DB) error {
		row, err := loadRequestRow(tx, id)
		if err != nil {
			return err
		}
		entry, err := workflow.Cancellation(toRequest(row), audit.Actor{Key: actorKey, Name: actorName})
		if err != nil {
			return err
		}
		set := map[string]any{"status": string(requests.Cancelled), "updated_at": db.Now()}
		return db.move(tx, row, set, entry)
	})
	if err != nil {
		return fmt.Errorf("cancel request %d: %w", id, err)
	}
	return nil
}

// IdleDrafts returns the drafts untouched since before, the oldest first, without
// their answers (reminders of idle drafts).
func (db *DB) IdleDrafts(ctx context.Context, before time.Time) ([]requests.Request, error) {
	var rows []RequestRow
	err := db.read(ctx).Where("status = ? AND updated_at < ?", requests.Draft, before).Order("updated_at, id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("idle drafts: %w", err)
	}
	out := make([]requests.Request, len(rows))
	for i, r := range rows {
		out[i] = toRequest(r)
	}
	return out, nil
}

// CloseDraft closes a draft left idle (status closed, audit request.close with the
// reason, by the system); bot.ErrConflict when it is no longer a draft, so that a
// requester who came back in the meantime keeps their work.
func (db *DB) CloseDraft(ctx context.Context, id uint, reason string) error {
	err := db.tx(ctx, func(tx *gorm.DB) error {
		row, err := loadRequestRow(tx, id)
		if err != nil {
			return err
		}
		entry, err := workflow.Closure(toRequest(row), reason)
		if err != nil {
			return err
		}
		set := map[string]any{"status": string(requests.Closed), "updated_at": db.Now()}
		return db.move(tx, row, set, entry)
	})
	if err != nil {
		return fmt.Errorf("close draft %d: %w", id, err)
	}
	return nil
}

// move writes set to the request row and appends entry, the audit of the move the
// workflow allowed. The update is conditional on the status read, so two concurrent
// moves cannot both succeed: the second gets bot.ErrConflict.
func (db *DB) move(tx *gorm.DB, row RequestRow, set map[string]any, entry audit.Entry) error {
	res := tx.Model(&RequestRow{}).Where("id = ? AND status = ?", row.ID, row.Status).Updates(set)
	if res.Error != nil {
		return res.Error
	}
	if res.RowsAffected == 0 {
		return bot.ErrConflict
	}
	return appendAudit(tx, db.Now(), entry)
}
