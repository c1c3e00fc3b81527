package storage_test

import (
	"context"
	"errors"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

var t0 = time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC)

// seedSubmitted drafts, answers and submits a request for "alice" as the Annexe 1
// dialog does, and starts its review at stage.
func seedSubmitted(t *testing.T, db *storage.DB, stage requests.Status, forSTI ...requests.Tag) requests.Request {
	t.Helper()
	ctx := context.Background()
	r, err := db.CreateDraft(ctx, "alice@x", "Alice", "fr")
	if err != nil {
		t.Fatal(err)
	}
	answers := map[requests.Tag]requests.Answer{requests.TagSystemName: {Value: "ChatGPT Édu"},
		requests.TagEFVPDate: {Value: "2026-08-01"}, requests.TagEFVPStatus: {Value: "done"}}
	for _, tag := range forSTI {
		answers[tag] = requests.Answer{ForSTI: true}
	}
	for tag, a := range answers {
		if err := db.SetAnswer(ctx, r.ID, tag, a); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.SubmitRequest(ctx, r.ID, "alice@x", "Alice"); err != nil {
		t.Fatal(err)
	}
	r, err = db.StartReview(ctx, r.ID, stage, audit.Actor{Key: "alice@x"}, []string{"6.3.1"})
	if err != nil {
		t.Fatalf("StartReview = %v", err)
	}
	return r
}

func TestStartReviewOnceAndNewRound(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := seedSubmitted(t, db, requests.CODIRReview)
		if r.Status != requests.CODIRReview || r.Round != 1 || r.StageSince == nil {
			t.Fatalf("after StartReview: status %s round %d since %v; want codir_review, 1, set", r.Status, r.Round, r.StageSince)
		}
		if _, err := db.StartReview(ctx, r.ID, requests.CODIRReview, audit.Actor{}, nil); !errors.Is(err, bot.ErrConflict) {
			t.Fatalf("second StartReview = %v, want ErrConflict", err)
		}
		// Changes requested, then resubmitted: the new round is reviewed afresh.
		if _, err := decide(ctx, db, workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview,
			Decision: "changes", To: requests.ChangesRequested, ActorKey: "codir@x", Comment: "précisez"}, nil); err != nil {
			t.Fatal(err)
		}
		if _, err := db.SubmitRequest(ctx, r.ID, "alice@x", "Alice"); err != nil {
			t.Fatal(err)
		}
		r2, err := db.StartReview(ctx, r.ID, requests.CODIRReview, audit.Actor{Key: "alice@x"}, nil)
		if err != nil || r2.Round != 2 || r2.Status != requests.CODIRReview {
			t.Fatalf("resubmission StartReview = round %d %s, %v; want 2 codir_review", r2.Round, r2.Status, err)
		}
	})
}

func TestDecideExactlyOnceUnderConcurrency(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := seedSubmitted(t, db, requests.CODIRReview)
		var wg sync.WaitGroup
		errs := make([]error, 2)
		for i := range errs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				_, errs[i] = decide(ctx, db, workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview,
					Decision: "reject", To: requests.Rejected, ActorKey: []string{"a@x", "b@x"}[i], Comment: "non"}, nil)
			}()
		}
		wg.Wait()
		var ok, conflicts int
		for _, err := range errs {
			switch {
			case err == nil:
				ok++
			case errors.Is(err, bot.ErrConflict):
				conflicts++
			default:
				t.Fatalf("Decide = %v", err)
			}
		}
		if ok != 1 || conflicts != 1 {
			t.Fatalf("got %d decisions and %d conflicts, want 1 and 1", ok, conflicts)
		}
		if n, _ := db.CountForTest(ctx, "decision_rows", "request_id = ?", r.ID); n != 1 {
			t.Fatalf("decision rows = %d, want 1", n)
		}
		if n, _ := db.CountForTest(ctx, "audit_rows", "action = ?", "review.reject"); n != 1 {
			t.Fatalf("review.reject audit entries = %d, want 1", n)
		}
	})
}

