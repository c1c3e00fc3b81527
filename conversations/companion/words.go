package companion

import "strings"

// words is a folded message split into words, for matching word stems and phrases.
type words []string

func split(folded string) words { return strings.Fields(folded) }

// has reports whether one of the stems or phrases (already folded) matches in w.
func (w words) has(stems ...string) bool { return w.index(stems...) >= 0 }

// index is the position of the first word where one of the stems or phrases matches,
// or -1.
func (w words) index(stems ...string) int {
	for i := range w {
		for _, st := range stems {
			if w.matchAt(i, st) {
				return i
			}
		}
	}
	return -1
}

// matchAt reports whether stem matches at word i. Words match whole, or as a prefix
// when they end in "*": "eleve*" matches "eleves", "code* permanent*" matches "codes
// permanents". Stems are folded already: folding them on every call would cost more
// than all the matching.
func (w words) matchAt(i int, stem string) bool {
	parts := strings.Fields(stem)
	if len(parts) == 0 || i+len(parts) > len(w) {
		return false
	}
	for j, p := range parts {
		if prefix, ok := strings.CutSuffix(p, "*"); ok {
			if !strings.HasPrefix(w[i+j], prefix) {
				return false
			}
		} else if w[i+j] != p {
			return false
		}
	}
	return true
}

// after reports whether one of stems matches within the n words following word i.
func (w words) after(i, n int, stems ...string) bool {
	for j := i + 1; j <= i+n && j < len(w); j++ {
		for _, st := range stems {
			if w.matchAt(j, st) {
				return true
			}
		}
	}
	return false
}

// without returns w without the words that are politeness or filler around a command
// ("svp", "please", "je veux"), so that short commands match however they are asked.
func (w words) without(fillers ...string) string {
	s := " " + strings.Join(w, " ") + " "
	for _, f := range fillers {
		s = strings.ReplaceAll(s, " "+f+" ", " ")
	}
	return strings.TrimSpace(s)
}

// commandFillers are dropped before comparing a message with a short command. Folded.
var commandFillers = []string{"svp", "stp", "s il vous plait", "s il te plait", "please", "merci", "thanks",
	"bonjour", "allo", "hello", "hi", "je veux", "je voudrais", "j aimerais", "peux tu", "pouvez vous",
	"i want to", "i d like to", "i would like to", "can you", "could you", "iagbot"}
