package scheduler_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// TestSnoozeRepeatsOnceAndStopSilences: the owner snoozes the 30-day EFVP reminder for
// a week: nothing until then, the reminder once again on the day, then the 7-day one
// as usual. A person who stopped their training reminder gets no more of them.
func TestSnoozeRepeatsOnceAndStopSilences(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-05-03", 8, 0), p, testConfig(), nil)
	seedSystem(t, h, "2027-06-02")
	// carl owns Gemini and is to be trained on 12 May.
	gemini := h.approved(at("2027-04-01", 9, 0), "carl@x", "", nil, workflow.Approval{SystemName: "Gemini",
		Kind: "private", Hosting: "canada", EFVPNextReview: far, OwnerKey: "carl@x", Training: []time.Time{*date("2027-05-12")}})
	meet(t, h.db, "alice@x", "carl@x")
	h.start()
	h.pass("2027-05-03")
	if g := got(p.take()); !slices.Equal(g, []string{"D-alice@x: Révision de l'EFVP : Copilot"}) {
		t.Fatalf("3 May: %q, want the 30-day reminder", g)
	}
	if err := h.db.SnoozeReminder(ctx, scheduler.EFVP, "system:copilot", "alice@x", at("2027-05-10", 9, 0)); err != nil {
		t.Fatal(err)
	}
	if err := h.db.StopReminder(ctx, scheduler.Training, requests.Subject(gemini.ID), "carl@x"); err != nil {
		t.Fatal(err)
	}
	sent := map[string][]string{}
	for day := at("2027-05-04", 9, 0); day.Before(at("2027-05-28", 0, 0)); day = day.AddDate(0, 0, 1) {
		d := day.Format("2006-01-02")
		h.pass(d)
		if g := got(p.take()); len(g) > 0 {
			sent[d] = g
		}
	}
	want := map[string][]string{
		"2027-05-10": {"D-alice@x: Révision de l'EFVP : Copilot"}, // the snoozed one, again
		"2027-05-26": {"D-alice@x: Révision de l'EFVP : Copilot"}, // 7 days
	}
	if len(sent) != len(want) || !slices.Equal(sent["2027-05-10"], want["2027-05-10"]) || !slices.Equal(sent["2027-05-26"], want["2027-05-26"]) {
		t.Fatalf("sent %q, want %q", sent, want)
	}
}

// TestUpcomingListsWhatPassesWillSend: the plan shows each occurrence at the pass that
// will send it, and forgets those already sent.
func TestUpcomingListsWhatPassesWillSend(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-05-03", 8, 0), p, testConfig(), nil)
	seedSystem(t, h, "2027-06-02")
	meet(t, h.db, "alice@x", "boss@x")
	plan, err := h.sched.Upcoming(ctx, h.clock.Now(), 40)
	if err != nil {
		t.Fatal(err)
	}
	var lines []string
	for _, pl := range plan {
		if pl.Item.Kind != scheduler.Digest {
			lines = append(lines, pl.At.Format("2006-01-02 15:04")+" "+pl.Item.Key())
		}
	}
	want := []string{
		"2027-05-03 09:00 efvp|system:copilot|2027-06-02/30|alice@x",
		"2027-05-26 09:00 efvp|system:copilot|2027-06-02/7|alice@x",
		"2027-06-02 09:00 efvp|system:copilot|2027-06-02/0|alice@x",
		"2027-06-03 09:00 efvp-late|system:copilot|2027-06-02/late/2027-06-03|boss@x",
		"2027-06-03 09:00 efvp-late|system:copilot|2027-06-02/late/2027-06-03|role:codir-in",
		"2027-06-03 09:00 efvp|system:copilot|2027-06-02/late/2027-06-03|alice@x",
		"2027-06-10 09:00 efvp-late|system:copilot|2027-06-02/late/2027-06-10|boss@x",
		"2027-06-10 09:00 efvp-late|system:copilot|2027-06-02/late/2027-06-10|role:codir-in",
		"2027-06-10 09:00 efvp|system:copilot|2027-06-02/late/2027-06-10|alice@x",
	}
	if !slices.Equal(lines, want) {
		t.Fatalf("plan:\n%q\nwant:\n%q", lines, want)
	}
	h.start()
	h.pass("2027-05-03")
	plan, err = h.sched.Upcoming(ctx, h.clock.Now().Add(time.Minute), 40)
	if err != nil {
		t.Fatal(err)
	}
	var first string
	for _, pl := range plan {
		if pl.Item.Kind != scheduler.Digest {
			first = pl.Item.Key()
			break
		}
	}
	if first != "efvp|system:copilot|2027-06-02/7|alice@x" {
		t.Fatalf("after the 30-day reminder went, the plan starts with %s; want the 7-day one", first)
	}
}
