// Package config loads iagbot's configuration: environment variables first (their
// names are a contract, see the README), then an optional YAML file named by
// IAGBOT_CONFIG for roles, review channels and schedules. Load validates everything
// and names the bad key in its error. Nothing here reads the environment by itself:
// callers pass a lookup function, so tests use a map.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"os"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"gopkg.in/yaml.v3"
)

// Config is the whole configuration.
type Config struct {
	DB   string // IAGBOT_DB: SQLite path, ":memory:" or postgres:// URL
	Addr string // IAGBOT_ADDR: listen address of serve
	// AdminAddr is IAGBOT_ADMIN_ADDR: where /metrics and /readyz are served instead of
	// Addr, so that they need not be exposed with the bot endpoints; empty serves them
	// on Addr.
	AdminAddr  string
	Inventory  string    // IAGBOT_INVENTORY: inventory file loaded at start
	ConfigFile string    // IAGBOT_CONFIG: the YAML file below
	Lang       i18n.Lang // IAGBOT_LANG: default language
	// LogLevel is IAGBOT_LOG_LEVEL (debug, info, warn, error): debug adds a line per
	// turn that went well.
	LogLevel slog.Level
	Teams    Teams
	Slack    Slack
	File     File
}

// Teams holds the Bot Framework settings.
type Teams struct {
	AppID             string // MICROSOFT_APP_ID; empty = emulator mode on loopback
	AppPassword       string // MICROSOFT_APP_PASSWORD
	TenantID          string // MICROSOFT_APP_TENANT_ID
	OpenIDMetadataURL string // BOTFRAMEWORK_OPENID_METADATA_URL
	TokenURL          string // BOTFRAMEWORK_TOKEN_URL; default derived from the tenant
}

// Slack holds the Slack app settings.
type Slack struct {
	BotToken      string // SLACK_BOT_TOKEN
	SigningSecret string // SLACK_SIGNING_SECRET
	AppToken      string // SLACK_APP_TOKEN: Socket Mode when set
	APIURL        string // SLACK_API_URL
	// TeamID and AppID override what auth.test and bots.info tell at start: the only
	// workspace and app whose requests are processed.
	TeamID string // SLACK_TEAM_ID
	AppID  string // SLACK_APP_ID
}

// DefaultOpenIDMetadataURL is the Bot Framework's public OpenID metadata.
const DefaultOpenIDMetadataURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"

// Load reads the configuration through getenv (os.Getenv in main).
func Load(getenv func(string) string) (*Config, error) {
	get := func(k, def string) string {
		if v := strings.TrimSpace(getenv(k)); v != "" {
			return v
		}
		return def
	}
	c := &Config{
		DB:         get("IAGBOT_DB", "iagbot.db"),
		Addr:       get("IAGBOT_ADDR", ":3978"),
		AdminAddr:  get("IAGBOT_ADMIN_ADDR", ""),
		Inventory:  get("IAGBOT_INVENTORY", ""),
		ConfigFile: get("IAGBOT_CONFIG", ""),
		Teams: Teams{
			AppID:             get("MICROSOFT_APP_ID", ""),
			AppPassword:       get("MICROSOFT_APP_PASSWORD", ""),
			TenantID:          get("MICROSOFT_APP_TENANT_ID", ""),
			OpenIDMetadataURL: get("BOTFRAMEWORK_OPENID_METADATA_URL", DefaultOpenIDMetadataURL),
			TokenURL:          get("BOTFRAMEWORK_TOKEN_URL", ""),
		},
		Slack: Slack{
			BotToken:      get("SLACK_BOT_TOKEN", ""),
			SigningSecret: get("SLACK_SIGNING_SECRET", ""),
			AppToken:      get("SLACK_APP_TOKEN", ""),
			APIURL:        get("SLACK_API_URL", "https://slack.com/api/"),
			TeamID:        get("SLACK_TEAM_ID", ""),
			AppID:         get("SLACK_APP_ID", ""),
		},
	}
	lang := get("IAGBOT_LANG", "fr")
	if !i18n.Valid(lang) {
		return nil, fmt.Errorf("config: IAGBOT_LANG=%q: want fr or en", lang)
	}
	c.Lang = i18n.Lang(lang)
	if err := c.LogLevel.UnmarshalText([]byte(get("IAGBOT_LOG_LEVEL", "info"))); err != nil {
		return nil, fmt.Errorf("config: IAGBOT_LOG_LEVEL=%q: want debug, info, warn or error", getenv("IAGBOT_LOG_LEVEL"))
	}
	if _, _, err := net.SplitHostPort(c.Addr); err != nil {
		return nil, fmt.Errorf("config: IAGBOT_ADDR=%q: %v", c.Addr, err)
	}
	if c.AdminAddr != "" {
		if _, _, err := net.SplitHostPort(c.AdminAddr); err != nil {
			return nil, fmt.Errorf("config: IAGBOT_ADMIN_ADDR=%q: %v", c.AdminAddr, err)
		}
	}
	if c.Teams.AppID != "" && c.Teams.AppPassword == "" {
		return nil, errors.New("config: MICROSOFT_APP_PASSWORD is required when MICROSOFT_APP_ID is set")
	}
	if c.Teams.AppID != "" && c.Teams.TenantID == "" {
		// Single tenant: activities of any other tenant are ignored, so it must be known.
		return nil, errors.New("config: MICROSOFT_APP_TENANT_ID is required when MICROSOFT_APP_ID is set")
	}
	if c.Slack.BotToken != "" && c.Slack.SigningSecret == "" && c.Slack.AppToken == "" {
		return nil, errors.New("config: SLACK_SIGNING_SECRET is required when SLACK_BOT_TOKEN is set (or SLACK_APP_TOKEN for Socket Mode)")
	}
	if c.Slack.AppToken != "" && !strings.HasPrefix(c.Slack.AppToken, "xapp-") {
		return nil, errors.New("config: SLACK_APP_TOKEN must be an app-level token (xapp-…)")
	}
	c.File = Defaults()
	if c.ConfigFile != "" {
		data, err := os.ReadFile(c.ConfigFile)
		if err != nil {
			return nil, fmt.Errorf("config: IAGBOT_CONFIG: %w", err)
		}
		f, err := ParseFile(data)
		if err != nil {
			return nil, fmt.Errorf("config: %s: %w", c.ConfigFile, err)
		}
		c.File = *f
	}
	return c, nil
}

// ParseFile parses and validates the YAML configuration file. Unknown keys are errors,
// so a misspelt key is caught at start-up rather than silently ignored.
func ParseFile(data []byte) (*File, error) {
	f := Defaults()
	dec := yaml.NewDecoder(bytes.NewReader(data))
	dec.KnownFields(true)
	if err := dec.Decode(&f); err != nil && !errors.Is(err, errEOF) {
		return nil, err
	}
	if err := f.validate(); err != nil {
		return nil, err
	}
	return &f, nil
}
