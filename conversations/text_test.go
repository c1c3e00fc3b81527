package conversations

import "testing"

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
