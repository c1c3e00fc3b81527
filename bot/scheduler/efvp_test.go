package scheduler_test

import (
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// seedSystem adds Copilot, an approved system whose EFVP is next due on next, owned
// by alice@x, from request 1 whose requester's supervisor is boss@x.
func seedSystem(t *testing.T, h *harness, next string) requests.Request {
	t.Helper()
	return h.approved(at("2026-05-01", 9, 0), "alice@x", "boss@x", nil, workflow.Approval{SystemName: "Copilot",
		Kind: "private", Hosting: "canada", EFVPNextReview: *date(next), OwnerKey: "alice@x"})
}

// TestEFVPRevisionDayByDay walks the fake clock a day at a time from before the 30-day
// reminder to weeks after the due date: the owner is reminded at 30 days, 7 days and
// on the day; past due, the owner, CODIR-IN's channel and the supervisor weekly until
// a new date is recorded.
func TestEFVPRevisionDayByDay(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-04-30", 8, 0), p, testConfig(), nil)
	seedSystem(t, h, "2027-06-02")
	meet(t, h.db, "alice@x", "boss@x")
	channel(t, h.db, "codir-in")
	h.start()
	if g := got(p.take()); len(g) != 0 {
		t.Fatalf("catch-up pass sent %q, want nothing but the digest before the 30-day mark", g)
	}
	want := map[string][]string{
		"2027-05-03": {"D-alice@x: Révision de l'EFVP : Copilot"}, // 30 days: 2 May is a Sunday
		"2027-05-26": {"D-alice@x: Révision de l'EFVP : Copilot"}, // 7 days
		"2027-06-02": {"D-alice@x: Révision de l'EFVP : Copilot"}, // on the day
		// Past due: the owner too, until the revision is recorded.
		"2027-06-03": {"C-codir-in: **Suivis IAG du 3 juin 2027**", "D-alice@x: Révision de l'EFVP : Copilot", "D-boss@x: **Suivis IAG du 3 juin 2027**"},
		"2027-06-10": {"C-codir-in: **Suivis IAG du 10 juin 2027**", "D-alice@x: Révision de l'EFVP : Copilot", "D-boss@x: **Suivis IAG du 10 juin 2027**"},
	}
	var texts []string
	day := at("2027-04-30", 9, 0)
	for range 55 {
		d := day.Format("2006-01-02")
		if d == "2027-06-15" {
			// The owner records the revision: the weekly pings stop.
			if err := h.db.ReviseEFVP(context.Background(), "copilot", *date("2027-06-14"), *date("2028-06-14"), "alice@x", "Alice"); err != nil {
				t.Fatal(err)
			}
		}
		if day.After(h.clock.Now()) {
			h.pass(d)
		}
		posts := p.take()
		if g := got(posts); !slices.Equal(g, want[d]) {
			t.Errorf("%s: got %q, want %q", d, g, want[d])
		}
		for _, ps := range posts {
			texts = append(texts, ps.text)
		}
		day = day.AddDate(0, 0, 1)
	}
	all := strings.Join(texts, "\n")
	for _, w := range []string{"dans 30 jours", "dans 7 jours", "aujourd'hui, le 2 juin 2027", "1 jour de retard", "8 jours de retard", "EFVP révisée le AAAA-MM-JJ"} {
		if !strings.Contains(all, w) {
			t.Errorf("no %q in the messages:\n%s", w, all)
		}
	}
}

// TestOneNoticePerSeriesAndDay: the bot starts on the 7-day notice day while the
// 30-day notice was never sent (a first deployment, a long outage). Before
// reminders.at the catch-up sends nothing for the series and the day's pass sends the
// 7-day notice; after reminders.at the catch-up sends that one notice. Either way the
// owner gets exactly one message that day, never the stale notice with the same words.
func TestOneNoticePerSeriesAndDay(t *testing.T) {
	for _, tc := range []struct {
		name       string
		start      time.Time
		atCatchUp  int // the owner's messages from the catch-up pass
		atDaysPass int // and from the 09:00 pass of that day (when the bot started before it)
	}{
		{"before reminders.at", at("2027-05-26", 8, 0), 0, 1},
		{"after reminders.at", at("2027-05-26", 10, 0), 1, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := dbPath(t)
			p := &platform{}
			h := newHarness(t, path, tc.start, p, testConfig(), nil)
			seedSystem(t, h, "2027-06-02")
			meet(t, h.db, "alice@x", "boss@x")
			h.start()
			var owner []post
			catchUp := ownerPosts(p.take())
			owner = append(owner, catchUp...)
			if len(catchUp) != tc.atCatchUp {
				t.Errorf("catch-up sent the owner %q, want %d message(s)", got(catchUp), tc.atCatchUp)
			}
			if tc.start.Hour() < 9 {
				h.pass("2027-05-26")
				day := ownerPosts(p.take())
				owner = append(owner, day...)
				if len(day) != tc.atDaysPass {
					t.Errorf("the day's pass sent the owner %q, want %d message(s)", got(day), tc.atDaysPass)
				}
			}
			if len(owner) != 1 || !strings.Contains(owner[0].text, "dans 7 jours") {
				t.Fatalf("the owner got %d message(s) on the 7-day day: %q; want one 7-day notice", len(owner), got(owner))
			}
		})
	}
}

