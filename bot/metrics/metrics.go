// Package metrics holds iagbot's Prometheus metrics, in a registry of its own (no
// global default registry, so tests and several bots in one process don't collide).
// Labels carry kinds and outcomes only, never a person or a message.
package metrics

import (
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics are the bot's counters and histograms.
type Metrics struct {
	reg *prometheus.Registry
	// Inbound counts events from a channel by outcome (ok, error, unauthorized,
	// bad_request, rate_limited, duplicate).
	Inbound *prometheus.CounterVec
	// Verdicts counts policy answers by verdict.
	Verdicts *prometheus.CounterVec
	// Dialogs counts Annexe 1 dialogs started, completed, abandoned.
	Dialogs *prometheus.CounterVec
	// Decisions counts review decisions by stage and decision.
	Decisions *prometheus.CounterVec
	// Reminders counts reminder deliveries by kind and outcome (sent, failed, unreachable).
	Reminders *prometheus.CounterVec
	// TurnSeconds is the time the engine took per turn, by channel.
	TurnSeconds *prometheus.HistogramVec
}

// New returns metrics registered in a fresh registry, with Go runtime and process
// collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		Inbound: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "iagbot_inbound_events_total",
			Help: "Inbound events by channel and outcome."}, []string{"channel", "outcome"}),
		Verdicts: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "iagbot_verdicts_total",
			Help: "Policy verdicts given, by verdict."}, []string{"verdict"}),
		Dialogs: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "iagbot_dialogs_total",
			Help: "Annexe 1 dialogs by event (started, completed, abandoned)."}, []string{"event"}),
		Decisions: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "iagbot_decisions_total",
			Help: "Review decisions by stage and decision."}, []string{"stage", "decision"}),
		Reminders: prometheus.NewCounterVec(prometheus.CounterOpts{Name: "iagbot_reminders_total",
			Help: "Reminder deliveries by kind and outcome."}, []string{"kind", "outcome"}),
		TurnSeconds: prometheus.NewHistogramVec(prometheus.HistogramOpts{Name: "iagbot_turn_seconds",
			Help:    "Time the conversation engine took per turn.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5}}, []string{"channel"}),
	}
	m.reg.MustRegister(m.Inbound, m.Verdicts, m.Dialogs, m.Decisions, m.Reminders, m.TurnSeconds,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{Registry: m.reg})
}
