package conversations

import (
	"strings"

	"github.com/cssdgs/iagbot/bot/text"
)

// Phrases is a list of command phrases, already folded by the caller or not.
type Phrases []string

// Exact reports whether the folded text is one of the phrases.
func (p Phrases) Exact(folded string) bool {
	for _, ph := range p {
		if folded == text.FoldWords(ph) {
			return true
		}
	}
	return false
}

// Prefix returns the phrase the folded text starts with (as whole words) and the rest.
func (p Phrases) Prefix(folded string) (rest string, ok bool) {
	for _, ph := range p {
		f := text.FoldWords(ph)
		if folded == f {
			return "", true
		}
		if strings.HasPrefix(folded, f+" ") {
			return strings.TrimSpace(folded[len(f):]), true
		}
	}
	return "", false
}

// Contains reports whether one of the phrases appears in the folded text as whole words.
func (p Phrases) Contains(folded string) bool {
	padded := " " + folded + " "
	for _, ph := range p {
		if strings.Contains(padded, " "+text.FoldWords(ph)+" ") {
			return true
		}
	}
	return false
}
