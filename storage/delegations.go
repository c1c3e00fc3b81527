package storage

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/workflow"
	"gorm.io/gorm"
)

// DelegationRow is a reviewer's dated absence and who stands in for them
// (workflow.Delegation). Rows are never deleted: a cancelled one keeps its dates and
// gets ended_at, so `iagbot delegations list --all` shows what was in force when.
type DelegationRow struct {
	ID           uint   `gorm:"primaryKey"`
	PersonKey    string `gorm:"index;size:255"`
	PersonName   string
	DelegateKey  string `gorm:"index;size:255"`
	DelegateName string
	FromDay      time.Time
	ToDay        time.Time
	ByKey        string
	ByName       string
	CreatedAt    time.Time
	EndedAt      *time.Time
}

// AssignmentRow is a pending stage moved by an administrator (workflow.Assignment);
// the latest row of a request's stage and round is where the stage is now.
type AssignmentRow struct {
	ID        uint `gorm:"primaryKey"`
	RequestID uint `gorm:"index"`
	Round     int
	Stage     string `gorm:"size:32"`
	ToKey     string
	ToName    string
	ToRole    string `gorm:"size:32"`
	Reason    string
	ByKey     string
	ByName    string
	CreatedAt time.Time
}

func toDelegation(r DelegationRow) workflow.Delegation {
	return workflow.Delegation{ID: r.ID, PersonKey: r.PersonKey, PersonName: r.PersonName, DelegateKey: r.DelegateKey,
		DelegateName: r.DelegateName, From: r.FromDay.UTC(), To: r.ToDay.UTC(), ByKey: r.ByKey, ByName: r.ByName,
		CreatedAt: r.CreatedAt, EndedAt: r.EndedAt}
}

// AddDelegation records d after checking it (workflow.CheckDelegation) against the
// delegations of the person and of the delegate, as of today, with its audit entry, in
// one transaction. It returns the workflow's error when d is refused.
func (db *DB) AddDelegation(ctx context.Context, d workflow.Delegation, today time.Time) (workflow.Delegation, error) {
	err := db.tx(ctx, func(tx *gorm.DB) error {
		if db.postgres {
			// Two replicas recording overlapping absences at once: the second waits and
			// then sees the first (SQLite serialises writers by itself).
			if err := tx.Exec("SELECT pg_advisory_xact_lock(hashtext('iagbot.delegation.' || current_schema()))").Error; err != nil {
				return err
			}
		}
		var rows []DelegationRow
		keys := []string{d.PersonKey}
		if d.DelegateKey != "" {
			keys = append(keys, d.DelegateKey)
		}
		if err := tx.Where("person_key IN ?", keys).Find(&rows).Error; err != nil {
			return err
		}
		existing := make([]workflow.Delegation, len(rows))
		for i, r := range rows {
			existing[i] = toDelegation(r)
		}
		if err := workflow.CheckDelegation(d, today, existing); err != nil {
			return err
		}
		now := db.Now()
		row := DelegationRow{PersonKey: d.PersonKey, PersonName: d.PersonName, DelegateKey: d.DelegateKey,
			DelegateName: d.DelegateName, FromDay: d.From, ToDay: d.To, ByKey: d.ByKey, ByName: d.ByName, CreatedAt: now}
		if err := tx.Create(&row).Error; err != nil {
			return err
		}
		d = toDelegation(row)
		return appendAudit(tx, now, delegationEntry("delegation.add", d, d.ByKey, d.ByName))
	})
	return d, err
}

func delegationEntry(action string, d workflow.Delegation, byKey, byName string) audit.Entry {
	to := d.DelegateKey
	if to == "" {
		to = "-"
	}
	return audit.Entry{ActorKey: byKey, ActorName: byName, Action: action, Subject: "person:" + d.PersonKey,
		To: to, Comment: d.From.Format(time.DateOnly) + ".." + d.To.Format(time.DateOnly), Sections: []string{"6.3.3"}}
}

// EndDelegations ends, as of at, the delegations of person not over on today (the one
// under way and those to come), with an audit entry each. It returns them, ended;
// bot.ErrNotFound when there is none.
func (db *DB) EndDelegations(ctx context.Context, person string, today, at time.Time, by audit.Actor) ([]workflow.Delegation, error) {
	var out []workflow.Delegation
	err := db.tx(ctx, func(tx *gorm.DB) error {
		var rows []DelegationRow
		if err := tx.Where("person_key = ? AND ended_at IS NULL", person).Order("from_day").Find(&rows).Error; err != nil {
			return err
		}
		now := db.Now()
		for _, r := range rows {
			d := toDelegation(r)
			if d.StatusOn(today) == workflow.Ended {
				continue
			}
			if err := tx.Model(&DelegationRow{}).Where("id = ? AND ended_at IS NULL", r.ID).Update("ended_at", at).Error; err != nil {
				return err
			}
			d.EndedAt = &at
			out = append(out, d)
			if err := appendAudit(tx, now, delegationEntry("delegation.end", d, by.Key, by.Name)); err != nil {
				return err
			}
		}
		if len(out) == 0 {
			return bot.ErrNotFound
		}
		return nil
	})
	return out, err
}

// Delegations returns every delegation recorded, the earliest first.
func (db *DB) Delegations(ctx context.Context) ([]workflow.Delegation, error) {
	var rows []DelegationRow
	if err := db.read(ctx).Order("from_day, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("delegations: %w", err)
	}
	out := make([]workflow.Delegation, len(rows))
	for i, r := range rows {
		out[i] = toDelegation(r)
	}
	return out, nil
}

// DelegationsOn returns the delegations that may cover day or come after it (ended
// ones and those cancelled are filtered by workflow's rules, not here).
func (db *DB) DelegationsOn(ctx context.Context, day time.Time) ([]workflow.Delegation, error) {
	var rows []DelegationRow
	if err := db.read(ctx).Where("to_day >= ?", day.AddDate(0, 0, -1)).Order("from_day, id").Find(&rows).Error; err != nil {
		return nil, fmt.Errorf("delegations: %w", err)
	}
	out := make([]workflow.Delegation, 0, len(rows))
	for _, r := range rows {
		if d := toDelegation(r); d.StatusOn(day) != workflow.Ended {
			out = append(out, d)
		}
	}
	return out, nil
}

// PeopleNamed returns the people whose display name is name (case aside), one per
// key, the most recently seen first: an administrator names an absent reviewer.
func (db *DB) PeopleNamed(ctx context.Context, name string) ([]bot.Person, error) {
	var rows []PersonRow
	err := db.read(ctx).Where("LOWER(name) = LOWER(?)", strings.TrimSpace(name)).Order("last_seen_at DESC").Find(&rows).Error
	if err != nil {
		return nil, err
	}
	seen := map[string]bool{}
	var out []bot.Person
	for _, r := range rows {
		if !seen[r.Key] {
			seen[r.Key] = true
			out = append(out, bot.Person{Key: r.Key, Channel: bot.Channel(r.Channel), UserID: r.UserID, Name: r.Name, Email: r.Email})
		}
	}
	return out, nil
}
