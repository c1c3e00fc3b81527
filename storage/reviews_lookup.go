package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode"

	"github.com/cssdgs/iagbot/bot"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
	"gorm.io/gorm"
)

// Lookups of the inventory for the review workflow: a system by name, the use
// taxonomy, and ids made from names.

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

// newID makes an inventory id for model from a name ("ChatGPT Édu" → "chatgpt-edu"),
// numbered when already taken.
func newID(tx *gorm.DB, model any, name string) (string, error) {
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
