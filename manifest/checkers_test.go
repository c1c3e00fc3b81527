package manifest

import (
	"context"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// toolsDir returns ../shared/tools relative to the repository root (the folder holding
// go.mod), found by walking up from the package folder so the test does not depend on
// where the package sits. It skips the test when the tools are not there.
func toolsDir(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("runs the external manifest checkers (node); skipped with -short")
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
			t.Skip("repository root (go.mod) not found")
		}
		dir = parent
	}
	tools := filepath.Join(dir, "..", "shared", "tools")
	if _, err := os.Stat(filepath.Join(tools, "check-teams-manifest")); err != nil {
		t.Skipf("manifest checkers not found in %s", tools)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed; the manifest checkers need it")
	}
	return tools
}

// runChecker runs one checker and fails on a non-zero exit or on any warning: the manifests
// are meant to be clean, not merely accepted.
func runChecker(t *testing.T, tool string, args ...string) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute) // first run installs npm packages
	defer cancel()
	out, err := exec.CommandContext(ctx, tool, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", filepath.Base(tool), strings.Join(args, " "), err, out)
	}
	for _, line := range strings.Split(string(out), "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "warning ") {
			t.Errorf("%s: %s", filepath.Base(tool), line)
		}
	}
	t.Logf("%s", out)
}

// TestTeamsPackagePassesChecker checks the package as uploaded to Teams (real id, so no
// placeholder notes) and the template folder as kept in the repository.
func TestTeamsPackagePassesChecker(t *testing.T) {
	tools := toolsDir(t)
	zipPath := filepath.Join(t.TempDir(), "iagbot-teams.zip")
	f, err := os.Create(zipPath)
	if err != nil {
		t.Fatal(err)
	}
	if err := PackageTeams(f, testAppID); err != nil {
		t.Fatal(err)
	}
	if err := f.Close(); err != nil {
		t.Fatal(err)
	}
	runChecker(t, filepath.Join(tools, "check-teams-manifest"), zipPath, "teams")
}

func TestSlackManifestPassesChecker(t *testing.T) {
	tools := toolsDir(t)
	filled, err := SlackManifestFor("https://iagbot.cssdgs.gouv.qc.ca")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "manifest.yaml")
	if err := os.WriteFile(p, filled, 0o644); err != nil {
		t.Fatal(err)
	}
	runChecker(t, filepath.Join(tools, "check-slack-manifest"), filepath.Join("slack", "manifest.yaml"), p)
}
