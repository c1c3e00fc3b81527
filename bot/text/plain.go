package text

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Plain returns s without invisible characters (zero-width spaces and joiners, soft
// hyphens, direction marks), with look-alike letters and digits written as the Latin
// ones they imitate (Cyrillic « о », fullwidth « ４ »), special spaces as spaces and
// dashes as "-"; at maps every byte offset of plain, and one past its end, to the
// offset in s it comes from. changed is false, and plain is s, when there was nothing
// to do (the common case, without allocating).
func Plain(s string) (plain string, at []int, changed bool) {
	if !needsPlain(s) {
		return s, nil, false
	}
	var b strings.Builder
	b.Grow(len(s))
	at = make([]int, 0, len(s)+1)
	for i, r := range s {
		out, keep := plainRune(r)
		if !keep {
			continue
		}
		n := b.Len()
		b.WriteRune(out)
		for range b.Len() - n {
			at = append(at, i)
		}
	}
	at = append(at, len(s))
	return b.String(), at, true
}

func needsPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			for _, r := range s[i:] {
				if out, keep := plainRune(r); !keep || out != r {
					return true
				}
			}
			return false
		}
	}
	return false
}

// plainRune returns what r stands for; keep is false for an invisible character.
func plainRune(r rune) (out rune, keep bool) {
	switch {
	case r < utf8.RuneSelf:
		return r, true
	case r == '\u00ad' || unicode.Is(unicode.Cf, r):
		return 0, false // soft hyphen, zero-width space and joiners, direction marks, BOM
	case r >= '\uff01' && r <= '\uff5e':
		return r - 0xfee0, true // fullwidth ASCII
	case unicode.Is(unicode.Zs, r):
		return ' ', true // no-break and thin spaces
	case unicode.Is(unicode.Pd, r) || r == '\u2212':
		return '-', true // hyphens and dashes, minus
	}
	if l, ok := lookAlikes[r]; ok {
		return l, true
	}
	return r, true
}

// lookAlikes are Cyrillic and Greek letters drawn like Latin ones.
var lookAlikes = map[rune]rune{
	'а': 'a', 'е': 'e', 'о': 'o', 'р': 'p', 'с': 'c', 'х': 'x', 'у': 'y', 'і': 'i', 'ј': 'j', 'ѕ': 's', 'һ': 'h', 'ԁ': 'd', 'ɡ': 'g',
	'А': 'A', 'В': 'B', 'Е': 'E', 'К': 'K', 'М': 'M', 'Н': 'H', 'О': 'O', 'Р': 'P', 'С': 'C', 'Т': 'T', 'Х': 'X', 'І': 'I', 'Ј': 'J', 'Ѕ': 'S',
	'ο': 'o', 'α': 'a', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'ρ': 'p', 'τ': 't', 'υ': 'u', 'χ': 'x',
	'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
}
