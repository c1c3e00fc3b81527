package app

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// committeeReplica is a complete bot on dsn whose CODIR-IN of three members decides
// unanimously, as the configuration file's committees say.
func committeeReplica(t *testing.T, dsn string, now time.Time) replica {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return map[string]string{"IAGBOT_DB": dsn}[k] })
	if err != nil {
		t.Fatal(err)
	}
	cfg.File.Committees = map[string]config.Committee{config.RoleCODIRIN: {Rule: config.RuleUnanimous}}
	roles := config.DemoRoles()
	roles[config.RoleCODIRIN] = []string{"terminal:c1", "terminal:c2", "terminal:c3"}
	a, err := New(context.Background(), cfg, Options{Roles: roles})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	a.DB.Now = func() time.Time { return now }
	a.Engine.SetClock(func() time.Time { return now })
	r := replica{app: a, out: &bytes.Buffer{}, mu: &sync.Mutex{}}
	a.Notify.Add(bot.Terminal, console.New(a.Engine, lockedWriter{r.mu, r.out}, "x", "fr"))
	return r
}

// TestTwoReplicasCloseACommitteeVoteOnce: under unanimity the last two of three
// CODIR-IN members vote at the same moment on two replicas sharing one PostgreSQL
// database. Neither vote closes the stage alone, so each replica must see the other's
// vote or the closed stage: exactly one closes it, the other's vote is recorded, and
// one decision approves the request. This checks the whole path through two bots;
// storage's TestCastVoteReplicasCloseOnce widens the race window so that it fails
// without the request's lock.
func TestTwoReplicasCloseACommitteeVoteOnce(t *testing.T) {
	dsn, ok := storagetest.PostgresDSN(t)
	if !ok {
		t.Skipf("PostgreSQL not configured: set %s", storagetest.DSNEnv)
	}
	ctx := context.Background()
	now := time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC)
	r1 := committeeReplica(t, dsn, now)
	r2 := committeeReplica(t, dsn, now)
	draft, err := r1.app.DB.CreateDraft(ctx, "terminal:alice", "alice", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for tag, v := range map[requests.Tag]string{
		requests.TagSystemName: "Gamma", requests.TagSystemVendor: "Gamma Tech", requests.TagSystemKind: "private",
		requests.TagUses: "summary", requests.TagPersonalData: "no", requests.TagAutomatedDecision: "no",
		requests.TagEFVPDate: "2026-08-15", requests.TagEFVPStatus: "done",
		requests.TagTrainingCalendar: "2026-09-15", requests.TagDeploymentDate: "2026-10-01",
	} {
		if err := r1.app.DB.SetAnswer(ctx, draft.ID, tag, requests.Answer{Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r1.app.DB.SubmitRequest(ctx, draft.ID, "terminal:alice", "alice"); err != nil {
		t.Fatal(err)
	}
	if _, err := r1.app.DB.StartReview(ctx, draft.ID, requests.CODIRReview, audit.System, nil); err != nil {
		t.Fatal(err)
	}
	subject := fmt.Sprintf("%d:1:%s", draft.ID, requests.CODIRReview)
	ruling := map[string]string{"use:summary": "permis", "hosting": "quebec", "efvp_done": "oui", "efvp_next": "2027-08-15",
		"training": "2026-09-15"}
	confirm := func(a *App, user string) string {
		replies, err := a.Engine.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: user, Name: user}, Locale: "fr",
			Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:codir", Group: true},
			Action:       &bot.Action{Verb: "review.confirm", Subject: subject, Values: ruling, Private: true}})
		if err != nil {
			t.Error(err)
		}
		return texts(replies)
	}
	if got := confirm(r1.app, "c1"); !strings.Contains(got, "1 / 3 votes requis") {
		t.Fatalf("first vote answered %q", got)
	}
	var (
		wg      sync.WaitGroup
		answers [2]string
	)
	for i, c := range []struct {
		a    *App
		user string
	}{{r1.app, "c2"}, {r2.app, "c3"}} {
		wg.Go(func() { answers[i] = confirm(c.a, c.user) })
	}
	wg.Wait()
	closed, recorded := 0, 0
	for _, got := range answers {
		switch {
		case strings.Contains(got, "est approuvée"):
			closed++
		case strings.Contains(got, "2 / 3 votes requis"):
			recorded++
		default:
			t.Errorf("vote answered %q", got)
		}
	}
	if closed != 1 || recorded != 1 {
		t.Fatalf("%d votes closed the stage, %d were recorded open; want 1 and 1: %q", closed, recorded, answers)
	}
	decisions, err := r2.app.DB.Decisions(ctx, draft.ID, 1)
	if err != nil || len(decisions) != 1 {
		t.Fatalf("decisions = %+v, %v; want exactly 1", decisions, err)
	}
	if req, err := r1.app.DB.Request(ctx, draft.ID); err != nil || req.Status != requests.Approved {
		t.Fatalf("request = %s, %v; want approved", req.Status, err)
	}
	if votes, err := r1.app.DB.Votes(ctx, draft.ID, 1, requests.CODIRReview); err != nil || len(votes) != 3 {
		t.Fatalf("votes = %d, %v; want 3", len(votes), err)
	}
}
