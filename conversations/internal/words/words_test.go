package words

import (
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
