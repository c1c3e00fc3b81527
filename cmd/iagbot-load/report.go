package main

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"time"
)

// row is one line of the results table.
type row struct {
	name               string
	n, c, ok, failed   int
	rate               float64 // successful requests per second
	p50, p95, p99, max time.Duration
	rssMB              float64 // server VmRSS right after the scenario
	target             string  // "" or "(context)": no verdict
	met                bool
	note               string
	skipped            bool          // the endpoint is not routed: nothing measured
	cpu                cpuUse        // during the scenario; zero when not measured
	maxCPU             time.Duration // server CPU per request the target allows; 0: none
}

func (r row) judged() bool { return r.target != "" && r.target != "(context)" }

// row summarises a result; the server's RSS is read at once, after the scenario.
func (b *bench) row(name string, res result, c int) row {
	r := row{name: name, n: res.ok() + res.failed, c: c, ok: res.ok(), failed: res.failed}
	if res.elapsed > 0 {
		r.rate = float64(res.ok()) / res.elapsed.Seconds()
	}
	sorted := slices.Clone(res.lat)
	slices.Sort(sorted)
	r.p50, r.p95, r.p99 = pct(sorted, 50), pct(sorted, 95), pct(sorted, 99)
	r.max = maxOf(sorted)
	if m, err := b.memory(); err == nil {
		r.rssMB = m.rssMB
	}
	var notes []string
	for why, k := range res.errs {
		notes = append(notes, fmt.Sprintf("%d× %s", k, why))
	}
	slices.Sort(notes)
	if res.capped {
		notes = append(notes, "stopped by the duration cap")
	}
	r.note = strings.Join(notes, "; ")
	return r
}

// pct is the nearest-rank percentile of sorted durations.
func pct(sorted []time.Duration, p float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	k := int(math.Ceil(p/100*float64(len(sorted)))) - 1
	return sorted[max(k, 0)]
}

func maxOf(d []time.Duration) time.Duration {
	if len(d) == 0 {
		return 0
	}
	return slices.Max(d)
}

// meets reports whether res reached rate with p99 under p99max and nothing failed.
func meets(res result, rate float64, p99max time.Duration) bool {
	sorted := slices.Clone(res.lat)
	slices.Sort(sorted)
	got := 0.0
	if res.elapsed > 0 {
		got = float64(res.ok()) / res.elapsed.Seconds()
	}
	return res.failed == 0 && !res.capped && got >= rate && pct(sorted, 99) < p99max
}

// memory is the server process's resident set, now and at its peak.
type memory struct{ rssMB, peakMB float64 }

// readMemory reads VmRSS and VmHWM (the peak) from /proc/PID/status.
func readMemory(pid int) (memory, error) {
	f, err := os.Open("/proc/" + strconv.Itoa(pid) + "/status")
	if err != nil {
		return memory{}, err
	}
	defer f.Close()
	var m memory
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		k, v, _ := strings.Cut(sc.Text(), ":")
		fields := strings.Fields(v)
		if len(fields) == 0 {
			continue
		}
		kb, _ := strconv.ParseFloat(fields[0], 64)
		switch k {
		case "VmRSS":
			m.rssMB = kb / 1024
		case "VmHWM":
			m.peakMB = kb / 1024
		}
	}
	return m, sc.Err()
}

// report is everything measured, printed as Markdown.
type report struct {
	rows      []row
	starts    []time.Duration // start-up to ready, one per start on a fresh database
	mem       memory          // at the end
	requests  int             // acked requests the server stored, all scenarios
	calls     string          // what the fakes received
	loadStart string          // load average when the run started
	database  string          // which database, how many replicas
}

