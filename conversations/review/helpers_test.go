package review_test

import (
	"context"
	"fmt"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/conversations/review"
	"github.com/cssdgs/iagbot/storage"
	"gorm.io/driver/sqlite"
	"gorm.io/gorm"
	"gorm.io/gorm/logger"
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
	// raw reads the same file directly, to check the rows the workflow wrote.
	raw *gorm.DB
}

// roles: codir and codir2 sit on CODIR-IN; alice and bob hold no role.
var roles = map[string][]string{
	config.RoleSTI:     {"terminal:sti"},
	config.RoleCODIRIN: {"terminal:codir", "terminal:codir2"},
	config.RoleCPRPSI:  {"terminal:cprpsi"},
	config.RoleAdmin:   {"terminal:admin"},
}

func newHarness(t *testing.T) *harness {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "review.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	raw, err := gorm.Open(sqlite.Open("file:"+path+"?_busy_timeout=5000"), &gorm.Config{Logger: logger.Discard})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		if sqlDB, err := raw.DB(); err == nil {
			sqlDB.Close()
		}
	})
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
	// The use taxonomy, as the inventory import leaves it (6.1).
	for i, u := range []storage.UseRow{{ID: "summary", LabelFR: "Synthèse", LabelEN: "Summary"},
		{ID: "translation", LabelFR: "Traduction", LabelEN: "Translation"},
		{ID: "grading", LabelFR: "Correction et évaluation des apprentissages", LabelEN: "Grading and assessment", AutomatedDecision: true}} {
		u.Position = i
		if err := raw.Create(&u).Error; err != nil {
			t.Fatal(err)
		}
	}
	return &harness{t: t, ctx: ctx, db: db, eng: eng, r: r, f: f, raw: raw}
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

// first reads the first row matching where into dst.
func (h *harness) first(dst any, where string, args ...any) error {
	return h.raw.Where(where, args...).First(dst).Error
}

// count counts the rows of model matching where.
func (h *harness) count(model any, where string, args ...any) int64 {
	h.t.Helper()
	var n int64
	if err := h.raw.Model(model).Where(where, args...).Count(&n).Error; err != nil {
		h.t.Fatal(err)
	}
	return n
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
func (h *harness) click(user, verb, subject string, values map[string]string) ([]bot.Reply, error) {
	return h.eng.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: user, Name: user}, Locale: "fr",
		Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:codir", Group: true},
		Action:       &bot.Action{Verb: verb, Subject: subject, Values: values}})
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
