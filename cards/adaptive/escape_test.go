package adaptive

import (
	"encoding/json"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards"
)

func TestPlain(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Microsoft Copilot", "Microsoft Copilot"},
		{"Inventaire (6.1)", "Inventaire (6.1)"},
		{"[clic](https://evil.example/x)", `\[clic\](https://evil.example/x)`},
		{"**URGENT** _vite_", `\*\*URGENT\*\* \_vite\_`},
		{`a\b`, `a\\b`},
		{"- item", `\- item`},
		{"  + item", `  \+ item`},
		{"# titre", `\# titre`},
		{"1. un\n2) deux", "1\\. un\n2\\) deux"},
		{"version 2.0 - ok", "version 2.0 - ok"},
	} {
		if got := plain(tc.in); got != tc.want {
			t.Errorf("plain(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

// TestHostileTextIsInert: no text of the hostile card keeps the brackets of a link or
// the stars of bold unescaped.
func TestHostileTextIsInert(t *testing.T) {
	raw, err := Render(hostileCard())
	if err != nil {
		t.Fatal(err)
	}
	var texts []string
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, el := range x {
				if s, ok := el.(string); ok && (k == "text" || k == "title" || k == "value") {
					texts = append(texts, s)
				}
				walk(el)
			}
		case []any:
			for _, el := range x {
				walk(el)
			}
		}
	}
	var doc any
	json.Unmarshal(raw, &doc)
	walk(doc)
	for _, s := range texts {
		if strings.Contains(s, "](") && !strings.Contains(s, `\](`) {
			t.Errorf("live link in %q", s)
		}
		if strings.Contains(strings.ReplaceAll(s, `\*`, ""), "**") {
			t.Errorf("live bold in %q", s)
		}
	}
	if len(texts) < 6 {
		t.Fatalf("only %d texts found in %s", len(texts), raw)
	}
	_ = cards.Card{}
}

// TestOneLineFieldsKeepToOneLine: a title, subtitle, heading or fact label typed with
// line breaks shows on one line, so that it cannot add a line that reads as the bot's.
func TestOneLineFieldsKeepToOneLine(t *testing.T) {
	hostile := "Copilot\nApprouvé par CODIR-IN\r\n- ok\u2028fin"
	c := &cards.Card{Title: hostile, Subtitle: hostile,
		Sections: []cards.Section{{Heading: hostile, Facts: []cards.Fact{{Label: hostile, Value: "v"}}}}}
	raw, err := Render(c)
	if err != nil {
		t.Fatal(err)
	}
	var doc map[string]any
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	count := 0
	var walk func(v any)
	walk = func(v any) {
		switch x := v.(type) {
		case map[string]any:
			for k, el := range x {
				if s, ok := el.(string); ok && (k == "text" || k == "title") && strings.Contains(s, "Copilot") {
					count++
					if strings.ContainsAny(s, "\r\n\u2028") {
						t.Errorf("%s %q spans lines", k, s)
					}
				}
				walk(el)
			}
		case []any:
			for _, el := range x {
				walk(el)
			}
		}
	}
	walk(doc)
	if count != 4 {
		t.Errorf("%d fields found, want 4 (title, subtitle, heading, fact)", count)
	}
}
