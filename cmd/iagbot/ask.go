package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/policy"
)

// askJSON is the contract of "iagbot ask --json": these keys, always present, and
// "doubt": true only when the answer is given in doubt (weak signs of personal
// information on a public system), omitted otherwise.
type askJSON struct {
	Verdict      string   `json:"verdict"`
	System       string   `json:"system"`
	Tool         string   `json:"tool"`
	Use          string   `json:"use"`
	PersonalData bool     `json:"personal_data"`
	Sections     []string `json:"sections"`
	Message      string   `json:"message"`
	Doubt        bool     `json:"doubt,omitempty"`
	// EffectiveFrom is the date an approved use comes into effect, only while it is
	// not yet (policy.EvaluateAt).
	EffectiveFrom string `json:"effective_from,omitempty"`
}

// runAsk answers one question ("iagbot ask [--inventory FILE] [--lang fr|en] [--json]
// QUESTION…") and exits 0 whatever the verdict. The answer is in the question's
// language unless --lang is given. Without --inventory the database's inventory is
// used. The question is never written anywhere but the answer.
func runAsk(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "ask", "ask [--inventory FILE] [--lang fr|en] [--json] QUESTION…")
	invFile := fs.String("inventory", "", "answer from this inventory `file` instead of the database's")
	lang := fs.String("lang", "", "language of the answer, fr or en (default: the question's language)")
	asJSON := fs.Bool("json", false, "print one JSON object: verdict, system, tool, use, personal_data, sections, message")
	words, err := parseInterspersed(fs, args)
	if err != nil {
		return err
	}
	if *lang != "" && !i18n.Valid(*lang) {
		fmt.Fprintf(env.Stderr, "--lang must be fr or en, not %q\n", *lang)
		return errUsage
	}
	question := strings.TrimSpace(strings.Join(words, " "))
	if question == "" && env.Stdin != nil {
		b, err := io.ReadAll(io.LimitReader(env.Stdin, 64<<10))
		if err != nil {
			return err
		}
		question = strings.TrimSpace(string(b))
	}
	if question == "" {
		fmt.Fprintln(env.Stderr, "a question is required")
		fs.Usage()
		return errUsage
	}
	inv, err := askInventory(ctx, env, *invFile)
	if err != nil {
		return err
	}
	fallback := i18n.Parse(env.Getenv("IAGBOT_LANG"))
	if *lang != "" {
		fallback = i18n.Lang(*lang)
	}
	r := policy.NewEngine(inv).EvaluateAt(question, fallback, today())
	out := r.Lang
	if *lang != "" {
		out = i18n.Lang(*lang)
	}
	msg := policy.Answer(r, out)
	if !*asJSON {
		_, err := fmt.Fprintln(env.Stdout, msg)
		return err
	}
	sections := r.Sections
	if sections == nil {
		sections = []string{}
	}
	return json.NewEncoder(env.Stdout).Encode(askJSON{Verdict: string(r.Verdict), System: r.SystemID, Tool: r.Tool,
		Use: r.UseID, PersonalData: r.PersonalData, Sections: sections, Message: msg, Doubt: r.Doubt,
		EffectiveFrom: r.EffectiveFrom})
}

// askInventory reads the inventory file when one is named (its problems go to stderr,
// one per line, and make the command fail), else the database's inventory.
func askInventory(ctx context.Context, env Env, file string) (*inventory.Inventory, error) {
	if file == "" {
		db, err := env.OpenDB(ctx)
		if err != nil {
			return nil, err
		}
		defer db.Close()
		return db.Inventory(ctx)
	}
	return readInventoryFile(env, file)
}

// readInventoryFile parses an inventory file, writing each problem to stderr as
// "FILE:LINE: message" (the form editors jump to).
func readInventoryFile(env Env, file string) (*inventory.Inventory, error) {
	f, err := os.Open(file)
	if err != nil {
		return nil, fmt.Errorf("inventory: %w", err)
	}
	defer f.Close()
	inv, err := inventory.Parse(f)
	var ve *inventory.ValidationError
	if errors.As(err, &ve) {
		for _, p := range ve.Problems {
			fmt.Fprintf(env.Stderr, "%s:%d: %s\n", file, p.Line, p.Msg)
		}
		return nil, fmt.Errorf("inventory %s is invalid: %d problem(s)", file, len(ve.Problems))
	}
	if err != nil {
		return nil, fmt.Errorf("inventory %s: %w", file, err)
	}
	return inv, nil
}

// parseInterspersed parses flags placed before, between or after the positional
// arguments ("ask Puis-je … --json"), which the flag package alone stops at. Only the
// command's own flags (and -h, --help) are flags: any other word, even one starting
// with "-" (« - Outil : Copilot… »), is part of the question; "--" ends the flags. A bad
// flag value is errUsage (already reported); --help is flag.ErrHelp.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for len(args) > 0 {
		a := args[0]
		if a == "--" {
			return append(rest, args[1:]...), nil
		}
		name, hasValue, ok := flagName(a)
		f := fs.Lookup(name)
		if !ok || (f == nil && name != "h" && name != "help") {
			rest = append(rest, a)
			args = args[1:]
			continue
		}
		n := 1
		if f != nil && !hasValue && !isBoolFlag(f) && len(args) > 1 {
			n = 2 // "--lang fr"
		}
		if err := parse(fs, args[:n]); err != nil {
			return nil, err
		}
		args = args[n:]
	}
	return rest, nil
}

// flagName reads "-name", "--name" or "--name=value"; ok is false for anything else.
func flagName(a string) (name string, hasValue, ok bool) {
	if len(a) < 2 || a[0] != '-' {
		return "", false, false
	}
	name = strings.TrimPrefix(strings.TrimPrefix(a, "-"), "-")
	if name == "" || name[0] == '-' || name[0] == '=' || strings.ContainsAny(name[:1], " \t") {
		return "", false, false
	}
	name, _, hasValue = strings.Cut(name, "=")
	return name, hasValue, true
}

func isBoolFlag(f *flag.Flag) bool {
	b, ok := f.Value.(interface{ IsBoolFlag() bool })
	return ok && b.IsBoolFlag()
}

// today is the calendar day in Québec, where deployment and training dates are
// given; tests replace it.
var today = func() time.Time {
	if loc, err := time.LoadLocation("America/Toronto"); err == nil {
		return time.Now().In(loc)
	}
	return time.Now()
}
