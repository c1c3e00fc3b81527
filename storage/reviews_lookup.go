package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
)

// Lookups of the inventory for the review workflow: a system by name, the use
// taxonomy, and ids made from names.

// FindSystem returns the system named name (or one of its aliases), compared without
// case, accents or punctuation; bot.ErrNotFound when the inventory has none.
func (db *DB) FindSystem(ctx context.Context, name string) (workflow.System, error) {
	row, found, err := findSystem(db.read(ctx), name)
	if err != nil {
		return workflow.System{}, err
	}
	if !found {
		return workflow.System{}, bot.ErrNotFound
	}
	return toSystem(row), nil
}

func toSystem(r SystemRow) workflow.System {
	var aliases []string
	_ = json.Unmarshal([]byte(r.Aliases), &aliases) // a malformed list reads as none
	return workflow.System{ID: r.ID, Name: r.Name, Kind: r.Kind, Vendor: r.Vendor, Hosting: r.Hosting, Status: r.Status,
		Open: r.Open, Specialized: r.Specialized, EFVPDone: r.EFVPDone, EFVPNextReview: r.EFVPNextReview, EFVPPlanned: r.EFVPPlanned,
		OwnerKey: r.OwnerKey, RequestID: r.RequestID, Aliases: aliases}
}

func findSystem(tx *gorm.DB, name string) (SystemRow, bool, error) {
	want := text.Compact(name)
	if want == "" {
		return SystemRow{}, false, nil
	}
	var rows []SystemRow
	if err := tx.Order("position").Find(&rows).Error; err != nil {
		return SystemRow{}, false, err
	}
	// The one system a typo away, when no name matches exactly (workflow.NameMatch).
	var near []SystemRow
	for _, r := range rows {
		names := []string{r.ID, r.Name}
		var aliases []string
		if json.Unmarshal([]byte(r.Aliases), &aliases) == nil {
			names = append(names, aliases...)
		}
		exact, typo := workflow.NameMatch(name, names)
		if exact {
			return r, true, nil
		}
		if typo {
			near = append(near, r)
		}
	}
	if len(near) == 1 {
		return near[0], true, nil
	}
	return SystemRow{}, false, nil
}

// newID makes an inventory id for model from a name ("ChatGPT Édu" → "chatgpt-edu"),
// numbered when a row has it already or taken (when not nil) holds it.
func newID(tx *gorm.DB, model any, name string, taken func(string) bool) (string, error) {
	var b strings.Builder
	dash := false
	// Only a-z and 0-9 are kept: inventory ids allow nothing else (an "ø" or "ß" that
	// folding leaves would make the inventory invalid).
	for _, r := range text.Fold(name) {
		if (r >= 'a' && r <= 'z') || (r >= '0' && r <= '9') {
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
		base = "item"
	}
	for n := 1; ; n++ {
		id := base
		if n > 1 {
			id = fmt.Sprintf("%s-%d", base, n)
		}
		var count int64
		if err := tx.Model(model).Where("id = ?", id).Count(&count).Error; err != nil {
			return "", err
		}
		if count == 0 && (taken == nil || !taken(id)) {
			return id, nil
		}
	}
}

// UseLabels returns the use taxonomy in inventory order.
func (db *DB) UseLabels(ctx context.Context) ([]workflow.UseLabel, error) {
	return useLabels(db.read(ctx))
}

func useLabels(tx *gorm.DB) ([]workflow.UseLabel, error) {
	var rows []UseRow
	if err := tx.Order("position").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]workflow.UseLabel, len(rows))
	for i, r := range rows {
		out[i] = workflow.UseLabel{ID: r.ID, LabelFR: r.LabelFR, LabelEN: r.LabelEN, AutomatedDecision: r.AutomatedDecision}
	}
	return out, nil
}
