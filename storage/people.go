package storage

import (
	"cmp"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
)

// MeetPerson records that u was seen on ch now, keeping the 1:1 conversation
// reference when direct is given, and returns the language the person chose (empty
// when none).
func (db *DB) MeetPerson(ctx context.Context, key string, ch bot.Channel, u bot.User, direct *bot.ConversationRef) (string, error) {
	st, err := db.Meet(ctx, bot.Meeting{Key: key, Channel: ch, User: u, Direct: direct})
	return st.Chosen, err
}

// Meet records a sighting (see bot.Meeting) and returns the person's languages, which
// follow them across channels.
func (db *DB) Meet(ctx context.Context, m bot.Meeting) (bot.PersonLangs, error) {
	start, err := db.MeetTurn(ctx, m)
	return start.Langs, err
}

// MeetTurn is Meet, also returning the kinds of dialog the person has state for (as
// ActiveDialogs) and the inventory's revision (InventoryRev): what the engine reads
// at the start of every turn.
//
// It reads the person's rows, dialogs and the revision in one query, then writes the
// sighting only when it tells the database something new: another user id, name,
// e-mail, language or 1:1 conversation, or a last_seen_at older than sightingTTL (which
// is therefore at most that much behind). Every turn starts here and the write was a large share of a turn's
// cost. What is compared is the database's row, not a memory of this process, so a
// change made by another replica (a language written in, an erasure) is written back
// on the next message whichever replica takes it, and the languages and dialogs
// returned are always the database's.
//
// With m.EventKey, the key is recorded first, in the same operation: a key already
// recorded ends it with bot.ErrRedelivered, having read and written nothing else; a key
// that could not be recorded, with an error matching bot.ErrEventNotRecorded.
func (db *DB) MeetTurn(ctx context.Context, m bot.Meeting) (bot.TurnStart, error) {
	if k := m.EventKey; k != "" {
		if err := checkEventKey(k); err != nil {
			return bot.TurnStart{}, fmt.Errorf("%w: %w", bot.ErrEventNotRecorded, err)
		}
		if db.seen.has(k) {
			return bot.TurnStart{}, bot.ErrRedelivered
		}
	}
	now := db.Now()
	u := m.User
	sighting := PersonRow{Key: m.Key, Channel: string(m.Channel), UserID: u.ID, Name: u.Name, Email: u.Email,
		LastLang: m.Detected, LastSeenAt: now, CreatedAt: now}
	if m.Direct != nil {
		b, err := json.Marshal(m.Direct)
		if err != nil {
			return bot.TurnStart{}, err
		}
		sighting.DirectRef = string(b)
	}
	var (
		people                []PersonRow
		start                 bot.TurnStart
		recorded, redelivered bool
	)
	// One operation on the lane: the event key, the read, then the sighting it calls
	// for. It may run twice (see commitBatch), so it starts afresh each time.
	err := db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		recorded, redelivered = false, false
		if m.EventKey != "" {
			first, err := db.recordEvent(ctx, tx, m.EventKey, now)
			if err != nil {
				return err
			}
			if recorded, redelivered = true, !first; redelivered {
				return nil
			}
		}
		var err error
		if people, start.Dialogs, start.InventoryRev, err = db.turnStart(ctx, tx, m.Key); err != nil {
			return err
		}
		row := sighting
		cur := slices.IndexFunc(people, func(p PersonRow) bool { return p.Channel == row.Channel })
		// tells: the row lacks what the turn tells beyond a time and a language written
		// in; otherwise a narrower update serves (writeSightingOn).
		tells := cur < 0 || people[cur].UserID != u.ID ||
			u.Name != "" && people[cur].Name != u.Name ||
			u.Email != "" && people[cur].Email != u.Email ||
			m.Direct != nil && people[cur].DirectRef != row.DirectRef
		if !tells && (m.Detected == "" || people[cur].LastLang == m.Detected) && now.Sub(people[cur].LastSeenAt) < sightingTTL {
			return nil
		}
		if err := db.writeSightingOn(ctx, tx, &row, !tells); err != nil {
			return err
		}
		// As read after the write: this channel, seen now, comes first.
		if cur >= 0 {
			row.Lang = people[cur].Lang
			row.LastLang = cmp.Or(m.Detected, people[cur].LastLang)
			people = slices.Delete(people, cur, cur+1)
		}
		people = slices.Insert(people, 0, row)
		return nil
	})
	if err != nil {
		if m.EventKey != "" && !recorded {
			return bot.TurnStart{}, fmt.Errorf("record inbound event: %w: %w", bot.ErrEventNotRecorded, err)
		}
		return bot.TurnStart{}, fmt.Errorf("meet person: %w", err)
	}
	if m.EventKey != "" {
		db.seen.add(m.EventKey)
	}
	if redelivered {
		return bot.TurnStart{}, bot.ErrRedelivered
	}
	for _, p := range people {
		start.Langs.Chosen, start.Langs.Last = cmp.Or(start.Langs.Chosen, p.Lang), cmp.Or(start.Langs.Last, p.LastLang)
	}
	return start, nil
}

