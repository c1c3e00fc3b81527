package annexe

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/policy"
)

// sampleUses is the sample inventory's taxonomy as the dialog offers it, with the
// policy engine's keyword matcher, as the app wires them.
func sampleUses(lang i18n.Lang) ([]Choice, func(string) []string) {
	inv := inventory.Sample()
	e := policy.NewEngine(inv)
	var catalog []Choice
	for _, u := range inv.Uses {
		label := u.Label.FR
		if lang == i18n.EN {
			label = u.Label.EN
		}
		catalog = append(catalog, Choice{ID: u.ID, Label: label})
	}
	match := func(words string) []string {
		var ids []string
		for _, i := range e.UsesNamed(words) {
			ids = append(ids, inv.Uses[i].ID)
		}
		return ids
	}
	return catalog, match
}

func TestFreeWordsMatchUses(t *testing.T) {
	for _, tc := range []struct {
		lang i18n.Lang
		in   string
		// want is each part's value and guess: "words=id1+id2", or a catalogue id.
		want string
	}{
		{i18n.FR, "créer des exercices de lecture différenciés", "créer des exercices de lecture différenciés=exercise-generation+differentiation"},
		{i18n.EN, "tutoring students in math, and lesson planning", "tutoring students in math | lesson-planning"},
		{i18n.FR, "planifier mes cours ainsi que traduire des lettres", "planifier mes cours=lesson-planning | traduire des lettres=translation"},
		{i18n.FR, "préparation de cours et correction des examens", "préparation de cours=lesson-planning | correction des examens=grading"},
		{i18n.EN, "adapt a text to reading levels and summarise articles", "adapt a text to reading levels=differentiation | summarise articles=summary"},
		{i18n.FR, "6, tutorat", "exercise-generation | tutorat"},
		{i18n.FR, "Synthèse, gestion des horaires de bus", "summary | gestion des horaires de bus"},
		{i18n.EN, "plan my lessons", "plan my lessons=lesson-planning"},
	} {
		catalog, match := sampleUses(tc.lang)
		_, _, bad, parts := readUseParts(catalog, match, tc.in)
		if bad != nil {
			t.Fatalf("%q: %v", tc.in, bad)
		}
		var got []string
		for _, p := range parts {
			s := p.Value
			if len(p.Guess) > 0 {
				s += "=" + strings.Join(p.Guess, "+")
			}
			got = append(got, s)
		}
		if g := strings.Join(got, " | "); g != tc.want {
			t.Errorf("%s %q = %s, want %s", tc.lang, tc.in, g, tc.want)
		}
	}
}