func TestDecideRefusesAStaleStage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := seedSubmitted(t, db, requests.STIReview)
		for _, tc := range []struct {
			name  string
			round int
			stage requests.Status
		}{
			{"other stage", 1, requests.CODIRReview},
			{"old round", 0, requests.STIReview},
		} {
			t.Run(tc.name, func(t *testing.T) {
				_, err := decide(ctx, db, workflow.Decision{RequestID: r.ID, Round: tc.round, Stage: tc.stage,
					Decision: "approve", To: requests.PrivacyReview, ActorKey: "x@x"}, nil)
				if !errors.Is(err, bot.ErrConflict) {
					t.Fatalf("Decide = %v, want ErrConflict", err)
				}
				// The decision row went with the refused update.
				if _, err := db.DecisionFor(ctx, r.ID, tc.round, tc.stage); !errors.Is(err, bot.ErrNotFound) {
					t.Fatalf("DecisionFor = %v, want ErrNotFound", err)
				}
			})
		}
		if got, _ := db.Request(ctx, r.ID); got.Status != requests.STIReview {
			t.Fatalf("status = %s, want sti_review unchanged", got.Status)
		}
	})
}

func TestApprovalWritesInventoryInTheDecision(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		db.Now = func() time.Time { return t0 }
		r := seedSubmitted(t, db, requests.CODIRReview)
		done := t0.AddDate(0, -1, 0)
		appr := &workflow.Approval{SystemName: "ChatGPT Édu", Vendor: "OpenAI", Kind: "public", Hosting: "foreign",
			Uses: []workflow.UseRuling{{UseID: "summary", Rule: "permitted"},
				{UseID: "parent-communication", Rule: "restricted", ConditionsFR: "sans renseignements personnels"},
				{UseID: "grading", Rule: "forbidden"}},
			EFVPDone: &done, EFVPNextReview: t0.AddDate(1, 0, 0), OwnerKey: "alice@x",
			Training: []time.Time{t0.AddDate(0, 0, 20), t0.AddDate(0, 0, 10)}}
		res, err := decide(ctx, db, workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview,
			Decision: "approve", To: requests.Approved, ActorKey: "codir@x", ActorName: "Chantal Codir"}, appr)
		if err != nil {
			t.Fatal(err)
		}
		if res.SystemID != "chatgpt-edu" || res.Status != "approved" {
			t.Fatalf("result = %+v, want chatgpt-edu approved", res)
		}
		if sys, err := db.FindSystem(ctx, "chatgpt edu"); err != nil || sys.Kind != "public" || sys.Hosting != "foreign" {
			t.Fatalf("FindSystem = %+v, %v", sys, err)
		}
		var row storage.SystemRow
		if err := db.FirstForTest(ctx, &row, "id = ?", "chatgpt-edu"); err != nil {
			t.Fatal(err)
		}
		if row.OwnerKey != "alice@x" || row.EFVPNextReview == nil || !row.EFVPNextReview.Equal(t0.AddDate(1, 0, 0)) ||
			row.RequestID == nil || *row.RequestID != r.ID {
			t.Fatalf("system row = %+v", row)
		}
		var use storage.SystemUseRow
		if err := db.FirstForTest(ctx, &use, "system_id = ? AND use_id = ?", "chatgpt-edu", "parent-communication"); err != nil ||
			use.Rule != "restricted" || use.ConditionsFR == "" {
			t.Fatalf("restricted use = %+v, %v", use, err)
		}
		var tr storage.TrainingRow
		if err := db.FirstForTest(ctx, &tr, "request_id = ?", r.ID); err != nil || tr.PersonKey != "alice@x" ||
			!tr.SessionAt.Equal(t0.AddDate(0, 0, 10)) {
			t.Fatalf("training = %+v, %v; want alice's first session", tr, err)
		}
		got, _ := db.Request(ctx, r.ID)
		if got.Status != requests.Approved || got.DecidedAt == nil || got.StageSince != nil {
			t.Fatalf("request = %s decided %v stage since %v; want approved, decided, no stage", got.Status, got.DecidedAt, got.StageSince)
		}
		log, _ := db.AuditLog(ctx)
		var actions []string
		for _, e := range log {
			actions = append(actions, e.Action)
		}
		want := []string{"request.submit", "review.start", "review.approve", "inventory.approve"}
		if len(actions) < 4 || actions[len(actions)-2] != want[2] || actions[len(actions)-1] != want[3] {
			t.Fatalf("audit actions = %v, want to end with %v", actions, want[2:])
		}
		// A second request for the same system under another spelling updates it.
		r2 := seedSubmitted(t, db, requests.CODIRReview)
		appr.SystemName, appr.Uses = "chatgpt-édu", []workflow.UseRuling{{UseID: "summary", Rule: "restricted", ConditionsFR: "relire"}}
		res, err = decide(ctx, db, workflow.Decision{RequestID: r2.ID, Round: 1, Stage: requests.CODIRReview,
			Decision: "approve", To: requests.Approved, ActorKey: "codir@x"}, appr)
		if err != nil || res.SystemID != "chatgpt-edu" {
			t.Fatalf("second approval = %+v, %v; want the same system", res, err)
		}
		if n, _ := db.CountForTest(ctx, "system_rows", "1 = 1"); n != 1 {
			t.Fatalf("systems = %d, want 1", n)
		}
	})
}

