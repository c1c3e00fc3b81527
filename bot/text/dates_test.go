package text

import (
	"testing"
	"time"
)

func TestFindDates(t *testing.T) {
	// A Wednesday evening in Québec, already Thursday in UTC: relative dates count
	// from the day in Toronto.
	now := time.Date(2026, 12, 3, 2, 30, 0, 0, time.UTC).In(Toronto())
	type want struct {
		day  string
		form DateForm
		raw  string
		flag string // "noyear", "invalid", "monthfirst" or ""
	}
	for _, tc := range []struct {
		in   string
		want []want
	}{
		{"efvp revisee le 2027 05 01", []want{{"2027-05-01", DateISO, "2027 05 01", ""}}},
		{"EFVP révisée le 1er mai 2027, prochaine le 1 mai 2028", []want{{"2027-05-01", DateWritten, "1er mai 2027", ""}, {"2028-05-01", DateWritten, "1 mai 2028", ""}}},
		{"efvp revised on May 1st, 2027", []want{{"2027-05-01", DateWritten, "May 1st, 2027", ""}}},
		{"3 june 2027 next review december 3 2027", []want{{"2027-06-03", DateWritten, "3 june 2027", ""}, {"2027-12-03", DateWritten, "december 3 2027", ""}}},
		{"le 12 août 2027", []want{{"2027-08-12", DateWritten, "12 août 2027", ""}}},
		{"le 3 févr. 2027", []want{{"2027-02-03", DateWritten, "3 févr. 2027", ""}}},
		{"2027-02-30", []want{{"", DateISO, "2027-02-30", "invalid"}}},
		{"31 juin 2027", []want{{"", DateWritten, "31 juin 2027", "invalid"}}},
		{"05/01", nil},
		{"le 04/03/2027", []want{{"2027-03-04", DateNumeric, "04/03/2027", ""}}},
		{"05/31/2027", []want{{"2027-05-31", DateNumeric, "05/31/2027", "monthfirst"}}},
		{"le 5 juin", []want{{"2026-06-05", DateWritten, "5 juin", "noyear"}}},
		{"June 5", []want{{"2026-06-05", DateWritten, "June 5", "noyear"}}},
		{"hier", []want{{"2026-12-01", DateRelative, "hier", ""}}},
		{"avant-hier", []want{{"2026-11-30", DateRelative, "avant-hier", ""}}},
		{"aujourd'hui", []want{{"2026-12-02", DateRelative, "aujourd'hui", ""}}},
		{"Aujourd’hui", []want{{"2026-12-02", DateRelative, "Aujourd’hui", ""}}},
		{"demain", []want{{"2026-12-03", DateRelative, "demain", ""}}},
		{"tomorrow", []want{{"2026-12-03", DateRelative, "tomorrow", ""}}},
		{"il y a 3 jours", []want{{"2026-11-29", DateRelative, "il y a 3 jours", ""}}},
		{"il y a deux semaines", []want{{"2026-11-18", DateRelative, "il y a deux semaines", ""}}},
		{"3 days ago", []want{{"2026-11-29", DateRelative, "3 days ago", ""}}},
		{"dans une semaine", []want{{"2026-12-09", DateRelative, "dans une semaine", ""}}},
		{"in 2 weeks", []want{{"2026-12-16", DateRelative, "in 2 weeks", ""}}},
		{"dans 6 mois", []want{{"2027-06-02", DateRelative, "dans 6 mois", ""}}},
		{"le printemps prochain", nil},
		{"Élève née le 4 mars 2012 à Québec", []want{{"2012-03-04", DateWritten, "4 mars 2012", ""}}},
	} {
		t.Run(tc.in, func(t *testing.T) {
			got := FindDates(tc.in, now)
			if len(got) != len(tc.want) {
				t.Fatalf("FindDates = %+v, want %d dates", got, len(tc.want))
			}
			for i, w := range tc.want {
				g := got[i]
				flag := ""
				switch {
				case g.Invalid:
					flag = "invalid"
				case g.NoYear:
					flag = "noyear"
				case g.MonthFirst:
					flag = "monthfirst"
				}
				day := ""
				if !g.Time.IsZero() {
					day = g.Time.Format("2006-01-02")
					if g.Time.Location() != now.Location() || g.Time.Hour() != 0 {
						t.Errorf("date %d = %v, want midnight in %v", i, g.Time, now.Location())
					}
				}
				if day != w.day || g.Form != w.form || tc.in[g.Start:g.End] != w.raw || flag != w.flag {
					t.Errorf("date %d = %s form %d %q %q, want %s form %d %q %q", i, day, g.Form, tc.in[g.Start:g.End], flag, w.day, w.form, w.raw, w.flag)
				}
			}
		})
	}
}

func TestTokenize(t *testing.T) {
	toks := Tokenize("Sans l'élève, n'inclut pas Léa's « notes » d’Amélie-Ève")
	var got []string
	for _, tk := range toks {
		got = append(got, tk.Fold)
	}
	want := []string{"sans", "eleve", "inclut", "pas", "lea", "notes", "amelie", "eve"}
	if len(got) != len(want) {
		t.Fatalf("Tokenize = %v, want %v", got, want)
	}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("token %d = %q, want %q", i, got[i], want[i])
		}
	}
	if !toks[0].Neg || !toks[2].Neg || toks[1].Elision != "l" || toks[6].Elision != "d" || !toks[4].Cap {
		t.Errorf("flags: %+v", toks)
	}
}
