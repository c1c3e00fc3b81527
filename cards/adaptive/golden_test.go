package adaptive

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards/cardstest"
)

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
			cardstest.Golden(t, goldenDir, name+".json", pretty(t, raw))
		})
	}
}

// TestCheckCards runs Microsoft's renderer and the 1.5 schema (../shared/tools) on
// every sample, bare and as an attachment of a message activity, and requires no
// finding at all.
func TestCheckCards(t *testing.T) {
	tool := cardstest.Tool(t, "check-cards")
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
	out := cardstest.Run(t, tool, dir)
	ok := 0
	for _, line := range strings.Split(strings.TrimSpace(out), "\n") {
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

func writeFile(t *testing.T, path string, data []byte) {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
