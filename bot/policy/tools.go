package policy

import (
	"sort"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/text"
)

// toolRef is a tool the question may name: a system of the inventory or, failing
// that, a tool of the built-in catalogue.
type toolRef struct {
	system int // index in the inventory's systems, or -1
	cat    int // index in Catalogue, or -1
}

func (r toolRef) inInventory() bool { return r.system >= 0 }

// toolIndex finds tool names in a question, written with or without spaces or
// hyphens ("Chat-GPT", "chat gpt"), and with one typo in names of 5+ letters.
type toolIndex struct {
	exact map[string]toolRef // Compact name or alias → tool
	// near maps a Compact name of 5+ letters, and each form of it with one letter
	// deleted, to the names it may be a typo of (deletion neighbourhood: a typo is
	// found with a few map look-ups instead of an edit distance per name).
	near      map[string][]string
	maxTokens int
}

// minTypoLen is the shortest name in which a typo is tolerated: shorter names are
// too close to ordinary words.
const minTypoLen = 5

func newToolIndex(inv *inventory.Inventory) *toolIndex {
	ix := &toolIndex{exact: map[string]toolRef{}, near: map[string][]string{}, maxTokens: 2}
	// Catalogue first, inventory second: the inventory's names win (issue rule 3).
	// A catalogue tool that the inventory lists under one of its names is that
	// system under all of them ("Gemini" is the inventory's "Google Gemini").
	invNames := map[string]int{}
	for i, s := range inv.Systems {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			invNames[text.Compact(n)] = i
		}
	}
	for i, t := range Catalogue {
		names := append([]string{t.Name}, t.Aliases...)
		ref := toolRef{system: -1, cat: i}
		for _, n := range names {
			if sys, ok := invNames[text.Compact(n)]; ok {
				ref = toolRef{system: sys, cat: -1}
				break
			}
		}
		for _, n := range names {
			ix.addName(n, ref)
		}
	}
	for i, s := range inv.Systems {
		for _, n := range append([]string{s.Name}, s.Aliases...) {
			ix.addName(n, toolRef{system: i, cat: -1})
		}
	}
	for k := range ix.near {
		sort.Strings(ix.near[k])
	}
	return ix
}

func (ix *toolIndex) addName(name string, ref toolRef) {
	c := text.Compact(name)
	if c == "" {
		return
	}
	if have, ok := ix.exact[c]; ok && have.inInventory() && !ref.inInventory() {
		return
	}
	ix.exact[c] = ref
	if n := len(text.Tokenize(name)) + 1; n > ix.maxTokens {
		ix.maxTokens = min(n, 8)
	}
	if utf8.RuneCountInString(c) >= minTypoLen {
		ix.addNear(c, c)
		for _, d := range deletions(c) {
			ix.addNear(d, c)
		}
	}
}

func (ix *toolIndex) addNear(key, name string) {
	for _, n := range ix.near[key] {
		if n == name {
			return
		}
	}
	ix.near[key] = append(ix.near[key], name)
}

// deletions returns s with each of its letters deleted in turn.
func deletions(s string) []string {
	r := []rune(s)
	out := make([]string, 0, len(r))
	for i := range r {
		out = append(out, string(r[:i])+string(r[i+1:]))
	}
	return out
}

// toolMatch is a tool named in the question, over tokens [start, end).
type toolMatch struct {
	ref        toolRef
	start, end int
	typo       bool
}

// findAll returns the tools named in the question, in order, without overlap: among
// names that overlap, an inventory name beats a catalogue one, then the longer wins.
// A typo is looked for only when no name is written exactly.
func (ix *toolIndex) findAll(toks []text.Token) []toolMatch {
	var out []toolMatch
	buf := make([]byte, 0, 64)
	for i := range toks {
		buf = buf[:0]
		for k := i; k < len(toks) && k-i < ix.maxTokens; k++ {
			buf = append(buf, toks[k].Fold...)
			ref, ok := ix.exact[string(buf)]
			if !ok && elided(toks[i].Fold) {
				// "lassistant iag": an elision typed without its apostrophe.
				ref, ok = ix.exact[string(buf[1:])]
			}
			if !ok {
				continue
			}
			m := toolMatch{ref: ref, start: i, end: k + 1}
			if n := len(out); n > 0 && m.start < out[n-1].end {
				if better(m, out[n-1]) {
					out[n-1] = m
				}
				continue
			}
			out = append(out, m)
		}
	}
	if len(out) > 0 {
		return out
	}
	if m, ok := ix.findTypo(toks); ok {
		return []toolMatch{m}
	}
	return nil
}

// elided reports whether a word may be a French elision typed without apostrophe.
func elided(w string) bool {
	return len(w) > 4 && (w[0] == 'l' || w[0] == 'd')
}

// better reports whether m should replace b, a match it overlaps. A name that contains
// the other is the more specific product and wins ("GitHub Copilot" over an inventory's
// "Copilot"); otherwise an inventory name beats a catalogue one, then the longer wins.
func better(m, b toolMatch) bool {
	if m.start <= b.start && m.end >= b.end && m.end-m.start > b.end-b.start {
		return true
	}
	if b.start <= m.start && b.end >= m.end && b.end-b.start > m.end-m.start {
		return false
	}
	if m.ref.inInventory() != b.ref.inInventory() {
		return m.ref.inInventory()
	}
	return m.end-m.start > b.end-b.start
}

func (ix *toolIndex) findTypo(toks []text.Token) (toolMatch, bool) {
	buf := make([]byte, 0, 64)
	for i := range toks {
		buf = buf[:0]
		for k := i; k < len(toks) && k-i < 2; k++ {
			if toks[k].Stop {
				break
			}
			buf = append(buf, toks[k].Fold...)
			s := string(buf)
			if utf8.RuneCountInString(s) < minTypoLen-1 || typoExcluded[s] {
				continue
			}
			if name, ok := ix.typoOf(s); ok {
				return toolMatch{ref: ix.exact[name], start: i, end: k + 1, typo: true}, true
			}
		}
	}
	return toolMatch{}, false
}

// typoOf returns the name s is one typo away from: one letter inserted, deleted,
// replaced, or two adjacent letters swapped; the first letter must be right.
func (ix *toolIndex) typoOf(s string) (string, bool) {
	try := func(key string) (string, bool) {
		for _, name := range ix.near[key] {
			if name != s && name[0] == s[0] && osaDistance(s, name) == 1 {
				return name, true
			}
		}
		return "", false
	}
	if n, ok := try(s); ok {
		return n, true
	}
	for _, d := range deletions(s) {
		if n, ok := try(d); ok {
			return n, true
		}
	}
	return "", false
}

// osaDistance is the optimal-string-alignment distance: Levenshtein plus the swap of
// two adjacent letters, each counting as one edit.
func osaDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev2 := make([]int, len(rb)+1)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(rb)]
}
