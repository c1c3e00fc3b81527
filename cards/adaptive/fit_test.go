package adaptive

import (
	"errors"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// TestRenderShortensTooLargeCards: a card whose texts pass Teams' 28 KB is sent with
// its texts shortened and a note, never refused, and a small card is left whole;
// prefilled inputs are never shortened, so a card too large by its inputs is refused.
func TestRenderShortensTooLargeCards(t *testing.T) {
	long := strings.Repeat("Réponse très détaillée de la demande. ", 60) // ~2,300 characters
	var sections []cards.Section
	for range 35 {
		sections = append(sections, cards.Section{Heading: "Question", Text: long,
			Facts: []cards.Fact{{Label: "Valeur", Value: long}}})
	}
	small := &cards.Card{Title: "Demande", Sections: []cards.Section{{Text: long}}, Footer: "Pied"}
	raw, err := Render(small)
	if err != nil || !strings.Contains(string(raw), strings.TrimSpace(long)) ||
		strings.Contains(string(raw), i18n.T(i18n.FR, "teams.card.shortened")) {
		t.Fatalf("a card within the limit changed: err %v", err)
	}

	big := &cards.Card{Title: "Demande", Sections: sections, Footer: "Pied de carte"}
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		raw, err := Render(big, Lang(lang))
		if err != nil {
			t.Fatalf("%s: %v", lang, err)
		}
		s := string(raw)
		if len(raw) > MaxBytes {
			t.Errorf("%s: %d bytes, want at most %d", lang, len(raw), MaxBytes)
		}
		if !strings.Contains(s, i18n.T(lang, "teams.card.shortened")) || !strings.Contains(s, "Pied de carte") {
			t.Errorf("%s: the note or the original footer is missing", lang)
		}
		if !strings.Contains(s, "…") || strings.Contains(s, strings.TrimSpace(long)) {
			t.Errorf("%s: the long texts were not shortened", lang)
		}
	}
	if len(big.Sections[0].Text) != len(long) {
		t.Error("Render changed the caller's card")
	}

	prefilled := &cards.Card{Title: "Formulaire", Buttons: []cards.Button{{Label: "OK", Verb: "ok"}}}
	for i := range 20 {
		prefilled.Inputs = append(prefilled.Inputs, cards.Input{ID: "f" + string(rune('a'+i)), Label: "Champ",
			Multiline: true, Value: long})
	}
	if _, err := Render(prefilled); !errors.Is(err, ErrTooLarge) {
		t.Errorf("a card too large by its prefilled inputs: err %v, want ErrTooLarge", err)
	}
}

func TestCapTextCutsRunes(t *testing.T) {
	for _, tc := range []struct {
		in    string
		limit int
		want  string
	}{
		{"court", 10, "court"},
		{"éééééé", 4, "ééé…"},
		{"abcdef", 6, "abcdef"},
	} {
		if got := capText(tc.in, tc.limit); got != tc.want {
			t.Errorf("capText(%q, %d) = %q, want %q", tc.in, tc.limit, got, tc.want)
		}
	}
}
