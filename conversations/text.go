package conversations

import (
	"strings"
	"unicode"

	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s, removes accents, turns punctuation (but apostrophes' elisions)
// into spaces and collapses white space, so that command phrases match however they
// were typed: "Résumé !" → "resume".
//
// Fold runs for every phrase of every intent on every turn, so text already folded
// (most phrases are written so) is returned as is, and plain ASCII skips the Unicode
// normalisation: both without allocating.
func Fold(s string) string {
	if folded(s) {
		return s
	}
	if ascii(s) {
		return squash(s)
	}
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		out = s
	}
	return squash(out)
}

// squash lower-cases s, keeps letters and digits, and turns every other run into one
// space, trimmed at both ends.
func squash(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	space := true
	for _, r := range s {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(unicode.ToLower(r))
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimRight(b.String(), " ")
}

// folded reports s made only of lower-case ASCII letters and digits in words
// separated by single spaces: what Fold would return unchanged.
func folded(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == ' ' && i > 0 && i < len(s)-1 && s[i-1] != ' ':
		default:
			return false
		}
	}
	return true
}

func ascii(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

// Phrases is a list of command phrases, already folded by the caller or not.
type Phrases []string

// Exact reports whether the folded text is one of the phrases.
func (p Phrases) Exact(folded string) bool {
	for _, ph := range p {
		if folded == Fold(ph) {
			return true
		}
	}
	return false
}

// Prefix returns the phrase the folded text starts with (as whole words) and the rest.
func (p Phrases) Prefix(folded string) (rest string, ok bool) {
	for _, ph := range p {
		f := Fold(ph)
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
		if strings.Contains(padded, " "+Fold(ph)+" ") {
			return true
		}
	}
	return false
}
