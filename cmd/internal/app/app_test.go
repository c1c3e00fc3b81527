package app

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func newTestApp(t testing.TB, log *slog.Logger) *App {
	t.Helper()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(context.Background(), cfg, Options{Log: log})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a
}

func get(t *testing.T, h http.Handler, path string) (int, string) {
	t.Helper()
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	body, _ := io.ReadAll(rec.Body)
	return rec.Code, string(body)
}

func TestHealthReadyMetrics(t *testing.T) {
	a := newTestApp(t, nil)
	h := a.Handler()
	if code, body := get(t, h, "/healthz"); code != 200 || body != "ok\n" {
		t.Errorf("/healthz = %d %q", code, body)
	}
	if code, body := get(t, h, "/readyz"); code != 200 {
		t.Errorf("/readyz = %d %q, want 200", code, body)
	}
	a.readiness["scheduler"] = func(context.Context) error { return errors.New("stopped") }
	if code, body := get(t, h, "/readyz"); code != 503 || !strings.Contains(body, "scheduler: stopped") {
		t.Errorf("/readyz with a failing check = %d %q, want 503 naming it", code, body)
	}
	a.readiness["scheduler"] = func(context.Context) error {
		return errors.New("store postgres://iagbot:S3cretPw@db/iagbot unreachable")
	}
	if code, body := get(t, h, "/readyz"); code != 503 || strings.Contains(body, "S3cretPw") || !strings.Contains(body, "iagbot:xxxxx@db") {
		t.Errorf("/readyz with a failing check naming a URL = %d %q, want 503 with the password masked", code, body)
	}
	a.readiness["scheduler"] = func(context.Context) error { return nil }
	if _, err := a.Turns.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "x"}, Text: "aide"}); err != nil {
		t.Fatal(err)
	}
	if code, body := get(t, h, "/metrics"); code != 200 || !strings.Contains(body, `iagbot_inbound_events_total{channel="terminal",outcome="ok"} 1`) {
		t.Errorf("/metrics = %d, lacks the turn counted:\n%.2000s", code, body)
	}
}

// TestLogsCarryNoPersonalData sends a question with a name, an e-mail address and a
// phone number and checks that none of them reaches the logs.
func TestLogsCarryNoPersonalData(t *testing.T) {
	var buf bytes.Buffer
	a := newTestApp(t, slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})))
	text := "Puis-je mettre le bulletin de Léa Tremblay (lea.tremblay@example.org, 450-555-0199) dans ChatGPT ?"
	u := bot.User{ID: "U1", Name: "Marc Gagnon", Email: "marc.gagnon@example.org"}
	if _, err := a.Turns.Handle(context.Background(), bot.Turn{Channel: bot.Slack, User: u, Text: text}); err != nil {
		t.Fatal(err)
	}
	logs := buf.String()
	if !strings.Contains(logs, "request_id") {
		t.Fatalf("no request id in logs:\n%s", logs)
	}
	for _, secret := range []string{"Léa", "Tremblay", "lea.tremblay", "450-555-0199", "Marc", "Gagnon", "marc.gagnon", "bulletin", "555-0199"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
}

func TestRateLimiter(t *testing.T) {
	l := newRateLimiter(time.Second, 3)
	now := time.Unix(1000, 0)
	for i := 0; i < 3; i++ {
		if !l.allow("a", now) {
			t.Fatalf("message %d refused within the burst", i+1)
		}
	}
	if l.allow("a", now) {
		t.Fatal("fourth message at once allowed, want refused")
	}
	if !l.allow("b", now) {
		t.Fatal("another person refused")
	}
	if !l.allow("a", now.Add(time.Second)) {
		t.Fatal("refused after the refill interval")
	}
}

func TestSlowDownReply(t *testing.T) {
	a := newTestApp(t, nil)
	a.Turns.(*guard).limit = newRateLimiter(time.Hour, 1)
	turn := bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "x"}, Text: "aide", Locale: "fr"}
	a.Turns.Handle(context.Background(), turn)
	replies, err := a.Turns.Handle(context.Background(), turn)
	if err != nil || len(replies) != 1 || !strings.Contains(replies[0].Text, "Doucement") {
		t.Fatalf("second turn = %+v, %v; want the slow-down reply", replies, err)
	}
	// A French teacher on an English client gets it in French: the language she
	// writes in comes before the locale.
	a.Turns.(*guard).limit = newRateLimiter(time.Hour, 1)
	julie := bot.Turn{Channel: bot.Teams, User: bot.User{ID: "j"}, Text: "Puis-je utiliser ChatGPT pour résumer ?", Locale: "en-US"}
	a.Turns.Handle(context.Background(), julie)
	replies, err = a.Turns.Handle(context.Background(), julie)
	if err != nil || len(replies) != 1 || !strings.Contains(replies[0].Text, "Doucement") {
		t.Fatalf("second turn on an en-US client = %+v, %v; want the slow-down reply in French", replies, err)
	}
}