func (rep *report) write(w io.Writer, o options) {
	fmt.Fprintf(w, "Machine: %s; generator, fakes and server on the same machine, loopback only; 1-min load average %s at the start, %s at the end.\n",
		machine(), rep.loadStart, loadAvg())
	if rep.database != "" {
		fmt.Fprintf(w, "Database: %s (server columns: all replicas' CPU summed, the largest replica's RSS; a PostgreSQL server's CPU is in *others*).\n", rep.database)
	}
	fmt.Fprintln(w)
	fmt.Fprintln(w, "| scenario | requests | concurrency | ok | failed | rate /s | p50 ms | p95 ms | p99 ms | max ms | server RSS MB | cores: server / tool / others | server CPU µs/req | target | met |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|---|")
	for _, r := range rep.rows {
		if r.skipped {
			fmt.Fprintf(w, "| %s | — | — | — | — | — | — | — | — | — | — | — | — | %s | skipped |\n", r.name, r.target)
			continue
		}
		cores, perReq := "", ""
		if r.cpu.serverTime > 0 {
			cores = fmt.Sprintf("%.2f / %.2f / %.2f", r.cpu.server, r.cpu.self, r.cpu.others)
			perReq = us(r.cpu.perRequest())
		}
		fmt.Fprintf(w, "| %s | %d | %d | %d | %d | %.0f | %s | %s | %s | %s | %.1f | %s | %s | %s | %s |\n",
			r.name, r.n, r.c, r.ok, r.failed, r.rate, ms(r.p50), ms(r.p95), ms(r.p99), ms(r.max), r.rssMB,
			cores, perReq, r.target, verdict(r.judged(), r.met))
	}
	fmt.Fprintln(w, "\n| measure | value | target | met |\n|---|---|---|---|")
	if len(rep.starts) > 0 {
		s := slices.Sorted(slices.Values(rep.starts))
		fmt.Fprintf(w, "| start-up to ready (`/readyz` 200), SQLite, fresh file, %d starts | median %s ms, max %s ms | < 300 ms | %s |\n",
			len(s), ms(s[len(s)/2]), ms(s[len(s)-1]), verdict(true, s[len(s)-1] < 300*time.Millisecond))
	}
	if rep.mem.peakMB > 0 {
		fmt.Fprintf(w, "| server RSS after %d stored requests (VmRSS) | %.1f MB | < 60 MB | %s |\n",
			rep.requests, rep.mem.rssMB, verdict(rep.requests >= 10000, rep.mem.rssMB < 60))
		fmt.Fprintf(w, "| server peak RSS (VmHWM) | %.1f MB | < 60 MB | %s |\n", rep.mem.peakMB, verdict(rep.requests >= 10000, rep.mem.peakMB < 60))
	}
	for _, r := range rep.rows {
		if r.note != "" {
			fmt.Fprintf(w, "\n- %s: %s", r.name, r.note)
		}
	}
	var shown ioCount
	for _, r := range rep.rows {
		if r.cpu.serverTime == 0 || r.cpu.serverIO == shown {
			continue // a scenario's rows share its figures: shown once
		}
		shown = r.cpu.serverIO
		reads, writes, kB := r.cpu.ioPerRequest()
		fmt.Fprintf(w, "\n- %s: server I/O per request, %.1f read and %.1f write system calls, %.1f kB written", r.name, reads, writes, kB)
	}
	fmt.Fprintf(w, "\n- cores: average busy cores during the scenario (%d = the whole machine) of the server, of this tool (load and fakes) and of every other process; server CPU µs/req is the server's CPU time (utime+stime from /proc) during the whole scenario over the requests sent, warm-up included (10 ms clock ticks); the Slack rows share one figure: per event, ack and turn. Server I/O per request, over the same span, is from /proc/PID/io (syscr, syscw, wchar: sockets and files alike), which a busy machine does not change.", runtime.NumCPU())
	fmt.Fprintf(w, "\n- options: -n %d -c %d -warmup %d -burst %d -rate %g -text %s; calls the fakes received: %s\n",
		o.n, o.c, o.warmup, o.burst, o.rate, o.text, rep.calls)
}

func ms(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e6, 'f', 1, 64) }

func us(d time.Duration) string { return strconv.FormatFloat(float64(d)/1e3, 'f', 0, 64) }

func verdict(judged, met bool) string {
	switch {
	case !judged:
		return ""
	case met:
		return "yes"
	}
	return "**no**"
}

// machine describes where the numbers come from: CPU model, cores, memory, Go.
func machine() string {
	cpu, mem := "unknown CPU", ""
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		for _, l := range strings.Split(string(b), "\n") {
			if k, v, ok := strings.Cut(l, ":"); ok && strings.TrimSpace(k) == "model name" {
				cpu = strings.TrimSpace(v)
				break
			}
		}
	}
	if b, err := os.ReadFile("/proc/meminfo"); err == nil {
		if f := strings.Fields(string(b)); len(f) > 1 {
			kb, _ := strconv.ParseFloat(f[1], 64)
			mem = fmt.Sprintf(", %.0f GiB RAM", kb/1024/1024)
		}
	}
	return fmt.Sprintf("%s, %d cores%s, %s %s/%s", cpu, runtime.NumCPU(), mem, runtime.Version(), runtime.GOOS, runtime.GOARCH)
}
