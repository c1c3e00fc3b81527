package app

import (
	"bytes"
	"context"
	"errors"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/metrics"
	"github.com/cssdgs/iagbot/bot/secret"
)

type replyHandler struct{}

func (replyHandler) Handle(context.Context, bot.Turn) ([]bot.Reply, error) {
	return []bot.Reply{bot.Text("réponse")}, nil
}

// BenchmarkGuard is the guard's own work on a turn: request id, rate limit, metrics
// and log line, with serve's logger (JSON, secrets redacted), the engine a stub.
//
//	go test ./cmd/internal/app -run '^$' -bench Guard -benchmem -cpu 1
func BenchmarkGuard(b *testing.B) {
	g := &guard{next: replyHandler{}, log: slog.New(secret.Handler(slog.NewJSONHandler(io.Discard, nil))),
		metrics: metrics.New(), limit: newRateLimiter(time.Nanosecond, 1000)}
	ctx := context.Background()
	t := bot.Turn{Channel: bot.Teams, User: bot.User{ID: "aad-1"}, Text: "aide", RequestID: "0123456789abcdef"}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := g.Handle(ctx, t); err != nil {
			b.Fatal(err)
		}
	}
}

type failingHandler struct{}

func (failingHandler) Handle(context.Context, bot.Turn) ([]bot.Reply, error) {
	return nil, errors.New("boom")
}

// TestGuardLogLevels: a turn that went well is a Debug line; a failed one is logged at
// Info level too, with its request id; both are counted.
func TestGuardLogLevels(t *testing.T) {
	var buf bytes.Buffer
	m := metrics.New()
	g := &guard{next: replyHandler{}, log: slog.New(slog.NewJSONHandler(&buf, nil)), metrics: m,
		limit: newRateLimiter(time.Nanosecond, 1000)}
	turn := bot.Turn{Channel: bot.Teams, User: bot.User{ID: "aad-1"}, Text: "aide", RequestID: "r-ok"}
	if _, err := g.Handle(context.Background(), turn); err != nil {
		t.Fatal(err)
	}
	if buf.Len() != 0 {
		t.Errorf("a turn that went well logged at Info: %s", &buf)
	}
	g.next, turn.RequestID = failingHandler{}, "r-failed"
	if _, err := g.Handle(context.Background(), turn); err == nil {
		t.Fatal("error = nil")
	}
	if logs := buf.String(); !strings.Contains(logs, `"msg":"turn failed"`) || !strings.Contains(logs, `"request_id":"r-failed"`) ||
		!strings.Contains(logs, `"outcome":"error"`) {
		t.Errorf("failed turn's logs:\n%s", logs)
	}
	rec := httptest.NewRecorder()
	m.Handler().ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	for _, want := range []string{`iagbot_inbound_events_total{channel="teams",outcome="ok"} 1`,
		`iagbot_inbound_events_total{channel="teams",outcome="error"} 1`, `iagbot_turn_seconds_count{channel="teams"} 2`} {
		if !strings.Contains(rec.Body.String(), want) {
			t.Errorf("metrics lack %s", want)
		}
	}
	buf.Reset()
	g.log, g.next = slog.New(slog.NewJSONHandler(&buf, &slog.HandlerOptions{Level: slog.LevelDebug})), replyHandler{}
	if _, err := g.Handle(context.Background(), turn); err != nil {
		t.Fatal(err)
	}
	if logs := buf.String(); !strings.Contains(logs, `"msg":"turn"`) || !strings.Contains(logs, `"channel":"teams"`) {
		t.Errorf("debug logs:\n%s", logs)
	}
}
