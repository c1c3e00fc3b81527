package policy

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

// FuzzAnalyze checks that any text, however malformed, is analysed without panic,
// that token offsets stay inside the text, that literal personal data never survives
// redaction, and that an answer can always be written. Seeds live in
// testdata/fuzz/FuzzAnalyze.
func FuzzAnalyze(f *testing.F) {
	for _, c := range questions[:20] {
		f.Add(c.q)
	}
	e := testEngine(f)
	f.Fuzz(func(t *testing.T, q string) {
		for _, tk := range text.Tokenize(q) {
			if tk.Start < 0 || tk.End > len(q) || tk.Start >= tk.End || tk.Fold == "" {
				t.Fatalf("bad token %+v in %q", tk, q)
			}
		}
		r := e.Evaluate(q, i18n.FR)
		if r.Verdict == "" || r.Rule < 1 || r.Rule > 9 || len(r.Sections) == 0 {
			t.Fatalf("incomplete result %+v for %q", r, q)
		}
		var found []text.Finding
		for _, f := range e.personal.Find(q) {
			// Names depend on the tool found: a misspelt tool is no name.
			if f.Strength >= text.Strong && f.Kind != PIIName {
				found = append(found, f)
			}
		}
		// The text outside the findings, which redaction leaves as it is: a finding's
		// digits may also be part of a longer number that is none ("000000000é000…").
		outside := []byte(q)
		for _, f := range found {
			for i := f.Start; i < f.End; i++ {
				outside[i] = 0
			}
		}
		for _, f := range found {
			m := q[f.Start:f.End]
			if !r.PersonalData {
				t.Fatalf("%q: %s %q found but no personal data reported", q, f.Kind, m)
			}
			if strings.Count(r.Redacted, m) > strings.Count(string(outside), m) && !strings.Contains(placeholder(f.Kind), m) {
				t.Fatalf("%q: %q survives redaction: %q", q, m, r.Redacted)
			}
		}
		text := Answer(r, r.Lang) + Why(r, r.Lang)
		if text == "" || (utf8.ValidString(q) && !utf8.ValidString(text)) {
			t.Fatalf("bad answer for %q", q)
		}
	})
}
