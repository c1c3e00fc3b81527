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
		s = strings.ReplaceAll(s, " "+f+" ", " ")
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

// Yes, No and Cancel are the answers to a yes-or-no question of a dialog, compared
// whole.
var (
	Yes    = conversations.Phrases{"oui", "ok", "d accord", "correct", "parfait", "vas y", "allez y", "go", "yes", "sure", "yep", "envoie", "envoyer", "envoie le", "send", "send it", "oui envoie", "prepare le rapport", "prepare a report"}
	No     = conversations.Phrases{"non", "no", "non merci", "no thanks", "pas besoin", "nope", "not now", "pas maintenant"}
	Cancel = conversations.Phrases{"annuler", "annule", "annulez", "cancel", "stop", "arrete", "arreter", "laisse faire", "laisse tomber", "oublie ca", "never mind", "nevermind", "quit", "quitter"}
)
