package main

import (
	"cmp"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/cmd/internal/loadtext"
)

// options are the command-line flags.
type options struct {
	scenario       string
	n, c, warmup   int
	burst, starts  int
	cap, timeout   time.Duration
	bin, clickVerb string
	db             string // "" for a fresh SQLite file, else a postgres:// URL
	replicas       int    // servers sharing the database, requests spread over them
	keep           bool
	rate           float64 // requests per second at most; 0 = unpaced
	text           string  // what the simulated staff write: a key of texts
}

var scenarios = []string{"startup", "healthz", "slack", "teams", "clicks"}

func parseOptions(args []string, stderr io.Writer) (options, error) {
	var o options
	fs := flag.NewFlagSet("iagbot-load", flag.ContinueOnError)
	fs.SetOutput(stderr)
	fs.StringVar(&o.scenario, "scenario", "all", "all, or one of "+strings.Join(scenarios, ", "))
	fs.IntVar(&o.n, "n", 10000, "requests per load scenario, after the warm-up")
	fs.IntVar(&o.c, "c", 50, "concurrent requests")
	fs.IntVar(&o.warmup, "warmup", 200, "requests sent first and not measured (key and token fetches, connections)")
	fs.IntVar(&o.burst, "burst", 300, "simultaneous clicks in the clicks scenario")
	fs.IntVar(&o.starts, "starts", 3, "start-ups measured, each on a fresh database")
	fs.Float64Var(&o.rate, "rate", 0, "requests per second at most (paced, to find the sustainable rate); 0: as fast as c allows")
	fs.DurationVar(&o.cap, "duration", time.Minute, "cap per scenario: no request is sent after it")
	fs.DurationVar(&o.timeout, "timeout", 10*time.Second, "per request, reply included")
	fs.StringVar(&o.bin, "bin", "", "iagbot binary to run (default: go build ./cmd/iagbot into a temp dir)")
	fs.StringVar(&o.clickVerb, "click-verb", "review.approve", "verb of the clicked button")
	fs.StringVar(&o.text, "text", "mix", "what the Slack and Teams scenarios send: mix (policy questions, help, a request started, a language chosen) or questions (policy questions only)")
	fs.StringVar(&o.db, "db", "", "database of the loaded servers: empty for a fresh SQLite file in the temp dir, or a postgres:// URL (its tables are created if absent; every run's ids are new)")
	fs.IntVar(&o.replicas, "replicas", 1, "servers started on the same database; request i goes to server i mod replicas (needs -db postgres://… above 1)")
	fs.BoolVar(&o.keep, "keep", false, "keep the temp dir (database, server log) and print its path")
	fs.Usage = func() {
		fmt.Fprintln(stderr, "Usage: iagbot-load [options]\n\nStarts `iagbot serve` on 127.0.0.1 against fake Bot Framework and Slack services,\nloads it and prints a Markdown table. All traffic stays on loopback.\n\nOptions:")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return o, err
	}
	if o.scenario != "all" && !slices.Contains(scenarios, o.scenario) {
		return o, fmt.Errorf("-scenario %q: want all or one of %s", o.scenario, strings.Join(scenarios, ", "))
	}
	if _, ok := loadtext.Texts[o.text]; !ok {
		return o, fmt.Errorf("-text %q: want mix or questions", o.text)
	}
	if o.replicas > 1 && !strings.HasPrefix(o.db, "postgres://") && !strings.HasPrefix(o.db, "postgresql://") {
		return o, errors.New("-replicas above 1 needs -db postgres://…: replicas share state through PostgreSQL")
	}
	if o.replicas < 1 || o.n < 1 || o.c < 1 || o.warmup < 0 || o.burst < 1 || o.starts < 0 || o.rate < 0 || o.cap <= 0 || o.timeout <= 0 {
		return o, errors.New("-n, -c, -burst must be positive; -warmup, -starts, -rate not negative; durations positive")
	}
	return o, nil
}

