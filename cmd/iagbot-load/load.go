package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sync"
	"sync/atomic"
	"time"
)

// fire sends request number i of a scenario and returns its latency, measured up to
// the event the scenario is about (an ack, or a reply reaching a fake). Every index is
// used once per scenario, so ids built from it are unique.
type fire func(ctx context.Context, i int) (time.Duration, error)

// result is what one load run measured.
type result struct {
	lat     []time.Duration // of the successful requests, in completion order
	failed  int
	errs    map[string]int // failure reason → count; reasons carry no per-request ids
	elapsed time.Duration  // first request sent → last one finished
	capped  bool           // the duration cap stopped the run before n requests
}

func (r result) ok() int { return len(r.lat) }

// spec is the shape of a load run.
type spec struct {
	n, c, from int           // n requests, indices from..from+n-1, from c workers
	cap        time.Duration // no request is sent after it
	timeout    time.Duration // per request
	every      time.Duration // request k is not sent before start + k×every; 0: at once
}

// spec returns the run of n requests from index from with the command-line settings.
func (b *bench) spec(n, from int) spec {
	s := spec{n: n, c: b.o.c, from: from, cap: b.o.cap, timeout: b.o.timeout}
	if b.o.rate > 0 {
		s.every = time.Duration(float64(time.Second) / b.o.rate)
	}
	return s
}

// runLoad runs s with f. It stops issuing requests when s.cap has passed or ctx ends,
// so a run always ends by itself; in-flight requests finish within their timeout.
func runLoad(ctx context.Context, s spec, f fire) result {
	n, c, from, capDur, timeout := s.n, s.c, s.from, s.cap, s.timeout
	var (
		next   atomic.Int64
		mu     sync.Mutex
		res    = result{errs: map[string]int{}, lat: make([]time.Duration, 0, n)}
		wg     sync.WaitGroup
		start  = time.Now()
		until  = start.Add(capDur)
		capped atomic.Bool
	)
	for range min(c, n) {
		wg.Go(func() {
			for {
				k := int(next.Add(1)) - 1
				if k >= n {
					return
				}
				if !pace(ctx, start.Add(time.Duration(k)*s.every), until) {
					capped.Store(true)
					return
				}
				rctx, cancel := context.WithTimeout(ctx, timeout)
				d, err := f(rctx, from+k)
				cancel()
				mu.Lock()
				if err != nil {
					res.failed++
					res.errs[reason(err)]++
				} else {
					res.lat = append(res.lat, d)
				}
				mu.Unlock()
			}
		})
	}
	wg.Wait()
	res.elapsed = time.Since(start)
	res.capped = capped.Load()
	return res
}

// pace waits until due and reports whether the request may still go: false when ctx
// ended or until (the cap) comes first.
func pace(ctx context.Context, due, until time.Time) bool {
	if due.After(until) {
		return false
	}
	if d := time.Until(due); d > 0 {
		t := time.NewTimer(d)
		defer t.Stop()
		select {
		case <-t.C:
		case <-ctx.Done():
		}
	}
	return ctx.Err() == nil && !time.Now().After(until)
}

// reason shortens an error for the failure summary.
func reason(err error) string {
	switch {
	case errors.Is(err, context.DeadlineExceeded):
		return "timed out"
	case errors.Is(err, context.Canceled):
		return "cancelled"
	}
	s := err.Error()
	if len(s) > 90 {
		s = s[:90] + "…"
	}
	return s
}

// statusError is a non-success HTTP answer; its text is the status alone so that
// failures group in the summary.
type statusError struct{ code int }

func (e statusError) Error() string { return fmt.Sprintf("HTTP %d", e.code) }

// send does req and reads the whole answer (the connection is reused only then),
// failing on any status other than want.
func send(c *http.Client, req *http.Request, want ...int) error {
	resp, err := c.Do(req)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, io.LimitReader(resp.Body, 1<<20))
	resp.Body.Close()
	if err != nil {
		return err
	}
	for _, w := range want {
		if resp.StatusCode == w {
			return nil
		}
	}
	return statusError{resp.StatusCode}
}

// newClient returns the load client: no proxy (loopback only), enough idle
// connections for every worker and the click burst, no compression.
func newClient(conns int, timeout time.Duration) *http.Client {
	return &http.Client{
		Timeout: timeout,
		Transport: &http.Transport{
			Proxy:               nil,
			MaxIdleConns:        conns,
			MaxIdleConnsPerHost: conns,
			IdleConnTimeout:     30 * time.Second,
			DisableCompression:  true,
		},
		// Redirects never happen on these endpoints; following one could leave loopback.
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse },
	}
}
