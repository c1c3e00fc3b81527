package adaptive

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"
)

var update = flag.Bool("update", false, "rewrite the golden files in cards/testdata/adaptive")

const goldenDir = "../testdata/adaptive"

func pretty(t *testing.T, raw []byte) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := json.Indent(&buf, raw, "", "  "); err != nil {
		t.Fatalf("indent: %v", err)
	}
	buf.WriteByte('\n')
	return buf.Bytes()
}

// TestGolden compares each sample card with its golden file; -update rewrites them.
// CI also runs check-cards on the golden folder, so what is checked is what is sent.
func TestGolden(t *testing.T) {
	for name, c := range samples() {
		t.Run(name, func(t *testing.T) {
			raw, err := Render(c)
			if err != nil {
				t.Fatal(err)
			}
			got := pretty(t, raw)
			path := filepath.Join(goldenDir, name+".json")
			if *update {
				if err := os.MkdirAll(goldenDir, 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(path, got, 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("%v (run go test ./cards/adaptive -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the rendering; if the change is intended, run go test ./cards/adaptive -update\ngot:\n%s", path, got)
			}
		})
	}
}

// TestCheckCards runs Microsoft's renderer and the 1.5 schema (../shared/tools) on
// every sample, bare and as an attachment of a message activity, and requires no
// finding at all.
func TestCheckCards(t *testing.T) {
	if testing.Short() {
		t.Skip("check-cards starts Chromium; skipped under -short")
	}
	tool := checkCardsPath(t)
	dir := t.TempDir()
	names := make([]string, 0, len(samples()))
	for name, c := range samples() {
		names = append(names, name)
		raw, err := Render(c)
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name+".json"), raw)
		att, err := Attachment(c)
		if err != nil {
			t.Fatal(err)
		}
		act, err := json.Marshal(map[string]any{"type": "message", "attachments": []any{att}})
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(dir, name+".activity.json"), act)
	}
	sort.Strings(names)
	// A bound for a stuck Chromium, not a timing assertion.
	ctx, cancel := context.WithTimeout(context.Background(), 5*time.Minute)
	defer cancel()
	out, err := exec.CommandContext(ctx, tool, dir).CombinedOutput()
	if err != nil {
		t.Fatalf("check-cards: %v\n%s", err, out)
	}
	ok := 0
	for _, line := range strings.Split(strings.TrimSpace(string(out)), "\n") {
		switch {
		case strings.HasPrefix(line, "OK "):
			ok++
		case strings.HasPrefix(line, "check-cards:"), strings.HasPrefix(line, "cards:"):
		default:
			t.Errorf("finding: %s", line)
		}
	}
	if want := 2 * len(names); ok != want {
		t.Errorf("%d cards OK, want %d\n%s", ok, want, out)
	}
	t.Logf("%s", lastLine(out))
}

// checkCardsPath finds ../shared/tools/check-cards beside the module root, or skips.
func checkCardsPath(t *testing.T) string {
	t.Helper()
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
			t.Skip("module root not found")
		}
		dir = parent
	}
	tool := filepath.Join(dir, "..", "shared", "tools", "check-cards")
	if _, err := os.Stat(tool); err != nil {
		t.Skipf("no check-cards: %v", err)
	}
	if _, err := exec.LookPath("node"); err != nil {
		t.Skip("node is not installed")
	}
	return tool
}

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func lastLine(b []byte) string {
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	return lines[len(lines)-1]
}
