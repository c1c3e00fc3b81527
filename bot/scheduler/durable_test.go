package scheduler_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestRestartBetweenTwoReminders stops the bot after the 30-day EFVP reminder and
// starts it again after the 7-day one fell due: the catch-up pass sends the 7-day
// reminder once and never the 30-day one again; a second restart sends nothing.
func TestRestartBetweenTwoReminders(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	first := newHarness(t, path, at("2027-05-03", 8, 0), p, testConfig(), nil)
	seedSystem(t, first, "2027-06-02")
	meet(t, first.db, "alice@x")
	first.start()
	first.pass("2027-05-03")
	if g := got(p.take()); !slices.Equal(g, []string{"D-alice@x: Révision de l'EFVP : Copilot"}) {
		t.Fatalf("before the restart: %q, want the 30-day reminder", g)
	}
	first.stop()

	for i, start := range []time.Time{at("2027-05-27", 8, 30), at("2027-05-27", 10, 0)} {
		again := newHarness(t, path, start, p, testConfig(), nil)
		again.start()
		want := []string{"D-alice@x: Révision de l'EFVP : Copilot"}
		if i > 0 {
			want = nil
		}
		posts := p.take()
		if g := got(posts); !slices.Equal(g, want) {
			t.Fatalf("restart %d: %q, want %q", i+1, g, want)
		}
		if i == 0 && !contains(posts[0].text, "dans 6 jours") {
			t.Errorf("catch-up message %q, want the 7-day reminder (6 days left on the 27th)", posts[0].text)
		}
		again.stop()
	}
}

// TestTwoSchedulersShareOneDatabase runs two bot processes on one database file, on
// the same days: every reminder reaches its recipient once.
func TestTwoSchedulersShareOneDatabase(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	members := map[string][]string{"sti": {"sti1@x", "sti2@x"}}
	a := newHarness(t, path, at("2027-05-03", 8, 0), p, testConfig(), members)
	b := newHarness(t, path, at("2027-05-03", 8, 0), p, testConfig(), members)
	seedSystem(t, a, "2027-06-02")
	// bob's request for Claude waits for the STI since 26 April.
	var claude requests.Request
	a.then(at("2027-04-20", 9, 0), func() {
		claude = storagetest.Draft(t, a.db, "bob@x", "fr", map[requests.Tag]string{requests.TagSystemName: "Claude",
			requests.TagEFVPDate: "2027-04-01", requests.TagEFVPStatus: requests.EFVPDone})
	})
	a.then(at("2027-04-26", 10, 0), func() { storagetest.InReview(t, a.db, claude.ID, requests.STIReview) })
	// carl owns Gemini; he and dana are trained on 5 May.
	a.approved(at("2027-04-01", 9, 0), "carl@x", "", nil, workflow.Approval{SystemName: "Gemini", Kind: "private",
		Hosting: "canada", EFVPNextReview: far, OwnerKey: "carl@x", Trainees: []string{"dana@x"},
		Training: []time.Time{*date("2027-05-05")}})
	meet(t, a.db, "alice@x", "boss@x", "carl@x", "dana@x", "sti1@x", "sti2@x")
	channel(t, a.db, "codir-in")
	a.start()
	b.start()
	for _, day := range []string{"2027-05-03", "2027-05-04", "2027-05-05", "2027-05-06"} {
		a.advance(day)
		b.advance(day)
		a.wait()
		b.wait()
	}
	count := map[string]int{}
	for _, ps := range p.take() {
		count[ps.to+": "+firstLine(ps.text)]++
	}
	want := map[string]int{
		"C-codir-in: Bilan hebdomadaire de l'IAG — semaine du 3 mai 2027": 1,
		"D-alice@x: Révision de l'EFVP : Copilot":                         1, // 30 days
		"D-carl@x: Formation : Gemini":                                    2, // before and after the session
		"D-dana@x: Formation : Gemini":                                    2,
		"D-sti1@x: **Suivis IAG du 3 mai 2027**":                          1, // 5 business days in review
		"D-sti2@x: **Suivis IAG du 3 mai 2027**":                          1,
	}
	for k, n := range count {
		if want[k] != n {
			t.Errorf("%s: %d messages, want %d", k, n, want[k])
		}
	}
	for k, n := range want {
		if count[k] != n {
			t.Errorf("%s: %d messages, want %d", k, count[k], n)
		}
	}
}

// TestRateLimitedPostIsDeliveredAfterBackOff: the platform answers 429 once; the
// dispatcher waits the Retry-After it gave and the reminder is delivered, once.
func TestRateLimitedPostIsDeliveredAfterBackOff(t *testing.T) {
	path := dbPath(t)
	p := &platform{limited: 1}
	h := newHarness(t, path, at("2027-05-03", 9, 30), p, testConfig(), nil)
	seedSystem(t, h, "2027-06-02")
	meet(t, h.db, "alice@x")
	// The digest finds no CODIR-IN channel: unreachable, which the test ignores.
	if rep := h.start(); rep.Sent != 1 || rep.Failed != 0 {
		t.Fatalf("pass = %+v, want one sent, none failed", rep)
	}
	if posts := p.take(); p.refused != 1 || len(posts) != 1 || posts[0].to != "D-alice@x" {
		t.Fatalf("refused %d, posted %v; want one 429 then one post to alice", p.refused, to(posts))
	}
	if !slices.Contains(h.slept, 2*time.Second) {
		t.Errorf("dispatcher slept %v, want the Retry-After of 2s", h.slept)
	}
	key := "efvp|system:copilot|2027-06-02/30|alice@x"
	have, err := h.db.ReminderDeliveries(context.Background(), []string{key})
	if d := have[key]; err != nil || d.Status != scheduler.Sent || d.Attempts != 1 {
		t.Fatalf("delivery = %+v, %v; want sent on its first attempt", d, err)
	}
}
