package main

import (
	"sync"
	"sync/atomic"
	"time"
)

// tracker pairs requests with the replies the bot sends to a fake: a request
// registers the key its reply will carry (a conversation or channel id, unique per
// request), and the fake marks the first reply for that key.
type tracker struct {
	mu    sync.Mutex
	slots map[string]*slot
	stray atomic.Int64 // replies for a key nobody expects (or a second reply)
}

// slot is one expected reply.
type slot struct {
	start time.Time
	done  chan struct{} // closed at the first reply
	at    time.Time     // when it arrived; valid once done is closed
}

func (t *tracker) init() { t.slots = map[string]*slot{} }

// expect registers key before its request is sent.
func (t *tracker) expect(key string, start time.Time) *slot {
	s := &slot{start: start, done: make(chan struct{})}
	t.mu.Lock()
	t.slots[key] = s
	t.mu.Unlock()
	return s
}

// arrived records a reply for key; only the first one counts.
func (t *tracker) arrived(key string) {
	now := time.Now()
	t.mu.Lock()
	s := t.slots[key]
	if s != nil {
		delete(t.slots, key)
		s.at = now
		close(s.done)
	}
	t.mu.Unlock()
	if s == nil {
		t.stray.Add(1)
	}
}

// forget drops a slot whose request failed, so a late reply counts as stray.
func (t *tracker) forget(key string) {
	t.mu.Lock()
	delete(t.slots, key)
	t.mu.Unlock()
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
