package main

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/secret"
	"github.com/cssdgs/iagbot/storage"
)

// runBackup is `iagbot backup FILE`: a consistent copy of the SQLite database named by
// IAGBOT_DB, taken while `iagbot serve` keeps running.
func runBackup(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "backup", "backup FILE   (a copy of the SQLite database of IAGBOT_DB; FILE must not exist)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	if !storage.IsSQLiteFile(cfg.DB) {
		return storage.ErrNotSQLite
	}
	// As it is: a backup does not migrate the database it copies.
	db, err := storage.OpenUnmigrated(ctx, cfg.DB)
	if err != nil {
		return err
	}
	defer db.Close()
	if err := db.Backup(ctx, fs.Arg(0)); err != nil {
		return err
	}
	info, err := storage.CheckBackup(ctx, fs.Arg(0))
	if err != nil {
		return fmt.Errorf("the copy fails its check: %w", err)
	}
	fmt.Fprintf(env.Stdout, "backed up %s to %s (schema version %d, integrity ok)\n", secret.Redact(cfg.DB), fs.Arg(0), info.SchemaVersion)
	return nil
}

// runRestore is `iagbot restore FILE`: it checks FILE, then replaces the SQLite
// database of IAGBOT_DB with it, refusing while any iagbot process has it open.
func runRestore(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "restore", "restore FILE   (replaces the SQLite database of IAGBOT_DB; stop iagbot serve first)")
	if err := parse(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return errUsage
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	info, err := storage.Restore(ctx, cfg.DB, fs.Arg(0))
	if err != nil {
		return err
	}
	v := fmt.Sprintf("schema version %d", info.SchemaVersion)
	if info.Legacy {
		v = "a database of a release before schema versions"
	}
	fmt.Fprintf(env.Stdout, "restored %s into %s (%s, integrity ok); the previous database, if any, is kept as %s.before-restore\n",
		fs.Arg(0), secret.Redact(cfg.DB), v, secret.Redact(cfg.DB))
	if info.SchemaVersion < storage.SchemaVersion() {
		fmt.Fprintf(env.Stdout, "the next start (or `iagbot migrate up`) migrates it to schema version %d\n", storage.SchemaVersion())
	}
	return nil
}
