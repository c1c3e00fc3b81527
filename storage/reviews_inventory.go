package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"
	"unicode"

	"github.com/cssdgs/iagbot/bot"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
	"gorm.io/gorm/clause"
)

// ReviewApproval is what an approval writes into the inventory (6.1): the system, the
// uses CODIR-IN ruled on, the EFVP dates (6.3.2) and the training calendar (7).
type ReviewApproval struct {
	SystemName string
	Vendor     string
	Kind       string // public | private
	Hosting    string // quebec | canada | foreign
	Uses       []UseRuling
	EFVPDone   *time.Time
	// EFVPNextReview is when the EFVP must be revised; reminders derive from it.
	EFVPNextReview time.Time
	// OwnerKey is the requester: EFVP and training reminders go to them.
	OwnerKey string
	// Training is the calendar; the owner's TrainingRow gets its first session.
	Training []time.Time
}

// UseRuling is one use permitted, restricted (with conditions) or forbidden.
type UseRuling struct {
	UseID        string
	Rule         string // permitted | restricted | forbidden
	ConditionsFR string
	ConditionsEN string
}

// ApprovalResult says where an approval landed in the inventory.
type ApprovalResult struct {
	SystemID string
	// Status is the system's status after the approval: "approved" for a new system;
	// an existing suspended or withdrawn system keeps its status, which only an
	// administrator changes.
	Status string
}

// applyApproval writes an approval into the inventory inside the decision's
// transaction, with its own audit entry, so that the next "may I use X?" answers from
// it. A system already in the inventory (same name or alias, compared without case,
// accents or punctuation) is updated rather than duplicated.
func applyApproval(tx *gorm.DB, now time.Time, d ReviewDecision, a ReviewApproval) (ApprovalResult, error) {
	sys, found, err := findSystem(tx, a.SystemName)
	if err != nil {
		return ApprovalResult{}, err
	}
	from := ""
	if found {
		from = sys.Status
	} else {
		id, err := newSystemID(tx, a.SystemName)
		if err != nil {
			return ApprovalResult{}, err
		}
		var pos int
		if err := tx.Model(&SystemRow{}).Select("COALESCE(MAX(position), -1) + 1").Scan(&pos).Error; err != nil {
			return ApprovalResult{}, err
		}
		sys = SystemRow{ID: id, Name: strings.TrimSpace(a.SystemName), Aliases: "[]", Status: "approved", Position: pos}
	}
	next := a.EFVPNextReview
	rid := d.RequestID
	sys.Kind, sys.Vendor, sys.Hosting = a.Kind, a.Vendor, a.Hosting
	sys.EFVPDone, sys.EFVPNextReview, sys.OwnerKey, sys.RequestID, sys.UpdatedAt = a.EFVPDone, &next, a.OwnerKey, &rid, now
	if err := tx.Save(&sys).Error; err != nil {
		return ApprovalResult{}, fmt.Errorf("approve system %s: %w", sys.ID, err)
	}
	var rulings []string
	for i, u := range a.Uses {
		row := SystemUseRow{SystemID: sys.ID, UseID: u.UseID, Rule: u.Rule, ConditionsFR: u.ConditionsFR,
			ConditionsEN: u.ConditionsEN, Position: i}
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "system_id"}, {Name: "use_id"}},
			DoUpdates: clause.AssignmentColumns([]string{"rule", "conditions_fr", "conditions_en"}),
		}).Create(&row).Error
		if err != nil {
			return ApprovalResult{}, fmt.Errorf("approve use %s of %s: %w", u.UseID, sys.ID, err)
		}
		rulings = append(rulings, u.UseID+"="+u.Rule)
	}
	if a.OwnerKey != "" && len(a.Training) > 0 {
		first := a.Training[0]
		for _, t := range a.Training[1:] {
			if t.Before(first) {
				first = t
			}
		}
		err := tx.Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "request_id"}, {Name: "person_key"}},
			DoUpdates: clause.AssignmentColumns([]string{"session_at"}),
		}).Create(&TrainingRow{RequestID: d.RequestID, PersonKey: a.OwnerKey, SessionAt: &first}).Error
		if err != nil {
			return ApprovalResult{}, fmt.Errorf("training of request %d: %w", d.RequestID, err)
		}
	}
	err = appendAudit(tx, now, AuditEntry{ActorKey: d.ActorKey, ActorName: d.ActorName, Action: "inventory.approve",
		Subject: "system:" + sys.ID, From: from, To: sys.Status,
		Comment:  fmt.Sprintf("request %d: %s", d.RequestID, strings.Join(rulings, ", ")),
		Sections: []string{"6.1", "6.3.3", "8"}})
	return ApprovalResult{SystemID: sys.ID, Status: sys.Status}, err
}

