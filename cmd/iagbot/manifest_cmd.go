package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/cssdgs/iagbot/manifest"
)

const manifestUsage = `usage:
  iagbot manifest teams [--app-id ID] [--out FILE] [--version X.Y.Z]
      Writes the Microsoft Teams app package (.zip) to upload in Teams
      (Apps > Manage your apps > Upload an app) or in the Teams admin centre.
      --app-id   the bot's Microsoft App ID, a GUID (default: $MICROSOFT_APP_ID)
      --out      the package to write, "-" for standard output (default: iagbot-teams.zip)
      --version  app version; raise it for each update of an installed app (default: 1.0.0)

  iagbot manifest slack [--url URL]
      Prints the Slack app manifest (YAML) to paste at https://api.slack.com/apps
      (Create New App > From a manifest).
      --url      public HTTPS address of iagbot serve, e.g. https://iagbot.cssdgs.gouv.qc.ca
                 (default: keep the placeholder https://example.org, to replace by hand)
`

// runManifest runs `iagbot manifest ...`; args are the arguments after "manifest". It
// prints usage to stdout and returns nil for -h/--help; on a usage error it prints usage to
// stderr and returns the error, which the caller reports and turns into a non-zero exit.
func runManifest(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	if len(args) == 0 {
		fmt.Fprint(stderr, manifestUsage)
		return errors.New("manifest: missing subcommand: teams or slack")
	}
	switch args[0] {
	case "-h", "-help", "--help", "help":
		fmt.Fprint(stdout, manifestUsage)
		return nil
	case "teams":
		return runManifestTeams(ctx, stdout, stderr, args[1:])
	case "slack":
		return runManifestSlack(stdout, stderr, args[1:])
	}
	fmt.Fprint(stderr, manifestUsage)
	return fmt.Errorf("manifest: unknown subcommand %q: want teams or slack", args[0])
}

// parseFlags parses with our usage text instead of the flag package's listing.
func parseFlags(fs *flag.FlagSet, stdout, stderr io.Writer, args []string) (help bool, err error) {
	fs.SetOutput(io.Discard)
	err = fs.Parse(args)
	switch {
	case errors.Is(err, flag.ErrHelp):
		fmt.Fprint(stdout, manifestUsage)
		return true, nil
	case err == nil && fs.NArg() > 0:
		err = fmt.Errorf("unexpected argument %q", fs.Arg(0))
	}
	if err != nil {
		fmt.Fprint(stderr, manifestUsage)
		return false, fmt.Errorf("manifest %s: %w", fs.Name(), err)
	}
	return false, nil
}

func runManifestTeams(ctx context.Context, stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("teams", flag.ContinueOnError)
	appID := fs.String("app-id", os.Getenv("MICROSOFT_APP_ID"), "")
	out := fs.String("out", "iagbot-teams.zip", "")
	version := fs.String("version", "", "")
	if help, err := parseFlags(fs, stdout, stderr, args); help || err != nil {
		return err
	}
	var opts []manifest.Option
	if *version != "" {
		opts = append(opts, manifest.WithVersion(*version))
	}
	if err := ctx.Err(); err != nil {
		return err
	}
	if *out == "-" {
		return manifest.PackageTeams(stdout, *appID, opts...)
	}
	// Write next to the target and rename, so that a failure never leaves a truncated
	// package where the previous good one was.
	tmp, err := os.CreateTemp(filepath.Dir(*out), ".iagbot-teams-*.zip")
	if err != nil {
		return fmt.Errorf("manifest teams: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after the rename
	if err := manifest.PackageTeams(tmp, *appID, opts...); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("manifest teams: %w", err)
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil { // CreateTemp makes it 0600
		return fmt.Errorf("manifest teams: %w", err)
	}
	if err := os.Rename(tmp.Name(), *out); err != nil {
		return fmt.Errorf("manifest teams: %w", err)
	}
	fmt.Fprintf(stdout, "wrote %s: upload it in Teams (Apps > Manage your apps > Upload an app)\n", *out)
	return nil
}

func runManifestSlack(stdout, stderr io.Writer, args []string) error {
	fs := flag.NewFlagSet("slack", flag.ContinueOnError)
	base := fs.String("url", "", "")
	if help, err := parseFlags(fs, stdout, stderr, args); help || err != nil {
		return err
	}
	data := manifest.SlackManifest()
	if *base != "" {
		var err error
		if data, err = manifest.SlackManifestFor(*base); err != nil {
			return err
		}
	}
	_, err := stdout.Write(data)
	return err
}
