package manifest

import (
	"archive/zip"
	"bytes"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"strings"
	"time"
)

//go:embed teams
var teamsFS embed.FS

// appIDPlaceholder stands for the bot's Microsoft App ID in teams/manifest.json, both as the
// Teams app id and as the bot id. It uses the Teams Toolkit ${{VAR}} syntax, named after the
// environment variable iagbot reads, so the template stays valid for the checker and a
// package zipped by hand without substitution is rejected by Teams instead of installing
// under a dummy id.
const appIDPlaceholder = "${{MICROSOFT_APP_ID}}"

// ErrInvalidAppID is wrapped by the error PackageTeams returns for an app id that is not a
// usable GUID, so that a CLI can tell a usage error from an I/O one.
var ErrInvalidAppID = errors.New("manifest: invalid app id")

var (
	guidRE = regexp.MustCompile(`^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$`)
	// the manifest schema's own pattern for "version"
	versionRE   = regexp.MustCompile(`^([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)\.([0-9]|[1-9][0-9]*)$`)
	placeholder = regexp.MustCompile(`\$\{\{[^}]*\}\}`)
)

// packageTime is the modification time of every entry, so that the same inputs give the
// same bytes and two packages can be compared with cmp.
var packageTime = time.Date(2025, 1, 1, 0, 0, 0, 0, time.UTC)

// Option adjusts the package PackageTeams writes.
type Option func(*options)

type options struct {
	version string
}

// WithVersion sets the app version, MAJOR.MINOR.PATCH (default: the template's, 1.0.0).
// Teams admin centre accepts an updated package only if its version is higher than the one
// installed.
func WithVersion(v string) Option {
	return func(o *options) { o.version = v }
}

// PackageTeams writes to w the Teams app package (a .zip) built from the embedded template:
// manifest.json at the root with appID as both the app id and the bot id, plus every file
// the manifest references (icons, localisation files).
//
// appID is the bot's Microsoft App ID (Azure Bot > Configuration), a GUID; surrounding
// spaces are ignored and it is written in lower case. An empty, malformed or all-zero id
// gives an error wrapping ErrInvalidAppID. Every check happens before anything is written:
// on error, w has received nothing unless the error comes from w itself.
func PackageTeams(w io.Writer, appID string, opts ...Option) error {
	id, err := parseAppID(appID)
	if err != nil {
		return err
	}
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	if o.version != "" && !versionRE.MatchString(o.version) {
		return fmt.Errorf("manifest: invalid version %q: want MAJOR.MINOR.PATCH, e.g. 1.0.1", o.version)
	}
	man, refs, err := teamsManifest(id, o)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name string, data []byte) error {
		f, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: packageTime})
		if err != nil {
			return err
		}
		_, err = f.Write(data)
		return err
	}
	if err := add("manifest.json", man); err != nil {
		return fmt.Errorf("manifest: zip: %w", err)
	}
	for _, ref := range refs {
		data, err := fs.ReadFile(teamsFS, path.Join("teams", ref))
		if err != nil { // teamsManifest checked they exist: only a broken build gets here
			return fmt.Errorf("manifest: %w", err)
		}
		if err := add(ref, data); err != nil {
			return fmt.Errorf("manifest: zip: %w", err)
		}
	}
	if err := zw.Close(); err != nil {
		return fmt.Errorf("manifest: zip: %w", err)
	}
	if _, err := w.Write(buf.Bytes()); err != nil {
		return fmt.Errorf("manifest: writing the app package: %w", err)
	}
	return nil
}

func parseAppID(appID string) (string, error) {
	id := strings.ToLower(strings.TrimSpace(appID))
	switch {
	case id == "":
		return "", fmt.Errorf("%w: empty; pass the bot's Microsoft App ID (Azure Bot > Configuration), a GUID", ErrInvalidAppID)
	case !guidRE.MatchString(id):
		return "", fmt.Errorf("%w %q: want the bot's Microsoft App ID, a GUID like 7d1e0c1a-3b4f-4c2d-9e8f-0a1b2c3d4e5f", ErrInvalidAppID, appID)
	case strings.Trim(id, "0-") == "":
		return "", fmt.Errorf("%w %q: the all-zero GUID is a placeholder, not an App ID", ErrInvalidAppID, appID)
	}
	return id, nil
}

// teamsManifest returns the filled-in manifest.json and the files it references, sorted.
// The template is decoded and re-encoded (rather than only text-substituted) so that the
// result is known to be JSON and its references can be listed.
func teamsManifest(id string, o options) ([]byte, []string, error) {
	raw, err := fs.ReadFile(teamsFS, "teams/manifest.json")
	if err != nil {
		return nil, nil, fmt.Errorf("manifest: %w", err)
	}
	raw = bytes.ReplaceAll(raw, []byte(appIDPlaceholder), []byte(id))
	var m map[string]any
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(&m); err != nil {
		return nil, nil, fmt.Errorf("manifest: teams/manifest.json: %w", err)
	}
	if o.version != "" {
		m["version"] = o.version
	}
	if p := placeholder.Find(raw); p != nil {
		// a ${{VAR}} the packager does not fill would reach Teams as is
		return nil, nil, fmt.Errorf("manifest: teams/manifest.json: placeholder %s has no value", p)
	}
	refs, err := references(m)
	if err != nil {
		return nil, nil, err
	}
	var out bytes.Buffer
	enc := json.NewEncoder(&out)
	enc.SetEscapeHTML(false)
	enc.SetIndent("", "  ")
	if err := enc.Encode(m); err != nil {
		return nil, nil, fmt.Errorf("manifest: %w", err)
	}
	return out.Bytes(), refs, nil
}

// references lists the package files the manifest names (the kinds this app uses: icons
// and localisation files) and checks each is a clean relative path present in teams/.
func references(m map[string]any) ([]string, error) {
	var refs []string
	if icons, ok := m["icons"].(map[string]any); ok {
		for _, k := range []string{"color", "outline", "color32x32"} {
			if s, ok := icons[k].(string); ok {
				refs = append(refs, s)
			}
		}
	}
	if loc, ok := m["localizationInfo"].(map[string]any); ok {
		if s, ok := loc["defaultLanguageFile"].(string); ok {
			refs = append(refs, s)
		}
		langs, _ := loc["additionalLanguages"].([]any)
		for _, l := range langs {
			if l, ok := l.(map[string]any); ok {
				if s, ok := l["file"].(string); ok {
					refs = append(refs, s)
				}
			}
		}
	}
	slices.Sort(refs)
	refs = slices.Compact(refs)
	for _, r := range refs {
		if !fs.ValidPath(r) || r == "." || r == "manifest.json" {
			return nil, fmt.Errorf("manifest: teams/manifest.json refers to %q: want a relative path inside the package", r)
		}
		if _, err := fs.Stat(teamsFS, path.Join("teams", r)); err != nil {
			return nil, fmt.Errorf("manifest: teams/manifest.json refers to %q, which is not in manifest/teams", r)
		}
	}
	return refs, nil
}
