package manifest

import (
	"bytes"
	_ "embed"
	"fmt"
	"regexp"
	"strings"
)

//go:embed slack/manifest.yaml
var slackYAML []byte

// slackPlaceholderBase prefixes the three request URLs in slack/manifest.yaml.
const slackPlaceholderBase = "https://example.org/slack/"

// baseURLRE accepts what can go unquoted into a YAML value and a Slack request URL: https,
// a host, an optional port and path; no query, fragment, user info or spaces.
var baseURLRE = regexp.MustCompile(`^https://[A-Za-z0-9]([A-Za-z0-9.-]*[A-Za-z0-9])?(:[0-9]{1,5})?(/[A-Za-z0-9._~%/-]*)?$`)

// SlackManifest returns the Slack app manifest (YAML) as kept in slack/manifest.yaml, with
// its request URLs on the placeholder host https://example.org. Each call returns a new
// slice, which the caller may modify.
func SlackManifest() []byte {
	return bytes.Clone(slackYAML)
}

// SlackManifestFor returns the Slack app manifest with the request URLs of events,
// interactivity and /iag on baseURL, the public HTTPS address where `iagbot serve` is
// reachable (e.g. https://iagbot.cssdgs.gouv.qc.ca, optionally with a path prefix). A
// trailing slash is ignored. It returns an error for anything but an https URL with a host.
func SlackManifestFor(baseURL string) ([]byte, error) {
	base := strings.TrimRight(strings.TrimSpace(baseURL), "/")
	if !baseURLRE.MatchString(base) {
		return nil, fmt.Errorf("manifest: invalid Slack base URL %q: want https://host[:port][/path], e.g. https://iagbot.cssdgs.gouv.qc.ca", baseURL)
	}
	return bytes.ReplaceAll(slackYAML, []byte(slackPlaceholderBase), []byte(base+"/slack/")), nil
}
