package main

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestVersionPrintsVersionCommitAndSchema(t *testing.T) {
	code, out, _ := runCLI(t, nil, "", "--version")
	want := fmt.Sprintf(", schema version %d)\n", storage.SchemaVersion())
	if code != 0 || !strings.HasPrefix(out, "iagbot ") || !strings.Contains(out, "(commit ") || !strings.HasSuffix(out, want) {
		t.Fatalf("--version = %d %q, want \"iagbot VERSION (commit C%s\"", code, out, want)
	}
}

// TestMigrateStatusAndUp on the previous release's database: status changes nothing
// and says it will be baselined; up baselines it; status then shows it applied.
func TestMigrateStatusAndUp(t *testing.T) {
	path := storagetest.LegacySQLite(t)
	env := map[string]string{"IAGBOT_DB": path}
	code, out, errOut := runCLI(t, env, "", "migrate")
	out = spaces.ReplaceAllString(out, " ") // column widths follow the longest migration name
	if code != 0 || !strings.Contains(out, "schema version: 0 (this iagbot: ") || !strings.Contains(out, "baselines it") ||
		!strings.Contains(out, "00001_baseline.sql pending") {
		t.Fatalf("migrate = %d %q %s", code, out, errOut)
	}
	code, out, errOut = runCLI(t, env, "", "migrate", "up")
	if code != 0 || !strings.Contains(out, "recognised and baselined") {
		t.Fatalf("migrate up = %d %q %s", code, out, errOut)
	}
	code, out, _ = runCLI(t, env, "", "migrate", "status")
	out = spaces.ReplaceAllString(out, " ")
	if code != 0 || strings.Contains(out, "pending") || !strings.Contains(out, "00001_baseline.sql applied 20") {
		t.Fatalf("migrate status after up = %d %q", code, out)
	}
	code, out, _ = runCLI(t, env, "", "migrate", "up")
	if code != 0 || !strings.Contains(out, "up to date") {
		t.Fatalf("migrate up again = %d %q", code, out)
	}
	if code, _, errOut := runCLI(t, env, "", "migrate", "down"); code != 2 || !strings.Contains(errOut, "status or up") {
		t.Fatalf("migrate down = %d %q, want a usage error", code, errOut)
	}
}

func TestBackupAndRestoreCommands(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "iagbot.db")
	env := map[string]string{"IAGBOT_DB": path}
	if code, _, errOut := runCLI(t, env, "", "inventory", "export"); code != 0 {
		t.Fatalf("first use: %s", errOut)
	}
	backup := filepath.Join(dir, "b.db")
	code, out, errOut := runCLI(t, env, "", "backup", backup)
	if code != 0 || !strings.Contains(out, "integrity ok") {
		t.Fatalf("backup = %d %q %s", code, out, errOut)
	}
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	code, _, errOut = runCLI(t, env, "", "restore", backup)
	db.Close()
	if code != 1 || !strings.Contains(errOut, "in use") {
		t.Fatalf("restore while the database is open = %d %q, want a refusal", code, errOut)
	}
	code, out, errOut = runCLI(t, env, "", "restore", backup)
	if code != 0 || !strings.Contains(out, "restored "+backup) {
		t.Fatalf("restore = %d %q %s", code, out, errOut)
	}
	pg := map[string]string{"IAGBOT_DB": "postgres://x@127.0.0.1:1/x"}
	if code, _, errOut := runCLI(t, pg, "", "backup", backup+"2"); code != 1 || !strings.Contains(errOut, "pg_dump") {
		t.Fatalf("backup on PostgreSQL = %d %q, want pointed to pg_dump", code, errOut)
	}
}

// TestServeNotReadyWhileMigrating: serve listens before it opens the database; while
// another process holds the migration lock (here SQLite's write lock), /healthz is 200
// and /readyz 503; once it is released serve migrates, and /readyz is 200 with the
// schema version.
func TestServeNotReadyWhileMigrating(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "iagbot.db")
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	db.Close()
	holder, err := sql.Open("sqlite3", "file:"+path)
	if err != nil {
		t.Fatal(err)
	}
	defer holder.Close()
	conn, err := holder.Conn(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if _, err := conn.ExecContext(context.Background(), "BEGIN IMMEDIATE"); err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		env := newEnv(strings.NewReader(""), io.Discard, io.Discard, func(k string) string {
			return map[string]string{"IAGBOT_DB": path, "IAGBOT_ADDR": addr}[k]
		})
		done <- run(ctx, []string{"serve"}, env)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exit = %d", code)
		}
	}()
	// The deadlines only turn a hang into a failure.
	code, body := poll(t, "http://"+addr+"/readyz", func(code int, _ string) bool { return code != 0 })
	if code != http.StatusServiceUnavailable || !strings.Contains(body, "starting") {
		t.Fatalf("/readyz while the database is locked = %d %q, want 503 starting", code, body)
	}
	if code, _ := poll(t, "http://"+addr+"/healthz", func(int, string) bool { return true }); code != http.StatusOK {
		t.Fatalf("/healthz while starting = %d, want 200", code)
	}
	if _, err := conn.ExecContext(context.Background(), "COMMIT"); err != nil {
		t.Fatal(err)
	}
	conn.Close()
	code, body = poll(t, "http://"+addr+"/readyz", func(code int, _ string) bool { return code == http.StatusOK })
	if want := fmt.Sprintf("ready\nschema version: %d\n", storage.SchemaVersion()); code != http.StatusOK || body != want {
		t.Fatalf("/readyz once started = %d %q, want 200 %q", code, body, want)
	}
}

// poll GETs url until ok accepts the answer (connection errors count as code 0).
func poll(t *testing.T, url string, ok func(int, string) bool) (int, string) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for {
		code, body := 0, ""
		if resp, err := http.Get(url); err == nil {
			b, _ := io.ReadAll(resp.Body)
			resp.Body.Close()
			code, body = resp.StatusCode, string(b)
		}
		if ok(code, body) || time.Now().After(deadline) {
			return code, body
		}
		time.Sleep(10 * time.Millisecond)
	}
}
