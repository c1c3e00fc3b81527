package storage_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// closer closes a stage as the review feature does: by workflow.Count, an approval
// writing the summary use into the inventory with the committee's conditions.
func closer(rule workflow.Rule, eligible int) workflow.Closer {
	return func(r requests.Request, votes []workflow.Vote) (*workflow.Decision, workflow.Planner, error) {
		o := workflow.Count(rule, eligible, votes)
		if !o.Closed {
			return nil, nil, nil
		}
		d := workflow.CloseDecision(r, o)
		a := workflow.Approval{SystemName: "ChatGPT Édu", Kind: "private", Hosting: "quebec", Conditions: o.Conditions,
			Uses: []workflow.UseRuling{{UseID: "summary", Rule: "permitted"}}}
		return &d, a.Planner(d), nil
	}
}

func vote(r requests.Request, voter string, c workflow.Choice, conds ...workflow.Condition) workflow.Vote {
	return workflow.Vote{RequestID: r.ID, Round: r.Round, Stage: r.Status, VoterKey: voter, VoterName: voter, Choice: c,
		Conditions: conds}
}

func TestCastVoteMajority(t *testing.T) {
	storagetest.Each(t, func(t *testing.T, db *storage.DB) {
		ctx := context.Background()
		r := seedSubmitted(t, db, requests.CODIRReview)
		rule := workflow.Rule{Kind: config.RuleMajority, Quorum: 3, Secret: true}
		cast := func(v workflow.Vote) workflow.Cast {
			t.Helper()
			c, err := db.CastVote(ctx, v, closer(rule, 5))
			if err != nil {
				t.Fatalf("CastVote %s: %v", v.VoterKey, err)
			}
			return c
		}
		if c := cast(vote(r, "a@x", workflow.ChoiceReject)); c.Replaced || c.Decision != nil {
			t.Fatalf("first vote = %+v", c)
		}
		// a changes their vote: still one vote of theirs.
		if c := cast(vote(r, "a@x", workflow.ChoiceConditions, workflow.Condition{Kind: workflow.CondHumanReview})); !c.Replaced || c.Decision != nil {
			t.Fatalf("changed vote = %+v", c)
		}
		if c := cast(vote(r, "b@x", workflow.ChoiceChanges)); c.Decision != nil {
			t.Fatalf("two votes closed the stage: %+v", c)
		}
		c := cast(vote(r, "c@x", workflow.ChoiceApprove))
		if c.Decision == nil || c.Decision.Decision != workflow.Approve || c.Result.SystemID == "" {
			t.Fatalf("third vote = %+v, want the stage approved", c)
		}
		votes, err := db.Votes(ctx, r.ID, r.Round, requests.CODIRReview)
		if err != nil || len(votes) != 3 || votes[0].VoterKey != "a@x" || votes[0].Choice != workflow.ChoiceConditions ||
			len(votes[0].Conditions) != 1 || votes[0].Conditions[0].Kind != workflow.CondHumanReview {
			t.Fatalf("Votes = %+v, %v", votes, err)
		}
		// A vote after the close records nothing.
		if _, err := db.CastVote(ctx, vote(r, "d@x", workflow.ChoiceReject), closer(rule, 5)); !errors.Is(err, bot.ErrConflict) {
			t.Fatalf("late vote = %v, want ErrConflict", err)
		}
		if votes, _ := db.Votes(ctx, r.ID, r.Round, ""); len(votes) != 3 {
			t.Errorf("%d votes after a late one, want 3", len(votes))
		}
		d, err := db.DecisionFor(ctx, r.ID, r.Round, requests.CODIRReview)
		if err != nil || d.ActorKey != "c@x" {
			t.Fatalf("DecisionFor = %+v, %v", d, err)
		}
		sys, err := db.FindSystem(ctx, "ChatGPT Édu")
		if err != nil {
			t.Fatal(err)
		}
		inv, err := db.Inventory(ctx)
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range inv.Systems {
			if s.ID != sys.ID {
				continue
			}
			if len(s.Restricted) != 1 || s.Restricted[0].Use != "summary" ||
				s.Restricted[0].Conditions.FR != "chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11)" {
				t.Errorf("approved system's restricted uses = %+v", s.Restricted)
			}
		}
	})
}

