package scheduler_test

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// inSTIReview is a request of rita's waiting at the STI stage since 19 May 2027.
func inSTIReview(t *testing.T, h *harness) requests.Request {
	t.Helper()
	var r requests.Request
	h.then(at("2027-05-01", 9, 0), func() {
		r = storagetest.Draft(t, h.db, "rita@x", "fr", map[requests.Tag]string{requests.TagSystemName: "Gemini",
			requests.TagSupervisor: "boss@x", requests.TagEFVPDate: "2027-04-01", requests.TagEFVPStatus: requests.EFVPDone})
	})
	h.then(at("2027-05-19", 10, 0), func() { storagetest.InReview(t, h.db, r.ID, requests.STIReview) })
	return r
}

func away(t *testing.T, db *storage.DB, person, delegate, from, to string) {
	t.Helper()
	_, err := db.AddDelegation(context.Background(), workflow.Delegation{PersonKey: person, DelegateKey: delegate,
		From: *date(from), To: *date(to), ByKey: person}, *date("2027-05-01"))
	if err != nil {
		t.Fatal(err)
	}
}

// sentOn runs the passes from the 20th to day and returns what each day's pass sent,
// the weekly digest left out.
func sentOn(h *harness, p *platform, last string) map[string][]string {
	sent := map[string][]string{}
	for day := at("2027-05-20", 9, 0); !day.After(at(last, 9, 0)); day = day.AddDate(0, 0, 1) {
		d := day.Format("2006-01-02")
		h.pass(d)
		for _, ps := range p.take() {
			if !strings.Contains(ps.text, "Bilan hebdomadaire") {
				sent[d] = append(sent[d], ps.to+": "+ps.text)
			}
		}
		slices.Sort(sent[d])
	}
	return sent
}

// TestPendingReviewNudgeGoesToTheDelegate: sti1 is away with del standing in: on the
// nudge day (27 May: five business days, the Patriots' Day not counted) the nudge
// goes to del and sti2, not to sti1.
func TestPendingReviewNudgeGoesToTheDelegate(t *testing.T) {
	p := &platform{}
	h := newHarness(t, dbPath(t), at("2027-05-19", 11, 0), p, testConfig(), map[string][]string{"sti": {"sti1@x", "sti2@x"}})
	inSTIReview(t, h)
	meet(t, h.db, "sti1@x", "sti2@x", "del@x")
	away(t, h.db, "sti1@x", "del@x", "2027-05-20", "2027-06-10")
	h.start()
	sent := sentOn(h, p, "2027-05-27")
	var to []string
	for _, s := range sent["2027-05-27"] {
		to = append(to, strings.SplitN(s, ":", 2)[0])
	}
	if !slices.Equal(to, []string{"D-del@x", "D-sti2@x"}) {
		t.Fatalf("nudged %q, want del (for sti1) and sti2", to)
	}
}

// TestAllMembersAwayEscalatesToTheAdmins: both STI members are away without a
// delegate: on the nudge day the administrators are told instead, once, and the
// escalation is in the audit log once; once a member is back, the nudge reaches them.
func TestAllMembersAwayEscalatesToTheAdmins(t *testing.T) {
	p := &platform{}
	h := newHarness(t, dbPath(t), at("2027-05-19", 11, 0), p, testConfig(), map[string][]string{"sti": {"sti1@x", "sti2@x"}})
	r := inSTIReview(t, h)
	meet(t, h.db, "sti1@x", "sti2@x")
	channel(t, h.db, "admin")
	away(t, h.db, "sti1@x", "", "2027-05-20", "2027-06-10")
	away(t, h.db, "sti2@x", "", "2027-05-25", "2027-05-28")
	h.start()
	sent := sentOn(h, p, "2027-05-31")
	got := sent["2027-05-27"]
	if len(got) != 1 || !strings.HasPrefix(got[0], "C-admin: ") || !strings.Contains(got[0], "**Tous absents** : la demande nº") ||
		!strings.Contains(got[0], "réassigner la demande") {
		t.Fatalf("27 May: %q, want the administrators told that every STI member is away", got)
	}
	// sti2 is back on the 29th: the next pass nudges the members as usual.
	for d, s := range sent {
		if d != "2027-05-27" && d != "2027-05-31" {
			t.Errorf("%s: %q, want nothing", d, s)
		}
	}
	if back := strings.Join(sent["2027-05-31"], "\n"); !strings.Contains(back, "D-sti2@x: ") || strings.Contains(back, "Tous absents") {
		t.Errorf("31 May: %q, want sti2 nudged once back", back)
	}
	log, err := h.db.AuditLog(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == "review.escalate_away" && e.Subject == requests.Subject(r.ID) && e.To == "role:admin" {
			n++
		}
	}
	if n != 1 {
		t.Fatalf("%d review.escalate_away entries, want 1", n)
	}
}

// TestPendingReviewNudgeGoesToTheAssignee: the STI stage was reassigned to ana: the
// nudge goes to her, not to the STI's members.
func TestPendingReviewNudgeGoesToTheAssignee(t *testing.T) {
	p := &platform{}
	h := newHarness(t, dbPath(t), at("2027-05-19", 11, 0), p, testConfig(), map[string][]string{"sti": {"sti1@x", "sti2@x"}})
	r := storagetest.Request(t, h.db, inSTIReview(t, h).ID)
	meet(t, h.db, "sti1@x", "sti2@x", "ana@x")
	h.then(at("2027-05-19", 12, 0), func() {
		_, err := h.db.Reassign(context.Background(), workflow.Assignment{RequestID: r.ID, Round: r.Round, Stage: r.Status,
			ToKey: "ana@x", ToName: "Ana", Reason: "congé"})
		if err != nil {
			t.Fatal(err)
		}
	})
	h.start()
	sent := sentOn(h, p, "2027-05-27")
	if got := sent["2027-05-27"]; len(got) != 1 || !strings.HasPrefix(got[0], "D-ana@x: ") {
		t.Fatalf("27 May: %q, want ana nudged alone", got)
	}
}
