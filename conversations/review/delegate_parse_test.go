package review

import (
	"strings"
	"testing"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/config"
)

func TestParseAbsence(t *testing.T) {
	now := time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC)
	for _, tc := range []struct {
		say              string
		ok               bool
		person, delegate string
		dates            []string
	}{
		{"je serai absent du 2027-01-10 au 2027-01-24, déléguer à marie.roy@cssdgs.gouv.qc.ca", true, "", "marie.roy@cssdgs.gouv.qc.ca", []string{"2027-01-10", "2027-01-24"}},
		{"Je serai absente du 10 janvier 2027 au 24 janvier 2027 — déléguer à Marie Roy.", true, "", "Marie Roy", []string{"2027-01-10", "2027-01-24"}},
		{"I'll be away from 2027-01-10 to 2027-01-24, delegate to marie.roy@cssdgs.gouv.qc.ca", true, "", "marie.roy@cssdgs.gouv.qc.ca", []string{"2027-01-10", "2027-01-24"}},
		{"I will be on leave from January 10, 2027 to January 24, 2027", true, "", "", []string{"2027-01-10", "2027-01-24"}},
		{"Paul Roy sera absent du 2027-01-10 au 2027-01-24, déléguer à marie.roy@cssdgs.gouv.qc.ca", true, "Paul Roy", "marie.roy@cssdgs.gouv.qc.ca", []string{"2027-01-10", "2027-01-24"}},
		{"paul.roy@cssdgs.gouv.qc.ca will be away from 2027-01-10 to 2027-01-24, replaced by Marie Roy", true, "paul.roy@cssdgs.gouv.qc.ca", "Marie Roy", []string{"2027-01-10", "2027-01-24"}},
		{"je serai absent du 10 au 24 janvier 2027", true, "", "", []string{"2027-01-24"}},
		{"Puis-je utiliser ChatGPT quand je serai absent ?", false, "", "", nil},
		{"Quand je pense que le directeur de mon école sera absent demain", false, "", "", nil},
		{"qui sont les approbateurs ?", false, "", "", nil},
	} {
		a, ok := parseAbsence(tc.say, now)
		if ok != tc.ok {
			t.Errorf("%q: ok = %v", tc.say, ok)
			continue
		}
		var dates []string
		for _, d := range a.Dates {
			dates = append(dates, d.Format(time.DateOnly))
		}
		if a.Person != tc.person || a.Delegate != tc.delegate || len(dates) != len(tc.dates) {
			t.Errorf("%q: %+v (dates %v), want person %q delegate %q dates %v", tc.say, a, dates, tc.person, tc.delegate, tc.dates)
			continue
		}
		for i := range dates {
			if dates[i] != tc.dates[i] {
				t.Errorf("%q: dates %v, want %v", tc.say, dates, tc.dates)
			}
		}
	}
}

func TestParseCancel(t *testing.T) {
	for _, tc := range []struct {
		say, person string
		ok          bool
	}{
		{"annuler ma délégation", "", true},
		{"Cancel my delegation.", "", true},
		{"annuler la délégation de Paul Roy", "Paul Roy", true},
		{"cancel Paul Roy's delegation", "Paul Roy", true},
		{"annuler la délégation de paul.roy@cssdgs.gouv.qc.ca", "paul.roy@cssdgs.gouv.qc.ca", true},
		{"annuler ma demande", "", false},
	} {
		p, ok := parseCancel(tc.say)
		if p != tc.person || ok != tc.ok {
			t.Errorf("%q: (%q, %v), want (%q, %v)", tc.say, p, ok, tc.person, tc.ok)
		}
	}
}

func TestParseReassign(t *testing.T) {
	for _, tc := range []struct {
		say  string
		ok   bool
		want reassignment
	}{
		{"réassigner la demande 12 à marie.roy@cssdgs.gouv.qc.ca — motif : congé", true, reassignment{ID: 12, Member: "marie.roy@cssdgs.gouv.qc.ca", Reason: "congé"}},
		{"réassigner la demande 12 au rôle cprpsi — motif : décision automatisée", true, reassignment{ID: 12, Role: config.RoleCPRPSI, Reason: "décision automatisée"}},
		{"Reassign request 7 to the CODIR-IN role - reason: conflict of interest", true, reassignment{ID: 7, Role: config.RoleCODIRIN, Reason: "conflict of interest"}},
		{"reassign request #7 to Marie Roy, reason: leave", true, reassignment{ID: 7, Member: "Marie Roy", Reason: "leave"}},
		{"réassigner la demande n° 3 à Jean-Pierre Roy motif congé", true, reassignment{ID: 3, Member: "Jean-Pierre Roy", Reason: "congé"}},
		{"réassigner la demande 3 à marie.roy@cssdgs.gouv.qc.ca", true, reassignment{ID: 3, Member: "marie.roy@cssdgs.gouv.qc.ca"}},
		{"réassigner la demande à Marie", false, reassignment{}},
	} {
		got, ok := parseReassign(tc.say)
		if ok != tc.ok || got != tc.want {
			t.Errorf("%q: (%+v, %v), want (%+v, %v)", tc.say, got, ok, tc.want, tc.ok)
		}
	}
}

// TestFoldedLettersAreASCII: the letters mayBeAway and parseCancel look for without
// regexp fold (as (?i) folds them) to ASCII letters only, besides the long s.
func TestFoldedLettersAreASCII(t *testing.T) {
	for _, r := range "seraiwlbntofcgvyu" {
		for f := unicode.SimpleFold(r); f != r; f = unicode.SimpleFold(f) {
			if f >= utf8.RuneSelf && f != 'ſ' {
				t.Errorf("%q folds to %q", r, f)
			}
		}
	}
}

// TestPrefiltersAgreeWithExpressions: mayBeAway and the « annuler »/"cancel" check
// never turn away a text the expressions match.
func TestPrefiltersAgreeWithExpressions(t *testing.T) {
	for _, s := range []string{"je serai absente du 2027-01-10 au 2027-01-24", "Paul Roy SERA EN CONGÉ", "I'LL BE OFF tomorrow",
		"paul.roy@example.org will  be on leave", "ſera absent", "Je ſerai absent", "Paul will be away", "i’ll be Away",
		"Puis-je utiliser ChatGPT ?", "statut", "aide", "bonjour", "sera là", "will be back", "absent",
		"ANNULER la délégation de Paul Roy", "  Cancel the delegation of Paul", "cancel Paul’s delegation.", "annuler ma délégation",
		"\tannuler la delegation d'Anne", "Annulé", "cancelled"} {
		if awayRe.MatchString(s) && !mayBeAway(s) {
			t.Errorf("mayBeAway(%q) = false, awayRe matches", s)
		}
		head := strings.TrimLeft(s, "\t\n\f\r ")
		if cancelOtherRe.MatchString(s) && !hasPrefixFold(head, "annuler") && !hasPrefixFold(head, "cancel") {
			t.Errorf("%q: cancelOtherRe matches, the prefix check says no", s)
		}
	}
}
