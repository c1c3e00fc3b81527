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
)

// This file stores the consultations of the SGC and the SPOA (procedure 30-02, 8):
// a deciding stage asks, a member of the consulted role answers once. The rules are
// workflow's (CheckConsult, CheckOpinion); the database makes both exactly-once.

// ConsultationRow is one consultation and its opinion. Seq numbers the consultations
// of one role by one stage of a round; the unique index makes two replicas asking at
// once record one consultation.
type ConsultationRow struct {
	ID          uint   `gorm:"primaryKey"`
	RequestID   uint   `gorm:"uniqueIndex:idx_consultation_once"`
	Round       int    `gorm:"uniqueIndex:idx_consultation_once"`
	Stage       string `gorm:"uniqueIndex:idx_consultation_once;size:32"`
	Role        string `gorm:"uniqueIndex:idx_consultation_once;size:32"`
	Seq         int    `gorm:"uniqueIndex:idx_consultation_once"`
	AskedByKey  string
	AskedByName string
	Question    string
	AskedAt     time.Time
	Opinion     string `gorm:"size:16"` // "" until given: favourable | reserved | unfavourable
	Text        string
	ByKey       string
	ByName      string
	AnsweredAt  *time.Time
}

// AskConsultation records c (its ID, Seq and AskedAt are set here) with its audit
// entry, in one transaction, and returns it. It returns bot.ErrConflict, and changes
// nothing, when a consultation of c.Role by that stage and round is still waiting for
// its opinion, or when the request is no longer in c.Stage of c.Round.
func (db *DB) AskConsultation(ctx context.Context, c workflow.Consultation) (workflow.Consultation, error) {
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var n int64
		err := tx.Model(&RequestRow{}).Where("id = ? AND status = ? AND round = ?", c.RequestID, string(c.Stage), c.Round).Count(&n).Error
		if err != nil {
			return err
		}
		if n == 0 {
			return fmt.Errorf("request no longer in %s round %d: %w", c.Stage, c.Round, bot.ErrConflict)
		}
		var last ConsultationRow
		err = tx.Where("request_id = ? AND round = ? AND stage = ? AND role = ?", c.RequestID, c.Round, string(c.Stage), c.Role).
			Order("seq DESC").First(&last).Error
		seq := 1
		switch {
		case err == nil && last.Opinion == "":
			return fmt.Errorf("%s already consulted: %w", c.Role, bot.ErrConflict)
		case err == nil:
			seq = last.Seq + 1
		case !isNotFound(err):
			return err
		}
		now := db.Now()
		row := ConsultationRow{RequestID: c.RequestID, Round: c.Round, Stage: string(c.Stage), Role: c.Role, Seq: seq,
			AskedByKey: c.AskedByKey, AskedByName: c.AskedByName, Question: c.Question, AskedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			if isDuplicate(err) {
				return fmt.Errorf("%s consulted at the same time: %w", c.Role, bot.ErrConflict)
			}
			return err
		}
		c = toConsultation(row)
		return appendAudit(tx, now, c.AskEntry())
	})
	if err != nil {
		return workflow.Consultation{}, fmt.Errorf("consult on request %d: %w", c.RequestID, err)
	}
	return c, nil
}

