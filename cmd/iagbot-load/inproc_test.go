package main

import (
	"context"
	"io"
	"log/slog"
	"net"
	"net/http"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/cmd/internal/app"
)

// The benchmarks below run the same stack as `iagbot serve` (app.New, app.Handler,
// SQLite file, JSON logs) inside the test process, on loopback, so that the Go
// profilers can see it:
//
//	go test ./cmd/iagbot-load -run '^$' -bench Serve -benchtime 3000x \
//	    -cpuprofile cpu.out -blockprofile block.out -mutexprofile mutex.out
//
// Each b.N requests go out from 50 workers; ns/op is wall time per request at that
// concurrency, so req/s = 1e9 / ns/op. `iagbot-load` remains the measurement of record.

// inProcess starts the app on a loopback listener with the fakes' settings.
func inProcess(b *testing.B) *bench {
	b.Helper()
	fk, err := startFakes()
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(fk.close)
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		b.Fatal(err)
	}
	env := map[string]string{}
	for _, kv := range serverEnv(fk, ln.Addr().String(), filepath.Join(b.TempDir(), "bench.db")) {
		if k, v, ok := strings.Cut(kv, "="); ok {
			env[k] = v
		}
	}
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		b.Fatal(err)
	}
	log := slog.New(slog.NewJSONHandler(io.Discard, nil))
	a, err := app.New(context.Background(), cfg, app.Options{Log: log})
	if err != nil {
		b.Fatal(err)
	}
	srv := &http.Server{Handler: a.Handler(), ReadHeaderTimeout: 10 * time.Second}
	go srv.Serve(ln)
	b.Cleanup(func() { srv.Close(); a.Close() })
	o := options{n: b.N, c: 50, warmup: 100, text: "mix", cap: 5 * time.Minute, timeout: 10 * time.Second, burst: 300}
	return &bench{o: o, fk: fk, srvs: []*server{{base: "http://" + ln.Addr().String()}},
		client: newClient(400, o.timeout), run: "bench", log: io.Discard}
}

// benchLoad runs warm-up then b.N requests of f and reports req/s and p99.
func benchLoad(b *testing.B, bb *bench, f fire) {
	runLoad(context.Background(), bb.spec(bb.o.warmup, 0), f)
	b.ResetTimer()
	res := runLoad(context.Background(), bb.spec(b.N, bb.o.warmup), f)
	b.StopTimer()
	if res.failed > 0 {
		b.Fatalf("%d failed: %v", res.failed, res.errs)
	}
	slices.Sort(res.lat)
	b.ReportMetric(float64(res.ok())/res.elapsed.Seconds(), "req/s")
	b.ReportMetric(float64(pct(res.lat, 99))/1e6, "p99-ms")
}

func BenchmarkServeTeams(b *testing.B) {
	bb := inProcess(b)
	auth, err := bb.fk.botFrameworkToken(time.Now())
	if err != nil {
		b.Fatal(err)
	}
	benchLoad(b, bb, bb.teamsShot(auth))
}

// BenchmarkServeSlack measures complete turns: b.N events acked, then their replies
// awaited at the fake Web API, so that the profile holds the turns, not only the acks.
// req/s is complete turns per second.
func BenchmarkServeSlack(b *testing.B) {
	bb := inProcess(b)
	slots := make([]*slot, bb.o.warmup+b.N)
	f := bb.slackShot(slots)
	runLoad(context.Background(), bb.spec(bb.o.warmup, 0), f)
	awaitReplies(context.Background(), slots[:bb.o.warmup], bb.o.timeout)
	b.ResetTimer()
	acks := runLoad(context.Background(), bb.spec(b.N, bb.o.warmup), f)
	res := awaitReplies(context.Background(), slots[bb.o.warmup:], bb.o.timeout)
	b.StopTimer()
	if acks.failed > 0 || res.failed > 0 {
		b.Fatalf("%d acks and %d replies failed: %v %v", acks.failed, res.failed, acks.errs, res.errs)
	}
	slices.Sort(res.lat)
	b.ReportMetric(float64(res.ok())/res.elapsed.Seconds(), "turns/s")
	b.ReportMetric(float64(pct(res.lat, 99))/1e6, "p99-ms")
}
