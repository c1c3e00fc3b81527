package main

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/secret"
	"github.com/cssdgs/iagbot/cmd/internal/app"
)

func runChat(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "chat", "chat [--as USER] [--lang fr|en]")
	as := fs.String("as", "moi", "who you are in the chat (switch later with /as NAME)")
	lang := fs.String("lang", "", "your language, fr or en (default IAGBOT_LANG)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	if *lang == "" {
		*lang = string(cfg.Lang)
	}
	if !i18n.Valid(*lang) {
		fmt.Fprintf(env.Stderr, "iagbot chat: --lang %q: want fr or en\n", *lang)
		return errUsage
	}
	opts := app.Options{}
	if cfg.ConfigFile == "" {
		// Without a configuration file, users named after the roles hold them, so that
		// one terminal can play requester and reviewers.
		opts.Roles = config.DemoRoles()
	}
	a, err := app.New(ctx, cfg, opts)
	if err != nil {
		return err
	}
	defer a.Close()
	con := console.New(a.Engine, env.Stdout, *as, *lang)
	a.Notify.Add(bot.Terminal, con)
	stopReminders, err := a.StartReminders(ctx)
	if err != nil {
		return err
	}
	defer stopReminders()
	fmt.Fprintln(env.Stdout, i18n.T(i18n.Lang(*lang), "chat.banner", map[string]any{"DB": secret.Redact(cfg.DB)}))
	return con.Run(ctx, env.Stdin)
}
