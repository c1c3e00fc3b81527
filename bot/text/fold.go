package text

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold lower-cases s and removes its accents, expanding ligatures: "Élève" → "eleve",
// "Œuvre" → "oeuvre". Punctuation and spaces are kept, so offsets of ASCII text do
// not move.
func Fold(s string) string {
	if isASCII(s) {
		return strings.ToLower(s)
	}
	if f, ok := foldLatin(s); ok {
		return f
	}
	return foldNFD(s)
}

// latinFolds are foldNFD of each character from U+0080 to U+024F, one at a time.
var latinFolds = func() (t [0x250 - 0x80]string) {
	for r := rune(0x80); r < 0x250; r++ {
		t[r-0x80] = foldNFD(string(r))
	}
	return t
}()

// foldLatin is Fold for text of ASCII and Latin letters (U+0080–U+024F), which is
// what people type here (« élève »), without normalising the whole text: each such
// character decomposes to a letter and combining accents only, which foldNFD drops,
// so folding the characters one by one gives the same text (TestFoldLatin). ok is
// false for a text with any other character.
func foldLatin(s string) (string, bool) {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r < 0x80:
			c := byte(r)
			if 'A' <= c && c <= 'Z' {
				c += 'a' - 'A'
			}
			b.WriteByte(c)
		case r < 0x250:
			b.WriteString(latinFolds[r-0x80])
		default:
			return "", false
		}
	}
	return b.String(), true
}

// foldNFD is Fold for any text: decomposed (NFD), combining accents dropped.
func foldNFD(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			// A combining accent, separated by NFD from its letter.
		case r == 'œ' || r == 'Œ':
			b.WriteString("oe")
		case r == 'æ' || r == 'Æ':
			b.WriteString("ae")
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// Compact is Fold keeping letters and digits only: "Copilot Chat" → "copilotchat".
// Storage ids and system-name comparisons use it.
func Compact(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range Fold(s) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

// FoldWords is Fold with every run of characters other than letters and digits
// (punctuation, apostrophes, spaces) turned into one space, trimmed: "Résumé !" →
// "resume", "l'œuvre" → "l oeuvre". Command phrases are compared this way.
//
// It runs for every phrase of every intent on every turn, so text already in that
// form is returned as is, without allocating.
func FoldWords(s string) string {
	if foldedWords(s) {
		return s
	}
	if !isASCII(s) {
		s = Fold(s)
	}
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

// foldedWords reports s made only of lower-case ASCII letters and digits in words
// separated by single spaces: what FoldWords returns unchanged.
func foldedWords(s string) bool {
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

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}
