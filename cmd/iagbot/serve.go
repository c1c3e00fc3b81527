package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/cmd/internal/app"
)

func runServe(ctx context.Context, env Env, args []string) error {
	fs := newFlags(env, "serve", "serve   (listens on IAGBOT_ADDR, default :3978)")
	if err := parse(fs, args); err != nil {
		return err
	}
	cfg, err := config.Load(env.Getenv)
	if err != nil {
		return err
	}
	log := slog.New(slog.NewJSONHandler(env.Stderr, nil))
	a, err := app.New(ctx, cfg, app.Options{Log: log})
	if err != nil {
		return err
	}
	defer a.Close()
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		return fmt.Errorf("listen on IAGBOT_ADDR=%s: %w", cfg.Addr, err)
	}
	h := a.Handler()
	stopReminders, err := a.StartReminders(ctx)
	if err != nil {
		return err
	}
	defer stopReminders()
	// Socket Mode, when SLACK_APP_TOKEN is set, for a school without a public URL.
	if err := a.StartSlack(ctx); err != nil {
		return err
	}
	defer func() {
		// After the HTTP server has stopped: let accepted Slack turns finish.
		sctx, cancel := context.WithTimeout(context.Background(), 15*time.Second)
		defer cancel()
		a.StopSlack(sctx)
	}()
	log.Info("listening", "addr", ln.Addr().String())
	return serveHTTP(ctx, ln, h, log)
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
