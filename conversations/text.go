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
func Fold(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, strings.ToLower(s))
	if err != nil {
		out = strings.ToLower(s)
	}
	var b strings.Builder
	space := true
	for _, r := range out {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
			space = false
			continue
		}
		if !space {
			b.WriteByte(' ')
			space = true
		}
	}
	return strings.TrimSpace(b.String())
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
