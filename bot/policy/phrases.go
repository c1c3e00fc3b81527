package policy

import (
	"math"
	"slices"
	"sort"

	"github.com/cssdgs/iagbot/bot/text"
)

// target is what a phrase signals: a use of the inventory (by index) or a kind of
// personal data. One phrase may signal both ("plan d'intervention").
type target struct {
	use int // index in the inventory's uses, or -1
	pii PIIKind
	// topic marks a sensitive matter (text.Topics): personal only about a person.
	topic bool
	// notPersonal marks a phrase inside which no personal data is (text.NotPersonal).
	notPersonal bool
}

// trieNode is a node of the phrase index: one edge per stemmed word.
type trieNode struct {
	next    map[string]*trieNode
	targets []target
}

// phraseIndex finds keyword phrases in a question by their stems, whatever the
// inflection and the function words between them.
type phraseIndex struct {
	root trieNode
	// df counts, for each stem, the uses whose keywords contain it: a word shared
	// by many uses says less about which one the question is about.
	df   map[string]int
	seen map[string]int
}

// add indexes a keyword phrase written in lang ("fr" or "en"). Function words are
// dropped; each remaining word may be matched by any of its stem alternatives.
func (x *phraseIndex) add(phrase, lang string, t target) {
	var words [][]string
	for _, tok := range text.Tokenize(phrase) {
		if phraseWord(tok) {
			words = append(words, text.KeywordStems(tok.Lower, lang))
		}
	}
	if len(words) == 0 {
		return
	}
	if t.use >= 0 {
		if x.df == nil {
			x.df, x.seen = map[string]int{}, map[string]int{}
		}
		for _, alts := range words {
			for _, a := range alts {
				// seen holds the last use counted for a stem: uses are added in order.
				if last, ok := x.seen[a]; !ok || last != t.use {
					x.seen[a] = t.use
					x.df[a]++
				}
			}
		}
	}
	x.insert(&x.root, words, t)
}

func (x *phraseIndex) insert(n *trieNode, words [][]string, t target) {
	if len(words) == 0 {
		for _, have := range n.targets {
			if have == t {
				return
			}
		}
		n.targets = append(n.targets, t)
		return
	}
	for _, alt := range words[0] {
		if n.next == nil {
			n.next = map[string]*trieNode{}
		}
		child := n.next[alt]
		if child == nil {
			child = &trieNode{}
			n.next[alt] = child
		}
		x.insert(child, words[1:], t)
	}
}

// phraseWord reports whether phrase matching keeps a token.
func phraseWord(t text.Token) bool { return !t.Stop || breakers[t.Fold] }

// word is a content word of the question: its position in the token list and the
// keys (folded form and stems) it matches by.
type word struct {
	tok  int
	keys []string
}

// phraseMatch is a phrase found in the question, over words[start:end].
type phraseMatch struct {
	start, end int
	targets    []target
}

// find returns every phrase that occurs in the words, at every position.
func (x *phraseIndex) find(words []word) []phraseMatch {
	var out []phraseMatch
	var frontier, next []*trieNode
	for i := range words {
		frontier = append(frontier[:0], &x.root)
		for j := i; j < len(words) && len(frontier) > 0; j++ {
			next = next[:0]
			for _, n := range frontier {
				for _, k := range words[j].keys {
					if c := n.next[k]; c != nil && !containsNode(next, c) {
						next = append(next, c)
					}
				}
			}
			for _, n := range next {
				if len(n.targets) > 0 {
					out = append(out, phraseMatch{start: i, end: j + 1, targets: n.targets})
				}
			}
			frontier, next = next, frontier
		}
	}
	return out
}

func containsNode(list []*trieNode, n *trieNode) bool {
	for _, x := range list {
		if x == n {
			return true
		}
	}
	return false
}

// rankUses returns the uses the question may be about, best first. Uses found inside
// a longer phrase ("code" in "code permanent") are dropped; the phrase of most words
// wins; then the most specific one, whose words signal fewest uses ("newsletter"
// over the "write" of many uses). Uses still tied are all returned, earliest first:
// Evaluate then takes the strictest on the system, since in doubt one abstains (6.2).
func rankUses(matches []phraseMatch, words []word, df map[string]int) []int {
	type cand struct {
		use, start, length int
		spec               float64
	}
	var cands []cand
	cover := newLongerCover(matches, len(words))
	for _, m := range matches {
		if cover.inside(m) {
			continue
		}
		spec := 0.0
		for _, w := range words[m.start:m.end] {
			n := 1
			for _, k := range w.keys {
				n = max(n, df[k])
			}
			spec += 1 / float64(n)
		}
		for _, t := range m.targets {
			if t.use >= 0 {
				cands = append(cands, cand{t.use, m.start, m.end - m.start, spec})
			}
		}
	}
	if len(cands) == 0 {
		return nil
	}
	sort.SliceStable(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		switch {
		case a.length != b.length:
			return a.length > b.length
		case math.Abs(a.spec-b.spec) > 1e-9:
			return a.spec > b.spec
		case a.start != b.start:
			return a.start < b.start
		}
		return a.use < b.use
	})
	top := cands[0]
	var out []int
	for _, c := range cands {
		if c.length != top.length || math.Abs(c.spec-top.spec) > 1e-9 {
			break
		}
		if !slices.Contains(out, c.use) {
			out = append(out, c.use)
		}
	}
	return out
}

// longerCover tells, in time linear in the matches, whether a match lies inside a
// longer one: one that starts earlier and ends no sooner, or starts with it and ends
// later. n is the number of words.
type longerCover struct {
	maxEndBefore []int // maxEndBefore[i]: the furthest end of a match starting before word i
	maxEndAt     []int // maxEndAt[i]: the furthest end of a match starting at word i
}

func newLongerCover(all []phraseMatch, n int) longerCover {
	c := longerCover{maxEndBefore: make([]int, n+1), maxEndAt: make([]int, n+1)}
	for _, m := range all {
		c.maxEndAt[m.start] = max(c.maxEndAt[m.start], m.end)
	}
	for i := 1; i <= n; i++ {
		c.maxEndBefore[i] = max(c.maxEndBefore[i-1], c.maxEndAt[i-1])
	}
	return c
}

func (c longerCover) inside(m phraseMatch) bool {
	return c.maxEndBefore[m.start] >= m.end || c.maxEndAt[m.start] > m.end
}
