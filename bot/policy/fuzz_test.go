package policy

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/i18n"
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
		for _, tk := range Tokenize(q) {
			if tk.Start < 0 || tk.End > len(q) || tk.Start >= tk.End || tk.Fold == "" {
				t.Fatalf("bad token %+v in %q", tk, q)
			}
		}
		r := e.Evaluate(q, i18n.FR)
		if r.Verdict == "" || r.Rule < 1 || r.Rule > 9 || len(r.Sections) == 0 {
			t.Fatalf("incomplete result %+v for %q", r, q)
		}
		for _, p := range piiPatterns {
			for _, m := range p.re.FindAllString(q, -1) {
				if !r.PersonalData {
					t.Fatalf("%q: pattern %s matched %q but no personal data reported", q, p.kind, m)
				}
				if strings.Contains(r.Redacted, m) && !strings.Contains(placeholders[p.kind], m) {
					t.Fatalf("%q: %q survives redaction: %q", q, m, r.Redacted)
				}
			}
		}
		text := Answer(r, r.Lang) + Why(r, r.Lang)
		if text == "" || (utf8.ValidString(q) && !utf8.ValidString(text)) {
			t.Fatalf("bad answer for %q", q)
		}
	})
}
