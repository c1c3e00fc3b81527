package main

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// runCLI runs iagbot with args, stdin and environment, returning the exit code and outputs.
func runCLI(t *testing.T, env map[string]string, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := run(context.Background(), args, newEnv(strings.NewReader(stdin), &out, &errb, func(k string) string { return env[k] }))
	return code, out.String(), errb.String()
}

func TestChatHelpInBothLanguagesAndReusesDatabase(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "iagbot.db")
	env := map[string]string{"IAGBOT_DB": db}
	code, out, errOut := runCLI(t, env, "aide\nhelp\n", "chat")
	if code != 0 {
		t.Fatalf("chat exit = %d, stderr %s", code, errOut)
	}
	if !strings.Contains(out, "Voici ce que vous pouvez me demander") {
		t.Errorf("aide: no French help in\n%s", out)
	}
	if !strings.Contains(out, "Here is what you can ask me") {
		t.Errorf("help: no English help in\n%s", out)
	}
	info, err := os.Stat(db)
	if err != nil {
		t.Fatalf("database file not created: %v", err)
	}
	// A second run opens the same file (the schema migrates again without error).
	if code, _, errOut := runCLI(t, env, "", "chat"); code != 0 {
		t.Fatalf("second chat exit = %d: %s", code, errOut)
	}
	if info2, _ := os.Stat(db); info2 == nil || info2.Size() < info.Size() {
		t.Errorf("database file shrank or vanished on the second run")
	}
}

func TestUsageAndUnknownCommand(t *testing.T) {
	if code, out, _ := runCLI(t, nil, "", "--help"); code != 0 || !strings.Contains(out, "chat") || !strings.Contains(out, "serve") {
		t.Fatalf("--help = %d\n%s", code, out)
	}
	if code, _, errOut := runCLI(t, nil, "", "frobnicate"); code != 2 || !strings.Contains(errOut, "unknown command") {
		t.Fatalf("unknown command = %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, nil, "", "chat", "--help"); code != 0 || !strings.Contains(errOut, "--as") {
		t.Fatalf("chat --help = %d: %s", code, errOut)
	}
	if code, _, errOut := runCLI(t, map[string]string{"IAGBOT_LANG": "de"}, "", "chat"); code != 1 || !strings.Contains(errOut, "IAGBOT_LANG") {
		t.Fatalf("bad IAGBOT_LANG = %d: %s", code, errOut)
	}
}
