// Package words matches folded messages word by word, for the features that read
// free text (incident reports, my data, disclosure): stems, phrases, the filler
// around short commands, and lists joined the way a language does.
package words

import (
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/conversations"
)

// Words is a folded message split into words, for matching word stems and phrases.
type Words []string

// Split splits a folded message into words.
func Split(folded string) Words { return strings.Fields(folded) }

type wordsKey struct{}

// Of is folded (the turn's folded text) split into words, once per turn for every
// feature that reads it. A matcher asked about another text, or without a session
// (tests), gets that text split. Callers must not modify the result.
func Of(s *conversations.Session, folded string) Words {
	if s == nil || s.Folded() != folded {
		return Split(folded)
	}
	return s.Memo(wordsKey{}, func() any { return Split(folded) }).(Words)
}

type commandKey struct{}

// Command is Of(s, folded) without CommandFillers (Without), once per turn.
func Command(s *conversations.Session, folded string) string {
	if s == nil || s.Folded() != folded {
		return Split(folded).Without(CommandFillers...)
	}
	return s.Memo(commandKey{}, func() any { return Of(s, folded).Without(CommandFillers...) }).(string)
}

// Has reports whether one of the stems or phrases (already folded) matches in w.
func (w Words) Has(stems ...string) bool { return w.Index(stems...) >= 0 }

// Index is the position of the first word where one of the stems or phrases matches,
// or -1.
func (w Words) Index(stems ...string) int {
	for i := range w {
		for _, st := range stems {
			if w.MatchAt(i, st) {
				return i
			}
		}
	}
	return -1
}

// MatchAt reports whether stem matches at word i. Words match whole, or as a prefix
// when they end in "*": "eleve*" matches "eleves", "code* permanent*" matches "codes
// permanents". Stems are folded already: folding them on every call would cost more
// than all the matching. Every feature calls this for each word and stem on every
// turn, so it walks the stem in place rather than splitting it.
func (w Words) MatchAt(i int, stem string) bool {
	n := 0
	for rest := stem; ; {
		var p string
		if p, rest = nextWord(rest); p == "" {
			break
		}
		if i+n >= len(w) {
			return false
		}
		if prefix, ok := strings.CutSuffix(p, "*"); ok {
			if !strings.HasPrefix(w[i+n], prefix) {
				return false
			}
		} else if w[i+n] != p {
			return false
		}
		n++
	}
	return n > 0
}

// Count is the number of words of a stem or phrase.
func Count(stem string) int {
	n := 0
	for rest := stem; ; n++ {
		var p string
		if p, rest = nextWord(rest); p == "" {
			return n
		}
	}
}

// nextWord is the first space-separated word of s and what follows it; "" at the end.
func nextWord(s string) (word, rest string) {
	s = strings.TrimLeft(s, " ")
	word, rest, _ = strings.Cut(s, " ")
	return word, rest
}

// List is a list of stems or phrases (folded, as MatchAt takes them) compiled once at
// start-up: each is split into its words, and they are indexed by their first word, so
// that matching a message looks each of its words up once instead of walking every
// stem at every word (what Has does). Every turn runs a few hundred of these matches.
type List struct {
	byFirst map[string][]stem // stems whose first word is whole
	// byByte holds the stems whose first word ends in "*", by the first byte of that
	// prefix; anyWord those whose prefix is empty ("*").
	byByte  [256][]stem
	anyWord []stem
}

// stem is a stem or phrase split into words.
type stem []part

// part is one word of a stem: whole, or a prefix when it ended in "*".
type part struct {
	word   string
	prefix bool
}

// NewList compiles stems. Empty stems, which never match, are left out.
func NewList(stems ...string) *List {
	l := &List{byFirst: map[string][]stem{}}
	for _, st := range stems {
		var ps stem
		for _, p := range strings.Fields(st) {
			w, star := strings.CutSuffix(p, "*")
			ps = append(ps, part{word: w, prefix: star})
		}
		switch {
		case len(ps) == 0:
		case ps[0].prefix && ps[0].word == "":
			l.anyWord = append(l.anyWord, ps)
		case ps[0].prefix:
			l.byByte[ps[0].word[0]] = append(l.byByte[ps[0].word[0]], ps)
		default:
			l.byFirst[ps[0].word] = append(l.byFirst[ps[0].word], ps)
		}
	}
	return l
}

// matchAt reports whether st matches at word i (as MatchAt).
func (st stem) matchAt(w Words, i int) bool {
	if i+len(st) > len(w) {
		return false
	}
	for n, p := range st {
		if p.prefix {
			if !strings.HasPrefix(w[i+n], p.word) {
				return false
			}
		} else if w[i+n] != p.word {
			return false
		}
	}
	return true
}

