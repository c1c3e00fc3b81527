// Package app assembles iagbot: configuration, database, conversation engine, features
// and channels. The CLI's subcommands and the end-to-end tests build the same App.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/metrics"
	"github.com/cssdgs/iagbot/bot/secret"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/home"
	"github.com/cssdgs/iagbot/conversations/qa"
	"github.com/cssdgs/iagbot/storage"
)

// App is a running iagbot.
type App struct {
	Cfg    *config.Config
	DB     *storage.DB
	Engine *conversations.Engine
	// Notify sends proactive messages through the channels added to it.
	Notify *delivery.Dispatcher
	// Turns is what channels call: the engine behind request ids, a per-person rate
	// limit, metrics and logs.
	Turns   bot.Handler
	Metrics *metrics.Metrics
	Log     *slog.Logger
	// questions is the Q&A feature: its policy engine, rebuilt when the inventory
	// changes, also matches the uses typed in the Annexe 1 dialog.
	questions *qa.Feature
	// home is the Slack App Home (addHome).
	home *home.Feature
	// readiness are the checks of /readyz besides the database, by name.
	readiness map[string]func(context.Context) error

	slackMu sync.Mutex // guards slack
	slack   *slackRun  // the Slack channel, built on first use; nil when off
}

// Options change how New builds the app.
type Options struct {
	// Log receives the logs; nil discards them.
	Log *slog.Logger
	// Roles replaces the configured roles (the terminal's demo roles).
	Roles map[string][]string
}

// OpenDB opens the configured database, migrated, with an inventory loaded (see
// loadInventory).
func OpenDB(ctx context.Context, cfg *config.Config) (*storage.DB, error) {
	return openDB(ctx, cfg, nil)
}

// openDB is OpenDB, logging what the migrations did to log when not nil. Migrations
// and the inventory import run under locks (see storage.Migrate and SeedInventory),
// so replicas may start together.
func openDB(ctx context.Context, cfg *config.Config, log *slog.Logger) (*storage.DB, error) {
	if err := i18n.Check(); err != nil {
		return nil, err
	}
	db, err := storage.OpenUnmigrated(ctx, cfg.DB)
	if err != nil {
		return nil, secret.Error(fmt.Errorf("IAGBOT_DB=%s: %w", cfg.DB, err))
	}
	res, err := db.Migrate(ctx, nil)
	if err != nil {
		db.Close()
		return nil, secret.Error(fmt.Errorf("IAGBOT_DB=%s: %w", cfg.DB, err))
	}
	if log != nil {
		if res.Baselined {
			log.Info("database created by an earlier release: baselined at version 1", "schema_version", res.To)
		}
		if res.From != res.To {
			log.Info("database schema migrated", "from", res.From, "to", res.To)
		}
	}
	if err := loadInventory(ctx, db, cfg.Inventory); err != nil {
		db.Close()
		return nil, err
	}
	return db, nil
}

// New opens the database and builds the engine with every feature.
func New(ctx context.Context, cfg *config.Config, opts Options) (*App, error) {
	log := opts.Log
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	db, err := openDB(ctx, cfg, log)
	if err != nil {
		return nil, err
	}
	if opts.Roles != nil {
		cfg.File.Roles = opts.Roles
	}
	e := conversations.New(db, &cfg.File, log)
	e.DefaultLang = cfg.Lang
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{})
	notify.Members = cfg.File.Members
	m := metrics.New()
	a := &App{Cfg: cfg, DB: db, Engine: e, Notify: notify, Metrics: m, Log: log, readiness: map[string]func(context.Context) error{},
		Turns: &guard{next: e, log: log, metrics: m, limit: newRateLimiter(2*time.Second, 10),
			langOf: func(ctx context.Context, key string) string { l, _ := db.ReminderLang(ctx, key); return l }}}
	if err := a.registerFeatures(); err != nil {
		db.Close()
		return nil, err
	}
	return a, nil
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }
