package cards_test

import (
	"bytes"
	"encoding/json"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards/adaptive"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/slack-go/slack"
)

// TestGoldenLimits holds every golden file of testdata to its platform's limits: an
// Adaptive Card within Teams' 28 KB, a Slack message within Block Kit's limits for a
// message, a modal view within those of a view (100 blocks, 24-character title…), an
// App Home view within 100 blocks.
// What the goldens show is what is sent, so a renderer change that breaks a limit
// fails here even when its own tests forgot the case.
func TestGoldenLimits(t *testing.T) {
	seen := map[string]int{}
	err := filepath.WalkDir("testdata", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || !strings.HasSuffix(path, ".json") {
			return err
		}
		raw, err := os.ReadFile(path)
		if err != nil {
			return err
		}
		var head struct {
			Type   string          `json:"type"`
			Blocks json.RawMessage `json:"blocks"`
		}
		if err := json.Unmarshal(raw, &head); err != nil {
			t.Errorf("%s: %v", path, err)
			return nil
		}
		switch {
		case head.Type == "AdaptiveCard":
			seen["adaptive"]++
			var compact bytes.Buffer
			if err := json.Compact(&compact, raw); err != nil {
				t.Errorf("%s: %v", path, err)
			}
			if compact.Len() > adaptive.MaxBytes {
				t.Errorf("%s: %d bytes, Teams takes at most %d", path, compact.Len(), adaptive.MaxBytes)
			}
		case head.Type == "modal":
			seen["modal"]++
			var v slack.ModalViewRequest
			if err := json.Unmarshal(raw, &v); err != nil {
				t.Errorf("%s: %v", path, err)
				return nil
			}
			if err := blockkit.CheckView(&v); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		case head.Type == "home":
			seen["home"]++
			var blocks slack.Blocks
			if err := json.Unmarshal(head.Blocks, &blocks); err != nil {
				t.Errorf("%s: %v", path, err)
				return nil
			}
			if err := blockkit.CheckHome(blocks.BlockSet); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		case head.Blocks != nil:
			seen["message"]++
			var blocks slack.Blocks
			if err := json.Unmarshal(head.Blocks, &blocks); err != nil {
				t.Errorf("%s: %v", path, err)
				return nil
			}
			if err := blockkit.CheckLimits(blocks.BlockSet); err != nil {
				t.Errorf("%s: %v", path, err)
			}
		default:
			t.Errorf("%s: neither an Adaptive Card nor Block Kit", path)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, kind := range []string{"adaptive", "modal", "message", "home"} {
		if seen[kind] == 0 {
			t.Errorf("no %s golden checked", kind)
		}
	}
	t.Logf("checked %v", seen)
}
