package review_test

import (
	"context"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/conversations/review"
	"github.com/cssdgs/iagbot/storage"
)

// now is the tests' clock: 1 September 2026, 10:00 in Québec.
var now = time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC)

// harness is a bot with the review workflow over a real SQLite file, the delivery
// dispatcher writing to the terminal channel, and a script runner playing the users.
type harness struct {
	t   *testing.T
	ctx context.Context
	db  *storage.DB
	eng *conversations.Engine
	r   *consoletest.Runner
	f   *review.Feature
}

// roles: codir and codir2 sit on CODIR-IN, sophie and serge on the SGC, paul on the
// SPOA; alice and bob hold no role.
var roles = map[string][]string{
	config.RoleSTI:     {"terminal:sti"},
	config.RoleCODIRIN: {"terminal:codir", "terminal:codir2"},
	config.RoleCPRPSI:  {"terminal:cprpsi"},
	config.RoleAdmin:   {"terminal:admin"},
	config.RoleSGC:     {"terminal:sophie", "terminal:serge"},
	config.RoleSPOA:    {"terminal:paul"},
}

// newHarness is a harness on an in-memory SQLite database.
func newHarness(t *testing.T) *harness { return newHarnessOn(t, ":memory:") }

// newHarnessOn is a harness on the database dsn (a file, for several connections).
func newHarnessOn(t *testing.T, dsn string) *harness {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, dsn)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	cfg := &config.File{Roles: roles}
	eng := conversations.New(db, cfg, nil)
	eng.SetClock(func() time.Time { return now })
	r := consoletest.New(t, nil)
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{bot.Terminal: r.Con})
	notify.Members = cfg.Members
	f := review.New(review.Deps{Store: db, Notify: notify, Members: cfg.Members, Items: testItems})
	eng.Register(f)
	eng.Register(submitter{db: db, hook: f.OnSubmit})
	r.Con.SetHandler(eng)
	// The use taxonomy of an inventory without systems yet (6.1).
	use := func(id, fr, en string, automated bool) inventory.Use {
		return inventory.Use{ID: id, Label: inventory.Text{FR: fr, EN: en},
			Keywords: inventory.Keywords{FR: []string{fr}, EN: []string{en}}, AutomatedDecision: automated}
	}
	err = db.ReplaceInventory(ctx, &inventory.Inventory{Version: inventory.Version, Uses: []inventory.Use{
		use("summary", "Synthèse", "Summary", false), use("translation", "Traduction", "Translation", false),
		use("grading", "Correction et évaluation des apprentissages", "Grading and assessment", true)}})
	if err != nil {
		t.Fatal(err)
	}
	return &harness{t: t, ctx: ctx, db: db, eng: eng, r: r, f: f}
}

// submitter stands in for the Annexe 1 dialog's last step: "soumettre N" submits the
// request as the dialog does and calls the review workflow's hook.
type submitter struct {
	db   *storage.DB
	hook func(ctx context.Context, s *conversations.Session, id uint) ([]bot.Reply, error)
}

func (submitter) Name() string { return "test-submit" }

func (sb submitter) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "test.submit", Priority: 100,
		Match: func(_ *conversations.Session, f string) bool { return strings.HasPrefix(f, "soumettre ") },
		Handle: func(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
			id, err := strconv.Atoi(strings.TrimPrefix(s.Folded(), "soumettre "))
			if err != nil {
				return nil, err
			}
			if _, err := sb.db.SubmitRequest(ctx, uint(id), s.Key, s.Turn.User.Name); err != nil {
				return nil, err
			}
			return sb.hook(ctx, s, uint(id))
		}}}
}

// baseAnswers is a complete request for a public system, without personal data.
func baseAnswers() map[requests.Tag]string {
	return map[requests.Tag]string{
		requests.TagSystemName: "ChatGPT Édu", requests.TagSystemVendor: "OpenAI", requests.TagSystemKind: "public",
		requests.TagUses: "summary,translation", requests.TagPersonalData: "no", requests.TagAutomatedDecision: "no",
		requests.TagSupervisor: "terminal:bob", requests.TagEFVPDate: "2026-08-15", requests.TagEFVPStatus: "done",
		requests.TagTrainingCalendar: "2026-09-15,2026-09-22", requests.TagDeploymentDate: "2026-10-01",
		"a1.requester.system_description": "Assistant conversationnel pour résumer des textes.",
		"a1.sti.risks.organisational":     "Fuite d'information si des données confidentielles sont saisies.",
	}
}

