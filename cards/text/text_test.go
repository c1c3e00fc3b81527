package text

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards"
)

func TestRenderNumbersButtons(t *testing.T) {
	c := &cards.Card{
		Title:    "Demande n° 7",
		Sections: []cards.Section{{Heading: "Système", Facts: []cards.Fact{{Label: "Nom", Value: "Gamma"}}, Checklist: []cards.Check{{Label: "Hébergé au Québec", Met: true}, {Label: "Modèle ouvert"}}}},
		Buttons:  []cards.Button{{Label: "Approuver", Verb: "review.approve"}, {Label: "Refuser", Verb: "review.reject"}},
	}
	got := Render(c)
	for _, want := range []string{"DEMANDE N° 7", "Nom : Gamma", "[x] Hébergé au Québec", "[ ] Modèle ouvert", "[1] Approuver", "[2] Refuser"} {
		if !strings.Contains(got, want) {
			t.Errorf("Render() lacks %q:\n%s", want, got)
		}
	}
}