// TestDistinctCardActionsAreNotRateLimited: a reviewer pressing many different cards
// at once is not told « Doucement »; the same button pressed again is, and so are
// messages.
func TestDistinctCardActionsAreNotRateLimited(t *testing.T) {
	a := newTestApp(t, nil)
	a.Turns.(*guard).limit = newRateLimiter(time.Hour, 2)
	ctx := context.Background()
	slow := func(replies []bot.Reply) bool {
		return len(replies) == 1 && replies[0].Text == i18n.T(i18n.FR, "core.slow_down")
	}
	u := bot.User{ID: "reviewer"}
	for i := 0; i < 20; i++ {
		replies, err := a.Turns.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: u, Locale: "fr",
			Action: &bot.Action{Verb: "review.details", Subject: fmt.Sprint(i + 1), MessageID: fmt.Sprintf("m%d", i)}})
		if err != nil || slow(replies) {
			t.Fatalf("card action %d = %+v, %v; want it handled", i, replies, err)
		}
	}
	same := bot.Turn{Channel: bot.Terminal, User: u, Locale: "fr", Action: &bot.Action{Verb: "review.details", Subject: "1", MessageID: "m0"}}
	a.Turns.Handle(ctx, same)
	if replies, _ := a.Turns.Handle(ctx, same); !slow(replies) {
		t.Errorf("the same button a third time = %+v; want « Doucement »", replies)
	}
	msg := bot.Turn{Channel: bot.Terminal, User: u, Locale: "fr", Text: "aide"}
	a.Turns.Handle(ctx, msg)
	a.Turns.Handle(ctx, msg)
	if replies, _ := a.Turns.Handle(ctx, msg); !slow(replies) {
		t.Errorf("a third message at once = %+v; want « Doucement »", replies)
	}
}

// TestInventoryFileImportedOnceChanged: IAGBOT_INVENTORY is imported at start when it
// changed since the last import, so a restart keeps what was approved in chat.
func TestInventoryFileImportedOnceChanged(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	file := filepath.Join(dir, "inv.yaml")
	var buf bytes.Buffer
	if err := inventory.Sample().WriteYAML(&buf); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(file, buf.Bytes(), 0o600); err != nil {
		t.Fatal(err)
	}
	db := storagetest.SQLite(t)
	if err := loadInventory(ctx, db, file); err != nil {
		t.Fatal(err)
	}
	rev1, _ := db.InventoryRev(ctx)
	if err := loadInventory(ctx, db, file); err != nil {
		t.Fatal(err)
	}
	if rev2, _ := db.InventoryRev(ctx); rev2 != rev1 {
		t.Fatalf("unchanged file imported again (rev %d → %d)", rev1, rev2)
	}
	if err := os.WriteFile(file, []byte("version: 1\nuses: [\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := loadInventory(ctx, db, file); err == nil || !strings.Contains(err.Error(), "IAGBOT_INVENTORY") {
		t.Fatalf("broken file: err = %v, want one naming IAGBOT_INVENTORY", err)
	}
	if rev3, _ := db.InventoryRev(ctx); rev3 != rev1 {
		t.Fatal("a broken file changed the inventory")
	}
}

// TestDialogAndDecisionMetrics checks the counters the dialog and the workflow feed.
func TestDialogAndDecisionMetrics(t *testing.T) {
	a := newTestApp(t, nil)
	ctx := context.Background()
	turn := func(user, text string) {
		t.Helper()
		if _, err := a.Engine.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: user}, Locale: "fr", Text: text}); err != nil {
			t.Fatal(err)
		}
	}
	turn("lea", "faire une demande")
	turn("lea", "annuler")
	turn("lea", "oui")
	_, body := get(t, a.Handler(), "/metrics")
	for _, want := range []string{`iagbot_dialogs_total{event="started"} 1`, `iagbot_dialogs_total{event="abandoned"} 1`} {
		if !strings.Contains(body, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
