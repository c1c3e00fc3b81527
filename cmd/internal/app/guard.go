package app

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/metrics"
	"github.com/prometheus/client_golang/prometheus"
)

// guard is the bot.Handler every channel calls: it gives each turn a request id, limits
// how fast one person can send, measures the turn, logs its outcome — never its text,
// which may name a student — and turns a panic into the generic apology.
//
// Its per-turn work is kept small: the metrics' label children are resolved once per
// channel, and the line of a turn that went well is at Debug level (the metrics count
// and time every turn; errors, panics and rate limits stay Warn and Error lines), built
// only when enabled.
type guard struct {
	next    bot.Handler
	log     *slog.Logger
	metrics *metrics.Metrics
	limit   *rateLimiter
	// langOf is the person's language (chosen, else last written in), empty when
	// unknown; the notice falls back to the client's locale.
	langOf func(ctx context.Context, key string) string

	children sync.Map // bot.Channel → *turnMetrics
}

// turnMetrics are a channel's metric children, resolved once: WithLabelValues hashes
// its labels and takes a lock on every call.
type turnMetrics struct {
	ok, failed, limited prometheus.Counter
	seconds             prometheus.Observer
}

func (g *guard) metricsOf(ch bot.Channel) *turnMetrics {
	if m, ok := g.children.Load(ch); ok {
		return m.(*turnMetrics)
	}
	c := string(ch)
	m, _ := g.children.LoadOrStore(ch, &turnMetrics{ok: g.metrics.Inbound.WithLabelValues(c, "ok"),
		failed: g.metrics.Inbound.WithLabelValues(c, "error"), limited: g.metrics.Inbound.WithLabelValues(c, "rate_limited"),
		seconds: g.metrics.TurnSeconds.WithLabelValues(c)})
	return m.(*turnMetrics)
}

func (g *guard) Handle(ctx context.Context, t bot.Turn) (replies []bot.Reply, err error) {
	if t.RequestID == "" {
		t.RequestID = newRequestID()
	}
	m := g.metricsOf(t.Channel)
	ids := func(attrs ...slog.Attr) []slog.Attr {
		return append([]slog.Attr{slog.String("request_id", t.RequestID), slog.String("channel", string(t.Channel))}, attrs...)
	}
	if !g.limit.allow(limitKey(t), time.Now()) {
		m.limited.Inc()
		g.log.LogAttrs(ctx, slog.LevelWarn, "turn rate limited", ids()...)
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
			g.log.LogAttrs(ctx, slog.LevelError, "turn panicked", ids(slog.String("panic", fmt.Sprint(p)))...)
			replies, err = nil, fmt.Errorf("turn panicked")
		}
		took := time.Since(start)
		outcome := "ok"
		if errors.Is(err, bot.ErrRedelivered) {
			return // counted by the channel as a duplicate
		}
		if err != nil {
			outcome = "error"
			m.failed.Inc()
		} else {
			m.ok.Inc()
		}
		m.seconds.Observe(took.Seconds())
		level := slog.LevelDebug
		if err != nil {
			level = slog.LevelInfo // with the Error line below, for the outcome and duration
		}
		if g.log.Enabled(ctx, level) {
			kind := "message"
			if t.Action != nil {
				kind = "action:" + t.Action.Verb
			}
			g.log.LogAttrs(ctx, level, "turn", ids(slog.String("kind", kind), slog.String("outcome", outcome),
				slog.Int("replies", len(replies)), slog.Int64("ms", took.Milliseconds()))...)
		}
	}()
	replies, err = g.next.Handle(ctx, t)
	if errors.Is(err, bot.ErrRedelivered) {
		// Handled once already: the channel counts it; not a failure of this turn.
		return nil, err
	}
	if err != nil {
		g.log.LogAttrs(ctx, slog.LevelError, "turn failed", ids(slog.String("error", err.Error()))...)
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