func TestFillSTIItemsOnlyFlaggedAndInStage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := seedSubmitted(t, db, requests.STIReview, "a1.sti.risks.causes", "a1.sti.dng.access")
		if got := r.Facts().PendingSTI(); len(got) != 2 {
			t.Fatalf("PendingSTI = %v, want 2 items", got)
		}
		filled, err := db.FillSTIItems(ctx, r.ID, 1, map[requests.Tag]string{"a1.sti.risks.causes": "Fuite de données",
			requests.TagSystemName: "Autre", "a1.sti.dng.access": "  "}, audit.Actor{Key: "sti@x"})
		if err != nil || len(filled) != 1 || filled[0] != "a1.sti.risks.causes" {
			t.Fatalf("FillSTIItems = %v, %v; want [a1.sti.risks.causes]", filled, err)
		}
		got, _ := db.Request(ctx, r.ID)
		if f := got.Facts(); f.SystemName() != "ChatGPT Édu" || got.Answers["a1.sti.risks.causes"].Value != "Fuite de données" {
			t.Fatalf("answers = %+v", got.Answers)
		}
		if p := got.Facts().PendingSTI(); len(p) != 1 || p[0] != "a1.sti.dng.access" {
			t.Fatalf("PendingSTI = %v, want [a1.sti.dng.access]", p)
		}
		if _, err := db.FillSTIItems(ctx, r.ID, 2, map[requests.Tag]string{"a1.sti.dng.access": "x"}, audit.Actor{}); !errors.Is(err, bot.ErrConflict) {
			t.Fatalf("fill in another round = %v, want ErrConflict", err)
		}
	})
}

func TestPostedCardsAreKeptPerRound(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		m := func(id string) bot.MessageRef {
			return bot.MessageRef{Conversation: bot.ConversationRef{Channel: bot.Slack, ID: "C1", Group: true}, MessageID: id}
		}
		for _, c := range []struct {
			round int
			id    string
		}{{1, "m1"}, {1, "m2"}, {2, "m3"}} {
			if err := db.AddPostedCard(ctx, 7, c.round, requests.CODIRReview, m(c.id)); err != nil {
				t.Fatal(err)
			}
		}
		got, err := db.PostedCards(ctx, 7, 1, requests.CODIRReview)
		if err != nil || len(got) != 2 || got[0].MessageID != "m1" || got[1].Conversation.ID != "C1" {
			t.Fatalf("round 1 cards = %+v, %v; want m1, m2", got, err)
		}
		if got, _ := db.PostedCards(ctx, 7, 2, requests.CODIRReview); len(got) != 1 || got[0].MessageID != "m3" {
			t.Fatalf("round 2 cards = %+v, want m3", got)
		}
	})
}

