package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/storage"
)

// auditDB writes a small audit log into a new database file and returns its path.
func auditDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "audit.db")
	db, err := storage.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	at := time.Date(2026, 9, 1, 10, 0, 0, 0, time.FixedZone("EDT", -4*3600))
	for _, e := range []audit.Entry{
		{At: at, ActorKey: "codir@cssdgs.gouv.qc.ca", ActorName: "Chantal Codir", Action: "review.approve", Subject: "request:1",
			From: "codir_review", To: "approved", Comment: "Conforme, avec conditions", Sections: []string{"6.3.3", "8"}},
		{At: at.Add(time.Minute), ActorKey: "admin@cssdgs.gouv.qc.ca", Action: "inventory.suspend", Subject: "system:chatgpt",
			From: "approved", To: "suspended", Comment: "=incident du 2026-11-20", Sections: []string{"6.1", "8"}},
	} {
		if err := db.Audit(context.Background(), e); err != nil {
			t.Fatal(err)
		}
	}
	return path
}

func TestAuditExportCSV(t *testing.T) {
	env := map[string]string{"IAGBOT_DB": auditDB(t)}
	code, out, errOut := runCLI(t, env, "", "audit", "export", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	rows, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil {
		t.Fatalf("CSV does not parse: %v\n%s", err, out)
	}
	if len(rows) != 3 || !slices.Equal(rows[0], auditHeader) {
		t.Fatalf("rows = %q, want the header and 2 entries", rows)
	}
	for _, tc := range []struct {
		name      string
		got, want string
	}{
		{"time in UTC", rows[1][1], "2026-09-01T14:00:00Z"},
		{"actor", rows[1][2], "codir@cssdgs.gouv.qc.ca"},
		{"action", rows[1][4], "review.approve"},
		{"from", rows[1][6], "codir_review"},
		{"to", rows[1][7], "approved"},
		{"comment with a comma", rows[1][8], "Conforme, avec conditions"},
		{"sections", rows[1][9], "6.3.3; 8"},
		{"formula made inert", rows[2][8], "'=incident du 2026-11-20"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Errorf("got %q, want %q", tc.got, tc.want)
			}
		})
	}
}

func TestAuditExportJSONToFile(t *testing.T) {
	env := map[string]string{"IAGBOT_DB": auditDB(t)}
	file := filepath.Join(t.TempDir(), "registre.json")
	code, out, errOut := runCLI(t, env, "", "audit", "export", "--format", "json", "--out", file)
	if code != 0 || out != "" || !strings.Contains(errOut, "2 audit entries written") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out, errOut)
	}
	info, err := os.Stat(file)
	if err != nil || info.Mode().Perm() != 0o600 {
		t.Fatalf("file = %v, %v; want mode 0600", info, err)
	}
	data, _ := os.ReadFile(file)
	var got []audit.Entry
	if err := json.Unmarshal(data, &got); err != nil {
		t.Fatalf("JSON does not parse: %v\n%s", err, data)
	}
	if len(got) != 2 || got[1].Action != "inventory.suspend" || !slices.Equal(got[1].Sections, []string{"6.1", "8"}) ||
		!strings.Contains(string(data), `"at": "2026-09-01T14:01:00Z"`) {
		t.Fatalf("entries = %+v\n%s", got, data)
	}
}

func TestAuditExportUsage(t *testing.T) {
	env := map[string]string{"IAGBOT_DB": auditDB(t)}
	for _, tc := range []struct {
		name     string
		args     []string
		wantCode int
		wantErr  string
	}{
		{"no subcommand", []string{"audit"}, 2, "Usage: iagbot audit export"},
		{"unknown subcommand", []string{"audit", "import"}, 2, "Usage: iagbot audit export"},
		{"help", []string{"audit", "--help"}, 0, "Usage: iagbot audit export"},
		{"export help", []string{"audit", "export", "--help"}, 0, "--format"},
		{"bad format", []string{"audit", "export", "--format", "xml"}, 2, `--format "xml": want csv or json`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, env, "", tc.args...)
			if code != tc.wantCode || !strings.Contains(errOut, tc.wantErr) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.wantCode, tc.wantErr)
			}
		})
	}
}

func TestAuditExportEmptyLog(t *testing.T) {
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "empty.db")}
	code, out, errOut := runCLI(t, env, "", "audit", "export", "--format", "json")
	if code != 0 || strings.TrimSpace(out) != "[]" {
		t.Fatalf("exit %d, stdout %q, stderr %q; want []", code, out, errOut)
	}
}
