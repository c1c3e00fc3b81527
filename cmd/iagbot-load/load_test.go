package main

import (
	"bytes"
	"context"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestTinyLoadEndToEnd builds iagbot, starts it against the fakes and runs every
// scenario with a tiny load: every request is answered, every reply arrives.
func TestTinyLoadEndToEnd(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts iagbot serve; skipped with -short")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	o := options{scenario: "all", n: 50, c: 5, warmup: 5, burst: 30, starts: 1, text: "mix",
		cap: 30 * time.Second, timeout: 10 * time.Second, clickVerb: "review.approve"}
	var log bytes.Buffer
	rep, err := measure(ctx, o, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	var out bytes.Buffer
	rep.write(&out, o)
	t.Logf("\n%s", out.String())
	if len(rep.starts) != 1 || rep.starts[0] <= 0 {
		t.Errorf("start-ups = %v, want one", rep.starts)
	}
	if rep.mem.rssMB <= 0 {
		t.Error("server RSS not read")
	}
	// Every channel is mounted, so every scenario runs, and at this load every
	// request is acked and every reply reaches the fakes.
	want := []string{"GET /healthz", "Slack event → 200 ack", "Slack complete turn: event → chat.postMessage",
		"Teams message → reply", "simultaneous clicks → 200 ack", "click → reply"}
	for _, w := range want {
		if !slices.ContainsFunc(rep.rows, func(r row) bool { return strings.Contains(r.name, w) }) {
			t.Errorf("no row %q in the report", w)
		}
	}
	for _, r := range rep.rows {
		if r.skipped {
			t.Errorf("%s: skipped", r.name)
			continue
		}
		if r.failed > 0 || r.ok == 0 {
			t.Errorf("%s: %d of %d ok, %d failed: %s", r.name, r.ok, r.n, r.failed, r.note)
		}
		// A Teams turn reads its request and writes its reply to the connector, at least.
		if reads, writes, kB := r.cpu.ioPerRequest(); strings.Contains(r.name, "Teams") && (reads < 1 || writes < 1 || kB <= 0) {
			t.Errorf("%s: server I/O per request %.1f reads, %.1f writes, %.1f kB: not read from /proc", r.name, reads, writes, kB)
		}
	}
}

// TestRunLoadStopsAtCap proves a run ends by itself: requests stop at the cap even
// when far fewer than n were sent.
func TestRunLoadStopsAtCap(t *testing.T) {
	slow := func(ctx context.Context, i int) (time.Duration, error) {
		time.Sleep(5 * time.Millisecond)
		return 5 * time.Millisecond, nil
	}
	// Without the cap this run would take over an hour and the test binary's timeout
	// would fail it; no wall-clock bound here, so a loaded machine cannot.
	res := runLoad(context.Background(), spec{n: 1_000_000, c: 4, cap: 50 * time.Millisecond, timeout: time.Second}, slow)
	if !res.capped || res.ok() == 0 || res.ok() >= 1_000_000 {
		t.Fatalf("capped=%v ok=%d", res.capped, res.ok())
	}
	res = runLoad(context.Background(), spec{n: 20, c: 4, cap: time.Minute, timeout: time.Second}, slow)
	if res.capped || res.ok() != 20 {
		t.Fatalf("uncapped run: capped=%v ok=%d", res.capped, res.ok())
	}
}

// TestRunLoadPaces checks -rate: request k waits for start + k×every, whatever c.
func TestRunLoadPaces(t *testing.T) {
	quick := func(context.Context, int) (time.Duration, error) { return 0, nil }
	start := time.Now()
	res := runLoad(context.Background(), spec{n: 11, c: 11, cap: time.Minute, timeout: time.Second, every: 10 * time.Millisecond}, quick)
	// Pacing sets a floor on the duration; a loaded machine may only make it longer.
	if el := time.Since(start); res.ok() != 11 || el < 100*time.Millisecond {
		t.Fatalf("ok=%d in %v, want 11 in at least 100 ms", res.ok(), el)
	}
}

// TestTwoReplicasOnPostgres loads two servers sharing one PostgreSQL schema, request
// by request in turn: every Teams and Slack message is answered once, by either.
func TestTwoReplicasOnPostgres(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and starts iagbot serve twice; skipped with -short")
	}
	dsn, ok := storagetest.PostgresDSN(t)
	if !ok {
		t.Skip("PostgreSQL not configured")
	}
	ctx, cancel := context.WithTimeout(context.Background(), 4*time.Minute)
	defer cancel()
	o := options{scenario: "teams", n: 40, c: 4, warmup: 4, starts: 0, db: dsn, replicas: 2, text: "mix",
		cap: 30 * time.Second, timeout: 10 * time.Second}
	var log bytes.Buffer
	rep, err := measure(ctx, o, &log)
	if err != nil {
		t.Fatalf("%v\n%s", err, log.String())
	}
	if n := strings.Count(log.String(), "iagbot serve: pid"); n != 2 {
		t.Fatalf("%d servers started, want 2:\n%s", n, log.String())
	}
	var out bytes.Buffer
	rep.write(&out, o)
	if !strings.Contains(rep.calls, "stray replies: Teams 0, Slack 0") {
		t.Errorf("a message answered twice, or a reply for nobody: %s", rep.calls)
	}
	if !strings.Contains(out.String(), "Database: PostgreSQL, 2 replica(s)") {
		t.Errorf("report does not name the database:\n%s", out.String())
	}
	for _, r := range rep.rows {
		if r.failed > 0 || r.ok != o.n {
			t.Errorf("%s: %d of %d ok, %d failed: %s", r.name, r.ok, r.n, r.failed, r.note)
		}
	}
}

func TestReplicasNeedPostgres(t *testing.T) {
	var errs bytes.Buffer
	if _, err := parseOptions([]string{"-replicas", "2"}, &errs); err == nil {
		t.Error("two replicas on two SQLite files accepted")
	}
	if _, err := parseOptions([]string{"-replicas", "2", "-db", "postgres://127.0.0.1/x"}, &errs); err != nil {
		t.Errorf("two replicas on PostgreSQL refused: %v", err)
	}
}
