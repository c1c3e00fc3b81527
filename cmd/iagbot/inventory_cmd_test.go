package main

import (
	"bytes"
	"encoding/csv"
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
)

func TestInventoryValidate(t *testing.T) {
	good := sampleFile(t)
	out, _, err := callCmd(t, nil, runInventory, "validate", good)
	if err != nil || !strings.Contains(out, "is valid: 22 uses, 6 systems (4 approved)") {
		t.Fatalf("validate sample = %v: %s", err, out)
	}
	bad := filepath.Join(t.TempDir(), "bad.yaml")
	os.WriteFile(bad, []byte(`version: 1
uses:
  - {id: a, label: {fr: A, en: A}, keywords: {fr: [a]}}
  - {id: a, label: {fr: B, en: B}, keywords: {fr: [b]}}
systems:
  - {id: s, name: S, aliases: [x], kind: public, hosting: quebec, status: approved, permitted: [a, a, z]}
  - {id: t, name: T, aliases: [X], kind: public, hosting: mars, status: approved}
`), 0o600)
	_, errOut, err := callCmd(t, nil, runInventory, "validate", bad)
	if err == nil {
		t.Fatal("invalid file validated")
	}
	for _, want := range []string{":4: duplicate use id \"a\" (first at line 3)", ":6: use \"a\" is listed twice", ":6: unknown use id \"z\"",
		":7: alias \"X\" is already a name or alias of system \"s\" (line 6)", ":7: hosting \"mars\" is not one of"} {
		if !strings.Contains(errOut, bad+want) {
			t.Errorf("stderr lacks %q:\n%s", want, errOut)
		}
	}
}

func TestInventoryImportExport(t *testing.T) {
	dir := t.TempDir()
	env := map[string]string{"IAGBOT_DB": filepath.Join(dir, "i.db")}
	file := sampleFile(t)
	out, errOut, err := callCmd(t, env, runInventory, "import", file)
	if err != nil || !strings.Contains(out, "imported: 22 uses, 6 systems") {
		t.Fatalf("import = %v: %s %s", err, out, errOut)
	}
	// YAML export re-imports unchanged.
	yml, _, err := callCmd(t, env, runInventory, "export")
	if err != nil {
		t.Fatal(err)
	}
	back, err := inventory.Parse(strings.NewReader(yml))
	if err != nil {
		t.Fatalf("export does not re-import: %v", err)
	}
	var want bytes.Buffer
	inventory.Sample().WriteYAML(&want)
	if yml != want.String() {
		t.Error("export differs from the imported inventory")
	}
	exported := filepath.Join(dir, "exported.yaml")
	os.WriteFile(exported, []byte(yml), 0o600)
	if _, errOut, err := callCmd(t, env, runInventory, "import", exported); err != nil {
		t.Fatalf("re-import: %v %s", err, errOut)
	}
	_ = back
	// CSV and Markdown, French by default, English on request.
	if out, _, err := callCmd(t, env, runInventory, "export", "--format", "csv"); err != nil || !strings.HasPrefix(out, "id du système,Système,") {
		t.Errorf("csv = %v: %.80s", err, out)
	}
	if out, _, err := callCmd(t, env, runInventory, "export", "--format", "md", "--lang", "en"); err != nil || !strings.Contains(out, "| System | Kind |") {
		t.Errorf("md = %v: %.80s", err, out)
	}
	if _, _, err := callCmd(t, env, runInventory, "export", "--format", "pdf"); !errors.Is(err, errUsage) {
		t.Errorf("--format pdf = %v", err)
	}
	// A bad file changes nothing.
	bad := filepath.Join(dir, "bad.yaml")
	os.WriteFile(bad, []byte("version: 1\nuses: []\nsystems: [{id: s}]\n"), 0o600)
	if _, _, err := callCmd(t, env, runInventory, "import", bad); err == nil || !strings.Contains(err.Error(), "not changed") {
		t.Fatalf("bad import = %v", err)
	}
	if after, _, _ := callCmd(t, env, runInventory, "export"); after != yml {
		t.Error("a rejected import changed the database")
	}
}

func TestInventoryUsage(t *testing.T) {
	if _, _, err := callCmd(t, nil, runInventory); !errors.Is(err, errUsage) {
		t.Errorf("no subcommand = %v", err)
	}
	if _, errOut, err := callCmd(t, nil, runInventory, "frobnicate"); !errors.Is(err, errUsage) || !strings.Contains(errOut, "unknown subcommand") {
		t.Errorf("unknown subcommand = %v %s", err, errOut)
	}
	if out, _, err := callCmd(t, nil, runInventory, "--help"); err != nil || !strings.Contains(out, "validate FILE") {
		t.Errorf("--help = %v %s", err, out)
	}
	for _, sub := range []string{"import", "validate", "export"} {
		if _, errOut, err := callCmd(t, nil, runInventory, sub, "--help"); err == nil || !strings.Contains(errOut, "Usage: iagbot inventory "+sub) {
			t.Errorf("%s --help = %v %s", sub, err, errOut)
		}
	}
	if _, _, err := callCmd(t, nil, runInventory, "import"); !errors.Is(err, errUsage) {
		t.Errorf("import without file = %v", err)
	}
}

// TestInventoryExportsAreInert: names, vendors and conditions typed by people come out
// of the CSV export neutralised (no cell a spreadsheet runs as a formula) and out of
// the Markdown export escaped (no link, image, emphasis or HTML tag).
func TestInventoryExportsAreInert(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "hostile.yaml")
	os.WriteFile(file, []byte(`version: 1
uses:
  - {id: summary, label: {fr: "=1+1", en: "=1+1"}, keywords: {fr: [resumer]}}
systems:
  - id: evil
    name: "=HYPERLINK(\"https://evil.example/x\",\"OpenAI\")"
    aliases: ["evil"]
    kind: public
    hosting: quebec
    status: approved
    vendor: "[Microsoft](https://evil.example/p) <img src=x onerror=alert(1)>"
    restricted:
      - use: summary
        conditions: {fr: "@SUM(1+1) **gratuit** ![x](https://evil.example/i.png)", en: "-2+3"}
`), 0o600)
	env := map[string]string{"IAGBOT_DB": filepath.Join(dir, "i.db")}
	if _, errOut, err := callCmd(t, env, runInventory, "import", file); err != nil {
		t.Fatalf("import: %v %s", err, errOut)
	}
	csvOut, _, err := callCmd(t, env, runInventory, "export", "--format", "csv")
	if err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(strings.NewReader(csvOut)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	for _, rec := range recs {
		for _, c := range rec {
			if c != "" && strings.ContainsRune("=+-@\t\r", rune(c[0])) {
				t.Errorf("CSV cell %q starts like a formula", c)
			}
		}
	}
	if !strings.Contains(csvOut, `'=HYPERLINK(`) {
		t.Errorf("CSV lacks the neutralised name:\n%s", csvOut)
	}
	md, _, err := callCmd(t, env, runInventory, "export", "--format", "md")
	if err != nil {
		t.Fatal(err)
	}
	for _, bad := range []string{`[^\\]\]\(https://evil`, `<img`, `[^\\]\*\*gratuit`, `[^\\]!\[`} {
		if regexp.MustCompile(bad).MatchString(md) {
			t.Errorf("Markdown export keeps %s live:\n%s", bad, md)
		}
	}
	if !strings.Contains(md, `\[Microsoft\](https://evil.example/p) &lt;img`) {
		t.Errorf("Markdown export does not show the vendor as typed:\n%s", md)
	}
}
