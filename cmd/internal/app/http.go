package app

import (
	"context"
	"net/http"
	"time"
)

// Handler returns the HTTP routes of `iagbot serve`.
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", a.Metrics.Handler())
	// Channel routes: one line per channel.
	a.mountTeams(mux)
	a.mountSlack(mux)
	return mux
}

// readyz answers 200 when the database answers and every readiness check passes
// (the reminder scheduler adds its own), 503 otherwise, naming what failed.
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	if err := a.DB.Ping(ctx); err != nil {
		writeText(w, http.StatusServiceUnavailable, "database: unavailable\n")
		return
	}
	for name, check := range a.readiness {
		if err := check(ctx); err != nil {
			writeText(w, http.StatusServiceUnavailable, name+": "+err.Error()+"\n")
			return
		}
	}
	writeText(w, http.StatusOK, "ready\n")
}

func writeText(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	w.Write([]byte(body))
}
