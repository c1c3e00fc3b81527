package manifest

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards/cardstest"
)

// runChecker runs one checker and fails on a non-zero exit or on any warning: the manifests
// are meant to be clean, not merely accepted.
func runChecker(t *testing.T, tool string, args ...string) {
	t.Helper()
	out := cardstest.Run(t, tool, args...)
	for _, line := range strings.Split(out, "\n") {
		if strings.HasPrefix(strings.TrimSpace(line), "warning ") {
			t.Errorf("%s: %s", filepath.Base(tool), line)
		}
	}
	t.Logf("%s", out)
}

// TestTeamsPackagePassesChecker checks the package as uploaded to Teams (real id, so no
// placeholder notes) and the template folder as kept in the repository.
func TestTeamsPackagePassesChecker(t *testing.T) {
	tool := cardstest.Tool(t, "check-teams-manifest")
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
	runChecker(t, tool, zipPath, "teams")
}

func TestSlackManifestPassesChecker(t *testing.T) {
	tool := cardstest.Tool(t, "check-slack-manifest")
	filled, err := SlackManifestFor("https://iagbot.cssdgs.gouv.qc.ca")
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(t.TempDir(), "manifest.yaml")
	if err := os.WriteFile(p, filled, 0o644); err != nil {
		t.Fatal(err)
	}
	runChecker(t, tool, filepath.Join("slack", "manifest.yaml"), p)
}