// GiveOpinion records the opinion of consultation id with its audit entry, which says
// whether it came after the stage's decision, in one transaction, and returns the
// consultation. It returns bot.ErrConflict, and changes nothing, when the opinion was
// already given (a double click, another member, another replica), and
// bot.ErrNotFound for no such consultation.
func (db *DB) GiveOpinion(ctx context.Context, id uint, o workflow.Opinion, text, byKey, byName string) (workflow.Consultation, error) {
	var out workflow.Consultation
	err := db.tx(ctx, func(tx *gorm.DB) error {
		now := db.Now()
		res := tx.Model(&ConsultationRow{}).Where("id = ? AND opinion = ?", id, "").
			Updates(map[string]any{"opinion": string(o), "text": text, "by_key": byKey, "by_name": byName, "answered_at": now})
		if res.Error != nil {
			return res.Error
		}
		var row ConsultationRow
		if err := tx.First(&row, id).Error; err != nil {
			if isNotFound(err) {
				return bot.ErrNotFound
			}
			return err
		}
		if res.RowsAffected == 0 {
			return fmt.Errorf("opinion already given: %w", bot.ErrConflict)
		}
		out = toConsultation(row)
		var d DecisionRow
		err := tx.Where("request_id = ? AND round = ? AND stage = ?", row.RequestID, row.Round, row.Stage).First(&d).Error
		if err != nil && !isNotFound(err) {
			return err
		}
		return appendAudit(tx, now, out.OpinionEntry(err == nil && out.AfterDecision(toDecision(d))))
	})
	if err != nil {
		return workflow.Consultation{}, fmt.Errorf("opinion on consultation %d: %w", id, err)
	}
	return out, nil
}

// Consultation returns consultation id, or bot.ErrNotFound.
func (db *DB) Consultation(ctx context.Context, id uint) (workflow.Consultation, error) {
	var row ConsultationRow
	err := db.read(ctx).First(&row, id).Error
	if isNotFound(err) {
		return workflow.Consultation{}, bot.ErrNotFound
	}
	if err != nil {
		return workflow.Consultation{}, err
	}
	return toConsultation(row), nil
}

// Consultations returns the consultations on request id, every round, oldest first.
func (db *DB) Consultations(ctx context.Context, id uint) ([]workflow.Consultation, error) {
	var rows []ConsultationRow
	if err := db.read(ctx).Where("request_id = ?", id).Order("id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("consultations of request %d: %w", id, err)
	}
	out := make([]workflow.Consultation, len(rows))
	for i, r := range rows {
		out[i] = toConsultation(r)
	}
	return out, nil
}

// AwaitedConsultations returns the consultations of any of roles still waiting for
// their opinion, oldest first, at most limit of them.
func (db *DB) AwaitedConsultations(ctx context.Context, roles []string, limit int) ([]workflow.Consultation, error) {
	var rows []ConsultationRow
	err := db.read(ctx).Where("opinion = ? AND role IN ?", "", roles).Order("id").Limit(limit).Find(&rows).Error
	if err != nil {
		return nil, fmt.Errorf("awaited consultations: %w", err)
	}
	out := make([]workflow.Consultation, len(rows))
	for i, r := range rows {
		out[i] = toConsultation(r)
	}
	return out, nil
}

// AddConsultationCard remembers where the card of consultation id was posted (for
// request requestID), so that a button acts only on it and it is updated in place.
func (db *DB) AddConsultationCard(ctx context.Context, requestID, id uint, m bot.MessageRef) error {
	b, err := json.Marshal(m)
	if err != nil {
		return err
	}
	return db.read(ctx).Create(&PostedCardRow{RequestID: requestID, Stage: consultStage(id), Ref: string(b), CreatedAt: db.Now()}).Error
}

// ConsultationCards returns where the card of consultation id was posted.
func (db *DB) ConsultationCards(ctx context.Context, requestID, id uint) ([]bot.MessageRef, error) {
	return db.postedCards(ctx, requestID, consultStage(id))
}

// consultStage is the PostedCardRow.Stage of a consultation's card; no review stage
// starts with "consult".
func consultStage(id uint) string { return fmt.Sprintf("consult/%d", id) }

func toConsultation(r ConsultationRow) workflow.Consultation {
	return workflow.Consultation{ID: r.ID, RequestID: r.RequestID, Round: r.Round, Stage: requests.Status(r.Stage), Role: r.Role,
		AskedByKey: r.AskedByKey, AskedByName: r.AskedByName, Question: r.Question, AskedAt: r.AskedAt,
		Opinion: workflow.Opinion(r.Opinion), Text: r.Text, ByKey: r.ByKey, ByName: r.ByName, AnsweredAt: r.AnsweredAt}
}
