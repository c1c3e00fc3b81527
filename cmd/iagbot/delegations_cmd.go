package main

import (
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"text/tabwriter"
	"time"

	"github.com/cssdgs/iagbot/bot/workflow"
)

// runDelegations is "iagbot delegations list [--all] [--json] [--on YYYY-MM-DD]": the
// reviewers' dated absences (#19) — who, delegate, from, to (both included), by whom,
// status (upcoming, active, ended) on the day (today in America/Toronto unless --on).
// Without --all, ended ones are left out. People are listed by key (an e-mail): keep
// the output to yourself.
func runDelegations(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "list" {
		fmt.Fprintln(env.Stderr, "Usage: iagbot delegations list [--all] [--json] [--on YYYY-MM-DD]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return flag.ErrHelp
		}
		return errUsage
	}
	fs := newFlags(env, "delegations list", "delegations list [--all] [--json] [--on YYYY-MM-DD]")
	all := fs.Bool("all", false, "include the delegations that have ended")
	asJSON := fs.Bool("json", false, "print one JSON array instead of a table")
	on := fs.String("on", "", "the statuses as of this date (America/Toronto) instead of today")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		return err
	}
	day := workflow.Day(time.Now(), loc)
	if *on != "" {
		d, err := time.Parse(time.DateOnly, *on)
		if err != nil {
			fmt.Fprintf(env.Stderr, "iagbot delegations list: --on %q: want YYYY-MM-DD\n", *on)
			return errUsage
		}
		day = d
	}
	db, err := env.OpenDB(ctx)
	if err != nil {
		return err
	}
	defer db.Close()
	list, err := db.Delegations(ctx)
	if err != nil {
		return err
	}
	var rows []delegationRow
	for _, d := range list {
		st := d.StatusOn(day)
		if st == workflow.Ended && !*all {
			continue
		}
		rows = append(rows, delegationRow{Person: d.PersonKey, PersonName: d.PersonName, Delegate: d.DelegateKey,
			DelegateName: d.DelegateName, From: d.From.Format(time.DateOnly), To: d.To.Format(time.DateOnly),
			By: d.ByKey, ByName: d.ByName, Status: string(st), Cancelled: d.EndedAt != nil})
	}
	if *asJSON {
		return writeDelegationsJSON(env.Stdout, rows)
	}
	writeDelegations(env.Stdout, rows)
	return nil
}

// delegationRow is one delegation as printed; the JSON field names are a contract.
type delegationRow struct {
	Person       string `json:"person"`
	PersonName   string `json:"person_name"`
	Delegate     string `json:"delegate"` // "" when nobody stands in
	DelegateName string `json:"delegate_name"`
	From         string `json:"from"`
	To           string `json:"to"`
	By           string `json:"by"`
	ByName       string `json:"by_name"`
	Status       string `json:"status"` // upcoming | active | ended
	Cancelled    bool   `json:"cancelled"`
}

func writeDelegationsJSON(w io.Writer, rows []delegationRow) error {
	if rows == nil {
		rows = []delegationRow{}
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(rows)
}

func writeDelegations(w io.Writer, rows []delegationRow) {
	if len(rows) == 0 {
		fmt.Fprintln(w, "No delegation.")
		return
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "PERSON\tDELEGATE\tFROM\tTO\tBY\tSTATUS")
	for _, r := range rows {
		delegate, status := r.Delegate, r.Status
		if delegate == "" {
			delegate = "-"
		}
		if r.Cancelled {
			status += " (cancelled)"
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", r.Person, delegate, r.From, r.To, r.By, status)
	}
	tw.Flush()
}