func TestAdminChangesAreAuditedOnce(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		// The taxonomy of uses the rules below name (a rule for an unknown use is refused).
		if err := db.ReplaceInventory(ctx, inventory.Sample()); err != nil {
			t.Fatal(err)
		}
		r := seedSubmitted(t, db, requests.CODIRReview)
		if _, err := decide(ctx, db, workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview, Decision: "approve",
			To: requests.Approved, ActorKey: "c@x"}, &workflow.Approval{SystemName: "ChatGPT Édu", Kind: "public",
			Hosting: "foreign", EFVPNextReview: t0}); err != nil {
			t.Fatal(err)
		}
		admin := audit.Actor{Key: "admin@x", Name: "Ad Min"}
		for _, tc := range []struct {
			name     string
			do       func() (string, error)
			wantFrom string
			wantErr  error
		}{
			{"suspend", func() (string, error) {
				return db.ChangeSystemStatus(ctx, "chatgpt-edu", "suspended", "incident du 2026-11-20", admin)
			}, "approved", nil},
			{"suspend again", func() (string, error) {
				return db.ChangeSystemStatus(ctx, "chatgpt-edu", "suspended", "incident du 2026-11-20", admin)
			}, "suspended", bot.ErrConflict},
			{"unknown system", func() (string, error) { return db.ChangeSystemStatus(ctx, "nope", "suspended", "x", admin) }, "", bot.ErrNotFound},
			{"restrict a new use", func() (string, error) {
				return db.ChangeUseRule(ctx, "chatgpt-edu", "summary", "restricted", "sans RP", "sans RP", "sans RP", admin)
			}, "", nil},
			{"same rule again", func() (string, error) {
				return db.ChangeUseRule(ctx, "chatgpt-edu", "summary", "restricted", "sans RP", "sans RP", "sans RP", admin)
			}, "restricted", bot.ErrConflict},
			{"forbid it", func() (string, error) {
				return db.ChangeUseRule(ctx, "chatgpt-edu", "summary", "forbidden", "", "", "décision CODIR-IN", admin)
			}, "restricted", nil},
		} {
			t.Run(tc.name, func(t *testing.T) {
				from, err := tc.do()
				if from != tc.wantFrom || !errors.Is(err, tc.wantErr) {
					t.Fatalf("got (%q, %v), want (%q, %v)", from, err, tc.wantFrom, tc.wantErr)
				}
			})
		}
		log, _ := db.AuditLog(ctx)
		var got []string
		for _, e := range log {
			if e.ActorKey == "admin@x" {
				got = append(got, e.Action+" "+e.From+"→"+e.To+" "+e.Comment)
			}
		}
		want := []string{"inventory.suspend approved→suspended incident du 2026-11-20", "inventory.use →restricted sans RP",
			"inventory.use restricted→forbidden décision CODIR-IN"}
		if len(got) != len(want) {
			t.Fatalf("admin audit = %q, want %q", got, want)
		}
		for i := range want {
			if got[i] != want[i] {
				t.Errorf("audit[%d] = %q, want %q", i, got[i], want[i])
			}
		}
	})
}

// TestApprovalResolvesUses: a use named by the taxonomy's id or label is that use; a
// label the taxonomy lacks becomes a new use, marked as supporting decisions about
// people when the request says so (5.1.11).
func TestApprovalResolvesUses(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		if err := db.InsertForTest(ctx, &storage.UseRow{ID: "translation", LabelFR: "Traduction", LabelEN: "Translation"}); err != nil {
			t.Fatal(err)
		}
		r := seedSubmitted(t, db, requests.CODIRReview)
		_, err := decide(ctx, db, workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview, Decision: "approve",
			To: requests.Approved, ActorKey: "c@x"}, &workflow.Approval{SystemName: "ChatGPT Édu", Kind: "private",
			Hosting: "canada", EFVPNextReview: t0, Automated: true, Uses: []workflow.UseRuling{
				{UseID: "traduction", Rule: "permitted"},
				{UseID: "Tri des candidatures", Rule: "restricted", ConditionsFR: "consentement", ConditionsEN: "consent"}}})
		if err != nil {
			t.Fatal(err)
		}
		for _, tc := range []struct {
			use, rule string
		}{{"translation", "permitted"}, {"tri-des-candidatures", "restricted"}} {
			var row storage.SystemUseRow
			if err := db.FirstForTest(ctx, &row, "system_id = ? AND use_id = ?", "chatgpt-edu", tc.use); err != nil || row.Rule != tc.rule {
				t.Errorf("use %s = %+v, %v; want %s", tc.use, row, err, tc.rule)
			}
		}
		labels, err := db.UseLabels(ctx)
		if err != nil || len(labels) != 2 {
			t.Fatalf("uses = %+v, %v; want translation and the new one", labels, err)
		}
		if u := labels[1]; u.ID != "tri-des-candidatures" || u.LabelFR != "Tri des candidatures" || !u.AutomatedDecision {
			t.Errorf("new use = %+v; want labelled from the request and marked automated", u)
		}
	})
}

// decide is Decide with the approval planned by the workflow, as the review feature
// calls it.
func decide(ctx context.Context, db *storage.DB, d workflow.Decision, a *workflow.Approval) (workflow.ApprovalResult, error) {
	var plan workflow.Planner
	if a != nil {
		plan = a.Planner(d)
	}
	return db.Decide(ctx, d, plan)
}