// TestCastVoteReplicasCloseOnce has two replicas cast the last two votes of a stage
// at the same instant, many times: under unanimity neither vote closes the stage
// alone, so a replica that did not see the other's vote would miss the close; under
// a majority either vote closes it, so both would close it without the request's
// lock. Exactly one decision is recorded each time.
func TestCastVoteReplicasCloseOnce(t *testing.T) {
	t.Run("sqlite", func(t *testing.T) {
		raceVotes(t, filepath.Join(t.TempDir(), "shared.db"))
	})
	t.Run("postgres", func(t *testing.T) {
		dsn, ok := storagetest.PostgresDSN(t)
		if !ok {
			t.Skip("PostgreSQL not configured")
		}
		raceVotes(t, dsn)
	})
}

func raceVotes(t *testing.T, dsn string) {
	ctx := context.Background()
	dbs := [2]*storage.DB{open(t, dsn), open(t, dsn)}
	for _, tc := range []struct {
		rule     workflow.Rule
		eligible int
		before   []workflow.Choice
		want     workflow.Action
	}{
		{workflow.Rule{Kind: config.RuleUnanimous}, 3, []workflow.Choice{workflow.ChoiceApprove}, workflow.Approve},
		{workflow.Rule{Kind: config.RuleMajority, Quorum: 3}, 5, []workflow.Choice{workflow.ChoiceReject, workflow.ChoiceApprove}, workflow.Approve},
	} {
		for range 10 {
			r := seedSubmitted(t, dbs[0], requests.CODIRReview)
			for i, c := range tc.before {
				if _, err := dbs[0].CastVote(ctx, vote(r, string(rune('a'+i))+"@x", c), closer(tc.rule, tc.eligible)); err != nil {
					t.Fatal(err)
				}
			}
			var (
				wg     sync.WaitGroup
				mu     sync.Mutex
				closed int
				late   int
				start  = make(chan struct{})
				inner  = closer(tc.rule, tc.eligible)
			)
			// The pause, between reading the stage's votes and deciding, widens the
			// window in which two unserialised transactions would each miss the
			// other's vote.
			closers := func(r requests.Request, votes []workflow.Vote) (*workflow.Decision, workflow.Planner, error) {
				time.Sleep(20 * time.Millisecond)
				return inner(r, votes)
			}
			for i := range 2 {
				wg.Go(func() {
					<-start
					c, err := dbs[i].CastVote(ctx, vote(r, string(rune('x'+i))+"@x", workflow.ChoiceApprove), closers)
					mu.Lock()
					defer mu.Unlock()
					switch {
					case errors.Is(err, bot.ErrConflict):
						late++
					case err != nil:
						t.Errorf("CastVote: %v", err)
					case c.Decision != nil:
						closed++
					}
				})
			}
			close(start)
			wg.Wait()
			if closed != 1 {
				t.Fatalf("%s: %d replicas closed the stage (%d late), want exactly 1", tc.rule.Kind, closed, late)
			}
			d, err := dbs[1].DecisionFor(ctx, r.ID, r.Round, requests.CODIRReview)
			if err != nil || d.Decision != tc.want {
				t.Fatalf("%s: decision = %+v, %v", tc.rule.Kind, d, err)
			}
			if got := storagetest.Request(t, dbs[0], r.ID).Status; got != requests.Approved {
				t.Fatalf("%s: request is %s, want approved", tc.rule.Kind, got)
			}
		}
	}
}

func open(t *testing.T, dsn string) *storage.DB {
	t.Helper()
	db, err := storage.Open(context.Background(), dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}
