package conversations

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/text"
)

func TestPhrases(t *testing.T) {
	p := Phrases{"faire une demande", "new request"}
	if !p.Exact(text.FoldWords("Faire une DEMANDE")) {
		t.Error("Exact missed a case-folded phrase")
	}
	if rest, ok := p.Prefix(text.FoldWords("new request for Gamma")); !ok || rest != "for gamma" {
		t.Errorf("Prefix = %q, %v; want \"for gamma\", true", rest, ok)
	}
	if p.Contains(text.FoldWords("je voudrais faire une demandeur")) {
		t.Error("Contains matched inside a word")
	}
	if !p.Contains(text.FoldWords("je voudrais faire une demande.")) {
		t.Error("Contains missed a phrase in a sentence")
	}
}

func TestContainsWholeWords(t *testing.T) {
	for _, c := range []struct {
		text, phrase string
		want         bool
	}{
		{"faire une demande", "faire une demande", true},
		{"je veux faire une demande svp", "faire une demande", true},
		{"je veux faire une demande", "une demande", true},
		{"faire une demandeur", "une demande", false},
		{"refaire une demande", "faire une demande", false},
		{"refaire une demande puis faire une demande", "faire une demande", true}, // second occurrence
		{"demande", "demande", true},
		{"", "demande", false},
		{"demande", "", false},
		{"ademande demandes demande", "demande", true},
	} {
		if got := (Phrases{c.phrase}).Contains(c.text); got != c.want {
			t.Errorf("Contains(%q, %q) = %v, want %v", c.text, c.phrase, got, c.want)
		}
	}
}

// BenchmarkPhrasesContains: what a feature's phrase list costs a turn.
func BenchmarkPhrasesContains(b *testing.B) {
	p := Phrases{"mes donnees", "my data", "what do you know about me", "ce que tu sais de moi", "qui es tu", "who are you"}
	folded := text.FoldWords("Est-ce que je peux utiliser Copilot avec des données d'élèves pour préparer un plan ?")
	b.ReportAllocs()
	for range b.N {
		p.Contains(folded)
	}
}

// TestCompiled: a compiled list answers Exact, Prefix and Contains as the list does,
// phrases not folded included.
func TestCompiled(t *testing.T) {
	lists := []Phrases{helpWords0, {"Élève", "en français", "?", "a", "a b", "", "l'œuvre !"}, {"rappelle moi", "rappelle"}}
	texts := []string{"", "aide", "a", "a b", "a b c", "ab", "b a b", "eleve", "en francais svp", "l oeuvre", "rappelle moi demain", "rappelle", "x rappelle moi", "?", " a",
		"  a  b ", "b  a", "a bc", "rappelle  moi", "x rappelle moix", "ba b", "l oeuvre eleve a b"}
	for _, p := range lists {
		c := p.Compile()
		for _, f := range texts {
			if got, want := c.Exact(f), p.Exact(f); got != want {
				t.Errorf("%q Exact(%q) = %v, want %v", p, f, got, want)
			}
			if got, want := c.Contains(f), p.Contains(f); got != want {
				t.Errorf("%q Contains(%q) = %v, want %v", p, f, got, want)
			}
			rest, ok := c.Prefix(f)
			wrest, wok := p.Prefix(f)
			if rest != wrest || ok != wok {
				t.Errorf("%q Prefix(%q) = %q %v, want %q %v", p, f, rest, ok, wrest, wok)
			}
		}
	}
}

var helpWords0 = Phrases{"aide", "help", "?", "menu", "a l aide", "au secours", "que peux tu faire"}
