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
