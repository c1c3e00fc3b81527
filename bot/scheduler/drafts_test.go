package scheduler_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// draft is rita's draft, started on 20 February in lang and last touched (its uses
// answered) on 1 March.
func (h *harness) draft(lang string) requests.Request {
	h.t.Helper()
	var r requests.Request
	h.then(at("2027-02-20", 9, 0), func() { r = storagetest.Draft(h.t, h.db, "rita@x", lang, nil) })
	h.then(at("2027-03-01", 10, 0), func() {
		if err := h.db.SetAnswer(context.Background(), r.ID, requests.TagUses, requests.Answer{Value: "summary"}); err != nil {
			h.t.Fatal(err)
		}
	})
	return r
}

// TestIdleDraftRemindedThenClosed: a draft untouched since 1 March is reminded once
// at 60 days and closed at 90 (a Sunday: the Monday after), its requester told.
func TestIdleDraftRemindedThenClosed(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-04-29", 8, 0), p, testConfig(), nil)
	draft := h.draft("en")
	meet(t, h.db, "rita@x")
	h.start()
	sent := map[string][]string{}
	for day := at("2027-04-29", 9, 0); day.Before(at("2027-06-02", 0, 0)); day = day.AddDate(0, 0, 1) {
		d := day.Format("2006-01-02")
		h.pass(d)
		for _, ps := range p.take() {
			if ps.to == "D-rita@x" {
				sent[d] = append(sent[d], ps.text)
			}
		}
	}
	if len(sent) != 2 || len(sent["2027-04-30"]) != 1 || len(sent["2027-05-31"]) != 1 {
		t.Fatalf("rita got %q, want one reminder on 30 April and one notice on 31 May", sent)
	}
	if w := fmt.Sprintf(`Your draft approval request #%d has not moved for 60 days. Type "resume"`, draft.ID); !strings.Contains(sent["2027-04-30"][0], w) {
		t.Errorf("reminder %q lacks %q", sent["2027-04-30"][0], w)
	}
	if w := "stayed idle for 91 days, so I closed it"; !strings.Contains(sent["2027-05-31"][0], w) {
		t.Errorf("notice %q lacks %q", sent["2027-05-31"][0], w)
	}
	r, err := h.db.Request(context.Background(), draft.ID)
	if err != nil || r.Status != requests.Closed {
		t.Fatalf("request %d = %s, %v; want closed", draft.ID, r.Status, err)
	}
	log, _ := h.db.AuditLog(context.Background())
	if len(log) != 1 || log[0].Action != "request.close" || !strings.Contains(log[0].Comment, "91") {
		t.Errorf("audit = %+v, want request.close giving the idle days", log)
	}
}

// staleStore answers ReminderSources with what the database held earlier, as when a
// requester acts between a pass's read and its close.
type staleStore struct {
	*storage.DB
	src scheduler.Sources
}

func (s staleStore) ReminderSources(context.Context, time.Time) (scheduler.Sources, error) {
	return s.src, nil
}

// TestDraftCancelledMeanwhileIsNotClosed: the pass read an idle draft, but its
// requester cancelled it before the close: CloseDraft refuses, nobody is told, the
// delivery is recorded as skipped and never retried.
func TestDraftCancelledMeanwhileIsNotClosed(t *testing.T) {
	ctx := context.Background()
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-05-31", 9, 30), p, testConfig(), nil)
	draft := h.draft("fr")
	meet(t, h.db, "rita@x")
	src, err := h.db.ReminderSources(ctx, at("2027-05-24", 0, 0))
	if err != nil {
		t.Fatal(err)
	}
	if err := h.db.CancelRequest(ctx, draft.ID, "rita@x", "Rita"); err != nil {
		t.Fatal(err)
	}
	d := delivery.New(h.db, map[bot.Channel]bot.Messenger{bot.Slack: p})
	s, err := scheduler.New(staleStore{h.db, src}, d, testConfig(), scheduler.WithClock(h.clock))
	if err != nil {
		t.Fatal(err)
	}
	for i := range 2 {
		rep, err := s.RunOnce(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if want := 1 - i; rep.Skipped != want || rep.Sent != 0 {
			t.Errorf("pass %d = %+v, want %d skipped, nothing sent", i+1, rep, want)
		}
	}
	if g := got(p.take()); len(g) != 0 {
		t.Errorf("sent %q, want nothing", g)
	}
}

// TestRiskFollowUpAtTheInterval: approved on 1 April with a 30-day review interval,
// the requester is reminded on 1 May (a Saturday: the Monday after), 31 May and 30
// June.
func TestRiskFollowUpAtTheInterval(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-04-30", 8, 0), p, testConfig(), nil)
	r := h.approved(at("2027-04-01", 15, 0), "rita@x", "", map[requests.Tag]string{requests.TagRiskReviewInterval: "30"},
		workflow.Approval{SystemName: "Gemini", Kind: "private", Hosting: "canada", EFVPNextReview: far, OwnerKey: "rita@x"})
	meet(t, h.db, "rita@x")
	h.start()
	var days []string
	for day := at("2027-04-30", 9, 0); day.Before(at("2027-07-03", 0, 0)); day = day.AddDate(0, 0, 1) {
		d := day.Format("2006-01-02")
		h.pass(d)
		for _, ps := range p.take() {
			if ps.to == "D-rita@x" {
				days = append(days, d)
				if !strings.Contains(ps.text, fmt.Sprintf("la demande nº %d prévoit une revue aux 30 jours", r.ID)) {
					t.Errorf("%s: %q", d, ps.text)
				}
			}
		}
	}
	if want := []string{"2027-05-03", "2027-05-31", "2027-06-30"}; !slices.Equal(days, want) {
		t.Fatalf("risk follow-ups on %q, want %q", days, want)
	}
}
