package text

import (
	"regexp"
	"strings"
	"unicode"
)

// names finds people's names: runs of capitalised words that are not known words,
// hyphenated parts, particles and initials included (« Marie-ève », « Jean de
// Lafontaine », "MARTIN Paul", « Léa T. », « J. Tremblay »), so that no half of a name
// survives redaction; names of the gazetteer in lower case (« jean tremblay », « l'élève
// léa »); and initials (« L.T. du groupe 302 »). How strong a name is depends on what
// introduces it (see Strength and nameStrength).
func (d *Detector) names(s string, toks []Token, lit []Finding) []Finding {
	out := lit
	capital := func(i int) bool { return d.nameCandidate(s, toks[i], lit) || isInitial(s, toks[i]) }
	lower := func(i int) bool { return d.lowerName(toks[i], lit) }
	end := func(i int) int {
		if isInitial(s, toks[i]) {
			return toks[i].End + 1 // the initial's dot
		}
		return toks[i].End
	}
	for i := 0; i < len(toks); i++ {
		if !capital(i) && !lower(i) {
			continue
		}
		g := nameGroup{first: i, words: 1}
		j := i + 1
		for j < len(toks) {
			gap := s[end(j-1):toks[j].Start]
			if gap == "-" && toks[j].Elision == "" && !StopWords[toks[j].Fold] {
				j++ // « Marie-ève »: a hyphenated part belongs to the name whatever its case
				continue
			}
			if (isBlank(gap) || gap == "" && isInitial(s, toks[j-1])) && (capital(j) || lower(j)) {
				j, g.words = j+1, g.words+1
				continue
			}
			// An elided particle: « Félix D'Amours », « Anne d'Anjou ».
			if p := strings.TrimSpace(gap); toks[j].Elision == "d" && capital(j) && gap != p && (p == "D'" || p == "d'" || p == "D’" || p == "d’") {
				j, g.words = j+1, g.words+1
				continue
			}
			// Particles between two parts: « Jean de Lafontaine », "van der Berg".
			k := j
			for k < len(toks) && particles[toks[k].Fold] && isBlank(s[end(k-1):toks[k].Start]) {
				k++
			}
			if k > j && k < len(toks) && isBlank(s[toks[k-1].End:toks[k].Start]) && capital(k) {
				j, g.words = k+1, g.words+1
				continue
			}
			break
		}
		g.last = j - 1
		strength, ok := d.nameStrength(s, toks, g)
		if !ok {
			continue
		}
		out = append(out, Finding{Kind: KindName, Start: toks[i].Start, End: end(j - 1), Strength: strength})
		i = j - 1
	}
	return out
}

// nameGroup is a run of name parts over toks[first..last], of words parts separated by
// spaces or particles (hyphenated parts count as one).
type nameGroup struct{ first, last, words int }

// nameStrength says how surely a run of name parts names a person; ok is false when a
// run of lower-case words is no name after all.
func (d *Detector) nameStrength(s string, toks []Token, g nameGroup) (Strength, bool) {
	t := toks[g.first]
	prev := func(n int) string {
		if g.first-n < 0 {
			return ""
		}
		return toks[g.first-n].Fold
	}
	var afterPerson, ofPerson, introduced bool
	if t.Elision == "" {
		afterPerson = personNouns[prev(1)]
		introduced = nameIntroducers[prev(1)]
		ofPerson = introduced && personNouns[prev(2)]
	} else {
		introduced = nameIntroducers[t.Elision]
		ofPerson = introduced && personNouns[prev(1)]
	}
	var capitals, uppers, initials int
	var tags []nameTag
	for i := g.first; i <= g.last; i++ {
		w := s[toks[i].Start:toks[i].End]
		switch {
		case isInitial(s, toks[i]):
			initials++
		case isUpperWord(w):
			uppers++
		case toks[i].Cap:
			capitals++
		}
		tag, _ := knownName(toks[i])
		tags = append(tags, tag)
	}
	first, last := tags[0], tags[len(tags)-1]
	if capitals+uppers+initials == 0 {
		// In lower case, only the gazetteer tells a name: « jean tremblay », « l'élève léa ».
		switch {
		case g.words >= 2 && first.first && last.surname && !(first.word && last.word):
			return Strong, true
		case g.words == 1 && first.first && !first.word && (afterPerson || introduced):
			return Strong, true
		}
		return 0, false
	}
	if initials > 0 && capitals+uppers == 0 {
		// Initials alone: « L.T. du groupe 302 », "student J.R.".
		if afterPerson || ofPerson || classNear(s, toks[g.first].Start, toks[g.last].End) {
			return Strong, true
		}
		if initials == 1 {
			return Masked, true // « la section A. »
		}
		return Weak, true
	}
	start := t.Elision == "" && sentenceStart(s, t.Start)
	upper := uppers > 0 && capitals == 0
	switch {
	case afterPerson || ofPerson:
		return Strong, true
	case g.words >= 2 && !upper && !determiners[prev(1)]:
		// « Julie Tremblay », "Noah Côté : 17/20", « Léa T. »; not « le Moyen Âge ».
		return Strong, true
	case g.words >= 2 && !upper && first.first && !first.word:
		return Strong, true // « la petite Léa Tremblay »
	case g.words >= 2 && !upper:
		return Masked, true // « le Moyen Âge », « la Nouvelle-France »
	case g.words == 1 && introduced && first.first && !first.word && !upper:
		return Strong, true // « le texte de Léa »: a first name the gazetteer knows
	case upper || start || determiners[prev(1)]:
		return Masked, true
	case first.first || first.surname:
		return Weak, true // a name the gazetteer knows, without context: a reason for doubt
	}
	return Masked, true // « un quiz sur Pâques »
}

// lowerName reports a lower-case word of the gazetteer that may be part of a name.
func (d *Detector) lowerName(t Token, lit []Finding) bool {
	if t.Cap || StopWords[t.Fold] || len(t.Fold) < 3 || d.known[t.Fold] || personNouns[t.Fold] || overlapsFinding(lit, t.Start, t.End) {
		return false
	}
	_, ok := knownName(t)
	return ok
}

// isInitial reports a capital letter alone followed by a dot: the « T. » of « Léa T. ».
func isInitial(s string, t Token) bool {
	return t.End-t.Start == 1 && t.Cap && t.End < len(s) && s[t.End] == '.'
}

// classNear reports a class group or a school level within a few words of a span: «
// L.T. du groupe 302 », "J.R. in grade 5".
func classNear(s string, start, end int) bool {
	from, to := max(0, start-40), min(len(s), end+40)
	return classGroup.MatchString(s[from:to])
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

// classGroup is a class group or a school level.
var classGroup = regexp.MustCompile(`(?i)\b(?:groupe|gr\.|classe|group|class|foyer|cohorte|local)\s*\d{1,4}\b|\b\d{1,2}\s*(?:e|re|er|ème|eme|th|st|nd|rd)?\s+(?:année|annee|secondaire|sec\.|grade|primaire)|\b(?:grade|secondaire|sec\.|year)\s*\d\b`)

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
