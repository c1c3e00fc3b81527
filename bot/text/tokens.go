package text

import (
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"github.com/kljensen/snowball/english"
	"github.com/kljensen/snowball/french"
	"golang.org/x/text/unicode/norm"
)

// Token is one word of a text.
type Token struct {
	// Start and End are the byte offsets of the word in the question, after a French
	// elision (l', d', qu'…) and before an English possessive ('s); redaction uses them.
	Start, End int
	// Lower is the word in lower case with its accents, for the French stemmer.
	Lower string
	// Fold is Lower without accents or apostrophes: what matching compares.
	Fold string
	// Cap is set when the word was written with a capital first letter (names).
	Cap bool
	// Stop marks a function word (articles, pronouns, prepositions) that phrase
	// matching skips, so that "notes de mes élèves" matches "notes des élèves".
	Stop bool
	// Neg marks a negation (sans, aucun, no, without, n't, n'…), which cancels a
	// personal-data mention that follows it ("sans renseignements personnels").
	Neg bool
	// Elision is the folded French word elided before this one ("d" for "d'Émilie").
	Elision string
}

// Words returns the folded words of s as the analyser compares them: lower case,
// accents removed, punctuation dropped, French elisions and English possessives cut
// off ("L'élève's" → "eleve").
func Words(s string) []string {
	toks := Tokenize(s)
	out := make([]string, len(toks))
	for i, t := range toks {
		out[i] = t.Fold
	}
	return out
}

// Tokenize splits s into words. Letters, digits and combining marks make words; an
// apostrophe between two letters stays inside a word; everything else (spaces,
// hyphens, punctuation, symbols) separates words.
func Tokenize(s string) []Token {
	toks := make([]Token, 0, len(s)/5+1)
	for i := 0; i < len(s); {
		r, w := utf8.DecodeRuneInString(s[i:])
		if !isWordRune(r) {
			i += w
			continue
		}
		start := i
		for i < len(s) {
			r, w := utf8.DecodeRuneInString(s[i:])
			if isWordRune(r) {
				i += w
				continue
			}
			if IsApostrophe(r) && i+w < len(s) {
				if r2, _ := utf8.DecodeRuneInString(s[i+w:]); unicode.IsLetter(r2) {
					i += w
					continue
				}
			}
			break
		}
		if t, ok := makeToken(s, start, i); ok {
			toks = append(toks, t)
		}
	}
	return toks
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func IsApostrophe(r rune) bool {
	return r == '\'' || r == '’' || r == 'ʼ' || r == '‘' || r == '`' || r == '´'
}

// elisions are the French words that lose their vowel before another word.
var elisions = map[string]bool{
	"l": true, "d": true, "j": true, "qu": true, "n": true, "s": true, "m": true, "t": true,
	"c": true, "jusqu": true, "lorsqu": true, "puisqu": true, "quoiqu": true,
}

func makeToken(s string, start, end int) (Token, bool) {
	t := Token{Start: start, End: end}
	raw := s[start:end]
	// French elision: "l'élève" is the word "élève"; "n'" is a negation.
	if p, w := firstApostrophe(raw); p > 0 {
		if pre := strings.ToLower(raw[:p]); elisions[pre] {
			t.Neg = pre == "n"
			t.Elision = pre
			t.Start += p + w
			raw = raw[p+w:]
		}
	}
	// English possessive, contractions and contracted negation: "Emma's" is "Emma";
	// "doesn't" negates.
	if p, w := lastApostrophe(raw); p > 0 {
		switch strings.ToLower(raw[p+w:]) {
		case "s", "ll", "re", "ve", "d", "m":
			// "I'll" is "I", not the "ill" of illness; "we're" is "we".
			raw = raw[:p]
			t.End = t.Start + p
		case "t":
			t.Neg = t.Neg || strings.HasSuffix(strings.ToLower(raw[:p]), "n")
		}
	}
	if raw == "" {
		return t, false
	}
	first, _ := utf8.DecodeRuneInString(raw)
	t.Cap = unicode.IsUpper(first)
	t.Lower = LowerNFC(raw)
	t.Fold = stripApostrophes(Fold(t.Lower))
	if t.Fold == "" {
		return t, false
	}
	t.Stop = StopWords[t.Fold]
	t.Neg = t.Neg || Negators[t.Fold]
	return t, true
}

func firstApostrophe(s string) (int, int) {
	for i, r := range s {
		if IsApostrophe(r) {
			return i, utf8.RuneLen(r)
		}
	}
	return -1, 0
}

func lastApostrophe(s string) (int, int) {
	p, w := -1, 0
	for i, r := range s {
		if IsApostrophe(r) {
			p, w = i, utf8.RuneLen(r)
		}
	}
	return p, w
}

// LowerNFC lower-cases s, composes its accents (input from some keyboards arrives
// decomposed) and writes every apostrophe as "'".
func LowerNFC(s string) string {
	ascii := true
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			ascii = false
			break
		}
	}
	if !ascii {
		s = norm.NFC.String(s)
		s = strings.Map(func(r rune) rune {
			if IsApostrophe(r) {
				return '\''
			}
			return r
		}, s)
	}
	return strings.ToLower(s)
}

func stripApostrophes(s string) string {
	if strings.IndexByte(s, '\'') < 0 && strings.IndexByte(s, '`') < 0 {
		return s
	}
	return strings.Map(func(r rune) rune {
		if IsApostrophe(r) {
			return -1
		}
		return r
	}, s)
}

// Stems returns the keys a question word matches keywords by: its folded form and
// its French and English Snowball stems (folded). Computing both lets a question
// mix languages; comparing stems is what makes "résumez", "résumé" and "resumer"
// one word, without hand-made suffix rules.
//
// Results are memoised (the stemmers are the costliest step of reading a question);
// callers must not modify the slice returned.
func Stems(lower, fold string) []string {
	if v, ok := stemCache.Load(lower); ok {
		return v.([]string)
	}
	keys := stems(lower, fold)
	if stemCacheSize.Load() < stemCacheLimit {
		if _, loaded := stemCache.LoadOrStore(lower, keys); !loaded {
			stemCacheSize.Add(1)
		}
	}
	return keys
}

// stemCacheLimit bounds the stem cache: staff questions use a few thousand distinct
// words, and an adversarial stream of new words must not grow memory forever.
const stemCacheLimit = 50_000

var (
	stemCache     sync.Map // lower → []string (never modified once stored)
	stemCacheSize atomic.Int64
)

// ClearStemCache empties the stem cache; benchmarks use it to measure cold stemming.
func ClearStemCache() {
	stemCache.Clear()
	stemCacheSize.Store(0)
}

func stems(lower, fold string) []string {
	keys := make([]string, 1, 3)
	keys[0] = fold
	add := func(k string) {
		for _, x := range keys {
			if x == k {
				return
			}
		}
		keys = append(keys, k)
	}
	add(Fold(french.Stem(lower, true)))
	add(english.Stem(fold, true))
	return keys
}

// KeywordStems returns the alternatives a keyword word may be written as: folded, and
// stemmed in the keyword's language from both its accented and folded forms, since the
// stemmer does not always treat "données" and "donnees" alike.
func KeywordStems(word string, lang string) []string {
	lower := LowerNFC(word)
	fold := stripApostrophes(Fold(lower))
	alts := []string{fold}
	add := func(k string) {
		for _, x := range alts {
			if x == k {
				return
			}
		}
		alts = append(alts, k)
	}
	if lang == "en" {
		add(english.Stem(fold, true))
	} else {
		add(Fold(french.Stem(lower, true)))
		add(french.Stem(fold, true))
	}
	return alts
}
