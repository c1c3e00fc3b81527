package incident

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/text/texttest"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

func TestParseWhen(t *testing.T) {
	now := time.Date(2026, 6, 10, 14, 30, 0, 0, time.UTC) // a Wednesday
	for _, tc := range []struct {
		text   string
		want   string
		wantOK bool
	}{
		{"aujourd'hui", "2026-06-10", true},
		{"ce matin", "2026-06-10", true},
		{"il y a une heure", "2026-06-10", true},
		{"just now", "2026-06-10", true},
		{"hier", "2026-06-09", true},
		{"Yesterday afternoon", "2026-06-09", true},
		{"avant-hier", "2026-06-08", true},
		{"il y a 3 jours", "2026-06-07", true},
		{"3 days ago", "2026-06-07", true},
		{"cette semaine", "2026-06-04/2026-06-10", true},
		{"la semaine dernière", "../2026-06-03", true},
		{"earlier", "../2026-06-03", true},
		{"2026-06-05", "2026-06-05", true},
		{"le 1er juin", "2026-06-01", true},
		{"June 2", "2026-06-02", true},
		{"le 12 juin", "2025-06-12", true}, // no year: the last 12 June
		{"2026-07-01", "", false},          // a date to come
		{"je ne sais pas", "unknown", true},
		{"I don't know", "unknown", true},
		{"le 31 juin", "", false},
		{"bientôt", "", false},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, ok := parseWhen(words.Split(text.FoldWords(tc.text)), now)
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("parseWhen(%q) = %q, %v; want %q, %v", tc.text, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}

func TestParseKinds(t *testing.T) {
	for _, tc := range []struct {
		text string
		want []string
	}{
		{"notes", []string{"grades"}},
		{"notes et santé", []string{"grades", "health"}},
		{"Santé, coordonnées", []string{"health", "contact"}},
		{"dossier", []string{"student-file"}},
		{"le dossier RH d'une collègue", []string{"hr"}},
		{"le dossier d'un élève", []string{"student-file"}},
		{"code permanent", []string{"identifiers"}},
		{"identifiants, noms", []string{"names", "identifiers"}},
		{"grades and contact", []string{"grades", "contact"}},
		{"HR, confidential", []string{"hr", "confidential"}},
		{"autre", []string{"other"}},
		{"autre : notes", []string{"grades"}},
		{"des trucs", nil},
	} {
		t.Run(tc.text, func(t *testing.T) {
			if got := parseKinds(words.Split(text.FoldWords(tc.text))); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("parseKinds(%q) = %q, want %q", tc.text, got, tc.want)
			}
		})
	}
}

func TestRedact(t *testing.T) {
	mark := func(kind string) string { return "[" + kind + "]" }
	for _, tc := range []struct {
		text      string
		want      string
		wantKinds []string
	}{
		{"J'ai collé le bulletin de Julie Tremblay dans ChatGPT.",
			"J'ai collé le bulletin de [name] dans ChatGPT.", []string{"name"}},
		{"Courriel de la mère : m.roy@exemple.qc.ca, tél. 450 555-1234 poste 12",
			"Courriel de la mère : [email], tél. [phone]", []string{"email", "phone"}},
		{"code permanent TREJ12345678 et NAS 123 456 789", "code permanent [permanent-code] et NAS [sin]",
			[]string{"permanent-code", "sin"}},
		{"MARTIN Paul, 5e année", "[name], 5e année", []string{"name"}},
		{"Il habite au J5R 1A1, né le 2012-03-04, fiche 1234567",
			"Il habite au [postal-code], né le [date], fiche [number]", []string{"postal-code", "date", "number"}},
		{"Le plan d'intervention d'Amélie-Ève est parti dans Copilot",
			"Le plan d'intervention d'[name] est parti dans Copilot", []string{"name"}},
		{"L'élève a un TDAH", "L'élève a un TDAH", nil},
		{"rien de personnel ici", "rien de personnel ici", nil},
	} {
		t.Run(tc.text, func(t *testing.T) {
			got, kinds := redact(tc.text, mark)
			if got != tc.want || !reflect.DeepEqual(kinds, tc.wantKinds) {
				t.Errorf("redact(%q) =\n  %q, %q\nwant\n  %q, %q", tc.text, got, kinds, tc.want, tc.wantKinds)
			}
		})
	}
	long, _ := redact(strings.Repeat("a", 400), mark)
	if n := len([]rune(long)); n != maxDescLength {
		t.Errorf("redact(400 letters) kept %d runes, want %d", n, maxDescLength)
	}
}

// TestRedactSharedTable runs the table of bot/text on incident descriptions: what is
// stored keeps none of the spans it lists nor any part of a name.
func TestRedactSharedTable(t *testing.T) {
	mark := func(kind string) string { return "[" + kind + "]" }
	for _, row := range texttest.LoadPersonalTable(t, "../../bot/text/testdata/personal.tsv") {
		got, kinds := redact(row.Input, mark)
		for _, s := range row.Secrets {
			if strings.Contains(got, s) {
				t.Errorf("%q: %q survives: %q", row.Input, s, got)
			}
		}
		for _, p := range row.NameParts() {
			if texttest.ContainsWord(got, p) {
				t.Errorf("%q: part %q of a name survives: %q", row.Input, p, got)
			}
		}
		if slices.Contains(kinds, "") {
			t.Errorf("%q: a mask without a kind: %v", row.Input, kinds)
		}
	}
}
