package main

import (
	"context"
	"encoding/json"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/privacy"
)

// runPurge applies the retention settings of the configuration file (Annexe 1, DNG
// life cycle). The audit log is never purged.
func runPurge(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "purge", "purge   (applies retention: from IAGBOT_CONFIG, retention.*)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	db, err := env.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	day := 24 * time.Hour
	rep, err := db.Purge(ctx, privacy.Retention{
		ClosedDrafts:     time.Duration(cfg.File.Retention.ClosedDraftDays) * day,
		ConversationRefs: time.Duration(cfg.File.Retention.ConversationRefDays) * day,
	})
	if err != nil {
		return err
	}
	enc := json.NewEncoder(env.Stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(rep)
}
