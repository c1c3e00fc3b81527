package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// VoteRow is one committee member's vote on a stage of a round (#19); a new vote by
// the same member replaces it until the stage closes.
type VoteRow struct {
	ID         uint   `gorm:"primaryKey"`
	RequestID  uint   `gorm:"uniqueIndex:idx_vote_once"`
	Round      int    `gorm:"uniqueIndex:idx_vote_once"`
	Stage      string `gorm:"uniqueIndex:idx_vote_once;size:32"`
	VoterKey   string `gorm:"uniqueIndex:idx_vote_once;size:255"`
	VoterName  string
	Choice     string `gorm:"size:32"` // approve | approve_with_conditions | changes | reject
	Comment    string
	Conditions string // JSON []workflow.Condition
	Details    string // JSON owned by the feature (CODIR-IN's ruling)
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// CastVote records v, replacing the member's earlier vote on that stage and round,
// and asks closer, in the same transaction, whether the stage now closes; when it
// does, the decision is recorded as Decide records it. The transaction first locks
// the request's row (SELECT … FOR UPDATE on PostgreSQL; SQLite's write transactions
// take the one write lock at BEGIN), so that votes on one request are counted one
// after the other: two replicas casting the last two votes at the same instant each
// see the other's vote or the closed stage, and exactly one of them closes it. It
// returns bot.ErrConflict, and records nothing, when the request is no longer in
// v.Stage of v.Round (the stage closed first), and bot.ErrNotFound for no request.
func (db *DB) CastVote(ctx context.Context, v workflow.Vote, closer workflow.Closer) (workflow.Cast, error) {
	var out workflow.Cast
	conds, err := json.Marshal(append([]workflow.Condition{}, v.Conditions...))
	if err != nil {
		return out, err
	}
	err = db.tx(ctx, func(tx *gorm.DB) error {
		lock := tx
		if db.postgres {
			lock = tx.Clauses(clause.Locking{Strength: "UPDATE"})
		}
		if _, err := loadRequestRow(lock, v.RequestID); err != nil {
			return err
		}
		row, err := loadRequestRow(tx.Preload("Answers"), v.RequestID)
		if err != nil {
			return err
		}
		if row.Status != string(v.Stage) || row.Round != v.Round {
			return fmt.Errorf("vote on request %d: no longer in %s round %d: %w", v.RequestID, v.Stage, v.Round, bot.ErrConflict)
		}
		now := db.Now()
		var prev VoteRow
		err = tx.Where("request_id = ? AND round = ? AND stage = ? AND voter_key = ?", v.RequestID, v.Round, string(v.Stage), v.VoterKey).
			First(&prev).Error
		switch {
		case err == nil:
			out.Replaced = true
			err = tx.Model(&VoteRow{}).Where("id = ?", prev.ID).Updates(map[string]any{"voter_name": v.VoterName,
				"choice": string(v.Choice), "comment": v.Comment, "conditions": string(conds), "details": v.Details, "updated_at": now}).Error
		case isNotFound(err):
			err = tx.Create(&VoteRow{RequestID: v.RequestID, Round: v.Round, Stage: string(v.Stage), VoterKey: v.VoterKey,
				VoterName: v.VoterName, Choice: string(v.Choice), Comment: v.Comment, Conditions: string(conds), Details: v.Details,
				CreatedAt: now, UpdatedAt: now}).Error
		}
		if err != nil {
			return err
		}
		if err := appendAudit(tx, now, v.Entry(out.Replaced)); err != nil {
			return err
		}
		votes, err := votesOf(tx, v.RequestID, v.Round, v.Stage)
		if err != nil {
			return err
		}
		d, plan, err := closer(withAnswers(row), votes)
		if err != nil || d == nil {
			return err
		}
		if out.Result, err = decideTx(tx, now, *d, plan); err != nil {
			return err
		}
		out.Decision = d
		return nil
	})
	if err != nil {
		return workflow.Cast{}, err
	}
	return out, nil
}

// Votes returns the votes of one stage of a round, in the order members first voted
// (each with their latest choice); an empty stage returns every stage's votes of the
// round.
func (db *DB) Votes(ctx context.Context, id uint, round int, stage requests.Status) ([]workflow.Vote, error) {
	return votesOf(db.read(ctx), id, round, stage)
}

func votesOf(tx *gorm.DB, id uint, round int, stage requests.Status) ([]workflow.Vote, error) {
	q := tx.Where("request_id = ? AND round = ?", id, round)
	if stage != "" {
		q = q.Where("stage = ?", string(stage))
	}
	var rows []VoteRow
	if err := q.Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("votes of request %d: %w", id, err)
	}
	out := make([]workflow.Vote, len(rows))
	for i, r := range rows {
		var conds []workflow.Condition
		if r.Conditions != "" {
			if err := json.Unmarshal([]byte(r.Conditions), &conds); err != nil {
				return nil, fmt.Errorf("vote %d: conditions: %w", r.ID, err)
			}
		}
		out[i] = workflow.Vote{RequestID: r.RequestID, Round: r.Round, Stage: requests.Status(r.Stage), VoterKey: r.VoterKey,
			VoterName: r.VoterName, Choice: workflow.Choice(r.Choice), Comment: r.Comment, Conditions: conds, Details: r.Details,
			At: r.UpdatedAt}
	}
	return out, nil
}
