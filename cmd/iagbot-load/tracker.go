package main

import (
	"slices"
	"sync"
	"sync/atomic"
	"time"
)

// tracker pairs requests with the replies the bot sends to a fake: a request
// registers the key its reply will carry (the activity replied to on Teams, the
// person's direct-message channel on Slack), and the fake marks the oldest waiting
// request of that key. A person's direct messages all share one channel, as they do
// on Slack, so replies there are paired first come, first served: counts and rates
// are exact, a latency can belong to the person's other message in flight.
type tracker struct {
	mu    sync.Mutex
	slots map[string][]*slot
	stray atomic.Int64 // replies for a key nobody waits on
}

// slot is one expected reply.
type slot struct {
	start time.Time
	done  chan struct{} // closed at the first reply
	at    time.Time     // when it arrived; valid once done is closed
}

func (t *tracker) init() { t.slots = map[string][]*slot{} }

// expect registers key before its request is sent.
func (t *tracker) expect(key string, start time.Time) *slot {
	s := &slot{start: start, done: make(chan struct{})}
	t.mu.Lock()
	t.slots[key] = append(t.slots[key], s)
	t.mu.Unlock()
	return s
}

// arrived records a reply for the oldest request of key still waiting.
func (t *tracker) arrived(key string) {
	now := time.Now()
	t.mu.Lock()
	var s *slot
	if q := t.slots[key]; len(q) > 0 {
		s = q[0]
		t.drop(key, 0)
		s.at = now
		close(s.done)
	}
	t.mu.Unlock()
	if s == nil {
		t.stray.Add(1)
	}
}

// forget drops the slot of a request that failed, so a late reply counts as stray.
func (t *tracker) forget(key string, s *slot) {
	t.mu.Lock()
	if i := slices.Index(t.slots[key], s); i >= 0 {
		t.drop(key, i)
	}
	t.mu.Unlock()
}

// drop removes slot i of key; t.mu is held.
func (t *tracker) drop(key string, i int) {
	q := slices.Delete(t.slots[key], i, i+1)
	if len(q) == 0 {
		delete(t.slots, key)
		return
	}
	t.slots[key] = q
}

// replied reports whether s got its reply, and its latency.
func (s *slot) replied() (time.Duration, bool) {
	select {
	case <-s.done:
		return s.at.Sub(s.start), true
	default:
		return 0, false
	}
}
