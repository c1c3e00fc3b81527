package storage_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func civilDay(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }

// TestDelegationsStoredChecked: a delegation is checked against those recorded, ends
// early when cancelled, and both are audited.
func TestDelegationsStoredChecked(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		today := civilDay("2027-01-05")
		paul := workflow.Delegation{PersonKey: "paul@x", PersonName: "Paul Roy", DelegateKey: "marie@x", DelegateName: "Marie Roy",
			From: civilDay("2027-01-10"), To: civilDay("2027-01-24"), ByKey: "paul@x", ByName: "Paul Roy"}
		got, err := db.AddDelegation(ctx, paul, today)
		if err != nil || got.ID == 0 {
			t.Fatalf("AddDelegation = %+v, %v", got, err)
		}
		again := paul
		again.From, again.To = civilDay("2027-01-20"), civilDay("2027-01-30")
		if _, err := db.AddDelegation(ctx, again, today); !errors.Is(err, workflow.ErrDelegationOverlap) {
			t.Fatalf("overlapping AddDelegation = %v", err)
		}
		toPaul := workflow.Delegation{PersonKey: "luc@x", DelegateKey: "paul@x", From: civilDay("2027-01-23"), To: civilDay("2027-01-26")}
		if _, err := db.AddDelegation(ctx, toPaul, today); !errors.Is(err, workflow.ErrDelegateAway) {
			t.Fatalf("delegate away: %v", err)
		}
		list, err := db.Delegations(ctx)
		if err != nil || len(list) != 1 || !list[0].From.Equal(paul.From) || !list[0].To.Equal(paul.To) || list[0].DelegateName != "Marie Roy" {
			t.Fatalf("Delegations = %+v, %v", list, err)
		}
		if on, _ := db.DelegationsOn(ctx, civilDay("2027-01-24")); len(on) != 1 {
			t.Fatalf("DelegationsOn(last day) = %+v", on)
		}
		if on, _ := db.DelegationsOn(ctx, civilDay("2027-01-25")); len(on) != 0 {
			t.Fatalf("DelegationsOn(the day after) = %+v", on)
		}
		at := time.Date(2027, 1, 15, 15, 0, 0, 0, time.UTC)
		ended, err := db.EndDelegations(ctx, "paul@x", civilDay("2027-01-15"), at, audit.Actor{Key: "paul@x", Name: "Paul Roy"})
		if err != nil || len(ended) != 1 || ended[0].StatusOn(civilDay("2027-01-15")) != workflow.Ended {
			t.Fatalf("EndDelegations = %+v, %v", ended, err)
		}
		if _, err := db.EndDelegations(ctx, "paul@x", civilDay("2027-01-15"), at, audit.Actor{}); !errors.Is(err, bot.ErrNotFound) {
			t.Fatalf("second EndDelegations = %v, want ErrNotFound", err)
		}
		list, _ = db.Delegations(ctx)
		if list[0].EndedAt == nil || list[0].StatusOn(civilDay("2027-01-14")) != workflow.Active {
			t.Fatalf("after cancelling: %+v", list[0])
		}
		log, _ := db.AuditLog(ctx)
		var acts []string
		for _, e := range log {
			if e.Subject == "person:paul@x" {
				acts = append(acts, e.Action+" "+e.To+" "+e.Comment)
			}
		}
		if len(acts) != 2 || acts[0] != "delegation.add marie@x 2027-01-10..2027-01-24" || acts[1] != "delegation.end marie@x 2027-01-10..2027-01-24" {
			t.Fatalf("audit = %q", acts)
		}
	})
}

// TestReassignMovesTheStage: the assignment is kept, audited before → after, and the
// cards posted for the stage until then are no longer its cards.
func TestReassignMovesTheStage(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := seedSubmitted(t, db, requests.CODIRReview)
		old := bot.MessageRef{Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:codir", Group: true}, MessageID: "m1"}
		if err := db.AddPostedCard(ctx, r.ID, r.Round, r.Status, old); err != nil {
			t.Fatal(err)
		}
		a := workflow.Assignment{RequestID: r.ID, Round: r.Round, Stage: r.Status, ToKey: "marie@x", ToName: "Marie Roy",
			Reason: "congé", By: audit.Actor{Key: "admin@x", Name: "Admin"}}
		before, err := db.Reassign(ctx, a)
		if err != nil || before != "role:codir-in" {
			t.Fatalf("Reassign = %q, %v", before, err)
		}
		if posted, _ := db.PostedCards(ctx, r.ID, r.Round, r.Status); len(posted) != 0 {
			t.Fatalf("old cards still the stage's: %+v", posted)
		}
		if _, err := db.Reassign(ctx, a); !errors.Is(err, workflow.ErrSameAssignment) {
			t.Fatalf("same reassignment again = %v", err)
		}
		got, err := db.Assignment(ctx, r.ID, r.Round, r.Status)
		if err != nil || got.ToKey != "marie@x" || got.Reason != "congé" || got.By.Key != "admin@x" {
			t.Fatalf("Assignment = %+v, %v", got, err)
		}
		toRole := workflow.Assignment{RequestID: r.ID, Round: r.Round, Stage: r.Status, ToRole: "cprpsi", Reason: "conflit",
			By: audit.Actor{Key: "admin@x"}}
		if before, err := db.Reassign(ctx, toRole); err != nil || before != "marie@x" {
			t.Fatalf("second Reassign = %q, %v", before, err)
		}
		if cur, err := db.CurrentAssignments(ctx); err != nil || len(cur) != 1 || cur[0].ToRole != "cprpsi" {
			t.Fatalf("CurrentAssignments = %+v, %v; want the latest, to the privacy committee", cur, err)
		}
		if _, err := db.Assignment(ctx, r.ID, r.Round+1, r.Status); !errors.Is(err, bot.ErrNotFound) {
			t.Fatalf("another round's assignment = %v", err)
		}
		log, _ := db.AuditLog(ctx)
		var comments []string
		for _, e := range log {
			if e.Action == workflow.AuditReassign {
				comments = append(comments, e.Comment)
			}
		}
		if len(comments) != 2 || comments[0] != "role:codir-in → marie@x — congé" || comments[1] != "marie@x → role:cprpsi — conflit" {
			t.Fatalf("audit = %q", comments)
		}
	})
}
