package storage

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/inventory"
	"gorm.io/gorm"
)

// ReplaceInventory replaces the whole inventory (uses, systems and their rules) in one
// transaction: an invalid inventory, or any failure, changes nothing. A system that
// survives the import keeps its owner and originating request, which the file does
// not carry (EFVP reminders go to the owner).
func (db *DB) ReplaceInventory(ctx context.Context, inv *inventory.Inventory) error {
	if err := inv.Validate(); err != nil {
		return err
	}
	return db.tx(ctx, func(tx *gorm.DB) error { return db.replaceInventory(tx, inv) })
}

// replaceInventory is ReplaceInventory inside tx, under the inventory lock: two
// imports at once (replicas starting together, a start-up and `iagbot inventory
// import`) run one after the other instead of inserting the same rows twice.
func (db *DB) replaceInventory(tx *gorm.DB, inv *inventory.Inventory) error {
	if err := db.lockInventory(tx); err != nil {
		return err
	}
	var old []SystemRow
	if err := tx.Select("id", "owner_key", "request_id").Find(&old).Error; err != nil {
		return err
	}
	kept := map[string]SystemRow{}
	for _, o := range old {
		kept[o.ID] = o
	}
	all := tx.Session(&gorm.Session{AllowGlobalUpdate: true})
	for _, row := range []any{&SystemUseRow{}, &SystemRow{}, &UseRow{}} {
		if err := all.Delete(row).Error; err != nil {
			return err
		}
	}
	uses := make([]UseRow, len(inv.Uses))
	for i, u := range inv.Uses {
		uses[i] = useRow(u, i)
	}
	if len(uses) > 0 {
		if err := tx.CreateInBatches(uses, 100).Error; err != nil {
			return fmt.Errorf("import uses: %w", err)
		}
	}
	now := db.Now()
	for i, s := range inv.Systems {
		row := systemRow(s, i, now)
		row.OwnerKey, row.RequestID = kept[s.ID].OwnerKey, kept[s.ID].RequestID
		if err := writeSystem(tx, row, s); err != nil {
			return err
		}
	}
	return nil
}

// Inventory returns the inventory in the order it was imported, so that an export
// re-imports unchanged. An empty database gives an empty inventory.
func (db *DB) Inventory(ctx context.Context) (*inventory.Inventory, error) {
	return loadInventory(db.read(ctx))
}

// InventoryEmpty reports whether the database holds no use and no system yet.
func (db *DB) InventoryEmpty(ctx context.Context) (bool, error) {
	n, err := count(db.read(ctx), &UseRow{}, "")
	if err == nil && n == 0 {
		n, err = count(db.read(ctx), &SystemRow{}, "")
	}
	return n == 0, err
}

// count counts the rows of a table, or those with the given id.
func count(tx *gorm.DB, row any, id string) (int64, error) {
	var n int64
	q := tx.Model(row)
	if id != "" {
		q = q.Where("id = ?", id)
	}
	return n, q.Count(&n).Error
}

// UpsertSystem adds a system, or replaces the one with the same id (its rules too),
// after checking the whole inventory with it (unknown uses, a name or alias taken by
// another system…): a system that adds a problem returns *inventory.ValidationError
// and changes nothing. Problems already in the database (a rule written by the review
// workflow without English conditions) do not block it. A replaced system keeps its
// place, owner and originating request.
func (db *DB) UpsertSystem(ctx context.Context, s inventory.System) error {
	return db.tx(ctx, func(tx *gorm.DB) error {
		inv, err := loadInventory(tx)
		if err != nil {
			return err
		}
		inv.Version = inventory.Version
		before := map[string]bool{}
		for _, p := range problems(inv) {
			before[p.Msg] = true
		}
		var prev SystemRow
		err = tx.Where("id = ?", s.ID).First(&prev).Error
		found := err == nil
		if err != nil && !isNotFound(err) {
			return err
		}
		if found {
			*inv.System(s.ID) = s
		} else {
			inv.Systems = append(inv.Systems, s)
			if err := tx.Model(&SystemRow{}).Select("COALESCE(MAX(position), -1) + 1").Scan(&prev.Position).Error; err != nil {
				return err
			}
		}
		var added []inventory.Problem
		for _, p := range problems(inv) {
			if !before[p.Msg] {
				added = append(added, p)
			}
		}
		if len(added) > 0 {
			return &inventory.ValidationError{Problems: added}
		}
		if err := tx.Where("system_id = ?", s.ID).Delete(&SystemUseRow{}).Error; err != nil {
			return err
		}
		row := systemRow(s, prev.Position, db.Now())
		row.OwnerKey, row.RequestID = prev.OwnerKey, prev.RequestID
		return writeSystem(tx, row, s)
	})
}

// problems returns inv's validation problems.
func problems(inv *inventory.Inventory) []inventory.Problem {
	if ve, ok := inv.Validate().(*inventory.ValidationError); ok {
		return ve.Problems
	}
	return nil
}

