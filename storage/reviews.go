package storage

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
)

// This file is the storage side of the review workflow (6.3.3): requests read for
// review, exactly-once decisions, posted cards. The change set of an approval is
// written by reviews_inventory.go, the administrators' changes in reviews_admin.go.

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
func (db *DB) StartReview(ctx context.Context, id uint, stage requests.Status, by audit.Actor, sections []string) (requests.Request, error) {
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
		return appendAudit(tx, now, workflow.ReviewStart(id, stage, by, sections))
	})
	if err != nil {
		return requests.Request{}, fmt.Errorf("request %d: %w", id, err)
	}
	return out, nil
}

// Decide records decision d and moves the request to d.To, with the decision's audit
// entry, in one transaction. When d.To is "approved", plan computes the approval's
// change set from the inventory as this transaction sees it, and the change set is
// written in the same transaction. It returns bot.ErrConflict, and changes nothing,
// when the stage of that round was already decided or the request is no longer in
// d.Stage of d.Round: whatever the number of clicks, reviewers or replicas, one
// decision per stage and round wins.
func (db *DB) Decide(ctx context.Context, d workflow.Decision, plan workflow.Planner) (workflow.ApprovalResult, error) {
	var result workflow.ApprovalResult
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var err error
		result, err = decideTx(tx, db.Now(), d, plan)
		return err
	})
	return result, err
}

// decideTx is Decide inside tx: a committee's vote that closes its stage (CastVote)
// records the decision in the vote's transaction.
func decideTx(tx *gorm.DB, now time.Time, d workflow.Decision, plan workflow.Planner) (workflow.ApprovalResult, error) {
	var result workflow.ApprovalResult
	row := DecisionRow{RequestID: d.RequestID, Round: d.Round, Stage: string(d.Stage), Decision: string(d.Decision),
		ActorKey: d.ActorKey, ActorName: d.ActorName, ForKey: d.ForKey, ForName: d.ForName, Comment: d.Comment, Details: d.Details, CreatedAt: now}
	if err := tx.Create(&row).Error; err != nil {
		if isDuplicate(err) {
			return result, fmt.Errorf("decide request %d %s round %d: %w", d.RequestID, d.Stage, d.Round, bot.ErrConflict)
		}
		return result, err
	}
	set := map[string]any{"status": string(d.To), "stage_since": now, "updated_at": now}
	if d.To.RoundOver() {
		set["decided_at"] = now
		set["stage_since"] = nil
	}
	res := tx.Model(&RequestRow{}).Where("id = ? AND status = ? AND round = ?", d.RequestID, string(d.Stage), d.Round).Updates(set)
	if res.Error != nil {
		return result, res.Error
	}
	if res.RowsAffected == 0 {
		return result, fmt.Errorf("decide request %d: no longer in %s round %d: %w", d.RequestID, d.Stage, d.Round, bot.ErrConflict)
	}
	if err := appendAudit(tx, now, d.Entry()); err != nil || d.To != requests.Approved {
		return result, err
	}
	if plan == nil {
		return result, errors.New("decide: an approval needs its change set")
	}
	cs, err := plan(txInventory{tx})
	if err != nil {
		return result, err
	}
	return cs.Result(), writeChangeSet(tx, now, cs)
}

// DecisionFor returns the decision taken on stage in round, or bot.ErrNotFound.
func (db *DB) DecisionFor(ctx context.Context, id uint, round int, stage requests.Status) (workflow.Decision, error) {
	var row DecisionRow
	err := db.read(ctx).Where("request_id = ? AND round = ? AND stage = ?", id, round, string(stage)).First(&row).Error
	if isNotFound(err) {
		return workflow.Decision{}, bot.ErrNotFound
	}
	if err != nil {
		return workflow.Decision{}, err
	}
	return toDecision(row), nil
}

// Decisions returns the decisions of one round, oldest first.
func (db *DB) Decisions(ctx context.Context, id uint, round int) ([]workflow.Decision, error) {
	var rows []DecisionRow
	if err := db.read(ctx).Where("request_id = ? AND round = ?", id, round).Order("id").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]workflow.Decision, len(rows))
	for i, r := range rows {
		out[i] = toDecision(r)
	}
	return out, nil
}

func toDecision(r DecisionRow) workflow.Decision {
	return workflow.Decision{RequestID: r.RequestID, Round: r.Round, Stage: requests.Status(r.Stage), Decision: workflow.Action(r.Decision),
		ActorKey: r.ActorKey, ActorName: r.ActorName, ForKey: r.ForKey, ForName: r.ForName, Comment: r.Comment, Details: r.Details, At: r.CreatedAt}
}

// FillSTIItems stores the STI's answers to items the requester left to it (Annexe 1)
// and clears their ForSTI flag, with an audit entry naming the items (not their text).
// Only flagged items are written; others are ignored and not returned. It returns
// bot.ErrConflict when the request is no longer in the STI stage of round.
func (db *DB) FillSTIItems(ctx context.Context, id uint, round int, values map[requests.Tag]string, by audit.Actor) ([]requests.Tag, error) {
	var filled []requests.Tag
	err := db.tx(ctx, func(tx *gorm.DB) error {
		row, err := loadRequestRow(tx.Preload("Answers"), id)
		if err != nil {
			return err
		}
		values, entry, err := workflow.STIFill(withAnswers(row), round, values, by)
		if err != nil || len(values) == 0 {
			return err
		}
		now := db.Now()
		for tag, v := range values {
			err := tx.Model(&AnswerRow{}).Where("request_id = ? AND item = ?", id, string(tag)).
				Updates(map[string]any{"value": v, "for_sti": false, "updated_at": now}).Error
			if err != nil {
				return err
			}
			filled = append(filled, tag)
		}
		return appendAudit(tx, now, entry)
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
	return db.postedCards(ctx, id, cardStage(stage, round))
}

// postedCards returns where the cards of request id kept under stage were posted.
func (db *DB) postedCards(ctx context.Context, id uint, stage string) ([]bot.MessageRef, error) {
	var rows []PostedCardRow
	if err := db.read(ctx).Where("request_id = ? AND stage = ?", id, stage).Order("id").Find(&rows).Error; err != nil {
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
