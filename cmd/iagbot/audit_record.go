package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strconv"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/record"
	"github.com/cssdgs/iagbot/conversations/review"
)

// runAuditRecord is "iagbot audit record REQUEST_ID --format md|pdf|json [--lang fr|en]
// [-o FILE]": it prints the decision record of one request (bot/record) — the request,
// each stage's decision and votes, the conditions, the opinions of the SGC and the
// SPOA, the dates and the sections relied on — in French unless --lang en. The PDF
// goes to standard output too, or to FILE; a FILE is readable by its owner only: the
// record names people.
func runAuditRecord(ctx context.Context, env Env, args []string) error {
	const synopsis = "audit record REQUEST_ID --format md|pdf|json [--lang fr|en] [-o FILE]"
	fs := newFlags(env, "audit record", synopsis)
	format := fs.String("format", "md", "md (Markdown), pdf or json")
	lang := fs.String("lang", "fr", "fr or en")
	var out string
	fs.StringVar(&out, "o", "", "write to FILE instead of standard output")
	fs.StringVar(&out, "out", "", "same as -o")
	// The request id may come before or after the flags.
	var ids []string
	for rest := args; ; {
		if err := parse(fs, rest); err != nil {
			return err
		}
		if fs.NArg() == 0 {
			break
		}
		ids, rest = append(ids, fs.Arg(0)), fs.Args()[1:]
	}
	id, err := strconv.ParseUint(firstOr(ids), 10, 64)
	switch {
	case len(ids) != 1 || err != nil || id == 0:
		fmt.Fprintf(env.Stderr, "iagbot audit record: want one request number\nUsage: iagbot %s\n", synopsis)
		return errUsage
	case *format != "md" && *format != "pdf" && *format != "json":
		fmt.Fprintf(env.Stderr, "iagbot audit record: --format %q: want md, pdf or json\n", *format)
		return errUsage
	case !i18n.Valid(*lang):
		fmt.Fprintf(env.Stderr, "iagbot audit record: --lang %q: want fr or en\n", *lang)
		return errUsage
	}
	db, err := env.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	rec, err := review.New(review.Deps{Store: db}).Record(ctx, uint(id), i18n.Lang(*lang))
	if errors.Is(err, bot.ErrNotFound) {
		return fmt.Errorf("no request %d", id)
	}
	if err != nil {
		return err
	}
	var b []byte
	switch *format {
	case "json":
		b, err = record.JSON(rec)
	case "pdf":
		b, err = record.PDF(rec)
	default:
		b = record.Markdown(rec)
	}
	if err != nil {
		return err
	}
	if out == "" {
		_, err = env.Stdout.Write(b)
		return err
	}
	if err := os.WriteFile(out, b, 0o600); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "decision record of request %d written to %s\n", id, out)
	return nil
}

func firstOr(s []string) string {
	if len(s) == 0 {
		return ""
	}
	return s[0]
}
