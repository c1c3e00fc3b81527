package words

import (
	"slices"
	"strings"
	"testing"
)

func TestMatchAt(t *testing.T) {
	w := Split("j ai colle les codes permanents des eleves dans chatgpt")
	for _, c := range []struct {
		i    int
		stem string
		want bool
	}{
		{0, "j ai", true},
		{0, "j", true},
		{0, "j*", true},
		{0, "j ai colle*", true},
		{1, "j ai", false},
		{3, "les", true},
		{4, "code* permanent*", true},
		{4, "codes permanents", true},
		{4, "code permanent*", false}, // a word without * matches whole
		{4, "code* permanent* des eleve*", true},
		{7, "eleve*", true},
		{7, "eleves dans chatgpt", true},
		{7, "eleves dans chatgpt plus", false}, // runs past the end
		{8, "dans chatgpt", true},
		{9, "chatgpt", true},
		{10, "chatgpt", false}, // past the end
		{0, "", false},         // an empty stem never matches
		{0, "  j   ai ", true}, // extra spaces are not words
	} {
		if got := w.MatchAt(c.i, c.stem); got != c.want {
			t.Errorf("MatchAt(%d, %q) = %v, want %v", c.i, c.stem, got, c.want)
		}
		if c.stem != "" && c.i < len(w) {
			// The same answer as matching word by word after strings.Fields.
			parts, ok := strings.Fields(c.stem), c.i+len(strings.Fields(c.stem)) <= len(w)
			for j := 0; ok && j < len(parts); j++ {
				p, star := strings.CutSuffix(parts[j], "*")
				ok = w[c.i+j] == p || star && strings.HasPrefix(w[c.i+j], p)
			}
			if ok != c.want {
				t.Errorf("table error at %d %q", c.i, c.stem)
			}
		}
	}
}

func TestCount(t *testing.T) {
	for stem, want := range map[string]int{"": 0, "j": 1, "j ai": 2, " je  viens de ": 3, "code* permanent*": 2} {
		if got := Count(stem); got != want {
			t.Errorf("Count(%q) = %d, want %d", stem, got, want)
		}
	}
}

// BenchmarkHasPersonal is what every turn pays for one list of stems.
func BenchmarkHasPersonal(b *testing.B) {
	w := Split("est ce que je peux utiliser copilot avec des donnees d eleves pour preparer un plan")
	b.ReportAllocs()
	for range b.N {
		w.Has(Personal...)
	}
}

// TestList: a compiled List finds what Has, Index and After find with the same stems.
func TestList(t *testing.T) {
	lists := [][]string{Personal, CommandFillers, {"j ai", "jai", "je l ai", "j avais", "collegue a"},
		{"mis", "copie*", "fait lire", "mis a jour"}, {"", "  j   ai ", "chatgpt", "gpt*", "chat gpt", "*", "* ai"}, {"code* permanent* des eleve*"}}
	msgs := []string{"j ai colle les codes permanents des eleves dans chatgpt", "", "eleve", "puis je utiliser chat gpt pour mes eleves",
		"j avais mis a jour le bulletin de mon enfant", "je l ai fait lire a chatgpt4 par erreur", "can you please tell me my data",
		"la date de naissance et les noms de la liste de classe", "code permanent des eleves"}
	for _, stems := range lists {
		l := NewList(stems...)
		for _, m := range msgs {
			w := Split(m)
			if got, want := l.Index(w), w.Index(stems...); got != want {
				t.Errorf("%q in %q: Index %d, want %d", stems, m, got, want)
			}
			if got, want := l.In(w), w.Has(stems...); got != want {
				t.Errorf("%q in %q: In %v, want %v", stems, m, got, want)
			}
			for i := range w {
				if got, want := l.MatchesAt(w, i), slices.ContainsFunc(stems, func(st string) bool { return w.MatchAt(i, st) }); got != want {
					t.Errorf("%q in %q at %d: MatchesAt %v, want %v", stems, m, i, got, want)
				}
				for n := 0; n < 4; n++ {
					if got, want := l.After(w, i, n), w.After(i, n, stems...); got != want {
						t.Errorf("%q in %q: After(%d, %d) %v, want %v", stems, m, i, n, got, want)
					}
				}
			}
		}
	}
}

// BenchmarkListPersonal is BenchmarkHasPersonal with the compiled list.
func BenchmarkListPersonal(b *testing.B) {
	w := Split("est ce que je peux utiliser copilot avec des donnees d eleves pour preparer un plan")
	l := NewList(Personal...)
	for b.Loop() {
		l.In(w)
	}
}