func ownerPosts(posts []post) []post {
	var out []post
	for _, p := range posts {
		if p.to == "D-alice@x" {
			out = append(out, p)
		}
	}
	return out
}

// TestEFVPSuspendedAndOwnerless: a suspended system is not chased once its EFVP is
// late (it is not in use); a system without an owner (the sample inventory's) gets its
// 30-day, 7-day and same-day notices in CODIR-IN's channel.
func TestEFVPSuspendedAndOwnerless(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-04-30", 8, 0), p, testConfig(), nil)
	seedSystem(t, h, "2027-06-02")
	h.approved(at("2026-05-01", 9, 0), "bob@x", "", nil, workflow.Approval{SystemName: "Gemini",
		Kind: "private", Hosting: "canada", EFVPNextReview: *date("2027-06-02")})
	if _, err := h.db.ChangeSystemStatus(context.Background(), "copilot", "suspended", "incident", audit.Actor{Key: "admin@x", Name: "Admin"}); err != nil {
		t.Fatal(err)
	}
	meet(t, h.db, "alice@x", "boss@x")
	channel(t, h.db, "codir-in")
	h.start()
	p.take()
	sent := map[string][]string{}
	day := at("2027-05-01", 9, 0)
	for range 45 {
		d := day.Format("2006-01-02")
		h.pass(d)
		for _, ps := range p.take() {
			// The weekly digest lists every EFVP; a daily follow-up counts when it names Copilot.
			daily := strings.Contains(ps.text, "Suivis IAG")
			if !strings.Contains(ps.text, "Bilan hebdomadaire") && (!daily || strings.Contains(ps.text, "Copilot")) {
				sent[d] = append(sent[d], ps.to+": "+firstLine(ps.text))
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	want := map[string][]string{
		"2027-05-03": {"C-codir-in: Révision de l'EFVP : Gemini", "D-alice@x: Révision de l'EFVP : Copilot"},
		"2027-05-26": {"C-codir-in: Révision de l'EFVP : Gemini", "D-alice@x: Révision de l'EFVP : Copilot"},
		"2027-06-02": {"C-codir-in: Révision de l'EFVP : Gemini", "D-alice@x: Révision de l'EFVP : Copilot"},
	}
	for d, w := range want {
		g := sent[d]
		slices.Sort(g)
		if !slices.Equal(g, w) {
			t.Errorf("%s: got %q, want %q", d, g, w)
		}
	}
	for d, g := range sent {
		if _, ok := want[d]; !ok {
			t.Errorf("%s: unexpected %q (a suspended system's late EFVP is not chased)", d, g)
		}
	}
}
