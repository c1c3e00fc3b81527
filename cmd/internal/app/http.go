package app

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/cssdgs/iagbot/bot/secret"
	"github.com/cssdgs/iagbot/storage"
)

// Handler returns the HTTP routes of `iagbot serve` on IAGBOT_ADDR: /healthz, the
// channels, and /readyz and /metrics unless IAGBOT_ADMIN_ADDR is set (AdminHandler
// then serves them).
func (a *App) Handler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", healthz)
	if a.Cfg.AdminAddr == "" {
		a.adminRoutes(mux)
	}
	// Channel routes: one line per channel.
	a.mountTeams(mux)
	a.mountSlack(mux)
	return mux
}

// AdminHandler returns the routes of IAGBOT_ADMIN_ADDR: /healthz, /readyz, /metrics.
func (a *App) AdminHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", healthz)
	a.adminRoutes(mux)
	return mux
}

func (a *App) adminRoutes(mux *http.ServeMux) {
	mux.HandleFunc("GET /readyz", a.readyz)
	mux.Handle("GET /metrics", a.Metrics.Handler())
}

func healthz(w http.ResponseWriter, _ *http.Request) { writeText(w, http.StatusOK, "ok\n") }

// readyz answers 200 when the database answers at this binary's schema version and
// every readiness check passes (the reminder scheduler adds its own), 503 otherwise,
// naming what failed. The body's second line is the schema version:
// "ready\nschema version: 1\n".
func (a *App) readyz(w http.ResponseWriter, r *http.Request) {
	ctx, cancel := context.WithTimeout(r.Context(), 2*time.Second)
	defer cancel()
	v, err := a.DB.SchemaVersionInDB(ctx)
	if err != nil {
		writeText(w, http.StatusServiceUnavailable, "database: unavailable\n")
		return
	}
	if want := storage.SchemaVersion(); v < want {
		// Another process restored an older database, or is migrating it.
		writeText(w, http.StatusServiceUnavailable, fmt.Sprintf("schema: version %d, this iagbot needs %d\n", v, want))
		return
	}
	for name, check := range a.readiness {
		if err := check(ctx); err != nil {
			writeText(w, http.StatusServiceUnavailable, name+": "+secret.Redact(err.Error())+"\n")
			return
		}
	}
	writeText(w, http.StatusOK, fmt.Sprintf("ready\nschema version: %d\n", v))
}

// StartingHandler answers while `iagbot serve` opens and migrates the database, before
// the app exists: /healthz is 200 (the process is up), /readyz and every other route
// 503, so a load balancer or an orchestrator waits for the migrations.
func StartingHandler() http.Handler {
	mux := http.NewServeMux()
	mux.HandleFunc("GET /healthz", func(w http.ResponseWriter, _ *http.Request) {
		writeText(w, http.StatusOK, "ok\n")
	})
	mux.HandleFunc("/", func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Retry-After", "5")
		writeText(w, http.StatusServiceUnavailable, "starting: opening and migrating the database\n")
	})
	return mux
}

func writeText(w http.ResponseWriter, code int, body string) {
	w.Header().Set("Content-Type", "text/plain; charset=utf-8")
	w.WriteHeader(code)
	w.Write([]byte(body))
}
