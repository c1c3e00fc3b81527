package policy

import (
	"slices"

	"github.com/cssdgs/iagbot/bot/text"
)

// UsesNamed returns the inventory index of every use whose keywords occur in s, in the
// order they occur: for uses typed as words (the Annexe 1 dialog), where each one
// counts, unlike Analyze, which keeps the use a question is most about. A use found
// inside a longer keyword phrase is dropped, as in Analyze. It is safe for concurrent use.
func (e *Engine) UsesNamed(s string) []int {
	toks := text.Tokenize(s)
	words := make([]word, 0, len(toks))
	for i, t := range toks {
		if phraseWord(t) {
			words = append(words, word{tok: i, keys: e.stems(t)})
		}
	}
	matches := e.phrases.find(words)
	cover := newLongerCover(matches, len(words))
	slices.SortStableFunc(matches, func(a, b phraseMatch) int { return a.start - b.start })
	var out []int
	for _, m := range matches {
		if cover.inside(m) {
			continue
		}
		for _, t := range m.targets {
			if t.use >= 0 && !slices.Contains(out, t.use) {
				out = append(out, t.use)
			}
		}
	}
	return out
}
