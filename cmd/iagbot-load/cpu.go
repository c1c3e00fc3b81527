package main

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// clockTick is the unit of utime and stime in /proc/PID/stat (USER_HZ, 100 on Linux).
const clockTick = 10 * time.Millisecond

// cpuTime is the CPU a process has used so far, user and system, from /proc/PID/stat
// ("self" for this process).
func cpuTime(pid string) time.Duration {
	b, err := os.ReadFile("/proc/" + pid + "/stat")
	if err != nil {
		return 0
	}
	// The command name, field 2, may hold spaces: count fields after its ')'.
	i := strings.LastIndexByte(string(b), ')')
	if i < 0 {
		return 0
	}
	f := strings.Fields(string(b[i+1:]))
	if len(f) < 13 {
		return 0
	}
	utime, _ := strconv.ParseInt(f[11], 10, 64) // field 14 of the whole line
	stime, _ := strconv.ParseInt(f[12], 10, 64) // field 15
	return time.Duration(utime+stime) * clockTick
}

// machineBusy is the CPU time all processes have used so far, from /proc/stat: every
// column of the "cpu" line but idle and iowait.
func machineBusy() time.Duration {
	b, err := os.ReadFile("/proc/stat")
	if err != nil {
		return 0
	}
	line, _, _ := strings.Cut(string(b), "\n")
	f := strings.Fields(line)
	var busy int64
	for i, v := range f[1:] {
		n, _ := strconv.ParseInt(v, 10, 64)
		if i != 3 && i != 4 && i < 8 { // idle, iowait; guest time is already in user
			busy += n
		}
	}
	return time.Duration(busy) * clockTick
}

// ioCount is what a process asked of the kernel so far, from /proc/PID/io: its read
// and write system calls (sockets and files alike) and the bytes it wrote. Unlike CPU
// time, these do not depend on how busy the machine is: they show a change in the work
// a turn asks of the kernel (SQLite's WAL pages, HTTP writes) on a shared machine.
type ioCount struct{ reads, writes, written int64 }

func ioOf(pid string) ioCount {
	var c ioCount
	b, err := os.ReadFile("/proc/" + pid + "/io")
	if err != nil {
		return c
	}
	for _, l := range strings.Split(string(b), "\n") {
		k, v, _ := strings.Cut(l, ":")
		n, _ := strconv.ParseInt(strings.TrimSpace(v), 10, 64)
		switch k {
		case "syscr":
			c.reads = n
		case "syscw":
			c.writes = n
		case "wchar":
			c.written = n
		}
	}
	return c
}

func (c ioCount) minus(d ioCount) ioCount {
	return ioCount{c.reads - d.reads, c.writes - d.writes, c.written - d.written}
}

// cpuMeter measures the CPU used during a scenario by the server, by this tool (load
// and fakes) and by everything else on the machine, which on a shared machine
// competes with both; and the servers' system calls.
type cpuMeter struct {
	pids                  []string // the servers (replicas): their CPU is summed
	at                    time.Time
	server, self, machine time.Duration
	io                    ioCount
}

// cpuUse is what a cpuMeter measured: average busy cores (1.0 = one core).
type cpuUse struct {
	server, self, others float64
	serverTime           time.Duration
	serverIO             ioCount
	requests             int // sent while measuring, warm-up included
}

// ioPerRequest is the servers' read and write system calls and kB written per
// request sent.
func (u cpuUse) ioPerRequest() (reads, writes, kB float64) {
	n := float64(max(u.requests, 1))
	return float64(u.serverIO.reads) / n, float64(u.serverIO.writes) / n, float64(u.serverIO.written) / 1024 / n
}

// perRequest is the server's CPU per request sent.
func (u cpuUse) perRequest() time.Duration {
	return u.serverTime / time.Duration(max(u.requests, 1))
}

func startCPU(pids ...int) cpuMeter {
	m := cpuMeter{at: time.Now()}
	for _, p := range pids {
		m.pids = append(m.pids, strconv.Itoa(p))
	}
	m.server, m.self, m.machine, m.io = m.serversTime(), cpuTime("self"), machineBusy(), m.serversIO()
	return m
}

func (m cpuMeter) serversTime() time.Duration {
	var t time.Duration
	for _, p := range m.pids {
		t += cpuTime(p)
	}
	return t
}

func (m cpuMeter) serversIO() ioCount {
	var c ioCount
	for _, p := range m.pids {
		i := ioOf(p)
		c = ioCount{c.reads + i.reads, c.writes + i.writes, c.written + i.written}
	}
	return c
}

func (m cpuMeter) stop() cpuUse {
	wall := time.Since(m.at).Seconds()
	if wall <= 0 {
		return cpuUse{}
	}
	srv, self, all := m.serversTime()-m.server, cpuTime("self")-m.self, machineBusy()-m.machine
	return cpuUse{server: srv.Seconds() / wall, self: self.Seconds() / wall,
		others: max(all-srv-self, 0).Seconds() / wall, serverTime: srv, serverIO: m.serversIO().minus(m.io)}
}

// loadAvg is the 1-minute load average, to say how busy the machine was.
func loadAvg() string {
	b, err := os.ReadFile("/proc/loadavg")
	if err != nil {
		return "?"
	}
	f := strings.Fields(string(b))
	return f[0]
}
