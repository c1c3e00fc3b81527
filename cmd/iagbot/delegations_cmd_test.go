package main

import (
	"context"
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
)

// seedDelegations: Paul away 10–24 January 2027 for Marie (recorded by the admin),
// Luc away 1–5 February without a delegate, Anne's of December cancelled.
func seedDelegations(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "d.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	day := func(s string) time.Time { d, _ := time.Parse(time.DateOnly, s); return d }
	today := day("2026-12-01")
	for _, d := range []workflow.Delegation{
		{PersonKey: "paul.roy@x", PersonName: "Paul Roy", DelegateKey: "marie.roy@x", DelegateName: "Marie Roy",
			From: day("2027-01-10"), To: day("2027-01-24"), ByKey: "admin@x", ByName: "Admin"},
		{PersonKey: "luc@x", PersonName: "Luc", From: day("2027-02-01"), To: day("2027-02-05"), ByKey: "luc@x", ByName: "Luc"},
		{PersonKey: "anne@x", PersonName: "Anne", DelegateKey: "luc@x", From: day("2026-12-07"), To: day("2026-12-18"), ByKey: "anne@x"},
	} {
		if _, err := db.AddDelegation(ctx, d, today); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.EndDelegations(ctx, "anne@x", today, day("2026-12-02"), audit.Actor{Key: "anne@x"}); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestDelegationsList(t *testing.T) {
	path := seedDelegations(t)
	env := map[string]string{"IAGBOT_DB": path}
	code, out, errOut := runCLI(t, env, "", "delegations", "list", "--on", "2027-01-24")
	out = spaces.ReplaceAllString(out, " ")
	if code != 0 || !strings.Contains(out, "PERSON DELEGATE FROM TO BY STATUS") ||
		!strings.Contains(out, "paul.roy@x marie.roy@x 2027-01-10 2027-01-24 admin@x active") ||
		!strings.Contains(out, "luc@x - 2027-02-01 2027-02-05 luc@x upcoming") || strings.Contains(out, "anne@x") {
		t.Fatalf("exit %d, stderr %q:\n%s", code, errOut, out)
	}
	code, out, _ = runCLI(t, env, "", "delegations", "list", "--all", "--json", "--on", "2027-01-25")
	var rows []delegationRow
	if err := json.Unmarshal([]byte(out), &rows); code != 0 || err != nil || len(rows) != 3 {
		t.Fatalf("exit %d, %v:\n%s", code, err, out)
	}
	want := map[string]string{"anne@x": "ended", "paul.roy@x": "ended", "luc@x": "upcoming"}
	for _, r := range rows {
		if r.Status != want[r.Person] || (r.Person == "anne@x") != r.Cancelled {
			t.Errorf("%+v, want status %s", r, want[r.Person])
		}
	}
	if !strings.Contains(out, `"delegate_name": "Marie Roy"`) || !strings.Contains(out, `"by": "admin@x"`) {
		t.Errorf("JSON fields:\n%s", out)
	}
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"delegations"}, 2, "Usage: iagbot delegations list"},
		{[]string{"delegations", "--help"}, 0, "Usage: iagbot delegations list"},
		{[]string{"delegations", "list", "--on", "24 janvier"}, 2, "want YYYY-MM-DD"},
	} {
		if code, _, errOut := runCLI(t, env, "", tc.args...); code != tc.code || !strings.Contains(errOut, tc.want) {
			t.Errorf("%v: exit %d, stderr %q", tc.args, code, errOut)
		}
	}
	if code, out, _ := runCLI(t, nil, "", "--help"); code != 0 || !strings.Contains(out, "delegations") {
		t.Fatalf("--help does not list delegations:\n%s", out)
	}
}
