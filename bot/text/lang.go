package text

import "strings"

// Language guesses the language of a message written by a person, on the text as
// typed: accents are evidence (« à » is French, where folding would make it the
// English "a"). lang is "fr", "en" or "" when the text does not tell (a bare tool name,
// a number, a command such as "/in codir"). sure is set when the message says it
// clearly enough to become the person's language: several words and at least two
// points of evidence, none against; a one-word message ("ok", "1", "clear", "aide")
// is never sure, so it never switches a person's language.
func Language(s string) (lang string, sure bool) {
	return LanguageTokens(s, nil)
}

// LanguageTokens is Language(s) for a caller that has tokenised s already (toks is
// Tokenize(s); nil tokenises s here): a turn's text is tokenised once for the
// language, the policy analysis and the personal-information detector.
func LanguageTokens(s string, toks []Token) (lang string, sure bool) {
	s = strings.TrimSpace(s)
	if s == "" || strings.HasPrefix(s, "/") {
		return "", false
	}
	if toks == nil {
		toks = Tokenize(s) // leading and trailing spaces make no word: the same words
	}
	fr, en, words := 0, 0, 0
	for _, t := range toks {
		if t.Fold == "" || isNumber(t.Fold) {
			continue
		}
		words++
		if t.Elision != "" {
			fr++ // « l'élève », « qu'on »: elisions are French
		}
		switch {
		case hasAccent(t.Lower):
			fr += 2
		case frenchMarkers[t.Fold] && !englishMarkers[t.Fold]:
			fr++
		case englishMarkers[t.Fold] && !frenchMarkers[t.Fold]:
			en++
		}
	}
	switch {
	case fr > en:
		lang = "fr"
	case en > fr:
		lang = "en"
	default:
		return "", false
	}
	win, lose := max(fr, en), min(fr, en)
	return lang, words >= 2 && win >= 2 && win-lose >= 2
}

func isNumber(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

func hasAccent(s string) bool {
	return strings.ContainsAny(s, "àâçéèêëîïôùûüÿœæ")
}

// frenchMarkers and englishMarkers are frequent words of one language only.
var frenchMarkers = set(
	"je", "j", "puis", "peux", "est", "les", "le", "la", "des", "du", "de", "pour", "avec",
	"mes", "mon", "ma", "une", "un", "que", "qu", "quels", "quelles", "quel", "outil",
	"outils", "utiliser", "faire", "dans", "sur", "et", "ou", "pourquoi", "ce", "cette",
	"eleves", "eleve", "enseignant", "ecole", "courriel", "oui", "non", "merci", "bonjour",
	"sont", "approuves", "aux", "au", "ai", "nous", "vous", "leur", "mais", "sans", "permis",
	"interdit", "redaction", "rediger", "resumer", "traduire", "aide", "allo", "salut",
	"qui", "demande", "demandes", "nouvelle", "comment", "annuler", "reprendre", "retour",
	"approbateurs", "svp", "fonctionnes", "tu", "il", "elle", "pas", "sais", "seulement",
	"chaque", "deux", "trois", "par", "en", "annee", "fois", "aucun", "aucune", "mois",
	"semaine", "jour", "jours", "rappelle", "moi", "donnees", "supprimer", "divulguer",
	"examiner", "modifier", "completer", "suivant", "precedent", "voici", "lien", "veux",
	"voudrais", "fait", "faut", "peut", "etre", "avoir", "tous", "toutes", "tout", "cours",
	"canal", "enregistrer", "suspendre", "retirer", "retablir", "interdire", "autoriser", "role",
)

var englishMarkers = set(
	"i", "can", "the", "for", "with", "my", "is", "to", "use", "using", "what", "which",
	"tools", "tool", "may", "should", "of", "and", "or", "why", "this", "that", "students",
	"student", "teacher", "school", "yes", "thanks", "hello", "hi", "hey", "are", "approved",
	"allowed", "write", "summarize", "translate", "an", "it", "our", "we", "do", "does",
	"without", "how", "help", "want", "need", "about", "from", "in", "please", "request",
	"requests", "new", "start", "who", "you", "your", "work", "pending", "reviews",
	"reviewers", "register", "channel", "suspend", "withdraw", "restore", "forbid", "delete",
	"disclose", "remind", "week", "reminder", "completed", "training", "know", "don",
	"only", "each", "every", "year", "twice", "once", "month", "day", "days", "have",
	"will", "would", "be", "not", "no", "all", "other", "there", "they", "them", "when",
	"where", "just", "data", "resume", "cancel", "back", "summary",
)
