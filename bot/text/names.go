package text

import (
	"strings"
	"unicode"
)

// names finds people's names: runs of capitalised words that are not known words,
// hyphenated parts and particles included (« Marie-ève », « Jean de Lafontaine »,
// "MARTIN Paul"), so that no half of a name survives redaction. How strong a name is
// depends on what introduces it (see Strength): « l'élève Léa », « la mère de Léa »,
// « le bulletin de Léa Tremblay » are strong; a lone « Léa » in mid-sentence is weak;
// a capitalised word opening a sentence is only masked.
func (d *Detector) names(s string, toks []Token, lit []Finding) []Finding {
	out := lit
	cand := func(i int) bool { return d.nameCandidate(s, toks[i], lit) }
	for i := 0; i < len(toks); i++ {
		if !cand(i) {
			continue
		}
		words, upper := 1, isUpperWord(s[toks[i].Start:toks[i].End])
		j := i + 1
		for j < len(toks) {
			gap := s[toks[j-1].End:toks[j].Start]
			if gap == "-" && toks[j].Elision == "" && !StopWords[toks[j].Fold] {
				j++ // « Marie-ève »: a hyphenated part belongs to the name whatever its case
				continue
			}
			if isBlank(gap) && cand(j) {
				upper = upper && isUpperWord(s[toks[j].Start:toks[j].End])
				j, words = j+1, words+1
				continue
			}
			// Particles between two parts: « Jean de Lafontaine », "van der Berg".
			k := j
			for k < len(toks) && particles[toks[k].Fold] && isBlank(s[toks[k-1].End:toks[k].Start]) {
				k++
			}
			if k > j && k < len(toks) && isBlank(s[toks[k-1].End:toks[k].Start]) && cand(k) {
				j, words = k+1, words+1
				continue
			}
			break
		}
		out = append(out, Finding{Kind: KindName, Start: toks[i].Start, End: toks[j-1].End,
			Strength: nameStrength(s, toks, i, words, upper)})
		i = j - 1
	}
	return out
}

func nameStrength(s string, toks []Token, i, words int, upper bool) Strength {
	t := toks[i]
	prev := func(n int) string {
		if i-n < 0 {
			return ""
		}
		return toks[i-n].Fold
	}
	var afterPerson, ofPerson bool
	if t.Elision == "" {
		afterPerson = personNouns[prev(1)]
		ofPerson = nameIntroducers[prev(1)] && personNouns[prev(2)]
	} else {
		ofPerson = nameIntroducers[t.Elision] && personNouns[prev(1)]
	}
	start := t.Elision == "" && sentenceStart(s, t.Start)
	switch {
	case afterPerson || ofPerson:
		return Strong
	case words >= 2 && !upper && !determiners[prev(1)]:
		// « Julie Tremblay », "Noah Côté : 17/20"; not « le Moyen Âge ».
		return Strong
	case words >= 2 && !upper:
		return Weak
	case upper || start:
		return Masked
	}
	return Weak
}

// nameCandidate reports a word that may be (part of) a name: capitalised, written
// Like-This or in capitals, not a known word, not inside a literal finding.
func (d *Detector) nameCandidate(s string, t Token, lit []Finding) bool {
	if !t.Cap || d.isKnown(t) || overlapsFinding(lit, t.Start, t.End) {
		return false
	}
	w := s[t.Start:t.End]
	if strings.ContainsFunc(w, unicode.IsDigit) {
		return false
	}
	return isTitleWord(w) || isUpperWord(w)
}

// isTitleWord reports a word written Like-This: a capital then at least one small
// letter.
func isTitleWord(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// isUpperWord reports a word of two letters or more, all capitals (MARTIN, TDAH).
func isUpperWord(w string) bool {
	n := 0
	for _, r := range w {
		if unicode.IsLower(r) {
			return false
		}
		if unicode.IsLetter(r) {
			n++
		}
	}
	return n >= 2
}

func isBlank(s string) bool {
	return s != "" && strings.TrimFunc(s, unicode.IsSpace) == ""
}

// sentenceStart reports whether the byte at pos begins a sentence, where any word
// takes a capital.
func sentenceStart(s string, pos int) bool {
	before := strings.TrimRightFunc(s[:pos], func(r rune) bool {
		return unicode.IsSpace(r) || r == '«' || r == '"' || r == '“' || r == '(' || r == '\'' || r == '’' || r == '-' || r == '*' || r == '•'
	})
	if before == "" {
		return true
	}
	last := before[len(before)-1]
	return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == '\n'
}
