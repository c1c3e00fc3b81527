package main

import (
	"context"
	"fmt"
	"text/tabwriter"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/storage"
)

// runMigrate is `iagbot migrate [status|up]`: status (the default) lists the
// migrations and what the database has, changing nothing; up applies the pending ones
// under the migration lock, as every start does.
func runMigrate(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "migrate", "migrate [status|up]   (the database of IAGBOT_DB)")
	if err := parse(fs, args); err != nil {
		return err
	}
	action := "status"
	if fs.NArg() > 0 {
		action = fs.Arg(0)
	}
	if fs.NArg() > 1 || action != "status" && action != "up" {
		fmt.Fprintf(env.Stderr, "iagbot migrate: unknown action %q: status or up\n", fs.Args())
		return errUsage
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	db, err := storage.OpenUnmigrated(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if action == "up" {
		res, err := db.Migrate(ctx, nil)
		if err != nil {
			return err
		}
		switch {
		case res.Baselined:
			fmt.Fprintf(env.Stdout, "schema version %d: the database of an earlier release was recognised and baselined (its tables and rows kept)\n", res.To)
		case res.From == res.To:
			fmt.Fprintf(env.Stdout, "schema version %d: up to date\n", res.To)
		default:
			fmt.Fprintf(env.Stdout, "schema version %d → %d\n", res.From, res.To)
		}
		return nil
	}
	return migrationStatus(ctx, env, db)
}

func migrationStatus(ctx context.Context, env Env, db *storage.DB) error {
	v, err := db.SchemaVersionInDB(ctx)
	if err != nil {
		return err
	}
	legacy, err := db.Legacy(ctx)
	if err != nil {
		return err
	}
	ms, err := db.Migrations(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "schema version: %d (this iagbot: %d)\n", v, storage.SchemaVersion())
	switch {
	case legacy:
		fmt.Fprintln(env.Stdout, "created by an earlier release without schema versions: `iagbot migrate up` (or the next start) baselines it")
	case v > storage.SchemaVersion():
		fmt.Fprintln(env.Stdout, "migrated by a newer iagbot: this one refuses to use it")
	}
	w := tabwriter.NewWriter(env.Stdout, 0, 4, 2, ' ', 0)
	for _, m := range ms {
		state := "pending"
		if !m.AppliedAt.IsZero() {
			state = "applied " + m.AppliedAt.UTC().Format("2006-01-02 15:04:05 UTC")
		}
		fmt.Fprintf(w, "%s\t%s\n", m.Name, state)
	}
	return w.Flush()
}
