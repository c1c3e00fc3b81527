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
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage/storagetest"
	"github.com/jonboulle/clockwork"
)

// replica is one complete bot process: its own App (engine, dispatcher, metrics) and
// terminal channel, on the shared database.
type replica struct {
	app *App
	out *bytes.Buffer
	mu  *sync.Mutex
}

func (r replica) output() string {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.out.String()
}

type lockedWriter struct {
	mu *sync.Mutex
	w  *bytes.Buffer
}

func (l lockedWriter) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.w.Write(p)
}

func newReplica(t *testing.T, dsn string, now time.Time) replica {
	t.Helper()
	cfg, err := config.Load(func(k string) string { return map[string]string{"IAGBOT_DB": dsn}[k] })
	if err != nil {
		t.Fatal(err)
	}
	// Two CODIR-IN members, so that each replica can have one of them click.
	roles := config.DemoRoles()
	roles[config.RoleCODIRIN] = append(roles[config.RoleCODIRIN], "terminal:codir-in")
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

func say(t *testing.T, a *App, user, text string) []bot.Reply {
	t.Helper()
	replies, err := a.Engine.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: user, Name: user},
		Locale: "fr", Conversation: console.DirectRef(user), Text: text})
	if err != nil {
		t.Fatal(err)
	}
	return replies
}

func texts(replies []bot.Reply) string {
	var b strings.Builder
	for _, r := range replies {
		b.WriteString(r.Text + "\n")
	}
	return b.String()
}

// TestTwoReplicasShareOnePostgres starts two complete bots on one PostgreSQL database,
// as two replicas behind a load balancer: a pending-review reminder is sent once
// although both schedulers run at the same moment, and two CODIR-IN members clicking
// on different replicas at once get one decision.
func TestTwoReplicasShareOnePostgres(t *testing.T) {
	dsn, ok := storagetest.PostgresDSN(t)
	if !ok {
		t.Skipf("PostgreSQL not configured: set %s", storagetest.DSNEnv)
	}
	ctx := context.Background()
	submitted := time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC) // a Tuesday
	r1 := newReplica(t, dsn, submitted)
	r2 := newReplica(t, dsn, submitted)

	// Reviewers are met on either replica; alice drafts on r1 and submits on r2.
	say(t, r1.app, "codir", "aide")
	say(t, r2.app, "codir-in", "aide")
	draft, err := r1.app.DB.CreateDraft(ctx, "terminal:alice", "alice", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for tag, v := range map[requests.Tag]string{
		requests.TagSystemName: "Gamma", requests.TagSystemVendor: "Gamma Tech", requests.TagSystemKind: "public",
		requests.TagUses: "summary", requests.TagPersonalData: "no", requests.TagAutomatedDecision: "no",
		requests.TagEFVPDate: "2026-08-15", requests.TagEFVPStatus: "done",
		requests.TagTrainingCalendar: "2026-09-15", requests.TagDeploymentDate: "2026-10-01",
	} {
		if err := r1.app.DB.SetAnswer(ctx, draft.ID, tag, requests.Answer{Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := r2.app.DB.SubmitRequest(ctx, draft.ID, "terminal:alice", "alice"); err != nil {
		t.Fatal(err)
	}
	// A reviewer listing pending reviews on r2 starts the review of what was submitted.
	if got := texts(say(t, r2.app, "codir-in", "demandes à examiner")); !strings.Contains(got, "1 demande attend votre décision") {
		t.Fatalf("pending reviews on r2 answered %q", got)
	}

	// Eight business days later both schedulers run at once, twice: every reminder
	// (the nudge to each CODIR-IN member, the weekly digest) goes out once.
	later := time.Date(2026, 9, 11, 13, 0, 0, 0, time.UTC)
	pass := func() (sent int) {
		var wg sync.WaitGroup
		var mu sync.Mutex
		for _, r := range []replica{r1, r2} {
			s, err := r.app.NewReminders(clockwork.NewFakeClockAt(later))
			if err != nil {
				t.Fatal(err)
			}
			wg.Add(1)
			go func() {
				defer wg.Done()
				rep, err := s.RunOnce(ctx)
				if err != nil {
					t.Error(err)
				}
				mu.Lock()
				sent += rep.Sent
				mu.Unlock()
			}()
		}
		wg.Wait()
		return sent
	}
	sent := pass()
	deliveries, err := r1.app.DB.RecentReminderDeliveries(ctx, submitted)
	if err != nil {
		t.Fatal(err)
	}
	if sent == 0 || sent != len(deliveries) {
		t.Fatalf("replicas sent %d messages for %d deliveries, want one message per delivery", sent, len(deliveries))
	}
	all := r1.output() + r2.output()
	for _, who := range []string{"codir", "codir-in"} {
		if n := strings.Count(all, "→ "+who+"\nSuivis IAG"); n != 1 {
			t.Errorf("%s received the pending-review nudge %d times, want once:\n%s", who, n, all)
		}
	}
	if again := pass(); again != 0 {
		t.Fatalf("a second pass on both replicas sent %d messages, want 0", again)
	}
	var wg sync.WaitGroup

	// Two members click "Refuser" on different replicas at the same moment.
	subject := fmt.Sprintf("%d:1:%s", draft.ID, requests.CODIRReview)
	var answers [2]string
	for i, c := range []struct {
		a    *App
		user string
	}{{r1.app, "codir"}, {r2.app, "codir-in"}} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			replies, err := c.a.Engine.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: c.user, Name: c.user},
				Locale: "fr", Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:codir", Group: true},
				Action: &bot.Action{Verb: "review.reject", Subject: subject, Values: map[string]string{"comment": "Un système privé existe."},
					Private: true}}) // the reject form is a private answer, as in conversations/review
			if err != nil {
				t.Error(err)
			}
			answers[i] = texts(replies)
		}()
	}
	wg.Wait()
	decided, late := 0, 0
	for _, got := range answers {
		switch {
		case strings.Contains(got, "C'est noté"):
			decided++
		case strings.Contains(got, "déjà été décidée"):
			late++
		default:
			t.Errorf("click answered %q", got)
		}
	}
	if decided != 1 || late != 1 {
		t.Fatalf("%d decided, %d told it was decided; want 1 and 1: %q", decided, late, answers)
	}
	decisions, err := r2.app.DB.Decisions(ctx, draft.ID, 1)
	if err != nil || len(decisions) != 1 {
		t.Fatalf("decisions = %+v, %v; want exactly 1", decisions, err)
	}
	req, err := r1.app.DB.Request(ctx, draft.ID)
	if err != nil || req.Status != requests.Rejected {
		t.Fatalf("request = %s, %v; want rejected", req.Status, err)
	}
}