// turnStartSQL reads a person's rows on every channel (kind 0), their fresh dialog
// states (kind 1) and the inventory's revision (kind 2, as text in the second column)
// in one round trip. It has no ORDER BY: SQLite marks a statement whose ORDER BY it
// compared with a bound parameter ("key = ?") as expiring whenever that parameter is
// bound again, and so compiled it afresh on every turn, which cost more than the
// query; the few rows are sorted here instead.
const turnStartSQL = `SELECT 0 AS kind, channel, COALESCE(user_id, ''), COALESCE(name, ''), COALESCE(email, ''),
  COALESCE(lang, ''), COALESCE(last_lang, ''), COALESCE(direct_ref, ''), last_seen_at AS at
  FROM person_rows WHERE key = ?
UNION ALL
SELECT 1, kind, '', '', '', '', '', '', updated_at FROM dialog_rows WHERE person_key = ? AND updated_at >= ?
UNION ALL
SELECT 2, CAST(rev AS TEXT), '', '', '', '', '', '', NULL FROM inventory_rev_rows WHERE id = 1`

// sightingSQL writes a sighting: a new row, or on the person's row for the channel the
// user id and time, and the name, e-mail, language written in and 1:1 conversation
// when the sighting has them (an empty one keeps what the row has; a conversation
// reference is never empty JSON). The chosen language (lang) is left alone.
const sightingSQL = `INSERT INTO person_rows (key, channel, user_id, name, email, lang, last_lang, direct_ref, last_seen_at, created_at)
  VALUES (?, ?, ?, ?, ?, '', ?, ?, ?, ?)
  ON CONFLICT (key, channel) DO UPDATE SET user_id = excluded.user_id, last_seen_at = excluded.last_seen_at,
    name = COALESCE(NULLIF(excluded.name, ''), person_rows.name),
    email = COALESCE(NULLIF(excluded.email, ''), person_rows.email),
    last_lang = COALESCE(NULLIF(excluded.last_lang, ''), person_rows.last_lang),
    direct_ref = COALESCE(NULLIF(excluded.direct_ref, ''), person_rows.direct_ref)`

// seenSQL is sightingSQL's update when the row holds all the sighting tells but its
// time and language written in: SQLite then rewrites the row alone, not the entries
// of the indexes on the columns the upsert assigns (user id, e-mail).
const seenSQL = `UPDATE person_rows SET last_seen_at = ?, last_lang = COALESCE(NULLIF(?, ''), last_lang)
  WHERE key = ? AND channel = ?`

// writeSightingOn upserts row on tx (see sightingSQL), or with onlySeen updates its
// time and language (seenSQL), upserting if the row is gone meanwhile (an erasure).
// It leaves the chosen language alone.
func (db *DB) writeSightingOn(ctx context.Context, tx *batchTx, row *PersonRow, onlySeen bool) error {
	if onlySeen {
		res, err := db.execResult(ctx, tx, stmtSeen, row.LastSeenAt, row.LastLang, row.Key, row.Channel)
		if err != nil {
			return err
		}
		if n, err := res.RowsAffected(); err != nil || n == 1 {
			return err
		}
	}
	return db.execOn(ctx, tx, stmtSighting, row.Key, row.Channel, row.UserID, row.Name, row.Email, row.LastLang,
		row.DirectRef, row.LastSeenAt, row.CreatedAt)
}

