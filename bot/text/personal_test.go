package text_test

import (
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/text/texttest"
)

// TestSharedPersonalTable runs the detector and the redactor together on the shared
// table (testdata/personal.tsv, also run by bot/policy and conversations/incident):
// every kind the table expects of the detector is found, nothing else strong is,
// every finding starts and ends at a word's edge, and whatever was found — and every
// span the table lists, and every part of a name in it — is absent from the redacted
// text.
func TestSharedPersonalTable(t *testing.T) {
	rows := texttest.LoadPersonalTable(t, "testdata/personal.tsv")
	if len(rows) < 150 {
		t.Fatalf("the shared table has %d rows, want at least 150", len(rows))
	}
	d := text.NewDetector()
	mark := func(k text.Kind) string { return "[" + string(k) + "]" }
	for _, row := range rows {
		t.Run(row.Input, func(t *testing.T) {
			fs := d.Find(row.Input)
			red := text.Redact(row.Input, fs, mark)
			var strong []text.Kind
			for _, f := range fs {
				if f.Strength == text.Strong && !slices.Contains(strong, f.Kind) {
					strong = append(strong, f.Kind)
				}
				if !texttest.WordEdge(row.Input, f.Start) || !texttest.WordEdge(row.Input, f.End) {
					t.Errorf("%s %q cuts a word: %q", f.Kind, row.Input[f.Start:f.End], red)
				}
				if got := row.Input[f.Start:f.End]; strings.Contains(red, got) && !strings.Contains(mark(f.Kind), got) {
					t.Errorf("detected %s %q survives: %q", f.Kind, got, red)
				}
			}
			for _, k := range row.Kinds {
				if detectorKinds[k] && k != text.KindGrades && !slices.Contains(strong, k) {
					t.Errorf("%s not found (strong): %+v", k, fs)
				}
			}
			for _, k := range strong {
				if !slices.Contains(row.Kinds, k) {
					t.Errorf("unexpected strong %s: %+v", k, fs)
				}
			}
			for _, s := range row.Secrets {
				if strings.Contains(red, s) {
					t.Errorf("%q survives: %q", s, red)
				}
			}
			for _, part := range row.NameParts() {
				if texttest.ContainsWord(red, part) {
					t.Errorf("part %q of a name survives: %q", part, red)
				}
			}
		})
	}
}

// detectorKinds are the kinds the detector itself finds; the others come from the
// Lexicon, which the verdict engine matches by stems.
var detectorKinds = map[text.Kind]bool{text.KindName: true, text.KindEmail: true, text.KindPhone: true, text.KindCodePermanent: true,
	text.KindSIN: true, text.KindPostalCode: true, text.KindAddress: true, text.KindBirthDate: true, text.KindGrades: true}

func TestRedactionBugsOfIssue12(t *testing.T) {
	d := text.NewDetector()
	mark := func(k text.Kind) string { return "[" + string(k) + "]" }
	for _, tc := range []struct{ in, want string }{
		// A permanent code written with spaces is one for verdicts and incidents alike.
		{"ROYJ 1234 5678", "[code_permanent]"},
		// An e-mail with accents is removed from the stored text, not only detected.
		{"écrire à élève@école.qc.ca", "écrire à [email]"},
		// An e-mail is redacted whole, accents in its first letters included.
		{"josée.roy@cssdgs.gouv.qc.ca", "[email]"},
		{"jose\u0301e.roy@cssdgs.gouv.qc.ca", "[email]"},
	} {
		if got, _ := d.Redact(tc.in, mark); got != tc.want {
			t.Errorf("text.Redact(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestNameStrength(t *testing.T) {
	d := text.NewDetector("Copilot")
	for _, tc := range []struct {
		in   string
		want text.Strength // of the first name found; -1 for none
	}{
		{"l'élève Léa", text.Strong},
		{"le bulletin de Léa Tremblay", text.Strong},
		{"la mère de Léa", text.Strong},
		{"résumer le texte de Léa", text.Strong}, // a first name the gazetteer knows
		{"résumer le texte de Zorbax", text.Masked},
		{"envoyer le texte à Noah demain", text.Strong},
		{"envoyer le texte à Olivier demain", text.Weak}, // « olivier » is a tree too
		{"Olivier, peux-tu relire avec Rosalie", text.Weak},
		{"un courriel à la mère de jean tremblay", text.Strong},
		{"l'élève léa a oublié", text.Strong},
		{"un bouquet de rose et de jade", -1},
		{"Léa T. a oublié son devoir", text.Strong},
		{"J. Tremblay a appelé", text.Strong},
		{"L.T. du groupe 302", text.Strong},
		{"l'élève J.R.", text.Strong},
		{"voir la section A. de la page", text.Masked},
		{"Léa a fini", text.Masked},
		{"un texte sur le Moyen Âge", text.Masked},
		{"Puis-je utiliser Copilot ?", -1},
		{"L'élève a un TDAH", -1},
		{"Bonjour, voici mon texte", -1},
	} {
		if got := text.Strongest(d.Find(tc.in), text.KindName); got != tc.want {
			t.Errorf("%q: name strength %d, want %d", tc.in, got, tc.want)
		}
	}
}
