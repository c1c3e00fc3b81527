package storage_test

import (
	"context"
	"errors"
	"path/filepath"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage"
)

func TestCreateDraftOneAtATime(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	first, err := db.CreateDraft(ctx, "marie@x", "Marie", "fr")
	if err != nil || first.ID == 0 || first.Status != requests.Draft {
		t.Fatalf("CreateDraft = %+v, %v; want a draft", first, err)
	}
	if _, err := db.CreateDraft(ctx, "marie@x", "Marie", "fr"); !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("second CreateDraft = %v, want ErrConflict", err)
	}
	if _, err := db.CreateDraft(ctx, "paul@x", "Paul", "en"); err != nil {
		t.Fatalf("another person's CreateDraft = %v", err)
	}
	got, err := db.CurrentDraft(ctx, "marie@x")
	if err != nil || got.ID != first.ID || got.Answers == nil {
		t.Fatalf("CurrentDraft = %+v, %v; want request %d with an answer map", got, err, first.ID)
	}
	if err := db.CancelRequest(ctx, first.ID, "marie@x", "Marie"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.CurrentDraft(ctx, "marie@x"); !errors.Is(err, bot.ErrNotFound) {
		t.Fatalf("CurrentDraft after cancel = %v, want ErrNotFound", err)
	}
	if _, err := db.CreateDraft(ctx, "marie@x", "Marie", "fr"); err != nil {
		t.Fatalf("CreateDraft after cancel = %v", err)
	}
	mine, err := db.RequestsOf(ctx, "marie@x")
	if err != nil || len(mine) != 2 || mine[0].Status != requests.Draft || mine[1].Status != requests.Cancelled {
		t.Fatalf("RequestsOf = %+v, %v; want the new draft then the cancelled one", mine, err)
	}
}

func TestAnswersAreSavedAsGivenAndSurviveReopen(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	r, err := db.CreateDraft(ctx, "marie@x", "Marie", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for _, a := range []struct {
		tag requests.Tag
		ans requests.Answer
	}{
		{requests.TagSystemName, requests.Answer{Value: "Brouillon"}},
		{requests.TagSystemName, requests.Answer{Value: "ChatGPT Edu"}}, // replaces the first
		{requests.TagSupervisor, requests.Answer{Value: "Chef.Service@CSSDGS.gouv.qc.ca"}},
		{"a1.sti.dng.access", requests.Answer{ForSTI: true}},
	} {
		if err := db.SetAnswer(ctx, r.ID, a.tag, a.ans); err != nil {
			t.Fatalf("SetAnswer(%s) = %v", a.tag, err)
		}
	}
	if err := db.SetAnswer(ctx, 9999, requests.TagSystemName, requests.Answer{Value: "x"}); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("SetAnswer on no request = %v, want ErrNotFound", err)
	}
	db.Close()
	db, err = storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	got, err := db.Request(ctx, r.ID)
	if err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"system name column", got.SystemName, "ChatGPT Edu"},
		{"supervisor key column", got.SupervisorKey, "chef.service@cssdgs.gouv.qc.ca"},
		{"system name answer", got.Answers[requests.TagSystemName].Value, "ChatGPT Edu"},
		{"for STI", got.Answers["a1.sti.dng.access"].ForSTI, true},
		{"answer count", len(got.Answers), 3},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	answers, err := db.Answers(ctx, r.ID)
	if err != nil || len(answers) != 3 {
		t.Fatalf("Answers = %v, %v; want 3", answers, err)
	}
	if _, err := db.Request(ctx, 9999); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Request(9999) = %v, want ErrNotFound", err)
	}
}