// turnStart returns the person's rows, most recently seen first, the kinds of their
// fresh dialogs, most recently touched first (then by kind), and the inventory's
// revision.
func (db *DB) turnStart(ctx context.Context, tx *batchTx, key string) ([]PersonRow, []string, int64, error) {
	rows, err := db.queryOn(ctx, tx, stmtTurnStart, key, key, db.fresh())
	if err != nil {
		return nil, nil, 0, err
	}
	defer rows.Close()
	var (
		people  []PersonRow
		dialogs []dialogSeen
		rev     int64
	)
	for rows.Next() {
		var (
			kind int
			p    PersonRow
			at   sql.NullTime
		)
		if err := rows.Scan(&kind, &p.Channel, &p.UserID, &p.Name, &p.Email, &p.Lang, &p.LastLang, &p.DirectRef, &at); err != nil {
			return nil, nil, 0, err
		}
		p.LastSeenAt = at.Time
		switch kind {
		case 0:
			people = append(people, p)
		case 1:
			dialogs = append(dialogs, dialogSeen{kind: p.Channel, at: p.LastSeenAt})
		case 2:
			if rev, err = strconv.ParseInt(p.Channel, 10, 64); err != nil {
				return nil, nil, 0, fmt.Errorf("inventory revision: %w", err)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return nil, nil, 0, err
	}
	slices.SortStableFunc(people, func(a, b PersonRow) int { return b.LastSeenAt.Compare(a.LastSeenAt) })
	return people, sortDialogs(dialogs), rev, nil
}

// SetPersonLang records the language a person chose, on every channel.
func (db *DB) SetPersonLang(ctx context.Context, key, lang string) error {
	return db.serial(ctx, func(ctx context.Context, tx *batchTx) error {
		return db.execOn(ctx, tx, stmtSetLang, lang, key)
	})
}

// People returns the channels a person was seen on, the most recent first.
func (db *DB) People(ctx context.Context, key string) ([]bot.Person, error) {
	var rows []PersonRow
	if err := db.read(ctx).Where("key = ?", key).Order("last_seen_at DESC").Find(&rows).Error; err != nil {
		return nil, err
	}
	out := make([]bot.Person, 0, len(rows))
	for _, r := range rows {
		p := bot.Person{Key: r.Key, Channel: bot.Channel(r.Channel), UserID: r.UserID, Name: r.Name, Email: r.Email,
			Lang: r.Lang, LastLang: r.LastLang, LastSeenAt: r.LastSeenAt.Format("2006-01-02 15:04")}
		if r.DirectRef != "" {
			var ref bot.ConversationRef
			if json.Unmarshal([]byte(r.DirectRef), &ref) == nil {
				p.DirectRef = &ref
			}
		}
		out = append(out, p)
	}
	return out, nil
}

// FindPersonKey resolves a person named by e-mail, key or CHANNEL:ID (a platform user id
// on its own channel) to their key; bot.ErrNotFound when the bot never met them.
func (db *DB) FindPersonKey(ctx context.Context, who string) (string, error) {
	// A person with an e-mail is keyed by it lower-cased (bot.User.Key), and roles match
	// e-mails whatever their case: "Marie.Tremblay@…" in the configuration is her.
	folded := strings.ToLower(strings.TrimSpace(who))
	q := db.read(ctx).Where("key IN ? OR email = ?", []string{who, folded}, who)
	if ch, id, ok := strings.Cut(who, ":"); ok && id != "" {
		// A platform id counts on its own channel only ("slack:U04…", "teams:<AAD>").
		q = q.Or("channel = ? AND user_id = ?", ch, id)
	}
	var row PersonRow
	err := q.Order("last_seen_at DESC").First(&row).Error
	if isNotFound(err) {
		return "", bot.ErrNotFound
	}
	return row.Key, err
}

// sightingTTL is how long a sighting that tells nothing new is not written again.
const sightingTTL = 2 * time.Minute
