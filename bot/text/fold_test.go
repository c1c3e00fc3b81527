package text

import (
	"testing"
	"unicode"
)

func TestFoldWords(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"Résumé !", "resume"},
		{"  AIDE  ", "aide"},
		{"Faire une demande, SVP", "faire une demande svp"},
		{"l'élève", "l eleve"},
		{"Qu’est-ce que tu fais?", "qu est ce que tu fais"},
		{"", ""},
	} {
		if got := FoldWords(tc.in); got != tc.want {
			t.Errorf("FoldWords(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}

func TestFoldFastPathsAgree(t *testing.T) {
	for _, in := range []string{"faire une demande", "Faire  une demande ", "aide!", "l'élève", "ÉLÈVE", "œuvre",
		"a", " ", "", "x  y", "  lead", "trail  ", "Ça va?", "naïve café", "ﬁn", "İstanbul", "12h30"} {
		got := FoldWords(in)
		// The reference: the slow path applied to everything.
		if again := FoldWords(got); again != got {
			t.Errorf("FoldWords(%q) = %q is not stable: Fold again = %q", in, got, again)
		}
		if !foldedWords(got) && got != "" {
			// Non-ASCII letters (œ) legitimately stay; they must at least be lower case.
			for _, r := range got {
				if r != ' ' && !unicode.IsLower(r) && !unicode.IsDigit(r) && unicode.IsLetter(r) {
					t.Errorf("FoldWords(%q) = %q keeps a capital %q", in, got, r)
				}
			}
		}
	}
}

func BenchmarkFoldPhrase(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		FoldWords("faire une demande d approbation")
	}
}

func BenchmarkFoldMessage(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		FoldWords("Puis-je utiliser ChatGPT pour résumer un texte ?")
	}
}

func TestFoldAndCompact(t *testing.T) {
	for in, want := range map[string][2]string{
		"Chat-GPT": {"chat-gpt", "chatgpt"}, "chat gpt": {"chat gpt", "chatgpt"}, "DALL·E 3": {"dall·e 3", "dalle3"},
		"Assistant IAG CSSDGS (privé)": {"assistant iag cssdgs (prive)", "assistantiagcssdgsprive"},
		"Œuvre":                        {"oeuvre", "oeuvre"}, "cœur": {"coeur", "coeur"}, "Ærø": {"aerø", "aerø"}, "": {"", ""},
		"Élève": {"eleve", "eleve"}, "Straße": {"strasse", "strasse"},
	} {
		if got := Fold(in); got != want[0] {
			t.Errorf("Fold(%q) = %q, want %q", in, got, want[0])
		}
		if got := Compact(in); got != want[1] {
			t.Errorf("Compact(%q) = %q, want %q", in, got, want[1])
		}
	}
	// Ligatures fold in command phrases too: « sœur » is typed "soeur".
	if got := FoldWords("Ma sœur, l'œuvre !"); got != "ma soeur l oeuvre" {
		t.Errorf("FoldWords = %q", got)
	}
}

// TestFoldLatin: folding Latin text character by character gives what normalising the
// whole text gives, for every Latin character, alone, after a letter, and before a
// combining accent (which sends the text to the normalising path).
func TestFoldLatin(t *testing.T) {
	for r := rune(0); r < 0x250; r++ {
		for _, s := range []string{string(r), "É" + string(r) + "e", string(r) + "\u0301", "a" + string(r) + string(r)} {
			if got, want := Fold(s), foldNFD(s); got != want {
				t.Errorf("Fold(%q) = %q, want %q", s, got, want)
			}
		}
	}
	for _, s := range []string{"Puis-je utiliser ChatGPT pour résumer un texte ?", "Élève de 5e année", "Straße", "Œuvre", "ﬁn", "İstanbul", "\xff\xfe", "e\u0301l\u0300eve"} {
		if got, want := Fold(s), foldNFD(s); got != want {
			t.Errorf("Fold(%q) = %q, want %q", s, got, want)
		}
	}
}
