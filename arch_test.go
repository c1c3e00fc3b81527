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
		// Features declare the small stores they need in domain types: no database,
		// and they speak through bot.Reply and cards: no platform.
		{"./conversations/...", []string{module + "storage", module + "cmd", "gorm.io", "github.com/jackc/pgx",
			"github.com/mattn/go-sqlite3", module + "bot/slack", module + "bot/teams", "github.com/slack-go",
			"github.com/infracloudio/msbotbuilder-go"}},
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

// TestStorageImportsDomainOnly keeps storage an adapter of the domain: of this
// module, its packages import only the domain packages whose types they write (and
// each other), never a scheduler, a platform or a feature.
func TestStorageImportsDomainOnly(t *testing.T) {
	allowed := map[string]bool{}
	for _, p := range []string{"bot", "bot/audit", "bot/inventory", "bot/privacy", "bot/reminder", "bot/requests",
		"bot/text", "bot/workflow"} {
		allowed[module+p] = true
	}
	out, err := exec.Command("go", "list", "-f", `{{.ImportPath}} {{join .Imports " "}}`, "./storage/...").CombinedOutput()
	if err != nil {
		t.Fatalf("go list ./storage/...: %v\n%s", err, out)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if len(lines) < 2 {
		t.Fatalf("go list ./storage/... found %d packages: the pattern no longer matches the tree", len(lines))
	}
	for _, line := range lines {
		fields := strings.Fields(line)
		for _, imp := range fields[1:] {
			if strings.HasPrefix(imp, module) && !allowed[imp] && !strings.HasPrefix(imp, module+"storage") {
				t.Errorf("%s imports %s, not a domain package", fields[0], imp)
			}
		}
	}
}
