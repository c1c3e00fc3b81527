package text

import "testing"

func TestEmails(t *testing.T) {
	for _, tc := range []struct {
		in    string
		find  string
		whole bool
	}{
		{"josée.roy@école.qc.ca", "josée.roy@école.qc.ca", true},
		{" marc@cssdgs.gouv.qc.ca ", "marc@cssdgs.gouv.qc.ca", true},
		{"Marc Lapointe <marc@cssdgs.gouv.qc.ca>", "marc@cssdgs.gouv.qc.ca", false},
		{"a@b.qc, c@d.qc", "a@b.qc", false},
		{"marc@localhost", "", false},
		{"Marc Lapointe", "", false},
	} {
		if got := FindEmail(tc.in); got != tc.find {
			t.Errorf("FindEmail(%q) = %q, want %q", tc.in, got, tc.find)
		}
		if got := IsEmail(tc.in); got != tc.whole {
			t.Errorf("IsEmail(%q) = %v, want %v", tc.in, got, tc.whole)
		}
	}
}