// draft writes a request of user (a terminal name) with answers, as the dialog does;
// forSTI items are left to the STI.
func (h *harness) draft(user string, answers map[requests.Tag]string, forSTI ...requests.Tag) uint {
	h.t.Helper()
	key := "terminal:" + user
	r, err := h.db.CreateDraft(h.ctx, key, user, "fr")
	if err != nil {
		h.t.Fatal(err)
	}
	for tag, v := range answers {
		if err := h.db.SetAnswer(h.ctx, r.ID, tag, requests.Answer{Value: v}); err != nil {
			h.t.Fatal(err)
		}
	}
	for _, tag := range forSTI {
		if err := h.db.SetAnswer(h.ctx, r.ID, tag, requests.Answer{ForSTI: true}); err != nil {
			h.t.Fatal(err)
		}
	}
	return r.ID
}

// system reads a system of the inventory as the workflow sees it (owner, EFVP dates).
func (h *harness) system(name string) workflow.System {
	h.t.Helper()
	sys, err := h.db.FindSystem(h.ctx, name)
	if err != nil {
		h.t.Fatalf("system %s: %v", name, err)
	}
	return sys
}

// inventory reads the inventory.
func (h *harness) inventory() *inventory.Inventory {
	h.t.Helper()
	inv, err := h.db.Inventory(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	return inv
}

// rule is how system treats use in the inventory, with its conditions.
func (h *harness) rule(system, use string) (inventory.Rule, inventory.Text) {
	h.t.Helper()
	sys := h.inventory().System(system)
	if sys == nil {
		h.t.Fatalf("no system %s in the inventory", system)
	}
	rule, cond, _ := sys.RuleFor(use)
	return rule, cond
}

// decisions counts the decisions taken on request id in round.
func (h *harness) decisions(id uint, round int) int {
	h.t.Helper()
	ds, err := h.db.Decisions(h.ctx, id, round)
	if err != nil {
		h.t.Fatal(err)
	}
	return len(ds)
}

// audited counts the audit entries of action (on subject, when given).
func (h *harness) audited(action string, subject ...string) int {
	h.t.Helper()
	log, err := h.db.AuditLog(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	n := 0
	for _, e := range log {
		if e.Action == action && (len(subject) == 0 || e.Subject == subject[0]) {
			n++
		}
	}
	return n
}

// trainings are the people to train for request id, with their session (7).
func (h *harness) trainings(id uint) map[string]string {
	h.t.Helper()
	src, err := h.db.ReminderSources(h.ctx, now)
	if err != nil {
		h.t.Fatal(err)
	}
	out := map[string]string{}
	for _, tr := range src.Trainings[id] {
		out[tr.PersonKey] = ""
		if tr.SessionAt != nil {
			out[tr.PersonKey] = tr.SessionAt.Format("2006-01-02")
		}
	}
	return out
}

// request re-reads a request.
func (h *harness) request(id uint) requests.Request {
	h.t.Helper()
	r, err := h.db.Request(h.ctx, id)
	if err != nil {
		h.t.Fatal(err)
	}
	return r
}

// actions lists the audit log's actions on subject, in order.
func (h *harness) actions(subject string) []string {
	h.t.Helper()
	log, err := h.db.AuditLog(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, e := range log {
		if e.Subject == subject {
			out = append(out, e.Action)
		}
	}
	return out
}

// click sends a button press as user, as a channel would: the engine re-reads state.
// click presses a button of a card shown to user alone (a private answer in the
// channel, as the approval form is).
func (h *harness) click(user, verb, subject string, values map[string]string) ([]bot.Reply, error) {
	return h.eng.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: user, Name: user}, Locale: "fr",
		Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:codir", Group: true},
		Action:       &bot.Action{Verb: verb, Subject: subject, Values: values, Private: true}})
}

func texts(replies []bot.Reply) string {
	var b strings.Builder
	for _, r := range replies {
		b.WriteString(r.Text)
		if r.Card != nil {
			b.WriteString("\n[card] " + r.Card.Title + " | " + r.Card.Subtitle)
		}
		b.WriteString("\n")
	}
	return b.String()
}

func ref(id uint, round int, stage requests.Status) string {
	return fmt.Sprintf("%d:%d:%s", id, round, stage)
}

// testItems is the Annexe 1 dialog's catalogue, as the app gives it to the workflow.
func testItems() []review.Item {
	var out []review.Item
	for _, it := range annexe.Items() {
		out = append(out, review.Item{Tag: it.Tag, Part: string(it.Part), Label: it.Label})
	}
	return out
}

// clickAs presses a decision button as user on a card shown to them alone, with a
// comment.
func (h *harness) clickAs(user, verb, subject, comment string) []bot.Reply {
	h.t.Helper()
	replies, err := h.click(user, verb, subject, map[string]string{"comment": comment})
	if err != nil {
		h.t.Fatal(err)
	}
	return replies
}
