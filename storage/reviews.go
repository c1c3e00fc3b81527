package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"gorm.io/gorm"
)

// This file is the storage side of the review workflow (6.3.3): requests read for
// review, exactly-once decisions, posted cards. The inventory writes of an approval
// are in reviews_inventory.go, the administrators' changes in reviews_admin.go.

// Actor is who did something, for the audit log.
type Actor struct {
	Key  string
	Name string
}

// ReviewDecision is one decision on one stage of one round.
type ReviewDecision struct {
	RequestID uint
	Round     int
	Stage     requests.Status // the status the request was in: sti_review, codir_review, privacy_review
	Decision  string          // approve | reject | changes
	ActorKey  string
	ActorName string
	Comment   string
	// Details is JSON owned by the workflow (uses ruled, EFVP date, training calendar).
	Details string
	At      time.Time
	// To is the request's status after the decision. Decide needs it; it is not
	// stored, so the decisions read back leave it empty.
	To requests.Status
	// Sections are the sections of procedure 30-02 the decision rests on (audit log).
	Sections []string
}

// RequestsInStatus returns the requests in any of statuses with their answers, the
// longest waiting first, at most limit of them.
func (db *DB) RequestsInStatus(ctx context.Context, limit int, statuses ...requests.Status) ([]requests.Request, error) {
	var rows []RequestRow
	err := db.read(ctx).Preload("Answers").Where("status IN ?", statuses).
		Order("updated_at, id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("requests in %v: %w", statuses, err)
	}
	out := make([]requests.Request, len(rows))
	for i, row := range rows {
		out[i] = withAnswers(row)
	}
	return out, nil
}

// StartReview moves a submitted request into its first review stage of the round
// SubmitRequest began, with its audit entry, in one transaction. It returns
// bot.ErrConflict when the request is no longer "submitted" (another replica, or the
// pending-review list, started it first) and bot.ErrNotFound for no such request.
func (db *DB) StartReview(ctx context.Context, id uint, stage requests.Status, by Actor, sections []string) (requests.Request, error) {
	var out requests.Request
	err := db.tx(ctx, func(tx *gorm.DB) error {
		row, err := loadRequestRow(tx.Preload("Answers"), id)
		if err != nil {
			return err
		}
		now := db.Now()
		res := tx.Model(&RequestRow{}).Where("id = ? AND status = ? AND round = ?", id, requests.Submitted, row.Round).
			Updates(map[string]any{"status": string(stage), "stage_since": now, "updated_at": now, "decided_at": nil})
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("start review (status %s): %w", row.Status, bot.ErrConflict)
		}
		row.Status, row.StageSince, row.UpdatedAt, row.DecidedAt = string(stage), &now, now, nil
		out = withAnswers(row)
		return appendAudit(tx, now, AuditEntry{ActorKey: by.Key, ActorName: by.Name, Action: "review.start",
			Subject: requests.Subject(id), From: string(requests.Submitted), To: string(stage), Sections: sections})
	})
	if err != nil {
		return requests.Request{}, fmt.Errorf("request %d: %w", id, err)
	}
	return out, nil
}

// Decide records decision d and moves the request to d.To, with its audit entry, in
// one transaction; when d.To is "approved", approval is written into the inventory in
// the same transaction (see applyApproval). It returns bot.ErrConflict, and changes
// nothing, when the stage of that round was already decided or the request is no
// longer in d.Stage of d.Round: whatever the number of clicks, reviewers or replicas,
// one decision per stage and round wins.
func (db *DB) Decide(ctx context.Context, d ReviewDecision, approval *ReviewApproval) (ApprovalResult, error) {
	var result ApprovalResult
	err := db.tx(ctx, func(tx *gorm.DB) error {
		now := db.Now()
		row := DecisionRow{RequestID: d.RequestID, Round: d.Round, Stage: string(d.Stage), Decision: d.Decision,
			ActorKey: d.ActorKey, ActorName: d.ActorName, Comment: d.Comment, Details: d.Details, CreatedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			if isDuplicate(err) {
				return fmt.Errorf("decide request %d %s round %d: %w", d.RequestID, d.Stage, d.Round, bot.ErrConflict)
			}
			return err
		}
		set := map[string]any{"status": string(d.To), "stage_since": now, "updated_at": now}
		if d.To == requests.Approved || d.To == requests.Rejected || d.To == requests.ChangesRequested {
			set["decided_at"] = now
			set["stage_since"] = nil
		}
		res := tx.Model(&RequestRow{}).Where("id = ? AND status = ? AND round = ?", d.RequestID, string(d.Stage), d.Round).Updates(set)
		if res.Error != nil {
			return res.Error
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("decide request %d: no longer in %s round %d: %w", d.RequestID, d.Stage, d.Round, bot.ErrConflict)
		}
		err := appendAudit(tx, now, AuditEntry{ActorKey: d.ActorKey, ActorName: d.ActorName, Action: "review." + d.Decision,
			Subject: requests.Subject(d.RequestID), From: string(d.Stage), To: string(d.To), Comment: d.Comment, Sections: d.Sections})
		if err != nil || d.To != requests.Approved {
			return err
		}
		if approval == nil {
			return errors.New("decide: an approval needs the inventory entry")
		}
		result, err = applyApproval(tx, now, d, *approval)
		return err
	})
	return result, err
}