// SystemInfo is what the review workflow and the administrators' commands need of a
// system of the inventory.
type SystemInfo struct {
	ID          string
	Name        string
	Kind        string
	Hosting     string
	Status      string
	Open        *bool
	Specialized *bool
}

// FindSystem returns the system named name (or one of its aliases), compared without
// case, accents or punctuation; bot.ErrNotFound when the inventory has none.
func (db *DB) FindSystem(ctx context.Context, name string) (SystemInfo, error) {
	row, found, err := findSystem(db.read(ctx), name)
	if err != nil {
		return SystemInfo{}, err
	}
	if !found {
		return SystemInfo{}, bot.ErrNotFound
	}
	return SystemInfo{ID: row.ID, Name: row.Name, Kind: row.Kind, Hosting: row.Hosting, Status: row.Status,
		Open: row.Open, Specialized: row.Specialized}, nil
}

func findSystem(tx *gorm.DB, name string) (SystemRow, bool, error) {
	want := compactName(name)
	if want == "" {
		return SystemRow{}, false, nil
	}
	var rows []SystemRow
	if err := tx.Order("position").Find(&rows).Error; err != nil {
		return SystemRow{}, false, err
	}
	for _, r := range rows {
		names := []string{r.ID, r.Name}
		var aliases []string
		if json.Unmarshal([]byte(r.Aliases), &aliases) == nil {
			names = append(names, aliases...)
		}
		for _, n := range names {
			if compactName(n) == want {
				return r, true, nil
			}
		}
	}
	return SystemRow{}, false, nil
}

// newSystemID makes an inventory id from a name ("ChatGPT Édu" → "chatgpt-edu"),
// numbered when already taken.
func newSystemID(tx *gorm.DB, name string) (string, error) {
	var b strings.Builder
	dash := false
	for _, r := range foldName(name) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			dash = false
		} else if !dash && b.Len() > 0 {
			b.WriteByte('-')
			dash = true
		}
	}
	base := strings.Trim(b.String(), "-")
	if len(base) > 56 {
		base = strings.Trim(base[:56], "-")
	}
	if base == "" {
		base = "system"
	}
	for n := 1; ; n++ {
		id := base
		if n > 1 {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		var count int64
		if err := tx.Model(&SystemRow{}).Where("id = ?", id).Count(&count).Error; err != nil {
			return "", err
		}
		if count == 0 {
			return id, nil
		}
	}
}

func foldName(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		return strings.ToLower(s)
	}
	return out
}

func compactName(s string) string {
	var b strings.Builder
	for _, r := range foldName(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// UseLabel is a use of the taxonomy, as cards show it.
type UseLabel struct {
	ID                string
	LabelFR           string
	LabelEN           string
	AutomatedDecision bool
}

// UseLabels returns the use taxonomy in inventory order.
func (db *DB) UseLabels(ctx context.Context) ([]UseLabel, error) {
	var rows []UseRow
	if err := db.read(ctx).Order("position").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]UseLabel, len(rows))
	for i, r := range rows {
		out[i] = UseLabel{ID: r.ID, LabelFR: r.LabelFR, LabelEN: r.LabelEN, AutomatedDecision: r.AutomatedDecision}
	}
	return out, nil
}
