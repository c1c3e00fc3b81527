package storage

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"gorm.io/gorm/clause"
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
	langs, _, err := db.MeetTurn(ctx, m)
	return langs, err
}

// MeetTurn is Meet, also returning the kinds of dialog the person has state for (as
// ActiveDialogs): what the engine reads at the start of every turn, in one query.
//
// A sighting identical to one this process recorded less than sightingTTL ago is not
// written again: every turn starts here, and the write was a large share of a turn's
// cost; last_seen_at is then at most that much behind. The languages and dialogs are
// read from the database on every turn, never from memory, so that a choice made or a
// dialog started on another replica applies at once.
func (db *DB) MeetTurn(ctx context.Context, m bot.Meeting) (bot.PersonLangs, []string, error) {
	now := db.Now()
	u := m.User
	row := PersonRow{Key: m.Key, Channel: string(m.Channel), UserID: u.ID, Name: u.Name, Email: u.Email,
		LastLang: m.Detected, LastSeenAt: now, CreatedAt: now}
	if m.Direct != nil {
		b, err := json.Marshal(m.Direct)
		if err != nil {
			return bot.PersonLangs{}, nil, err
		}
		row.DirectRef = string(b)
	}
	who := m.Key + "\x00" + string(m.Channel)
	sig := strings.Join([]string{u.ID, u.Name, u.Email, m.Detected, row.DirectRef}, "\x00")
	if !db.sightings.recent(who, sig, now) {
		update := []string{"user_id", "last_seen_at"}
		if u.Name != "" {
			update = append(update, "name")
		}
		if u.Email != "" {
			update = append(update, "email")
		}
		if m.Detected != "" {
			update = append(update, "last_lang")
		}
		if m.Direct != nil {
			update = append(update, "direct_ref")
		}
		// The upsert is atomic by itself; the languages are read after it.
		err := db.read(ctx).Clauses(clause.OnConflict{
			Columns:   []clause.Column{{Name: "key"}, {Name: "channel"}},
			DoUpdates: clause.AssignmentColumns(update),
		}).Create(&row).Error
		if err != nil {
			return bot.PersonLangs{}, nil, fmt.Errorf("meet person: %w", err)
		}
		db.sightings.record(who, sig, now)
	}
	return db.langsAndDialogs(ctx, m.Key)
}

// langsAndDialogsSQL reads a person's languages, from every channel they use, most
// recent first (kind 0), and the kinds of their fresh dialog states, most recently
// touched first (kind 1), in one round trip.
const langsAndDialogsSQL = `SELECT 0 AS kind, COALESCE(lang, '') AS a, COALESCE(last_lang, '') AS b, last_seen_at AS at
  FROM person_rows WHERE key = ?
UNION ALL
SELECT 1, kind, '', updated_at FROM dialog_rows WHERE person_key = ? AND updated_at >= ?
ORDER BY 1, 4 DESC, 2`

func (db *DB) langsAndDialogs(ctx context.Context, key string) (bot.PersonLangs, []string, error) {
	rows, err := db.read(ctx).Raw(langsAndDialogsSQL, key, key, db.fresh()).Rows()
	if err != nil {
		return bot.PersonLangs{}, nil, fmt.Errorf("meet person: %w", err)
	}
	defer rows.Close()
	var (
		langs   bot.PersonLangs
		dialogs []string
	)
	for rows.Next() {
		var (
			kind int
			a, b string
			at   any // only sorts
		)
		if err := rows.Scan(&kind, &a, &b, &at); err != nil {
			return bot.PersonLangs{}, nil, fmt.Errorf("meet person: %w", err)
		}
		if kind == 1 {
			dialogs = append(dialogs, a)
			continue
		}
		langs.Chosen, langs.Last = cmp.Or(langs.Chosen, a), cmp.Or(langs.Last, b)
	}
	if err := rows.Err(); err != nil {
		return bot.PersonLangs{}, nil, fmt.Errorf("meet person: %w", err)
	}
	return langs, dialogs, nil
}

// SetPersonLang records the language a person chose, on every channel.
func (db *DB) SetPersonLang(ctx context.Context, key, lang string) error {
	return db.read(ctx).Model(&PersonRow{}).Where("key = ?", key).Update("lang", lang).Error
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

// sightingTTL is how long an identical sighting is not written again.
const sightingTTL = 2 * time.Minute

// sightings remembers the last sighting this process wrote for each person and
// channel. It only saves writes: languages are always read from the database, so a
// choice made on another replica applies at once. Only the last one counts, so that a
// French message after an English one is written even if an identical French one was
// written a minute before.
type sightings struct {
	mu   sync.Mutex // guards last
	last map[string]sighting
}

type sighting struct {
	sig string
	at  time.Time
}

func (s *sightings) recent(who, sig string, now time.Time) bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	l, ok := s.last[who]
	return ok && l.sig == sig && now.Sub(l.at) < sightingTTL && !now.Before(l.at)
}

func (s *sightings) record(who, sig string, now time.Time) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.last == nil || len(s.last) > 100_000 {
		s.last = map[string]sighting{} // bounded: forgetting only costs a write
	}
	s.last[who] = sighting{sig: sig, at: now}
}

// forget drops the sightings of a person, whose rows were just changed or erased.
func (s *sightings) forget(key string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	for who := range s.last {
		if strings.HasPrefix(who, key+"\x00") {
			delete(s.last, who)
		}
	}
}
