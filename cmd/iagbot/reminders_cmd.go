package main

import (
	"context"
	"flag"
	"fmt"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage"
	"io"
	"slices"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/cmd/internal/app"
	"github.com/jonboulle/clockwork"
)

// runReminders is "iagbot reminders list [--days N] [--from YYYY-MM-DD]": for an
// administrator, what the daily passes will send and when, the database being what it
// is now, then the deliveries of the last seven days that did not go through. It
// sends nothing. Recipients are listed by key (an e-mail): keep the output to
// yourself.
func runReminders(ctx context.Context, env Env, args []string) error {
	if len(args) == 0 || args[0] != "list" {
		fmt.Fprintln(env.Stderr, "Usage: iagbot reminders list [--days N] [--from YYYY-MM-DD]")
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return flag.ErrHelp
		}
		return errUsage
	}
	fs := newFlags(env, "reminders list", "reminders list [--days N] [--from YYYY-MM-DD]")
	days := fs.Int("days", 30, "how many days ahead to look")
	fromFlag := fs.String("from", "", "look from this date (America/Toronto) instead of now")
	if err := parse(fs, args[1:]); err != nil {
		return err
	}
	if *days < 1 || *days > 366 {
		fmt.Fprintf(env.Stderr, "iagbot reminders list: --days %d: want 1 to 366\n", *days)
		return errUsage
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	sch, err := scheduler.NewSchedule(cfg.File.Reminders)
	if err != nil {
		return err
	}
	from := time.Now().In(sch.Cal.Location())
	if *fromFlag != "" {
		d, err := time.ParseInLocation(time.DateOnly, *fromFlag, sch.Cal.Location())
		if err != nil {
			fmt.Fprintf(env.Stderr, "iagbot reminders list: --from %q: want YYYY-MM-DD\n", *fromFlag)
			return errUsage
		}
		from = d
	}
	a, err := app.New(ctx, cfg, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	s, err := a.NewReminders(clockwork.NewRealClock())
	if err != nil {
		return err
	}
	plan, err := s.Upcoming(ctx, from, *days)
	if err != nil {
		return err
	}
	recent, err := a.DB.RecentReminderDeliveries(ctx, from.AddDate(0, 0, -7))
	if err != nil {
		return err
	}
	writePlan(env.Stdout, cfg.Lang, sch, from, *days, plan, recent)
	return writeUndelivered(ctx, env.Stdout, cfg.Lang, a.DB)
}

// writeUndelivered lists the requests under review whose card reached no one of the
// stage's role (no channel, no member reachable): they wait until it is delivered.
func writeUndelivered(ctx context.Context, w io.Writer, lang i18n.Lang, db *storage.DB) error {
	waiting, err := db.RequestsInStatus(ctx, 1000, requests.STIReview, requests.CODIRReview, requests.PrivacyReview)
	if err != nil {
		return err
	}
	var lines []string
	for _, r := range waiting {
		refs, err := db.PostedCards(ctx, r.ID, r.Round, r.Status)
		if err != nil {
			return err
		}
		if len(refs) == 0 {
			lines = append(lines, i18n.T(lang, "reminders.list.undelivered_item", map[string]any{"ID": r.ID,
				"System": r.Facts().SystemName(), "Status": string(r.Status)}))
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, i18n.T(lang, "reminders.list.undelivered"))
	if len(lines) == 0 {
		fmt.Fprintln(w, i18n.T(lang, "reminders.list.none_failed"))
	}
	for _, l := range lines {
		fmt.Fprintln(w, "- "+l)
	}
	return nil
}

// writePlan prints the plan and the deliveries that did not go through.
func writePlan(w io.Writer, lang i18n.Lang, sch scheduler.Schedule, from time.Time, days int, plan []scheduler.Planned, recent []scheduler.Delivery) {
	t := func(id string, data ...any) string { return i18n.T(lang, id, data...) }
	fmt.Fprintln(w, t("reminders.list.title", map[string]any{"From": scheduler.FormatDate(lang, from),
		"To": scheduler.FormatDate(lang, from.AddDate(0, 0, days)), "At": fmt.Sprintf("%02d:%02d", sch.Hour, sch.Min),
		"Zone": scheduler.Zone}))
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	if len(plan) == 0 {
		fmt.Fprintln(w, t("reminders.list.none"))
	} else {
		fmt.Fprintln(tw, t("reminders.list.header"))
		for _, p := range plan {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", p.At.Format("2006-01-02 15:04"), p.Item.Kind, p.Item.Subject,
				p.Item.Recipient, p.Item.Occurrence)
		}
		tw.Flush()
	}
	var failed []scheduler.Delivery
	for _, d := range recent {
		if d.Status != scheduler.Sent && d.Status != scheduler.Skipped {
			failed = append(failed, d)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, t("reminders.list.failed"))
	if len(failed) == 0 {
		fmt.Fprintln(w, t("reminders.list.none_failed"))
		return
	}
	fmt.Fprintln(tw, t("reminders.list.failed_header"))
	for _, d := range failed {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\n", d.CreatedAt.In(sch.Cal.Location()).Format("2006-01-02 15:04"),
			d.Status, d.Kind, d.Subject, d.Recipient, oneLine(d.LastError))
	}
	tw.Flush()
}

// oneLine keeps a table row on one line: a joined error (one per member of a role)
// becomes its distinct parts separated by "; ".
func oneLine(err string) string {
	var parts []string
	for _, p := range strings.Split(err, "\n") {
		if p = strings.TrimSpace(p); p != "" && !slices.Contains(parts, p) {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, "; ")
}
