package conversations

import (
	"testing"
	"unicode"
)

func TestFold(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Résumé !", "resume"},
		{"  AIDE  ", "aide"},
		{"Faire une demande, SVP", "faire une demande svp"},
		{"l'élève", "l eleve"},
		{"Qu’est-ce que tu fais?", "qu est ce que tu fais"},
		{"", ""},
	} {
		if got := Fold(tc.in); got != tc.want {
			t.Errorf("Fold(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestPhrases(t *testing.T) {
	p := Phrases{"faire une demande", "new request"}
	if !p.Exact(Fold("Faire une DEMANDE")) {
		t.Error("Exact missed a case-folded phrase")
	}
	if rest, ok := p.Prefix(Fold("new request for Gamma")); !ok || rest != "for gamma" {
		t.Errorf("Prefix = %q, %v; want \"for gamma\", true", rest, ok)
	}
	if p.Contains(Fold("je voudrais faire une demandeur")) {
		t.Error("Contains matched inside a word")
	}
	if !p.Contains(Fold("je voudrais faire une demande.")) {
		t.Error("Contains missed a phrase in a sentence")
	}
}

func TestFoldFastPathsAgree(t *testing.T) {
	for _, in := range []string{"faire une demande", "Faire  une demande ", "aide!", "l'élève", "ÉLÈVE", "œuvre",
		"a", " ", "", "x  y", "  lead", "trail  ", "Ça va?", "naïve café", "ﬁn", "İstanbul", "12h30"} {
		got := Fold(in)
		// The reference: the slow path applied to everything.
		if again := Fold(got); again != got {
			t.Errorf("Fold(%q) = %q is not stable: Fold again = %q", in, got, again)
		}
		if !folded(got) && got != "" {
			// Non-ASCII letters (œ) legitimately stay; they must at least be lower case.
			for _, r := range got {
				if r != ' ' && !unicode.IsLower(r) && !unicode.IsDigit(r) && unicode.IsLetter(r) {
					t.Errorf("Fold(%q) = %q keeps a capital %q", in, got, r)
				}
			}
		}
	}
}

func BenchmarkFoldPhrase(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("faire une demande d approbation")
	}
}

func BenchmarkFoldMessage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		Fold("Puis-je utiliser ChatGPT pour résumer un texte ?")
	}
}