// DecisionFor returns the decision taken on stage in round, or bot.ErrNotFound.
func (db *DB) DecisionFor(ctx context.Context, id uint, round int, stage requests.Status) (ReviewDecision, error) {
	var row DecisionRow
	err := db.read(ctx).Where("request_id = ? AND round = ? AND stage = ?", id, round, string(stage)).First(&row).Error
	if isNotFound(err) {
		return ReviewDecision{}, bot.ErrNotFound
	}
	if err != nil {
		return ReviewDecision{}, err
	}
	return toDecision(row), nil
}

// Decisions returns the decisions of one round, oldest first.
func (db *DB) Decisions(ctx context.Context, id uint, round int) ([]ReviewDecision, error) {
	var rows []DecisionRow
	if err := db.read(ctx).Where("request_id = ? AND round = ?", id, round).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]ReviewDecision, len(rows))
	for i, r := range rows {
		out[i] = toDecision(r)
	}
	return out, nil
}

func toDecision(r DecisionRow) ReviewDecision {
	return ReviewDecision{RequestID: r.RequestID, Round: r.Round, Stage: requests.Status(r.Stage), Decision: r.Decision,
		ActorKey: r.ActorKey, ActorName: r.ActorName, Comment: r.Comment, Details: r.Details, At: r.CreatedAt}
}

// FillSTIItems stores the STI's answers to items the requester left to it (Annexe 1)
// and clears their ForSTI flag, with an audit entry naming the items (not their text).
// Only flagged items are written; others are ignored and not returned. It returns
// bot.ErrConflict when the request is no longer in the STI stage of round.
func (db *DB) FillSTIItems(ctx context.Context, id uint, round int, values map[requests.Tag]string, by Actor) ([]requests.Tag, error) {
	var filled []requests.Tag
	err := db.tx(ctx, func(tx *gorm.DB) error {
		row, err := loadRequestRow(tx.Preload("Answers"), id)
		if err != nil {
			return err
		}
		if row.Status != string(requests.STIReview) || row.Round != round {
			return bot.ErrConflict
		}
		now := db.Now()
		var names []string
		for _, a := range row.Answers {
			v := strings.TrimSpace(values[requests.Tag(a.Item)])
			if !a.ForSTI || v == "" {
				continue
			}
			err := tx.Model(&AnswerRow{}).Where("request_id = ? AND item = ?", id, a.Item).
				Updates(map[string]any{"value": v, "for_sti": false, "updated_at": now}).Error
			if err != nil {
				return err
			}
			filled = append(filled, requests.Tag(a.Item))
			names = append(names, a.Item)
		}
		if len(filled) == 0 {
			return nil
		}
		sort.Strings(names)
		return appendAudit(tx, now, AuditEntry{ActorKey: by.Key, ActorName: by.Name, Action: "review.sti_fill",
			Subject: requests.Subject(id), From: row.Status, To: row.Status, Comment: strings.Join(names, ","),
			Sections: []string{"Annexe 1", "8"}})
	})
	if err != nil {
		return nil, fmt.Errorf("fill STI items of request %d: %w", id, err)
	}
	sort.Slice(filled, func(i, j int) bool { return filled[i] < filled[j] })
	return filled, nil
}

// AddPostedCard remembers where the card of a request's stage in round was posted.
func (db *DB) AddPostedCard(ctx context.Context, id uint, round int, stage requests.Status, m bot.MessageRef) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return db.read(ctx).Create(&PostedCardRow{RequestID: id, Stage: cardStage(stage, round), Ref: string(b), CreatedAt: db.Now()}).Error
}

// PostedCards returns where the card of a request's stage in round was posted.
func (db *DB) PostedCards(ctx context.Context, id uint, round int, stage requests.Status) ([]bot.MessageRef, error) {
	var rows []PostedCardRow
	if err := db.read(ctx).Where("request_id = ? AND stage = ?", id, cardStage(stage, round)).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bot.MessageRef, 0, len(rows))
	for _, r := range rows {
		var m bot.MessageRef
		if err := json.Unmarshal([]byte(r.Ref), &m); err != nil {
			return nil, fmt.Errorf("posted card %d: %w", r.ID, err)
		}
		out = append(out, m)
	}
	return out, nil
}

// cardStage is the PostedCardRow.Stage of a stage in a round ("codir_review/2"): a
// card of an earlier round must not be updated with a later round's decision.
func cardStage(stage requests.Status, round int) string { return fmt.Sprintf("%s/%d", stage, round) }
