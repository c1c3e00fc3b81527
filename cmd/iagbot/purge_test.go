package main

import (
	"encoding/json"
	"path/filepath"
	"testing"
)

func TestPurgeCommand(t *testing.T) {
	env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "p.db")}
	code, out, errOut := runCLI(t, env, "", "purge")
	if code != 0 {
		t.Fatalf("purge exit = %d: %s", code, errOut)
	}
	var rep map[string]int
	if err := json.Unmarshal([]byte(out), &rep); err != nil {
		t.Fatalf("purge output is not JSON: %v\n%s", err, out)
	}
	if _, ok := rep["closed_drafts"]; !ok {
		t.Fatalf("purge report lacks closed_drafts: %s", out)
	}
}
