package conversations

import (
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// Words that mark a message as English or French. Short commands ("help", "aide")
// decide on their own; longer messages by majority.
var (
	enWords = wordSet("help", "hello", "hi", "hey", "the", "a", "an", "can", "may", "i", "use", "my", "to", "for", "what", "which",
		"how", "is", "are", "with", "please", "request", "requests", "new", "start", "who", "why", "do", "does", "tools",
		"approved", "summary", "back", "cancel", "resume", "yes", "no", "reviewers", "you", "your", "of", "and", "it", "in", "work",
		"pending", "reviews", "reviewers", "register", "channel", "suspend", "withdraw", "restore", "forbid", "allow", "restrict",
		"data", "delete", "disclose", "remind", "week", "this", "reminder", "completed", "training")
	frWords = wordSet("aide", "bonjour", "allo", "salut", "le", "la", "les", "un", "une", "des", "puis", "je", "est", "ce", "que",
		"qui", "quels", "quelles", "outils", "pour", "avec", "mes", "demande", "demandes", "faire", "nouvelle", "pourquoi",
		"comment", "du", "de", "et", "oui", "non", "annuler", "reprendre", "retour", "resume", "approuves", "approbateurs",
		"utiliser", "mon", "ma", "svp", "merci", "fonctionnes", "tu", "vous", "il", "dans")
)

func wordSet(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// DetectLang guesses the language of folded text; ok is false when it cannot tell
// (then the person's or platform's language applies).
func DetectLang(folded string) (i18n.Lang, bool) {
	var en, fr int
	for _, w := range strings.Fields(folded) {
		if enWords[w] {
			en++
		}
		if frWords[w] {
			fr++
		}
	}
	switch {
	case en > fr:
		return i18n.EN, true
	case fr > en:
		return i18n.FR, true
	}
	return "", false
}
