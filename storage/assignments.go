package storage

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
)

func toAssignment(r AssignmentRow) workflow.Assignment {
	return workflow.Assignment{ID: r.ID, RequestID: r.RequestID, Round: r.Round, Stage: requests.Status(r.Stage),
		ToKey: r.ToKey, ToName: r.ToName, ToRole: r.ToRole, Reason: r.Reason,
		By: audit.Actor{Key: r.ByKey, Name: r.ByName}, At: r.CreatedAt}
}

func currentAssignment(tx *gorm.DB, id uint, round int, stage requests.Status) (*workflow.Assignment, error) {
	var row AssignmentRow
	err := tx.Where("request_id = ? AND round = ? AND stage = ?", id, round, string(stage)).Order("id DESC").First(&row).Error
	if isNotFound(err) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	a := toAssignment(row)
	return &a, nil
}

// Assignment returns where a request's stage of round was last reassigned, or
// bot.ErrNotFound when it never was.
func (db *DB) Assignment(ctx context.Context, id uint, round int, stage requests.Status) (workflow.Assignment, error) {
	a, err := currentAssignment(db.read(ctx), id, round, stage)
	switch {
	case err != nil:
		return workflow.Assignment{}, err
	case a == nil:
		return workflow.Assignment{}, bot.ErrNotFound
	}
	return *a, nil
}

// Reassign moves the request's pending stage as a says, after workflow.CheckAssignment
// on the request as this transaction reads it, with the audit entry naming the
// assignee before and after. The cards posted for the stage so far stop counting as
// its cards (PostedCards no longer returns them), so their buttons act no more; the
// new assignee's cards are added by AddPostedCard as usual. It returns where the stage
// was before ("role:ROLE" or a member's key) and the workflow's error when refused.
func (db *DB) Reassign(ctx context.Context, a workflow.Assignment) (string, error) {
	var before string
	err := db.tx(ctx, func(tx *gorm.DB) error {
		row, err := loadRequestRow(tx.Preload("Answers"), a.RequestID)
		if err != nil {
			return err
		}
		r := withAnswers(row)
		cur, err := currentAssignment(tx, a.RequestID, a.Round, a.Stage)
		if err != nil {
			return err
		}
		if err := workflow.CheckAssignment(r, a, cur); err != nil {
			return err
		}
		before = "role:" + stageRoleOf(a.Stage)
		if cur != nil {
			before = cur.Assignee()
		}
		now := db.Now()
		ar := AssignmentRow{RequestID: a.RequestID, Round: a.Round, Stage: string(a.Stage), ToKey: a.ToKey, ToName: a.ToName,
			ToRole: a.ToRole, Reason: a.Reason, ByKey: a.By.Key, ByName: a.By.Name, CreatedAt: now}
		if err := tx.Create(&ar).Error; err != nil {
			return err
		}
		cards := cardStage(a.Stage, a.Round)
		err = tx.Model(&PostedCardRow{}).Where("request_id = ? AND stage = ?", a.RequestID, cards).
			Update("stage", fmt.Sprintf("%s~%d", cards, ar.ID)).Error
		if err != nil {
			return err
		}
		return appendAudit(tx, now, a.Entry(before))
	})
	return before, err
}

func stageRoleOf(st requests.Status) string {
	s, _ := workflow.StageOf(st)
	return s.Role
}

// CurrentAssignments returns where each reassigned stage is now (the latest
// assignment of each request, round and stage) for the requests waiting at a review
// stage: the reminders nudge the assignee.
func (db *DB) CurrentAssignments(ctx context.Context) ([]workflow.Assignment, error) {
	var rows []AssignmentRow
	err := db.read(ctx).Joins("JOIN request_rows ON request_rows.id = assignment_rows.request_id AND request_rows.round = assignment_rows.round AND request_rows.status = assignment_rows.stage").
		Order("assignment_rows.id").Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("assignments: %w", err)
	}
	last := map[string]int{}
	var out []workflow.Assignment
	for _, r := range rows {
		k := fmt.Sprintf("%d/%d/%s", r.RequestID, r.Round, r.Stage)
		if i, ok := last[k]; ok {
			out[i] = toAssignment(r)
			continue
		}
		last[k] = len(out)
		out = append(out, toAssignment(r))
	}
	return out, nil
}
