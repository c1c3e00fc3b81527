package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"sync/atomic"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/secret"
	"github.com/cssdgs/iagbot/cmd/internal/app"
	"github.com/cssdgs/iagbot/storage"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "serve", "serve   (listens on IAGBOT_ADDR, default :3978; /readyz and /metrics on IAGBOT_ADMIN_ADDR when set)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	log := slog.New(secret.Handler(slog.NewJSONHandler(env.Stderr, &slog.HandlerOptions{Level: cfg.LogLevel})))
	// Listen first: while the database is opened and migrated (replicas starting
	// together wait for one another's migrations), /healthz answers and /readyz says
	// it is not ready yet.
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on IAGBOT_ADDR=%s: %w", cfg.Addr, err)
	}
	h := &switchHandler{}
	h.set(app.StartingHandler())
	sctx, stopServing := context.WithCancel(ctx)
	defer stopServing()
	served := make(chan error, 2)
	log.Info("listening", "addr", ln.Addr().String())
	go func() { served <- serveHTTP(sctx, ln, h, log) }()
	servers := 1
	var admin *switchHandler
	if cfg.AdminAddr != "" {
		aln, err := net.Listen("tcp", cfg.AdminAddr)
		if err != nil {
			stopServing()
			<-served
			return fmt.Errorf("listen on IAGBOT_ADMIN_ADDR=%s: %w", cfg.AdminAddr, err)
		}
		admin = &switchHandler{}
		admin.set(app.StartingHandler())
		log.Info("listening for /readyz and /metrics", "addr", aln.Addr().String())
		go func() { served <- serveHTTP(sctx, aln, admin, log) }()
		servers++
	}
	// wait returns the first server's error once both have stopped.
	wait := func() error {
		err := <-served
		stopServing()
		for i := 1; i < servers; i++ {
			if e := <-served; err == nil {
				err = e
			}
		}
		return err
	}
	a, stop, err := startApp(ctx, cfg, log)
	if err != nil {
		stopServing()
		wait()
		return err
	}
	// After the HTTP servers have stopped: Slack turns, reminders, database.
	defer stop()
	h.set(a.Handler())
	if admin != nil {
		admin.set(a.AdminHandler())
	}
	log.Info("ready", "schema_version", storage.SchemaVersion())
	return wait()
}

// startApp builds the app (database, migrations, inventory, features), starts the
// reminders and Socket Mode; stop undoes it in reverse order.
func startApp(ctx context.Context, cfg *config.Config, log *slog.Logger) (_ *app.App, stop func(), err error) {
	a, err := app.New(ctx, cfg, app.Options{Log: log})
	if err != nil {
		return nil, nil, err
	}
	stopReminders, err := a.StartReminders(ctx)
	if err != nil {
		a.Close()
		return nil, nil, err
	}
	// Socket Mode, when SLACK_APP_TOKEN is set, for a school without a public URL.
	if err := a.StartSlack(ctx); err != nil {
		stopReminders()
		a.Close()
		return nil, nil, err
	}
	return a, func() {
		// Let accepted Slack turns finish.
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		a.StopSlack(sctx)
		stopReminders()
		a.Close()
	}, nil
}

// switchHandler serves the starting handler, then the app's once it is built.
type switchHandler struct{ h atomic.Pointer[http.Handler] }

func (s *switchHandler) set(h http.Handler) { s.h.Store(&h) }

func (s *switchHandler) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	(*s.h.Load()).ServeHTTP(w, r)
}

// serveHTTP serves until ctx is done, then stops accepting and lets in-flight requests
// finish for a bounded time.
func serveHTTP(ctx context.Context, ln net.Listener, h http.Handler, log *slog.Logger) error {
	srv := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second, ReadTimeout: 30 * time.Second,
		WriteTimeout: 30 * time.Second, IdleTimeout: 120 * time.Second}
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	select {
	case err := <-errc:
		return err
	case <-ctx.Done():
	}
	log.Info("shutting down")
	sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
	defer cancel()
	if err := srv.Shutdown(sctx); err != nil {
		return fmt.Errorf("shutdown: %w", err)
	}
	if err := <-errc; !errors.Is(err, http.ErrServerClosed) {
		return err
	}
	return nil
}
