package slack

import (
	"context"
	"log/slog"
	"sync"
	"time"
)

// pool runs jobs on a fixed number of workers from a bounded queue. A request first
// reserves a place in the queue, then decides (deduplication) whether to submit a job
// or release the place: so an event is recorded as seen only once it is sure to run,
// and a queue still full after the admission wait can refuse it with 503 for Slack to
// retry.
type pool struct {
	jobs    chan func(context.Context)
	slots   chan struct{} // one token per reserved place; len(slots) ≥ len(jobs)
	quit    chan struct{} // closed when the workers should return
	closing chan struct{} // closed when Stop begins: waiting reservations give up
	timeout time.Duration
	log     *slog.Logger

	base    context.Context // parent of every job; cancelled when Stop gives up waiting
	cancel  context.CancelFunc
	workers sync.WaitGroup
	pending sync.WaitGroup // reserved places not yet done

	mu       sync.RWMutex // guards stopping against new reservations
	stopping bool
	stopOnce sync.Once
}

// newPool starts workers that take jobs from a queue of queue places; a running job
// keeps its place until it is done, so there is room for queue+workers jobs at once.
func newPool(workers, queue int, timeout time.Duration, log *slog.Logger) *pool {
	base, cancel := context.WithCancel(context.Background())
	places := queue + workers
	p := &pool{jobs: make(chan func(context.Context), places), slots: make(chan struct{}, places),
		quit: make(chan struct{}), closing: make(chan struct{}), timeout: timeout, log: log, base: base, cancel: cancel}
	for range workers {
		p.workers.Go(p.work)
	}
	return p
}

// slot is a reserved place in the queue: submit it or release it, exactly once.
type slot struct{ p *pool }

// reserve takes a place in the queue, waiting up to wait for one when the queue is
// full (so a burst slows its senders down instead of being shed); false when no place
// freed in time, ctx ended first, or the pool is stopping. waiting is called when the
// queue is full on arrival, before the wait.
func (p *pool) reserve(ctx context.Context, wait time.Duration, waiting func()) (s slot, ok bool) {
	select {
	case p.slots <- struct{}{}:
	default:
		if wait <= 0 {
			return slot{}, false
		}
		waiting()
		timer := time.NewTimer(wait)
		defer timer.Stop()
		select {
		case p.slots <- struct{}{}:
		case <-timer.C:
			return slot{}, false
		case <-ctx.Done():
			return slot{}, false
		case <-p.closing:
			return slot{}, false
		}
	}
	// The token is taken; count it as pending only if Stop has not begun, so that
	// Stop's wait never races with a new reservation.
	p.mu.RLock()
	defer p.mu.RUnlock()
	if p.stopping {
		<-p.slots
		return slot{}, false
	}
	p.pending.Add(1)
	return slot{p}, true
}

// submit queues job in the reserved place; it never blocks, since there are no more
// jobs than reserved places.
func (s slot) submit(job func(context.Context)) { s.p.jobs <- job }

// release gives the place back unused.
func (s slot) release() {
	<-s.p.slots
	s.p.pending.Done()
}

func (p *pool) work() {
	for {
		select {
		case job := <-p.jobs:
			p.run(job)
		case <-p.quit:
			return
		}
	}
}

func (p *pool) run(job func(context.Context)) {
	ctx, cancel := context.WithTimeout(p.base, p.timeout)
	defer func() {
		// A bug in one turn must not take the worker, or the process, down with it.
		if r := recover(); r != nil {
			p.log.Error("slack job panicked", "panic", r)
		}
		cancel()
		<-p.slots
		p.pending.Done()
	}()
	job(ctx)
}

// stop refuses new reservations, waits for the reserved ones to finish until ctx is
// done, then cancels the jobs still running and waits for the workers.
func (p *pool) stop(ctx context.Context) error {
	var err error
	p.stopOnce.Do(func() {
		p.mu.Lock()
		p.stopping = true
		p.mu.Unlock()
		close(p.closing)
		drained := make(chan struct{})
		go func() { p.pending.Wait(); close(drained) }()
		select {
		case <-drained:
		case <-ctx.Done():
			err = ctx.Err()
			p.cancel()
			<-drained
		}
		close(p.quit)
		p.workers.Wait()
		p.cancel()
	})
	return err
}
