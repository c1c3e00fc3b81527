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
		if hasWordsPrefix(folded, f) {
			return strings.TrimSpace(folded[len(f):]), true
		}
	}
	return "", false
}

// hasWordsPrefix reports whether s starts with f followed by a space (without
// building f+" " for every phrase of every turn).
func hasWordsPrefix(s, f string) bool {
	return len(s) > len(f) && s[len(f)] == ' ' && strings.HasPrefix(s, f)
}

// Compiled is a list of phrases folded once, at start-up: the command phrases that
// intents compare with every turn are not folded again on each (Phrases folds every
// phrase on every call), and Exact is one lookup.
type Compiled struct {
	folded []string // FoldWords of each phrase, in order (Prefix returns the first)
	exact  map[string]bool
	// byFirst indexes the phrases by their first word, for Contains: a phrase found as
	// whole words starts at a word of the text that is its first word.
	byFirst map[string][]string
}

// Compile folds p. Its methods answer as p's.
func (p Phrases) Compile() *Compiled {
	c := &Compiled{exact: make(map[string]bool, len(p)), byFirst: map[string][]string{}}
	for _, ph := range p {
		f := text.FoldWords(ph)
		c.folded = append(c.folded, f)
		c.exact[f] = true
		if f != "" {
			first, _, _ := strings.Cut(f, " ")
			c.byFirst[first] = append(c.byFirst[first], f)
		}
	}
	return c
}

// Exact is Phrases.Exact.
func (c *Compiled) Exact(folded string) bool { return c.exact[folded] }

// Prefix is Phrases.Prefix.
func (c *Compiled) Prefix(folded string) (rest string, ok bool) {
	for _, f := range c.folded {
		if folded == f {
			return "", true
		}
		if hasWordsPrefix(folded, f) {
			return strings.TrimSpace(folded[len(f):]), true
		}
	}
	return "", false
}

// Contains is Phrases.Contains: it looks up each word of the text among the phrases'
// first words rather than searching the text for every phrase.
func (c *Compiled) Contains(folded string) bool {
	for j := 0; j < len(folded); {
		if folded[j] == ' ' {
			j++
			continue
		}
		// folded[j:k] is a word: it follows a space or the start of the text.
		k := strings.IndexByte(folded[j:], ' ')
		if k < 0 {
			k = len(folded)
		} else {
			k += j
		}
		for _, f := range c.byFirst[folded[j:k]] {
			end := j + len(f)
			if strings.HasPrefix(folded[j:], f) && (end == len(folded) || folded[end] == ' ') {
				return true
			}
		}
		j = k
	}
	return false
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
