package policy

import (
	"strings"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

// tools picks, among the tools a question names, those it is about, best first:
//
//   - a name inside quotes, back-ticks or braces (pasted text, code, JSON) never
//     chooses the system;
//   - a tool word used as a common noun (« le mistral », « un antidote », "the Gemini
//     sign", « le copilote du rallye ») or as a person's name (« mon collègue Claude »,
//     « Claude m'a dit ») is not the tool;
//   - the objects of the verb (« utiliser X », « avec X », « dans X », "use X", "with X")
//     are what it asks about; without any, every tool named is, and Evaluate answers
//     for each.
func tools(q string, toks []text.Token, all []toolMatch) []toolMatch {
	if len(all) == 0 {
		return nil
	}
	quoted := quotedSpans(q)
	var kept, objects []toolMatch
	for _, m := range all {
		if inQuotes(quoted, toks[m.start].Start) || commonNoun(q, toks, m) || personNamed(toks, m) {
			continue
		}
		if verbObject(toks, m) {
			objects = append(objects, m)
		} else {
			kept = append(kept, m)
		}
	}
	if len(objects) > 0 {
		return objects
	}
	return kept
}

// quotedSpans are the byte ranges of q inside quotes, back-ticks or braces.
func quotedSpans(q string) [][2]int {
	var out [][2]int
	pairs := map[rune]rune{'«': '»', '“': '”', '"': '"', '`': '`', '{': '}', '‘': '’'}
	for i := 0; i < len(q); {
		r, w := utf8.DecodeRuneInString(q[i:])
		closing, ok := pairs[r]
		if !ok {
			i += w
			continue
		}
		j := strings.IndexRune(q[i+w:], closing)
		if j < 0 {
			if r == '{' || r == '`' {
				out = append(out, [2]int{i, len(q)}) // pasted code to the end
			}
			i += w
			continue
		}
		end := i + w + j + utf8.RuneLen(closing)
		out = append(out, [2]int{i, end})
		i = end
	}
	return out
}

func inQuotes(spans [][2]int, at int) bool {
	for _, s := range spans {
		if at > s[0] && at < s[1] {
			return true
		}
	}
	return false
}

// commonNounTools are tool names that are also ordinary words, folded, with the
// words that show the ordinary sense when they come right after.
var commonNounTools = map[string]bool{
	"mistral": true, "antidote": true, "gemini": true, "gemeaux": true, "copilot": true, "copilote": true,
	"gamma": true, "brisk": true, "runway": true, "grok": true, "claude": true, "perplexity": true, "suno": true,
}

// ordinarySense are words that make a tool word ordinary when they follow it within
// two words: « le copilote du rallye », "the Gemini zodiac sign", « un antidote au
// venin », « le mistral souffle ».
var ordinarySense = map[string]bool{
	"rallye": true, "rally": true, "course": true, "race": true, "avion": true, "plane": true, "pilote": true, "pilot": true,
	"zodiaque": true, "zodiac": true, "signe": true, "sign": true, "horoscope": true, "astrologique": true, "astrological": true,
	"venin": true, "venom": true, "poison": true, "serpent": true, "snake": true, "morsure": true, "bite": true,
	"vent": true, "wind": true, "souffle": true, "blows": true, "provence": true, "meteo": true, "weather": true,
	"rayon": true, "rayons": true, "rays": true, "ray": true, "marche": true, "walk": true, "pace": true, "piste": true,
	"atterrissage": true, "landing": true, "airport": true, "aeroport": true, "constellation": true, "mission": true, "nasa": true,
}

// commonNoun reports a tool word used as an ordinary noun: written in lower case after
// an article (« le mistral », « un antidote ») or followed by a word of its ordinary
// sense.
func commonNoun(q string, toks []text.Token, m toolMatch) bool {
	if m.end-m.start != 1 || !commonNounTools[toks[m.start].Fold] {
		return false
	}
	for i := m.end; i < len(toks) && i <= m.end+2; i++ {
		if ordinarySense[toks[i].Fold] {
			return true
		}
	}
	for i := m.start - 1; i >= 0 && i >= m.start-2; i-- {
		if ordinarySense[toks[i].Fold] {
			return true // « le signe des Gémeaux »
		}
	}
	t := toks[m.start]
	if t.Cap || m.start == 0 {
		return false
	}
	prev := toks[m.start-1]
	if prev.Fold == "a" && DetectLanguage(q, i18n.FR) != i18n.EN {
		return false // French « à copilot » (or « a copilot », unaccented): the tool
	}
	return articles[prev.Fold] || t.Elision == "l" || t.Elision == "d"
}

var articles = map[string]bool{"le": true, "la": true, "les": true, "un": true, "une": true, "du": true, "des": true, "au": true, "aux": true, "the": true, "a": true, "an": true, "ce": true, "cet": true, "this": true, "that": true}

// personNamed reports a tool word that names a person: after « mon collègue »,
// « ma directrice », "my colleague", or the subject of « m'a dit », "told me", "said".
func personNamed(toks []text.Token, m toolMatch) bool {
	if m.end-m.start != 1 {
		return false
	}
	if m.start > 0 && personNouns[toks[m.start-1].Fold] {
		return true
	}
	i := m.end
	if i < len(toks) && (toks[i].Fold == "told" || toks[i].Fold == "said" || toks[i].Fold == "says" || toks[i].Fold == "thinks") {
		return true
	}
	// « Claude m'a dit », « Claude pense que », « Claude nous a conseillé »
	// Only « m'a », not « m'aide à » (unaccented « à » folds to "a" too).
	if i < len(toks) && toks[i].Elision == "m" && (toks[i].Fold == "a" || toks[i].Fold == "dit") {
		return true
	}
	if i+1 < len(toks) && (toks[i].Fold == "nous" || toks[i].Fold == "me") && (toks[i+1].Fold == "a" || toks[i+1].Fold == "dit") {
		return true
	}
	if i < len(toks) && (toks[i].Fold == "pense" || toks[i].Fold == "dit" || toks[i].Fold == "trouve") {
		return true
	}
	return false
}

// personNouns introduce a person named like a tool.
var personNouns = map[string]bool{
	"collegue": true, "colleague": true, "directrice": true, "directeur": true, "principal": true, "ami": true, "amie": true,
	"friend": true, "eleve": true, "student": true, "enseignante": true, "enseignant": true, "teacher": true, "conseiller": true,
	"conseillere": true, "mme": true, "m": true, "mr": true, "mrs": true, "ms": true, "madame": true, "monsieur": true,
	"frere": true, "soeur": true, "brother": true, "sister": true, "fils": true, "son": true, "cousin": true, "cousine": true,
	"nomme": true, "nommee": true, "named": true, "appele": true, "appelee": true, "called": true,
}

// verbObject reports a tool named as the object of the question's verb or after the
// preposition of its use: « utiliser X », « avec X », « dans X », "use X",
// "with X", "in X", "into X", "via X" (not « sur X »: « un texte sur ChatGPT »).
func verbObject(toks []text.Token, m toolMatch) bool {
	for i := m.start - 1; i >= 0 && i >= m.start-3; i-- {
		f := toks[i].Fold
		if objectMarkers[f] {
			return true
		}
		if !articles[f] && f != "l" && !toolAdjectives[f] {
			return false
		}
	}
	return false
}

var objectMarkers = map[string]bool{
	"utiliser": true, "utilise": true, "employer": true, "essayer": true, "avec": true, "dans": true,
	"via": true, "use": true, "using": true, "used": true, "with": true, "in": true, "into": true,
	"try": true, "through": true, "mettre": true, "coller": true, "paste": true, "put": true, "ask": true, "demander": true,
}

var toolAdjectives = map[string]bool{"outil": true, "tool": true, "systeme": true, "system": true, "version": true, "gratuit": true, "free": true}
