package app

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestReplicasStartTogether starts three complete bots (database, migrations,
// IAGBOT_INVENTORY import, features, reminder scheduler with its catch-up pass, HTTP
// routes) at the same moment on one empty database, twenty times on PostgreSQL: every
// one becomes ready. Then the inventory file changes and the three restart together:
// every one is ready again and the new file is imported once.
func TestReplicasStartTogether(t *testing.T) {
	for _, tc := range []struct {
		name   string
		trials int
		dsn    func(testing.TB) (string, bool)
	}{
		{"postgres", 20, storagetest.PostgresDSN},
		{"sqlite", 5, func(tb testing.TB) (string, bool) { return filepath.Join(tb.TempDir(), "iagbot.db"), true }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for trial := range tc.trials {
				dsn, ok := tc.dsn(t)
				if !ok {
					t.Skipf("PostgreSQL not configured: set %s", storagetest.DSNEnv)
				}
				file := filepath.Join(t.TempDir(), "inventory.yaml")
				writeInventory(t, file, "")
				if err := startTogether(dsn, file, 3); err != nil {
					t.Fatalf("trial %d, empty database: %v", trial, err)
				}
				writeInventory(t, file, "Gamma Rédaction")
				if err := startTogether(dsn, file, 3); err != nil {
					t.Fatalf("trial %d, inventory file changed: %v", trial, err)
				}
				db, err := storage.Open(context.Background(), dsn)
				if err != nil {
					t.Fatal(err)
				}
				inv, err := db.Inventory(context.Background())
				db.Close()
				if err != nil || inv.System("gamma-redaction") == nil {
					t.Fatalf("trial %d: the changed file's system is not in the inventory (%v)", trial, err)
				}
			}
		})
	}
}

// writeInventory writes the sample inventory, plus one more approved system when
// extra is not empty.
func writeInventory(t *testing.T, path, extra string) {
	t.Helper()
	data := inventory.SampleYAML()
	if extra != "" {
		data = fmt.Appendf(data, "  - id: gamma-redaction\n    name: %q\n    kind: private\n    vendor: Gamma\n    hosting: quebec\n    status: approved\n    permitted: [summary]\n", extra)
	}
	if err := os.WriteFile(path, data, 0o600); err != nil {
		t.Fatal(err)
	}
}

// startTogether starts n bots at once on dsn and reports those that did not become
// ready.
func startTogether(dsn, inventoryFile string, n int) error {
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			if err := startBot(dsn, inventoryFile); err != nil {
				errs[i] = fmt.Errorf("bot %d: %w", i+1, err)
			}
		})
	}
	wg.Wait()
	return errors.Join(errs...)
}

// startBot starts a bot as `iagbot serve` does, checks /readyz and stops it.
func startBot(dsn, inventoryFile string) error {
	ctx := context.Background()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"IAGBOT_DB": dsn, "IAGBOT_INVENTORY": inventoryFile}[k]
	})
	if err != nil {
		return err
	}
	a, err := New(ctx, cfg, Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	h := a.Handler()
	stop, err := a.StartReminders(ctx)
	if err != nil {
		return err
	}
	defer stop()
	if code, body := getStatus(h, "/readyz"); code != http.StatusOK {
		return fmt.Errorf("/readyz = %d %s", code, body)
	}
	return nil
}

func getStatus(h http.Handler, path string) (int, string) {
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, httptest.NewRequest("GET", path, nil))
	return rec.Code, rec.Body.String()
}

// TestReadyzReportsTheSchemaVersion: ready with the version this binary migrates to;
// not ready when the database is behind it (restored from an older backup under a
// running server, or being migrated by another process).
func TestReadyzReportsTheSchemaVersion(t *testing.T) {
	a := newTestApp(t, nil)
	h := a.Handler()
	want := fmt.Sprintf("ready\nschema version: %d\n", storage.SchemaVersion())
	if code, body := getStatus(h, "/readyz"); code != http.StatusOK || body != want {
		t.Fatalf("/readyz = %d %q, want 200 %q", code, body, want)
	}
	raw, err := sql.Open("sqlite3", "file:"+a.Cfg.DB+"?_busy_timeout=5000")
	if err != nil {
		t.Fatal(err)
	}
	defer raw.Close()
	if _, err := raw.Exec("DELETE FROM goose_db_version WHERE version_id > 0"); err != nil {
		t.Fatal(err)
	}
	want = fmt.Sprintf("schema: version 0, this iagbot needs %d\n", storage.SchemaVersion())
	if code, body := getStatus(h, "/readyz"); code != http.StatusServiceUnavailable || body != want {
		t.Fatalf("/readyz behind the schema = %d %q, want 503 %q", code, body, want)
	}
}
