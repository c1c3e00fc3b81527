package policy

import (
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text/texttest"
)

// TestSharedPersonalTable runs the table bot/text tests its detector and redactor on
// through verdicts: every kind it expects is reported, a row without any reports
// none, and the redacted question keeps none of its spans nor any part of a name.
func TestSharedPersonalTable(t *testing.T) {
	e := testEngine(t)
	for _, row := range texttest.LoadPersonalTable(t, "../text/testdata/personal.tsv") {
		r := e.Evaluate(row.Input, i18n.FR)
		for _, k := range row.Kinds {
			if !slices.Contains(r.PersonalDataKinds, k) {
				t.Errorf("%q: %s not reported (got %v)", row.Input, k, r.PersonalDataKinds)
			}
		}
		if len(row.Kinds) == 0 && r.PersonalData {
			t.Errorf("%q: personal data reported: %v", row.Input, r.PersonalDataKinds)
		}
		for _, s := range row.Secrets {
			if strings.Contains(r.Redacted, s) {
				t.Errorf("%q: %q survives: %q", row.Input, s, r.Redacted)
			}
		}
		for _, p := range row.NameParts() {
			if texttest.ContainsWord(r.Redacted, p) {
				t.Errorf("%q: part %q of a name survives: %q", row.Input, p, r.Redacted)
			}
		}
	}
}
