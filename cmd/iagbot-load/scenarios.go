package main

import (
	"context"
	"fmt"
	"net/http"
	"time"
)

// loads runs the load scenarios on the servers in order, skipping those whose endpoint the
// server does not route yet (404), and adds their rows to rep.
func (b *bench) loads(ctx context.Context, rep *report) error {
	type scenario struct {
		name, path string
		run        func(context.Context) ([]row, error)
		stored     func([]row) int // requests the server acted on, for the RSS line
	}
	first := func(rs []row) int { return rs[0].ok }
	list := []scenario{
		{"healthz", "", b.healthz, nil},
		{"slack", "/slack/events", func(ctx context.Context) ([]row, error) { return b.slackEvents(ctx), nil }, first},
		{"teams", "/api/messages", b.teamsMessages, first},
		{"clicks", "/slack/interactivity", func(ctx context.Context) ([]row, error) { return b.clickBurst(ctx), nil }, first},
	}
	for _, s := range list {
		if !b.want(s.name) {
			continue
		}
		if s.path != "" {
			ok, err := b.srvs[0].mounted(ctx, b.client, s.path)
			if err != nil {
				return err
			}
			if !ok {
				fmt.Fprintf(b.log, "%s: POST %s answers 404, channel not mounted: skipped\n", s.name, s.path)
				rep.rows = append(rep.rows, row{name: s.name + ": not mounted (404 on " + s.path + ")", skipped: true})
				continue
			}
		}
		fmt.Fprintf(b.log, "%s …\n", s.name)
		cpu := startCPU(b.pids()...)
		rows, err := s.run(ctx)
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		// The server's CPU over the whole scenario (warm-up and, for Slack, the turns
		// after the last ack included) is shared by every row of it: per request it
		// is per Slack event acked and turned, per Teams turn.
		use := cpu.stop()
		for k := range rows {
			rows[k].cpu = use
			rows[k].cpu.requests = rows[k].n
			if s.name != "clicks" { // the others send a warm-up first
				rows[k].cpu.requests += b.o.warmup
			}
			if rows[k].maxCPU > 0 {
				rows[k].met = rows[k].met && rows[k].cpu.perRequest() <= rows[k].maxCPU
			}
		}
		rep.rows = append(rep.rows, rows...)
		if s.stored != nil {
			rep.requests += s.stored(rows)
		}
	}
	return nil
}

// healthz is the floor: the same client and concurrency against GET /healthz, which
// does no work, shows what the HTTP stack and this generator cost on this machine.
func (b *bench) healthz(ctx context.Context) ([]row, error) {
	f := func(ctx context.Context, i int) (time.Duration, error) {
		start := time.Now()
		err := send(b.client, mustGet(ctx, b.base(i)+"/healthz"), http.StatusOK)
		return time.Since(start), err
	}
	runLoad(ctx, b.spec(b.o.warmup, 0), f)
	res := runLoad(ctx, b.spec(b.o.n, b.o.warmup), f)
	r := b.row("GET /healthz (HTTP floor, no work)", res, b.o.c)
	r.target = "(context)"
	return []row{r}, nil
}
