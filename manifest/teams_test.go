package manifest

import (
	"archive/zip"
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"maps"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

const testAppID = "7d1e0c1a-3b4f-4c2d-9e8f-0a1b2c3d4e5f"

// openPackage builds a package and returns its entries by name.
func openPackage(t *testing.T, appID string, opts ...Option) map[string][]byte {
	t.Helper()
	var buf bytes.Buffer
	if err := PackageTeams(&buf, appID, opts...); err != nil {
		t.Fatalf("PackageTeams: %v", err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatalf("not a zip: %v", err)
	}
	files := map[string][]byte{}
	for _, f := range zr.File {
		rc, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		data, err := io.ReadAll(rc)
		rc.Close()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name] = data
	}
	return files
}

// teamsDoc mirrors the parts of manifest.json the tests look at.
type teamsDoc struct {
	ID               string `json:"id"`
	Version          string `json:"version"`
	ManifestVersion  string `json:"manifestVersion"`
	Icons            map[string]string
	LocalizationInfo struct {
		DefaultLanguageTag  string
		AdditionalLanguages []struct{ LanguageTag, File string }
	}
	Bots []struct {
		BotID        string   `json:"botId"`
		Scopes       []string `json:"scopes"`
		SupportsFile bool     `json:"supportsFiles"`
		CommandLists []struct {
			Scopes   []string
			Commands []struct{ Title, Description string }
		}
	}
}

func TestPackageTeamsLayoutAndID(t *testing.T) {
	files := openPackage(t, "  "+strings.ToUpper(testAppID)+"\n")
	raw, ok := files["manifest.json"]
	if !ok {
		t.Fatalf("no manifest.json at the root of the zip; entries: %v", keys(files))
	}
	if bytes.Contains(raw, []byte("${{")) {
		t.Errorf("manifest.json still holds a placeholder:\n%s", raw)
	}
	var m teamsDoc
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatalf("manifest.json: %v", err)
	}
	if m.ID != testAppID {
		t.Errorf("id = %q, want %q (trimmed, lower case)", m.ID, testAppID)
	}
	if len(m.Bots) != 1 || m.Bots[0].BotID != testAppID {
		t.Fatalf("bots = %+v, want one bot with botId %s", m.Bots, testAppID)
	}
	for _, ref := range []string{m.Icons["color"], m.Icons["outline"]} {
		if _, ok := files[ref]; !ok || ref == "" {
			t.Errorf("icon %q missing from the package", ref)
		}
	}
	if len(m.LocalizationInfo.AdditionalLanguages) == 0 {
		t.Fatal("no additional language")
	}
	for _, l := range m.LocalizationInfo.AdditionalLanguages {
		data, ok := files[l.File]
		if !ok {
			t.Errorf("localisation file %q missing from the package", l.File)
			continue
		}
		if !json.Valid(data) {
			t.Errorf("%s is not JSON", l.File)
		}
	}
	if want := 1 + 2 + len(m.LocalizationInfo.AdditionalLanguages); len(files) != want {
		t.Errorf("package holds %v, want exactly the manifest and the %d files it references", keys(files), want-1)
	}
}

func TestPackageTeamsIsReproducible(t *testing.T) {
	var a, b bytes.Buffer
	if err := PackageTeams(&a, testAppID); err != nil {
		t.Fatal(err)
	}
	if err := PackageTeams(&b, testAppID); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(a.Bytes(), b.Bytes()) {
		t.Error("two packages of the same inputs differ")
	}
}

func TestPackageTeamsVersion(t *testing.T) {
	var m teamsDoc
	if err := json.Unmarshal(openPackage(t, testAppID, WithVersion("1.4.2"))["manifest.json"], &m); err != nil {
		t.Fatal(err)
	}
	if m.Version != "1.4.2" {
		t.Errorf("version = %q, want 1.4.2", m.Version)
	}
	for _, v := range []string{"1.4", "v1.4.2", "1.04.2", "1.4.2-beta"} {
		if err := PackageTeams(io.Discard, testAppID, WithVersion(v)); err == nil {
			t.Errorf("version %q accepted", v)
		}
	}
}

func TestPackageTeamsRejectsInvalidAppID(t *testing.T) {
	for _, id := range []string{
		"",
		"   ",
		"not-a-guid",
		"{" + testAppID + "}",
		strings.TrimSuffix(testAppID, "f"),
		testAppID + "0",
		"7d1e0c1a3b4f4c2d9e8f0a1b2c3d4e5f",
		"7d1e0c1a-3b4f-4c2d-9e8f-0a1b2c3d4e5g",
		"00000000-0000-0000-0000-000000000000",
		appIDPlaceholder,
	} {
		var buf bytes.Buffer
		err := PackageTeams(&buf, id)
		if !errors.Is(err, ErrInvalidAppID) {
			t.Errorf("PackageTeams(%q) = %v, want ErrInvalidAppID", id, err)
		}
		if buf.Len() != 0 {
			t.Errorf("PackageTeams(%q) wrote %d bytes despite the error", id, buf.Len())
		}
	}
}

// TestCommandLists guards what the checker's schema (v1.22) no longer limits but Teams
// clients still do: titles of 32 characters at most, descriptions of 128, and an English
// translation for every command.
func TestCommandLists(t *testing.T) {
	raw, err := teamsFS.ReadFile("teams/manifest.json")
	if err != nil {
		t.Fatal(err)
	}
	var m teamsDoc
	if err := json.Unmarshal(raw, &m); err != nil {
		t.Fatal(err)
	}
	en := map[string]string{}
	enRaw, err := teamsFS.ReadFile("teams/en.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(enRaw, &en); err != nil {
		t.Fatal(err)
	}
	if m.LocalizationInfo.DefaultLanguageTag != "fr-ca" {
		t.Errorf("defaultLanguageTag = %q, want fr-ca", m.LocalizationInfo.DefaultLanguageTag)
	}
	b := m.Bots[0]
	if b.SupportsFile {
		t.Error("supportsFiles is true")
	}
	for _, s := range []string{"personal", "team"} {
		if !slices.Contains(b.Scopes, s) {
			t.Errorf("bot scopes %v lack %s", b.Scopes, s)
		}
	}
	seen := map[string]bool{}
	for i, cl := range b.CommandLists {
		for j, c := range cl.Commands {
			key := "bots[0].commandLists[" + strconv.Itoa(i) + "].commands[" + strconv.Itoa(j) + "]."
			for field, fr := range map[string]string{"title": c.Title, "description": c.Description} {
				seen[key+field] = true
				tr := en[key+field]
				max := map[string]int{"title": 32, "description": 128}[field]
				if tr == "" {
					t.Errorf("en.json lacks %s%s (%q)", key, field, fr)
				}
				for _, s := range []string{fr, tr} {
					if utf8.RuneCountInString(s) > max {
						t.Errorf("%s%s %q is longer than %d characters", key, field, s, max)
					}
				}
			}
		}
	}
	if len(seen) == 0 {
		t.Error("no commands")
	}
	for k := range en {
		if strings.HasPrefix(k, "bots[") && !seen[k] {
			t.Errorf("en.json translates %s, which the manifest does not have", k)
		}
	}
}

func keys(m map[string][]byte) []string { return slices.Sorted(maps.Keys(m)) }
