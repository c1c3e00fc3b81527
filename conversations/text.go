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
// Features ask it of every turn, so it looks for each phrase in place rather than
// padding the text and the phrase with spaces (two allocations per phrase).
func (p Phrases) Contains(folded string) bool {
	for _, ph := range p {
		if containsWords(folded, text.FoldWords(ph)) {
			return true
		}
	}
	return false
}

// containsWords reports whether w occurs in s between spaces or the ends of s.
func containsWords(s, w string) bool {
	if w == "" {
		return false
	}
	for i := 0; i <= len(s)-len(w); {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		j += i
		end := j + len(w)
		if (j == 0 || s[j-1] == ' ') && (end == len(s) || s[end] == ' ') {
			return true
		}
		i = j + 1
	}
	return false
}
