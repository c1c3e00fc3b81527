package manifest

import (
	"bytes"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

type slackDoc struct {
	Features struct {
		AppHome struct {
			HomeTab     bool `yaml:"home_tab_enabled"`
			MessagesTab bool `yaml:"messages_tab_enabled"`
		} `yaml:"app_home"`
		BotUser struct {
			DisplayName  string `yaml:"display_name"`
			AlwaysOnline bool   `yaml:"always_online"`
		} `yaml:"bot_user"`
		SlashCommands []struct {
			Command, URL, Description string
			UsageHint                 string `yaml:"usage_hint"`
		} `yaml:"slash_commands"`
	}
	OAuthConfig struct {
		Scopes struct{ Bot, User []string }
	} `yaml:"oauth_config"`
	Settings struct {
		EventSubscriptions struct {
			RequestURL string   `yaml:"request_url"`
			BotEvents  []string `yaml:"bot_events"`
		} `yaml:"event_subscriptions"`
		Interactivity struct {
			IsEnabled  bool   `yaml:"is_enabled"`
			RequestURL string `yaml:"request_url"`
		}
		SocketMode bool `yaml:"socket_mode_enabled"`
	}
}

func parseSlack(t *testing.T, data []byte) slackDoc {
	t.Helper()
	var d slackDoc
	if err := yaml.Unmarshal(data, &d); err != nil {
		t.Fatalf("Slack manifest: %v", err)
	}
	return d
}

// TestSlackManifestScopes pins the scopes and events: each one is a permission a workspace
// admin must grant, so adding one has to be a deliberate change here and in the code.
func TestSlackManifestScopes(t *testing.T) {
	d := parseSlack(t, SlackManifest())
	wantScopes := []string{"app_mentions:read", "chat:write", "commands", "im:history", "im:write", "users:read", "users:read.email"}
	if got := slices.Sorted(slices.Values(d.OAuthConfig.Scopes.Bot)); !slices.Equal(got, wantScopes) {
		t.Errorf("bot scopes = %v, want %v", got, wantScopes)
	}
	if len(d.OAuthConfig.Scopes.User) != 0 {
		t.Errorf("user scopes %v: the bot acts as itself only", d.OAuthConfig.Scopes.User)
	}
	wantEvents := []string{"app_home_opened", "app_mention", "message.im"}
	if got := slices.Sorted(slices.Values(d.Settings.EventSubscriptions.BotEvents)); !slices.Equal(got, wantEvents) {
		t.Errorf("bot events = %v, want %v", got, wantEvents)
	}
	f := d.Features
	if !f.AppHome.HomeTab || !f.AppHome.MessagesTab || f.BotUser.DisplayName != "iagbot" || !f.BotUser.AlwaysOnline {
		t.Errorf("features = %+v", f)
	}
	if len(f.SlashCommands) != 1 || f.SlashCommands[0].Command != "/iag" || f.SlashCommands[0].UsageHint == "" {
		t.Errorf("slash commands = %+v, want /iag with a usage hint", f.SlashCommands)
	}
	if !d.Settings.Interactivity.IsEnabled || d.Settings.SocketMode {
		t.Errorf("settings = %+v, want interactivity on and Socket Mode off", d.Settings)
	}
}

func TestSlackManifestURLs(t *testing.T) {
	check := func(d slackDoc, base string) {
		t.Helper()
		for got, want := range map[string]string{
			d.Settings.EventSubscriptions.RequestURL: base + "/slack/events",
			d.Settings.Interactivity.RequestURL:      base + "/slack/interactivity",
			d.Features.SlashCommands[0].URL:          base + "/slack/commands",
		} {
			if got != want {
				t.Errorf("request URL %q, want %q", got, want)
			}
		}
	}
	check(parseSlack(t, SlackManifest()), "https://example.org")

	out, err := SlackManifestFor(" https://bots.cssdgs.gouv.qc.ca:8443/iagbot/ ")
	if err != nil {
		t.Fatal(err)
	}
	check(parseSlack(t, out), "https://bots.cssdgs.gouv.qc.ca:8443/iagbot")
	for _, line := range strings.Split(string(out), "\n") {
		if code, _, _ := strings.Cut(line, "#"); strings.Contains(code, "example.org") {
			t.Errorf("placeholder host left in: %s", line)
		}
	}

	for _, bad := range []string{"", "bots.cssdgs.gouv.qc.ca", "http://bots.cssdgs.gouv.qc.ca", "https://", "https://h/x?y=1", "https://h/#x", "https://u@h", "https://h/a b", "ftp://h"} {
		if _, err := SlackManifestFor(bad); err == nil {
			t.Errorf("SlackManifestFor(%q) accepted", bad)
		}
	}
}

func TestSlackManifestReturnsACopy(t *testing.T) {
	a := SlackManifest()
	a[0] = 'X'
	if bytes.Equal(a, SlackManifest()) {
		t.Error("modifying the result changed the embedded manifest")
	}
}