// run is the command: the table goes to stdout, progress and errors to stderr. It
// returns the exit code: 0 when measured (missed targets included: they are results),
// 1 when the measurement could not be made, 2 for bad flags.
func run(ctx context.Context, args []string, stdout, stderr io.Writer) int {
	o, err := parseOptions(args, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	} else if err != nil {
		fmt.Fprintln(stderr, "iagbot-load:", err)
		return 2
	}
	rep, err := measure(ctx, o, stderr)
	if err != nil {
		fmt.Fprintln(stderr, "iagbot-load:", err)
		return 1
	}
	rep.write(stdout, o)
	return 0
}

// bench is one run: the options, the fakes, the servers under load (replicas of one
// another), the client.
type bench struct {
	o      options
	fk     *fakes
	srvs   []*server
	client *http.Client
	run    string // random, in every id, so that runs never collide
	log    io.Writer
}

func (b *bench) want(s string) bool { return b.o.scenario == "all" || b.o.scenario == s }

// base is the server request i goes to: a load balancer's round robin, so that one
// person's messages reach every replica.
func (b *bench) base(i int) string { return b.srvs[i%len(b.srvs)].base }

// memory is the largest replica's resident set.
func (b *bench) memory() (memory, error) {
	var m memory
	for _, s := range b.srvs {
		r, err := s.memory()
		if err != nil {
			return m, err
		}
		m.rssMB, m.peakMB = max(m.rssMB, r.rssMB), max(m.peakMB, r.peakMB)
	}
	return m, nil
}

// pids are the servers' process ids.
func (b *bench) pids() []int {
	var p []int
	for _, s := range b.srvs {
		p = append(p, s.cmd.Process.Pid)
	}
	return p
}

// measure runs the chosen scenarios: start-ups on fresh databases, then one server
// that takes every load scenario in turn, as state accumulates in production.
func measure(ctx context.Context, o options, log io.Writer) (*report, error) {
	dir, err := os.MkdirTemp("", "iagbot-load-")
	if err != nil {
		return nil, err
	}
	if o.keep {
		fmt.Fprintln(log, "temp dir kept:", dir)
	} else {
		defer os.RemoveAll(dir)
	}
	fk, err := startFakes()
	if err != nil {
		return nil, err
	}
	defer fk.close()
	bin := o.bin
	if bin == "" {
		fmt.Fprintln(log, "building ./cmd/iagbot …")
		if bin, err = buildServer(ctx, dir); err != nil {
			return nil, err
		}
	}
	rnd := make([]byte, 2)
	rand.Read(rnd)
	b := &bench{o: o, fk: fk, client: newClient(max(o.c, o.burst)+10, o.timeout), run: hex.EncodeToString(rnd), log: log}
	rep := &report{loadStart: loadAvg()}
	if b.want("startup") {
		for k := range o.starts {
			srv, err := startServer(ctx, bin, filepath.Join(dir, fmt.Sprintf("start%d.db", k)), filepath.Join(dir, "start.log"), fk)
			if err != nil {
				return nil, err
			}
			rep.starts = append(rep.starts, srv.ready)
			fmt.Fprintf(log, "start-up %d: %v\n", k+1, srv.ready)
			if err := srv.stop(); err != nil {
				return nil, err
			}
		}
	}
	if o.scenario == "startup" {
		return rep, nil
	}
	db := cmp.Or(o.db, filepath.Join(dir, "load.db"))
	rep.database = "SQLite file"
	if o.db != "" {
		rep.database = "PostgreSQL"
	}
	replicas := max(o.replicas, 1)
	rep.database += fmt.Sprintf(", %d replica(s)", replicas)
	for k := range replicas {
		// Replicas start one after the other, as in a rolling start: the first one
		// migrates the schema.
		srv, err := startServer(ctx, bin, db, filepath.Join(dir, fmt.Sprintf("serve%d.log", k)), fk)
		if err != nil {
			return nil, err
		}
		defer srv.stop()
		b.srvs = append(b.srvs, srv)
		// The pid lets one profile the server while it is loaded (perf record -p PID).
		fmt.Fprintf(log, "iagbot serve: pid %d on %s\n", srv.cmd.Process.Pid, srv.base)
	}
	if err := b.loads(ctx, rep); err != nil {
		return nil, err
	}
	rep.mem, _ = b.memory()
	rep.calls = fk.callSummary()
	return rep, nil
}
