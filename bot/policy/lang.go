package policy

import (
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

// DetectLanguage returns the language text is written in, or fallback when the text
// does not tell (a bare tool name, an equal count of French and English words).
func DetectLanguage(s string, fallback i18n.Lang) i18n.Lang {
	if l := detectLang(text.Tokenize(s)); l != "" {
		return l
	}
	return fallback
}

// detectLang counts frequent words of each language; an accented letter counts for
// French, since English questions do not carry them (tool names aside).
func detectLang(toks []text.Token) i18n.Lang {
	fr, en := 0, 0
	for _, t := range toks {
		if frenchMarkers[t.Fold] {
			fr++
		}
		if englishMarkers[t.Fold] {
			en++
		}
		if hasAccent(t.Lower) {
			fr++
		}
	}
	switch {
	case fr > en:
		return i18n.FR
	case en > fr:
		return i18n.EN
	}
	return ""
}

func hasAccent(s string) bool {
	for _, r := range s {
		switch r {
		case 'à', 'â', 'ç', 'é', 'è', 'ê', 'ë', 'î', 'ï', 'ô', 'ù', 'û', 'ü', 'ÿ', 'œ':
			return true
		}
	}
	return false
}

// Intent is the kind of answer a question calls for.
type Intent string

// The intents.
const (
	// IntentVerdict: "may I use X for Y?", the default.
	IntentVerdict Intent = "verdict"
	// IntentApprovedTools: "quels outils sont approuvés ?" (for a use, when one is named).
	IntentApprovedTools Intent = "approved_tools"
	// IntentSystemUses: "que puis-je faire avec X ?".
	IntentSystemUses Intent = "system_uses"
	// IntentWhy: "pourquoi ?" after a verdict; the caller answers with Why on the
	// previous result.
	IntentWhy Intent = "why"
)

var (
	whyWords  = set("pourquoi", "why", "explique", "expliquez", "expliquer", "explain", "raison", "reason", "justification")
	toolWords = set("outil", "outils", "systeme", "systemes", "application", "applications", "logiciel", "logiciels", "plateforme", "plateformes", "tool", "tools", "system", "systems", "app", "apps", "software", "platform", "platforms", "ia", "iag", "ai", "genai", "chatbot", "chatbots")
	listWords = set("approuve", "approuves", "approuvee", "approuvees", "autorise", "autorises", "autorisee", "autorisees", "permis", "quels", "quelles", "quel", "quelle", "liste", "disponibles", "approved", "authorized", "authorised", "allowed", "permitted", "which", "what", "list", "available")
	usesWords = set("faire", "usages", "usage", "uses", "sert", "servir", "quoi", "do", "what", "quels", "quelles", "which", "permis", "allowed", "interdit", "forbidden", "regles", "rules")
)

// intentOf classifies a question from its words and what the analyser found in it.
func intentOf(toks []text.Token, hasTool, hasUse bool) Intent {
	has := func(set map[string]bool) bool {
		for _, t := range toks {
			if set[t.Fold] {
				return true
			}
		}
		return false
	}
	switch {
	case !hasTool && !hasUse && has(whyWords):
		return IntentWhy
	case !hasTool && has(toolWords) && has(listWords):
		return IntentApprovedTools
	case hasTool && !hasUse && has(usesWords):
		return IntentSystemUses
	}
	return IntentVerdict
}
