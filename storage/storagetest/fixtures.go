package storagetest

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
)

// The fixtures below build state through the store's public methods, the way the
// Annexe 1 dialog and the review workflow do, so that a test never holds a state the
// bot could not reach. Dates come from db.Now, which tests set.

// Draft creates a draft of requester with answers, as the Annexe 1 dialog saves them;
// forSTI items are left to the STI.
func Draft(tb testing.TB, db *storage.DB, requester, lang string, answers map[requests.Tag]string, forSTI ...requests.Tag) requests.Request {
	tb.Helper()
	ctx := context.Background()
	r, err := db.CreateDraft(ctx, requester, requester, lang)
	if err != nil {
		tb.Fatal(err)
	}
	for tag, v := range answers {
		if err := db.SetAnswer(ctx, r.ID, tag, requests.Answer{Value: v}); err != nil {
			tb.Fatal(err)
		}
	}
	for _, tag := range forSTI {
		if err := db.SetAnswer(ctx, r.ID, tag, requests.Answer{ForSTI: true}); err != nil {
			tb.Fatal(err)
		}
	}
	return Request(tb, db, r.ID)
}

// InReview submits request id and starts its review at stage, as the review
// workflow does.
func InReview(tb testing.TB, db *storage.DB, id uint, stage requests.Status) requests.Request {
	tb.Helper()
	ctx := context.Background()
	r, err := db.SubmitRequest(ctx, id, Request(tb, db, id).RequesterKey, "")
	if err != nil {
		tb.Fatal(err)
	}
	if _, err := db.StartReview(ctx, r.ID, stage, audit.System, workflow.Sections(stage)); err != nil {
		tb.Fatal(err)
	}
	return Request(tb, db, id)
}

// Approve has CODIR-IN approve request id, in review at CODIR-IN, with a: the system,
// its uses and the people to train go into the inventory as the workflow plans them.
func Approve(tb testing.TB, db *storage.DB, id uint, a workflow.Approval) workflow.ApprovalResult {
	tb.Helper()
	r := Request(tb, db, id)
	d := workflow.Decision{RequestID: id, Round: r.Round, Stage: r.Status, Decision: workflow.Approve,
		To: requests.Approved, ActorKey: "codir@x", ActorName: "CODIR-IN", Sections: workflow.Sections(r.Status)}
	res, err := db.Decide(context.Background(), d, a.Planner(d))
	if err != nil {
		tb.Fatal(err)
	}
	return res
}

// Request reads request id.
func Request(tb testing.TB, db *storage.DB, id uint) requests.Request {
	tb.Helper()
	r, err := db.Request(context.Background(), id)
	if err != nil {
		tb.Fatal(err)
	}
	return r
}

// Approved is a request of requester, with answers, that CODIR-IN approved with a: the
// way a system gets an owner, EFVP dates and people to train. The request names
// a.SystemName and, unless answers say otherwise, an EFVP done on 2026-06-02 (a
// request cannot be submitted without one).
func Approved(tb testing.TB, db *storage.DB, requester string, answers map[requests.Tag]string, a workflow.Approval) requests.Request {
	tb.Helper()
	all := map[requests.Tag]string{requests.TagSystemName: a.SystemName, requests.TagEFVPDate: "2026-06-02",
		requests.TagEFVPStatus: requests.EFVPDone}
	for tag, v := range answers {
		all[tag] = v
	}
	r := Draft(tb, db, requester, "fr", all)
	InReview(tb, db, r.ID, requests.CODIRReview)
	Approve(tb, db, r.ID, a)
	return Request(tb, db, r.ID)
}
