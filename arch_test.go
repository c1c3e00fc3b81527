package iagbot_test

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/cssdgs/iagbot/"

// TestImportDirection keeps adapters pointing inward: the core under bot/ knows
// neither the database nor the conversation features, storage knows no feature, and
// the features know no database.
// It reads what the packages (not their tests) import, directly or not.
func TestImportDirection(t *testing.T) {
	rules := []struct {
		packages  string   // a go list pattern
		forbidden []string // import path prefixes
	}{
		{"./bot/...", []string{module + "storage", module + "conversations", module + "cmd"}},
		{"./storage/...", []string{module + "conversations", module + "cmd"}},
		{"./cards/...", []string{module + "storage", module + "conversations", module + "cmd"}},
		// Features declare the small stores they need in domain types: no database.
		{"./conversations/...", []string{module + "storage", module + "cmd", "gorm.io", "github.com/jackc/pgx",
			"github.com/mattn/go-sqlite3"}},
	}
	for _, r := range rules {
		t.Run(r.packages, func(t *testing.T) {
			out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Deps " "}}`, r.packages).CombinedOutput()
			if err != nil {
				t.Fatalf("go list %s: %v\n%s", r.packages, err, out)
			}
			lines := strings.Split(strings.TrimSpace(string(out)), "\n")
			if len(lines) < 2 {
				t.Fatalf("go list %s found %d packages: the pattern no longer matches the tree", r.packages, len(lines))
			}
			for _, line := range lines {
				fields := strings.Fields(line)
				for _, dep := range fields[1:] {
					for _, f := range r.forbidden {
						if dep == f || strings.HasPrefix(dep, strings.TrimSuffix(f, "/")+"/") {
							t.Errorf("%s depends on %s", fields[0], dep)
						}
					}
				}
			}
		})
	}
}
