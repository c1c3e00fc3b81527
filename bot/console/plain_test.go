package console

import "testing"

func TestPlainDropsMarkdownMarkers(t *testing.T) {
	for in, want := range map[string]string{
		"_Références : 6.2, 8_":             "Références : 6.2, 8",
		"**Étape 1 de 35** · _Exemple :_ x": "Étape 1 de 35 · Exemple : x",
		"a1_sti_risks reste tel quel":       "a1_sti_risks reste tel quel",
	} {
		if got := plain(in); got != want {
			t.Errorf("plain(%q) = %q, want %q", in, got, want)
		}
	}
}
