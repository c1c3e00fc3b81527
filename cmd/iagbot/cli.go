package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/secret"
	"github.com/cssdgs/iagbot/cmd/internal/app"
	"github.com/cssdgs/iagbot/storage"
)

// Env is what a subcommand gets from the process: streams, environment lookups and the
// opened resources.
type Env struct {
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	Getenv func(string) string
	// OpenDB opens the database named by IAGBOT_DB (default iagbot.db), migrated, and
	// loads the inventory from IAGBOT_INVENTORY or the embedded sample when the
	// database has none.
	OpenDB func(ctx context.Context) (*storage.DB, error)
}

func newEnv(stdin io.Reader, stdout, stderr io.Writer, getenv func(string) string) Env {
	env := Env{Stdin: stdin, Stdout: stdout, Stderr: stderr, Getenv: getenv}
	env.OpenDB = func(ctx context.Context) (*storage.DB, error) {
		cfg, err := config.Load(getenv)
		if err != nil {
			return nil, err
		}
		return app.OpenDB(ctx, cfg)
	}
	return env
}

// command is one subcommand.
type command struct {
	name, summary string
	run           func(ctx context.Context, env Env, args []string) error
}

func commands() []command {
	return []command{
		{"chat", "talk to the bot in this terminal (same engine as Teams and Slack)", runChat},
		{"serve", "run the HTTP server for Teams and Slack", runServe},
		{"ask", "answer one question: may I use tool X for purpose Y? (--json for scripts)", runAsk},
		{"inventory", "import, validate or export the inventory of approved GenAI systems", runInventory},
		{"purge", "apply the retention settings (closed drafts, old conversation references)", runPurge},
		{"audit", "export the audit log as CSV or JSON, or print a request's decision record (md, pdf, json)", runAudit},
		{"migrate", "show the database schema's version and migrations, or apply them (status|up)", runMigrate},
		{"backup", "copy the SQLite database to a file while the bot runs (PostgreSQL: pg_dump)", runBackup},
		{"restore", "replace the SQLite database with a backup, checked first, while no iagbot uses it", runRestore},
		{"reminders", "list the reminders the daily passes will send, and when (for an administrator)", runReminders},
		{"delegations", "list the reviewers' dated absences and who stands in for them (--all: ended ones too)", runDelegations},
		{"manifest", "write the Teams app package or print the Slack app manifest", func(ctx context.Context, env Env, args []string) error {
			return runManifest(ctx, env.Stdout, env.Stderr, args)
		}},
	}
}

// errUsage marks a usage error already reported to stderr (exit code 2).
var errUsage = errors.New("usage")

func run(ctx context.Context, args []string, env Env) int {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		usage(env.Stdout)
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	if args[0] == "--version" {
		printVersion(env.Stdout)
		return 0
	}
	for _, c := range commands() {
		if c.name != args[0] {
			continue
		}
		err := c.run(ctx, env, args[1:])
		switch {
		case err == nil, errors.Is(err, flag.ErrHelp):
			return 0
		case errors.Is(err, errUsage):
			return 2
		default:
			// Errors may quote IAGBOT_DB or another URL: never with its password.
			fmt.Fprintf(env.Stderr, "iagbot %s: %s\n", c.name, secret.Redact(err.Error()))
			return 1
		}
	}
	fmt.Fprintf(env.Stderr, "iagbot: unknown command %q\n\n", args[0])
	usage(env.Stderr)
	return 2
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "iagbot — assistant for CSSDGS procedure 30-02 (generative AI)")
	fmt.Fprintln(w, "\nUsage: iagbot COMMAND [options]\n\nCommands:")
	for _, c := range commands() {
		fmt.Fprintf(w, "  %-10s %s\n", c.name, c.summary)
	}
	fmt.Fprintln(w, "\n\"iagbot COMMAND --help\" describes a command's options; \"iagbot --version\" prints the version,")
	fmt.Fprintln(w, "commit and database schema version.")
}

// newFlags returns a flag set whose --help prints a usage line and the options.
func newFlags(env Env, name, synopsis string) *flag.FlagSet {
	fs := flag.NewFlagSet(name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {
		fmt.Fprintf(env.Stderr, "Usage: iagbot %s\n", synopsis)
		if strings.Contains(synopsis, "[") || hasFlags(fs) {
			fmt.Fprintln(env.Stderr, "\nOptions:")
			fs.PrintDefaults()
		}
	}
	return fs
}

func hasFlags(fs *flag.FlagSet) bool {
	n := 0
	fs.VisitAll(func(*flag.Flag) { n++ })
	return n > 0
}

// parse parses args, turning a bad flag into errUsage.
func parse(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return err
		}
		return errUsage
	}
	return nil
}
