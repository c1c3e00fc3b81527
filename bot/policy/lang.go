package policy

import (
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

// DetectLanguage returns the language text is written in, or fallback when the text
// does not tell (a bare tool name, an equal count of French and English words). It is
// text.Language, the one guesser, read on the text as typed.
func DetectLanguage(s string, fallback i18n.Lang) i18n.Lang {
	if l, _ := text.Language(s); l != "" {
		return i18n.Lang(l)
	}
	return fallback
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
