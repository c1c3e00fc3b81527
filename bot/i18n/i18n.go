// Package i18n holds every message the bot shows, in French (the default) and English,
// and picks the language of a turn.
//
// Messages live in embedded YAML files named locales/<area>.<lang>.yaml, one pair per
// feature area, so that each area can grow without touching the others. A message id
// missing in English falls back to French; a missing id in both returns the id itself,
// and TestCatalogComplete fails on it, so that a typo never reaches a user silently.
package i18n

import (
	"embed"
	"fmt"
	"io/fs"
	"sort"
	"strings"
	"sync"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
	"golang.org/x/text/language"
	"gopkg.in/yaml.v3"
)

// Lang is a language the bot speaks.
type Lang string

// The languages of the bot. French comes first: the organisation is in Québec.
const (
	FR Lang = "fr"
	EN Lang = "en"
)

// Langs lists the supported languages, the default first.
var Langs = []Lang{FR, EN}

//go:embed locales/*.yaml
var localeFS embed.FS

var (
	loadOnce sync.Once
	bundle   *goi18n.Bundle
	loadErr  error
	locs     map[Lang]*goi18n.Localizer
)

func load() {
	bundle = goi18n.NewBundle(language.French)
	bundle.RegisterUnmarshalFunc("yaml", yaml.Unmarshal)
	files, err := fs.Glob(localeFS, "locales/*.yaml")
	if err != nil {
		loadErr = err
		return
	}
	sort.Strings(files)
	for _, f := range files {
		data, err := localeFS.ReadFile(f)
		if err != nil {
			loadErr = err
			return
		}
		if _, err := bundle.ParseMessageFileBytes(data, f); err != nil {
			loadErr = fmt.Errorf("i18n: %s: %w", f, err)
			return
		}
	}
	locs = map[Lang]*goi18n.Localizer{
		FR: goi18n.NewLocalizer(bundle, "fr"),
		EN: goi18n.NewLocalizer(bundle, "en", "fr"),
	}
}

// Check reports a broken message file. Call it at start-up.
func Check() error {
	loadOnce.Do(load)
	return loadErr
}

// T returns message id in lang, with data (a map or struct) filled into its template.
// Plural forms use the "Count" key of data when present.
func T(lang Lang, id string, data ...any) string {
	loadOnce.Do(load)
	if loadErr != nil {
		return id
	}
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateParser: fieldParser{}}
	if len(data) > 0 {
		cfg.TemplateData = data[0]
		if m, ok := data[0].(map[string]any); ok {
			if c, ok := m["Count"]; ok {
				cfg.PluralCount = c
			}
		}
	}
	loc := locs[Parse(string(lang))]
	s, err := loc.Localize(cfg)
	if err != nil || s == "" {
		return id
	}
	return s
}

// Parse maps a platform locale ("fr-CA", "en_US", "English") to a supported language,
// defaulting to French.
func Parse(locale string) Lang {
	l := strings.ToLower(strings.TrimSpace(locale))
	switch {
	case strings.HasPrefix(l, "en"):
		return EN
	default:
		return FR
	}
}

// Valid reports whether s names a supported language exactly ("fr" or "en").
func Valid(s string) bool { return s == string(FR) || s == string(EN) }

// IDs returns every message id known in lang, for completeness tests.
func IDs(lang Lang) ([]string, error) {
	var ids []string
	files, err := fs.Glob(localeFS, "locales/*."+string(lang)+".yaml")
	if err != nil {
		return nil, err
	}
	for _, f := range files {
		data, err := localeFS.ReadFile(f)
		if err != nil {
			return nil, err
		}
		var m map[string]any
		if err := yaml.Unmarshal(data, &m); err != nil {
			return nil, fmt.Errorf("%s: %w", f, err)
		}
		for k := range m {
			ids = append(ids, k)
		}
	}
	sort.Strings(ids)
	return ids, nil
}