// writeSystem saves a system row and its rules, numbered in list order (permitted,
// restricted, forbidden) so that Inventory rebuilds each list in the same order.
func writeSystem(tx *gorm.DB, row SystemRow, s inventory.System) error {
	if err := tx.Save(&row).Error; err != nil {
		return fmt.Errorf("save system %s: %w", s.ID, err)
	}
	var rules []SystemUseRow
	for l := range s.Listings() {
		row := SystemUseRow{SystemID: s.ID, UseID: l.Use, Rule: string(l.Rule),
			ConditionsFR: l.Conditions.FR, ConditionsEN: l.Conditions.EN, Position: len(rules)}
		if e, ok := s.EffectiveFor(l.Use); ok {
			row.EffectiveFrom, row.TrainingBy = timeOf(e.From), timeOf(e.TrainingBy)
		}
		rules = append(rules, row)
	}
	if len(rules) == 0 {
		return nil
	}
	if err := tx.CreateInBatches(rules, 100).Error; err != nil {
		return fmt.Errorf("save rules of system %s: %w", s.ID, err)
	}
	return nil
}

func loadInventory(tx *gorm.DB) (*inventory.Inventory, error) {
	var (
		uses    []UseRow
		systems []SystemRow
		rules   []SystemUseRow
	)
	if err := tx.Order("position, id").Find(&uses).Error; err != nil {
		return nil, err
	}
	if err := tx.Order("position, id").Find(&systems).Error; err != nil {
		return nil, err
	}
	if err := tx.Order("system_id, position, use_id").Find(&rules).Error; err != nil {
		return nil, err
	}
	inv := &inventory.Inventory{Version: inventory.Version}
	for _, u := range uses {
		inv.Uses = append(inv.Uses, inventory.Use{
			ID: u.ID, Label: inventory.Text{FR: u.LabelFR, EN: u.LabelEN},
			Keywords:          inventory.Keywords{FR: fromJSON(u.KeywordsFR), EN: fromJSON(u.KeywordsEN)},
			AutomatedDecision: u.AutomatedDecision, Media: u.Media,
			Disclosure: inventory.Text{FR: u.DisclosureFR, EN: u.DisclosureEN},
		})
	}
	bySystem := map[string][]SystemUseRow{}
	for _, r := range rules {
		bySystem[r.SystemID] = append(bySystem[r.SystemID], r)
	}
	for _, r := range systems {
		s := inventory.System{ID: r.ID, Name: r.Name, Aliases: fromJSON(r.Aliases), Kind: inventory.Kind(r.Kind),
			Open: r.Open, Specialized: r.Specialized, Vendor: r.Vendor, Hosting: inventory.Hosting(r.Hosting),
			Status: inventory.Status(r.Status), StatusReason: r.StatusReason,
			EFVP: inventory.EFVP{Done: dateOf(r.EFVPDone), NextReview: dateOf(r.EFVPNextReview), Planned: dateOf(r.EFVPPlanned)}}
		for _, u := range bySystem[r.ID] {
			if u.EffectiveFrom != nil || u.TrainingBy != nil {
				s.Effective = append(s.Effective, inventory.Effective{Use: u.UseID, From: dateOf(u.EffectiveFrom),
					TrainingBy: dateOf(u.TrainingBy)})
			}
			switch inventory.Rule(u.Rule) {
			case inventory.Permitted:
				s.Permitted = append(s.Permitted, u.UseID)
			case inventory.Restricted:
				s.Restricted = append(s.Restricted, inventory.Restriction{Use: u.UseID,
					Conditions: inventory.Text{FR: u.ConditionsFR, EN: u.ConditionsEN}})
			case inventory.Forbidden:
				s.Forbidden = append(s.Forbidden, u.UseID)
			}
		}
		inv.Systems = append(inv.Systems, s)
	}
	return inv, nil
}

func useRow(u inventory.Use, pos int) UseRow {
	return UseRow{ID: u.ID, LabelFR: u.Label.FR, LabelEN: u.Label.EN, KeywordsFR: toJSON(u.Keywords.FR),
		KeywordsEN: toJSON(u.Keywords.EN), AutomatedDecision: u.AutomatedDecision, Media: u.Media,
		DisclosureFR: u.Disclosure.FR, DisclosureEN: u.Disclosure.EN, Position: pos}
}

func systemRow(s inventory.System, pos int, now time.Time) SystemRow {
	return SystemRow{ID: s.ID, Name: s.Name, Aliases: toJSON(s.Aliases), Kind: string(s.Kind), Open: s.Open,
		Specialized: s.Specialized, Vendor: s.Vendor, Hosting: string(s.Hosting), Status: string(s.Status),
		StatusReason: s.StatusReason, EFVPDone: timeOf(s.EFVP.Done), EFVPNextReview: timeOf(s.EFVP.NextReview),
		EFVPPlanned: timeOf(s.EFVP.Planned), Position: pos, UpdatedAt: now}
}

func toJSON(list []string) string {
	if len(list) == 0 {
		return "[]"
	}
	b, _ := json.Marshal(list)
	return string(b)
}

// fromJSON reads a JSON array column; an empty list reads as nil, as Parse gives it.
func fromJSON(s string) []string {
	var list []string
	if json.Unmarshal([]byte(s), &list) != nil || len(list) == 0 {
		return nil
	}
	return list
}

// notFound returns err, or bot.ErrNotFound for what when err is nil.
func notFound(err error, what string) error {
	if err != nil {
		return err
	}
	return fmt.Errorf("%s: %w", what, bot.ErrNotFound)
}

func timeOf(d inventory.Date) *time.Time {
	if d.IsZero() {
		return nil
	}
	t := d.Time()
	return &t
}

// dateOf reads the day of a stored time in the zone it was written with.
func dateOf(t *time.Time) inventory.Date {
	if t == nil {
		return inventory.Date{}
	}
	return inventory.DateOf(*t)
}