// At calls yield with the number of words of each stem of l that matches at word i,
// until yield returns true; it reports whether one did.
func (l *List) At(w Words, i int, yield func(n int) bool) bool {
	for _, st := range l.byFirst[w[i]] {
		if st.matchAt(w, i) && yield(len(st)) {
			return true
		}
	}
	if w[i] != "" {
		for _, st := range l.byByte[w[i][0]] {
			if st.matchAt(w, i) && yield(len(st)) {
				return true
			}
		}
	}
	for _, st := range l.anyWord {
		if st.matchAt(w, i) && yield(len(st)) {
			return true
		}
	}
	return false
}

func anyLen(int) bool { return true }

// MatchesAt reports whether one of the stems of l matches at word i.
func (l *List) MatchesAt(w Words, i int) bool { return l.At(w, i, anyLen) }

// In reports whether one of the stems of l matches in w (as Has).
func (l *List) In(w Words) bool { return l.Index(w) >= 0 }

// Index is the position of the first word of w where one of the stems of l matches,
// or -1 (as Words.Index).
func (l *List) Index(w Words) int {
	for i := range w {
		if l.MatchesAt(w, i) {
			return i
		}
	}
	return -1
}

// After reports whether one of the stems of l matches within the n words following
// word i (as Words.After).
func (l *List) After(w Words, i, n int) bool {
	for j := i + 1; j <= i+n && j < len(w); j++ {
		if l.MatchesAt(w, j) {
			return true
		}
	}
	return false
}

// After reports whether one of stems matches within the n words following word i.
func (w Words) After(i, n int, stems ...string) bool {
	for j := i + 1; j <= i+n && j < len(w); j++ {
		for _, st := range stems {
			if w.MatchAt(j, st) {
				return true
			}
		}
	}
	return false
}

// Without returns w without the words that are politeness or filler around a command
// ("svp", "please", "je veux"), so that short commands match however they are asked.
func (w Words) Without(fillers ...string) string {
	s := " " + strings.Join(w, " ") + " "
	for _, f := range fillers {
		if strings.Contains(s, f) { // most fillers are absent: no padded copy to build
			s = strings.ReplaceAll(s, " "+f+" ", " ")
		}
	}
	return strings.TrimSpace(s)
}

// CommandFillers are dropped before comparing a message with a short command. Folded.
var CommandFillers = []string{"svp", "stp", "s il vous plait", "s il te plait", "please", "merci", "thanks",
	"bonjour", "allo", "hello", "hi", "je veux", "je voudrais", "j aimerais", "peux tu", "pouvez vous",
	"i want to", "i d like to", "i would like to", "can you", "could you", "iagbot"}

// Join lists names the way the language does: "a, b et c".
func Join(lang i18n.Lang, names []string) string {
	if len(names) == 1 {
		return names[0]
	}
	and := i18n.T(lang, "core.and")
	return strings.Join(names[:len(names)-1], ", ") + " " + and + " " + names[len(names)-1]
}

// Personal are words that name personal or confidential data on their own. Folded.
var Personal = []string{"eleve*", "parent", "parents", "renseignement* personnel*", "donnees personnelles",
	"code* permanent*", "nas", "assurance sociale", "sante", "medica*", "diagnostic*", "plan* d intervention",
	"bulletin*", "dossier*", "confidentiel*", "employe*", "collegue*", "enfant*", "famille*", "date de naissance",
	"noms", "prenoms", "liste de classe", "coordonnees",
	"student*", "pupil*", "personal info*", "personal data", "child*", "kid", "kids", "family",
	"families", "sin", "social insurance", "health", "medical", "diagnos*", "iep", "report card*", "grades",
	"employee*", "names", "class list", "date of birth", "contact details"}

// PersonalList is Personal compiled.
var PersonalList = NewList(Personal...)

// Yes, No and Cancel are the answers to a yes-or-no question of a dialog, compared
// whole.
var (
	Yes    = conversations.Phrases{"oui", "ok", "d accord", "correct", "parfait", "vas y", "allez y", "go", "yes", "sure", "yep", "envoie", "envoyer", "envoie le", "send", "send it", "oui envoie", "prepare le rapport", "prepare a report"}
	No     = conversations.Phrases{"non", "no", "non merci", "no thanks", "pas besoin", "nope", "not now", "pas maintenant"}
	Cancel = conversations.Phrases{"annuler", "annule", "annulez", "cancel", "stop", "arrete", "arreter", "laisse faire", "laisse tomber", "oublie ca", "never mind", "nevermind", "quit", "quitter"}
)
