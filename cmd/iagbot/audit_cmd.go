package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"strconv"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/inert"
)

// runAudit is "iagbot audit export --format csv|json [--out FILE]": it writes the whole
// append-only audit log, oldest first — decisions on requests and changes to the
// inventory, each with who, when, from and to, the comment or reason and the sections
// of procedure 30-02 it rests on — as a register to hand over. Times are UTC
// (RFC 3339). A FILE is created readable by its owner only: the log names people.
func runAudit(ctx context.Context, env Env, args []string) error {
	if len(args) > 0 && args[0] == "record" {
		return runAuditRecord(ctx, env, args[1:])
	}
	if len(args) == 0 || args[0] != "export" {
		auditUsage(env.Stderr)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return flag.ErrHelp
		}
		return errUsage
	}
	fs := newFlags(env, "audit export", "audit export [--format csv|json] [--out FILE]")
	format := fs.String("format", "csv", "csv (a spreadsheet) or json")
	out := fs.String("out", "", "write to FILE instead of standard output")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *format != "csv" && *format != "json" {
		fmt.Fprintf(env.Stderr, "iagbot audit export: --format %q: want csv or json\n", *format)
		return errUsage
	}
	db, err := env.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	entries, err := db.AuditLog(ctx)
	if err != nil {
		return err
	}
	w := env.Stdout
	if *out != "" {
		f, err := os.OpenFile(*out, os.O_WRONLY|os.O_CREATE|os.O_TRUNC, 0o600)
		if err != nil {
			return err
		}
		defer f.Close()
		w = f
	}
	if *format == "json" {
		err = writeAuditJSON(w, entries)
	} else {
		err = writeAuditCSV(w, entries)
	}
	if err != nil {
		return fmt.Errorf("write %s: %w", *format, err)
	}
	if *out != "" {
		fmt.Fprintf(env.Stderr, "%d audit entries written to %s\n", len(entries), *out)
	}
	return nil
}

func auditUsage(w io.Writer) {
	fmt.Fprintln(w, "Usage: iagbot audit export [--format csv|json] [--out FILE]")
	fmt.Fprintln(w, "       iagbot audit record REQUEST_ID --format md|pdf|json [--lang fr|en] [-o FILE]")
	fmt.Fprintln(w, "\nexport writes the audit log (review decisions, inventory changes, with the sections of procedure 30-02 they rest on);")
	fmt.Fprintln(w, "record prints the decision record of one request (decisions, votes, conditions, SGC and SPOA opinions, dates, sections).")
}

// auditHeader names the CSV columns, in the order written.
var auditHeader = []string{"id", "at", "actor", "actor_name", "action", "subject", "from", "to", "comment", "sections"}

func writeAuditCSV(w io.Writer, entries []audit.Entry) error {
	cw := csv.NewWriter(w)
	if err := cw.Write(auditHeader); err != nil {
		return err
	}
	for _, e := range entries {
		row := []string{strconv.FormatUint(uint64(e.ID), 10), e.At.UTC().Format(time.RFC3339), e.ActorKey, e.ActorName,
			e.Action, e.Subject, e.From, e.To, e.Comment, strings.Join(e.Sections, "; ")}
		if err := cw.Write(inert.Cells(row)); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}

func writeAuditJSON(w io.Writer, entries []audit.Entry) error {
	for i := range entries {
		entries[i].At = entries[i].At.UTC()
	}
	if entries == nil {
		entries = []audit.Entry{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(entries)
}
