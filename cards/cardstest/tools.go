package cardstest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// Tool returns the path of ../shared/tools/<name>, found beside the module root
// (the folder holding go.mod) by walking up from the package folder, so tests do
// not depend on where their package sits. The checkers run node (some start
// Chromium), so the test is skipped under -short, or when the tool or node is
// absent.
func Tool(t testing.TB, name string) string {
	t.Helper()
	if testing.Short() {
		t.Skipf("runs %s (node); skipped with -short", name)
	}
	dir, err := os.Getwd()
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "go.mod")); err == nil {
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			t.Skip("module root (go.mod) not found")
		}
		dir = parent
	}
	tool := filepath.Join(dir, "..", "shared", "tools", name)
	if _, err := os.Stat(tool); err != nil {
		t.Skipf("no %s: %v", name, err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skipf("node is not installed; %s needs it", name)
	}
	return tool
}

// Run runs tool with args and returns its combined output; a non-zero exit fails
// the test. The bound is for a stuck Chromium or a first npm install, not a
// timing assertion.
func Run(t testing.TB, tool string, args ...string) string {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(tool), strings.Join(args, " "), err, out)
	}
	return string(out)
}
