package i18n

import (
	"testing"
)

// TestCatalogComplete fails when a message exists in one language only.
func TestCatalogComplete(t *testing.T) {
	if err := Check(); err != nil {
		t.Fatal(err)
	}
	fr, err := IDs(FR)
	if err != nil {
		t.Fatal(err)
	}
	en, err := IDs(EN)
	if err != nil {
		t.Fatal(err)
	}
	inEN := map[string]bool{}
	for _, id := range en {
		inEN[id] = true
	}
	inFR := map[string]bool{}
	for _, id := range fr {
		inFR[id] = true
		if !inEN[id] {
			t.Errorf("message %q has no English text", id)
		}
	}
	for _, id := range en {
		if !inFR[id] {
			t.Errorf("message %q has no French text", id)
		}
	}
}

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Lang
	}{
		{"fr-CA", FR}, {"fr", FR}, {"en-US", EN}, {"EN", EN}, {"", FR}, {"de-DE", FR}, {"en_GB", EN},
	} {
		if got := Parse(tc.in); got != tc.want {
			t.Errorf("Parse(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestTFallsBackAndFills(t *testing.T) {
	if got := T(FR, "core.help.title"); got == "core.help.title" {
		t.Errorf("T(fr, core.help.title) returned the id")
	}
	if got := T(EN, "no.such.message"); got != "no.such.message" {
		t.Errorf("unknown id = %q, want the id", got)
	}
}
