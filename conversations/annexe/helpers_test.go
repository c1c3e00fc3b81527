package annexe_test

import (
	"context"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/storage"
)

// now is the tests' clock: answers' dates are checked against it.
var now = time.Date(2027, 1, 10, 15, 0, 0, 0, time.UTC)

// env is an engine with the dialog on a real SQLite file.
type env struct {
	t    *testing.T
	path string
	db   *storage.DB
	e    *conversations.Engine
	f    *annexe.Feature
	r    *consoletest.Runner
}

// newEnv opens a database in a temporary folder; reopen opens the same file again.
func newEnv(t *testing.T) *env {
	t.Helper()
	return openEnv(t, filepath.Join(t.TempDir(), "annexe.db"))
}

func openEnv(t *testing.T, path string) *env {
	t.Helper()
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	e := conversations.New(db, nil, nil)
	e.SetClock(func() time.Time { return now })
	f := annexe.New(db)
	e.Register(f)
	e.Register(fakePolicy{})
	return &env{t: t, path: path, db: db, e: e, f: f, r: consoletest.New(t, e)}
}

// fakePolicy stands for the policy feature: it answers "Puis-je … ?" questions.
type fakePolicy struct{}

func (fakePolicy) Name() string { return "fakepolicy" }

func (fakePolicy) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "policy", Priority: 50,
		Match: func(_ *conversations.Session, f string) bool {
			return strings.HasPrefix(f, "puis je") || strings.HasPrefix(f, "can i")
		},
		Handle: func(context.Context, *conversations.Session) ([]bot.Reply, error) {
			return []bot.Reply{bot.Text("POLICY ANSWER (6.2)")}, nil
		}}}
}

// fakeUses is a use catalogue of three uses.
type fakeUses struct{}

func (fakeUses) Uses(_ context.Context, lang i18n.Lang) ([]annexe.Choice, error) {
	if lang == i18n.EN {
		return []annexe.Choice{{ID: "summary", Label: "Summary"}, {ID: "translation", Label: "Translation"}, {ID: "grading", Label: "Grading"}}, nil
	}
	return []annexe.Choice{{ID: "summary", Label: "Synthèse"}, {ID: "translation", Label: "Traduction"}, {ID: "grading", Label: "Correction"}}, nil
}

// step says which step the next question is ("Étape 7 de 35").
func step(n int) string { return "Étape " + itoa(n) + " de 35" }

func stepEN(n int) string { return "Step " + itoa(n) + " of 35" }

func itoa(n int) string { return strconv.Itoa(n) }

// draftOf returns the person's current draft, failing the test when there is none.
func (e *env) draftOf(key string) requests.Request {
	e.t.Helper()
	r, err := e.db.CurrentDraft(context.Background(), key)
	if err != nil {
		e.t.Fatalf("CurrentDraft(%s) = %v", key, err)
	}
	return r
}

// request returns request id.
func (e *env) request(id uint) requests.Request {
	e.t.Helper()
	r, err := e.db.Request(context.Background(), id)
	if err != nil {
		e.t.Fatalf("Request(%d) = %v", id, err)
	}
	return r
}

// done fails the test on the runner's first error.
func (e *env) done() {
	e.t.Helper()
	if err := e.r.Err(); err != nil {
		e.t.Fatal(err)
	}
}

// answer is one scripted answer and what must be stored for it.
type answer struct {
	say    string
	tag    requests.Tag
	want   string
	forSTI bool
}

// checkStored compares every stored answer of r with the script.
func checkStored(t *testing.T, r requests.Request, script []answer) {
	t.Helper()
	if len(r.Answers) != len(script) {
		t.Errorf("request %d has %d answers, want %d", r.ID, len(r.Answers), len(script))
	}
	for _, a := range script {
		got, ok := r.Answers[a.tag]
		if !ok {
			t.Errorf("%s: no answer stored", a.tag)
			continue
		}
		if got.Value != a.want || got.ForSTI != a.forSTI {
			t.Errorf("%s: got %q (ForSTI %v), want %q (ForSTI %v)", a.tag, got.Value, got.ForSTI, a.want, a.forSTI)
		}
	}
}

// subTags are the follow-ups asked within step 3 (« 3 b », « 3 c », « 3 d »): they do
// not count as steps.
var subTags = map[requests.Tag]bool{requests.TagHosting: true, requests.TagSystemOpen: true, requests.TagSystemSpecialized: true}

// fill starts a request as user and answers the first n steps of frScript, with the
// follow-ups asked within them.
func (e *env) fill(user string, n int) *env {
	e.r.As(user).Say("faire une demande").Want(step(1))
	for _, a := range frScript[:atStep(frScript, n+1)] {
		e.r.Say(a.say)
	}
	return e
}

// atStep is the index in script of step n's question (len(script) past the end).
func atStep(script []answer, n int) int {
	steps := 0
	for i, a := range script {
		if !subTags[a.tag] {
			if steps++; steps == n {
				return i
			}
		}
	}
	return len(script)
}

// stepOfScript is the heading of the question script[i] answers: step(3) + " b"… for
// a follow-up, e.g. "Étape 3 b de 35".
func stepOfScript(script []answer, i int, step func(int) string) string {
	n, sub := 0, 0
	for _, a := range script[:i+1] {
		if subTags[a.tag] {
			sub++
		} else {
			n, sub = n+1, 0
		}
	}
	if sub == 0 {
		return step(n)
	}
	return strings.Replace(step(n), itoa(n), itoa(n)+" "+string(rune('a'+sub)), 1)
}

// changesRequested has the review workflow send request id back to its requester:
// CODIR-IN starts reviewing it and asks for changes.
func (e *env) changesRequested(id uint) {
	e.t.Helper()
	ctx := context.Background()
	r, err := e.db.StartReview(ctx, id, requests.CODIRReview, audit.System, workflow.Sections(requests.CODIRReview))
	if err != nil {
		e.t.Fatal(err)
	}
	d := workflow.Decision{RequestID: id, Round: r.Round, Stage: r.Status, Decision: workflow.RequestChanges,
		To: requests.ChangesRequested, ActorKey: "codir@x", Comment: "Précisez les usages"}
	if _, err := e.db.Decide(ctx, d, nil); err != nil {
		e.t.Fatal(err)
	}
}
