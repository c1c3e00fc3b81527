package i18n

import (
	"io/fs"
	"regexp"
	"testing"

	goi18n "github.com/nicksnyder/go-i18n/v2/i18n"
)

// viaText is what go-i18n's own text/template parser makes of id with data: what T
// made before fieldParser.
func viaText(lang Lang, id string, data any) string {
	cfg := &goi18n.LocalizeConfig{MessageID: id, TemplateData: data}
	if m, ok := data.(map[string]any); ok {
		if c, ok := m["Count"]; ok {
			cfg.PluralCount = c
		}
	}
	s, err := locs[lang].Localize(cfg)
	if err != nil || s == "" {
		return id
	}
	return s
}

// TestFieldParserFillsAsTextTemplate fills every message of the catalogue, in both
// languages, through T and through text/template, with every field any message names
// set to strings, then to integers: the texts must be the same.
func TestFieldParserFillsAsTextTemplate(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	field := regexp.MustCompile(`\.([A-Za-z_][A-Za-z0-9_]*)`)
	action := regexp.MustCompile(`\{\{[^}]*\}\}`)
	files, _ := fs.Glob(localeFS, "locales/*.yaml")
	for _, f := range files {
		b, _ := localeFS.ReadFile(f)
		for _, a := range action.FindAllString(string(b), -1) {
			for _, m := range field.FindAllStringSubmatch(a, -1) {
				names[m[1]] = true
			}
		}
	}
	if len(names) < 20 {
		t.Fatalf("found %d field names in the catalogue: the pattern no longer matches it", len(names))
	}
	strs, ints := map[string]any{}, map[string]any{}
	i := 0
	for n := range names {
		i++
		strs[n], ints[n] = "«"+n+"»", i
	}
	strs["Count"] = 2 // plural forms read it
	for _, lang := range Langs {
		ids, err := IDs(lang)
		if err != nil {
			t.Fatal(err)
		}
		for _, id := range ids {
			for _, data := range []map[string]any{strs, ints} {
				if got, want := T(lang, id, data), viaText(lang, id, data); got != want {
					t.Errorf("%s %s: %q, text/template %q", lang, id, got, want)
				}
			}
		}
	}
}

// TestFieldTemplateValues: what a plain field prints, and what goes to text/template
// instead — missing keys, nil, pointers, other kinds, data that is not a map.
func TestFieldTemplateValues(t *testing.T) {
	p, err := fieldParser{}.Parse("a {{.X}} b{{ .Y }}.", "", "")
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := p.(*fieldTemplate); !ok {
		t.Fatalf("plain fields parsed as %T, want *fieldTemplate", p)
	}
	n := 7
	for _, tc := range []struct {
		data any
		want string
	}{
		{map[string]any{"X": "x", "Y": 3}, "a x b3."},
		{map[string]any{"X": int64(-4), "Y": ""}, "a -4 b."},
		{map[string]any{"X": "x"}, "a x b<no value>."},
		{map[string]any{"X": nil, "Y": 1}, "a <no value> b1."},
		{map[string]any{"X": &n, "Y": 1.5}, "a 7 b1.5."},
		{map[string]any{"X": []string{"u", "v"}, "Y": true}, "a [u v] btrue."},
		{struct{ X, Y string }{"s", "t"}, "a s bt."},
	} {
		got, err := p.Execute(tc.data)
		if err != nil || got != tc.want {
			t.Errorf("Execute(%#v) = %q, %v; want %q", tc.data, got, err, tc.want)
		}
	}
	for _, src := range []string{"{{if .X}}y{{end}}", "{{.X.Y}}", "{{- .X}}", "{{/* c */}}", "{{.X | len}}", "{{.X"} {
		p, err := fieldParser{}.Parse(src, "", "")
		if _, fast := p.(*fieldTemplate); fast {
			t.Errorf("%q parsed as plain fields (err %v)", src, err)
		}
	}
}

func BenchmarkTFields(b *testing.B) {
	data := map[string]any{"Name": "ChatGPT", "Kind": "public", "Hosting": "US"}
	for b.Loop() {
		T(FR, "policy.system_line", data)
	}
}