func TestSubmitRequestNeedsEFVPAndActsOnce(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	now := time.Date(2027, 1, 10, 9, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return now }
	r, err := db.CreateDraft(ctx, "marie@x", "Marie", "fr")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.SubmitRequest(ctx, r.ID, "marie@x", "Marie"); !errors.Is(err, requests.ErrNoEFVP) {
		t.Fatalf("SubmitRequest without EFVP = %v, want ErrNoEFVP", err)
	}
	if got, _ := db.Request(ctx, r.ID); got.Status != requests.Draft {
		t.Fatalf("status after a refused submit = %s, want draft", got.Status)
	}
	if err := db.SetAnswer(ctx, r.ID, requests.TagEFVPDate, requests.Answer{Value: "2027-02-01"}); err != nil {
		t.Fatal(err)
	}
	got, err := db.SubmitRequest(ctx, r.ID, "marie@x", "Marie")
	if err != nil {
		t.Fatal(err)
	}
	if got.Status != requests.Submitted || got.Round != 1 || got.SubmittedAt == nil || !got.SubmittedAt.Equal(now) ||
		got.StageSince == nil || got.Answers[requests.TagEFVPDate].Value != "2027-02-01" {
		t.Fatalf("submitted request = %+v, want submitted, round 1, dates now, answers", got)
	}
	if _, err := db.SubmitRequest(ctx, r.ID, "marie@x", "Marie"); !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("second SubmitRequest = %v, want ErrConflict", err)
	}
	if err := db.SetAnswer(ctx, r.ID, requests.TagSystemName, requests.Answer{Value: "x"}); !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("SetAnswer after submit = %v, want ErrConflict", err)
	}
	if err := db.CancelRequest(ctx, r.ID, "marie@x", "Marie"); !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("CancelRequest after submit = %v, want ErrConflict", err)
	}
	// The review workflow asks for changes; the requester edits and resubmits.
	if err := db.ExecForTest(ctx, "UPDATE request_rows SET status = 'changes_requested'"); err != nil {
		t.Fatal(err)
	}
	if err := db.SetAnswer(ctx, r.ID, requests.TagSystemName, requests.Answer{Value: "ChatGPT Edu"}); err != nil {
		t.Fatalf("SetAnswer while changes requested = %v", err)
	}
	if got, err = db.SubmitRequest(ctx, r.ID, "marie@x", "Marie"); err != nil || got.Round != 2 {
		t.Fatalf("resubmit = round %d, %v; want round 2", got.Round, err)
	}
	log, err := db.AuditLog(ctx)
	if err != nil || len(log) != 2 {
		t.Fatalf("audit log = %+v, %v; want two request.submit entries", log, err)
	}
	for i, from := range []string{"draft", "changes_requested"} {
		e := log[i]
		if e.Action != "request.submit" || e.Subject != requests.Subject(r.ID) || e.From != from || e.To != "submitted" || e.ActorKey != "marie@x" || len(e.Sections) == 0 {
			t.Errorf("audit entry %d = %+v, want request.submit %s → submitted by marie@x", i, e, from)
		}
	}
}

func TestIdleDraftsAndCloseDraft(t *testing.T) {
	ctx := context.Background()
	db := MustOpenDB(t)
	day := func(d int) time.Time { return time.Date(2027, 1, d, 9, 0, 0, 0, time.UTC) }
	db.Now = func() time.Time { return day(1) }
	old, _ := db.CreateDraft(ctx, "old@x", "Old", "fr")
	touched, _ := db.CreateDraft(ctx, "busy@x", "Busy", "fr")
	sent, _ := db.CreateDraft(ctx, "done@x", "Done", "fr")
	db.SetAnswer(ctx, sent.ID, requests.TagEFVPDate, requests.Answer{Value: "2027-02-01"})
	if _, err := db.SubmitRequest(ctx, sent.ID, "done@x", "Done"); err != nil {
		t.Fatal(err)
	}
	db.Now = func() time.Time { return day(20) }
	if err := db.SetAnswer(ctx, touched.ID, requests.TagSystemName, requests.Answer{Value: "Claude"}); err != nil {
		t.Fatal(err)
	}
	idle, err := db.IdleDrafts(ctx, day(10))
	if err != nil || len(idle) != 1 || idle[0].ID != old.ID {
		t.Fatalf("IdleDrafts = %+v, %v; want only request %d", idle, err, old.ID)
	}
	for _, tc := range []struct {
		name string
		id   uint
		want error
	}{
		{"idle draft", old.ID, nil},
		{"already closed", old.ID, bot.ErrConflict},
		{"submitted", sent.ID, bot.ErrConflict},
		{"no such request", 9999, bot.ErrNotFound},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if err := db.CloseDraft(ctx, tc.id, "idle 90 days"); !errors.Is(err, tc.want) {
				t.Errorf("CloseDraft = %v, want %v", err, tc.want)
			}
		})
	}
	if got, _ := db.Request(ctx, old.ID); got.Status != requests.Closed {
		t.Errorf("status = %s, want closed", got.Status)
	}
	log, _ := db.AuditLog(ctx)
	last := log[len(log)-1]
	if last.Action != "request.close" || last.Comment != "idle 90 days" || last.To != "closed" {
		t.Errorf("last audit entry = %+v, want request.close with the reason", last)
	}
	// A closed draft frees the person to start again.
	if _, err := db.CreateDraft(ctx, "old@x", "Old", "fr"); err != nil {
		t.Errorf("CreateDraft after close = %v", err)
	}
}
