// Package companion is what a member of staff needs around procedure 30-02 besides
// "may I": what to do after a privacy incident (3.3, section 8) and a short report to
// the privacy committee, the disclosure wording of 5.1.7, how the bot itself works and
// what it keeps (5.1.8, 5.1.9), and the person's own data, shown or erased.
//
// Nothing a person types is stored or posted as typed: an incident report keeps
// category codes, a recognised system name and a normalised time, and a short
// description only after redaction.
package companion

import (
	"context"
	"errors"
	"log/slog"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/conversations"
)

// Store is what the companion features read and write (storage.DB implements it).
type Store interface {
	// FileIncident stores a report with its audit entry and returns its id.
	FileIncident(ctx context.Context, inc privacy.Incident, actorName string) (uint, error)
	// PersonData returns what the bot holds about the person key.
	PersonData(ctx context.Context, key string) (privacy.PersonData, error)
	// ErasePerson removes what accountability does not require and says what it did.
	ErasePerson(ctx context.Context, key string) (privacy.Erasure, error)
}

// Retention is how long the bot keeps data (Annexe 1, DNG life cycle), in days; 0
// keeps forever. It mirrors the configuration file's retention section.
type Retention struct {
	ClosedDraftDays     int
	ConversationRefDays int
}

// Config is what New needs.
type Config struct {
	Store  Store
	Notify bot.Notifier
	// FormURL is the privacy-incident declaration form on Maestro (section 8).
	FormURL string
	// CommitteeRole is the role whose review channel receives incident reports;
	// "cprpsi" when empty.
	CommitteeRole string
	// CommitteeLang is the language of the reports posted to the committee.
	CommitteeLang i18n.Lang
	Retention     Retention
	// Systems are extra GenAI system names to recognise in incident messages (the
	// inventory's), besides the common public ones.
	Systems []string
	// Uses replace the built-in table of uses the disclosure wording can name.
	Uses []Use
	// Log receives operational events; never a person's words.
	Log *slog.Logger
}

// New returns the companion features, to register on the engine: privacy incident,
// disclosure, transparency and my data. It fails when a dependency is missing.
func New(cfg Config) ([]conversations.Feature, error) {
	switch {
	case cfg.Store == nil:
		return nil, errors.New("companion: no store")
	case cfg.Notify == nil:
		return nil, errors.New("companion: no notifier")
	case cfg.FormURL == "":
		return nil, errors.New("companion: no incident form URL")
	}
	if cfg.CommitteeRole == "" {
		cfg.CommitteeRole = "cprpsi"
	}
	if !i18n.Valid(string(cfg.CommitteeLang)) {
		cfg.CommitteeLang = i18n.FR
	}
	if cfg.Uses == nil {
		cfg.Uses = builtinUses
	}
	cfg.Uses = foldUses(cfg.Uses)
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return []conversations.Feature{
		&incident{cfg: cfg, systems: newSystems(cfg.Systems)},
		disclosure{uses: cfg.Uses},
		transparency{retention: cfg.Retention},
		&myData{store: cfg.Store},
		&erase{store: cfg.Store},
	}, nil
}

// private marks replies for the acting person only: what someone did by mistake, or
// what the bot holds about them, is no one else's business in a shared channel.
func private(rs ...bot.Reply) []bot.Reply {
	for i := range rs {
		rs[i].Private = true
	}
	return rs
}
