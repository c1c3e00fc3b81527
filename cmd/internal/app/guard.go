package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/metrics"
)

// guard is the bot.Handler every channel calls: it gives each turn a request id, limits
// how fast one person can send, measures the turn, logs its outcome — never its text,
// which may name a student — and turns a panic into the generic apology.
type guard struct {
	next    bot.Handler
	log     *slog.Logger
	metrics *metrics.Metrics
	limit   *rateLimiter
	// langOf is the person's language (chosen, else last written in), empty when
	// unknown; the notice falls back to the client's locale.
	langOf func(ctx context.Context, key string) string
}

func (g *guard) Handle(ctx context.Context, t bot.Turn) (replies []bot.Reply, err error) {
	if t.RequestID == "" {
		t.RequestID = newRequestID()
	}
	log := g.log.With("request_id", t.RequestID, "channel", string(t.Channel))
	if !g.limit.allow(limitKey(t), time.Now()) {
		g.metrics.Inbound.WithLabelValues(string(t.Channel), "rate_limited").Inc()
		log.Warn("turn rate limited")
		lang := i18n.Parse(t.Locale)
		if g.langOf != nil {
			if l := g.langOf(ctx, t.User.Key(t.Channel)); i18n.Valid(l) {
				lang = i18n.Lang(l)
			}
		}
		return []bot.Reply{{Text: i18n.T(lang, "core.slow_down"), Private: true}}, nil
	}
	start := time.Now()
	defer func() {
		if p := recover(); p != nil {
			log.Error("turn panicked", "panic", fmt.Sprint(p))
			replies, err = nil, fmt.Errorf("turn panicked")
		}
		outcome := "ok"
		if err != nil {
			outcome = "error"
		}
		g.metrics.Inbound.WithLabelValues(string(t.Channel), outcome).Inc()
		g.metrics.TurnSeconds.WithLabelValues(string(t.Channel)).Observe(time.Since(start).Seconds())
		kind := "message"
		if t.Action != nil {
			kind = "action:" + t.Action.Verb
		}
		log.Info("turn", "kind", kind, "outcome", outcome, "replies", len(replies), "ms", time.Since(start).Milliseconds())
	}()
	replies, err = g.next.Handle(ctx, t)
	if err != nil {
		log.Error("turn failed", "error", err.Error())
	}
	return replies, err
}

// limitKey is what the rate limit counts: a person's messages together, but each
// distinct card action apart, so that a reviewer deciding a burst of cards is never
// told « Doucement », while the same button pressed again and again still is.
func limitKey(t bot.Turn) string {
	key := t.User.Key(t.Channel)
	if a := t.Action; a != nil {
		return key + "\x00" + a.Verb + "\x00" + a.Subject + "\x00" + a.MessageID
	}
	return key
}

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// rateLimiter is a token bucket per person: Burst messages at once, then one every
// Every. It lives in memory: a limit per replica is enough to stop a runaway client.
type rateLimiter struct {
	Every time.Duration
	Burst float64

	mu      sync.Mutex // guards buckets
	buckets map[string]*bucket
}

type bucket struct {
	tokens float64
	last   time.Time
}

func newRateLimiter(every time.Duration, burst int) *rateLimiter {
	return &rateLimiter{Every: every, Burst: float64(burst), buckets: map[string]*bucket{}}
}

func (l *rateLimiter) allow(key string, now time.Time) bool {
	l.mu.Lock()
	defer l.mu.Unlock()
	b, ok := l.buckets[key]
	if !ok {
		if len(l.buckets) > 100_000 {
			l.prune(now)
		}
		b = &bucket{tokens: l.Burst, last: now}
		l.buckets[key] = b
	}
	b.tokens += float64(now.Sub(b.last)) / float64(l.Every)
	if b.tokens > l.Burst {
		b.tokens = l.Burst
	}
	b.last = now
	if b.tokens < 1 {
		return false
	}
	b.tokens--
	return true
}

// prune forgets full buckets, so memory stays bounded by the active people.
func (l *rateLimiter) prune(now time.Time) {
	for k, b := range l.buckets {
		if float64(now.Sub(b.last))/float64(l.Every)+b.tokens >= l.Burst {
			delete(l.buckets, k)
		}
	}
}
