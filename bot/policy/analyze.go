package policy

import (
	"slices"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

// Analysis is what the analyser understood of a question, before any rule applies.
// It holds no raw text of the question, only the redacted form.
type Analysis struct {
	// Lang is the language the question is written in, or "" when it cannot tell.
	Lang i18n.Lang
	// Tool is the tool named, by its inventory or catalogue name; "" when none.
	Tool string
	// System is the inventory index of the tool, -1 when none or from the catalogue.
	System int
	// Catalogue is the index of the tool in Catalogue, -1 when none or from the inventory.
	Catalogue int
	// Typo is set when the tool was recognised despite one typo.
	Typo bool
	// Use is the inventory index of the use asked about, -1 when none.
	Use int
	// Uses are the uses the question fits equally well, Use first (see rankUses).
	Uses []int
	// Personal lists the categories of personal or confidential data mentioned, in
	// PIIKinds order; empty when none.
	Personal []PIIKind
	// Redacted is the question with personal data replaced by placeholders; it is the
	// question as typed when no personal data was found.
	Redacted string
	// Intent is what kind of answer the question calls for.
	Intent Intent
	// others are the other tools the question names, for Evaluate to answer too.
	others []toolMatch
	// Doubt lists the weak signals of personal information found when no strong one
	// was: a name without context, a sensitive matter without a person (6.2: « si un
	// doute subsiste »).
	Doubt []DoubtReason
}

// setTool makes m the tool the analysis is about.
func (e *Engine) setTool(a *Analysis, m toolMatch) {
	a.Typo = m.typo
	a.System, a.Catalogue = -1, -1
	if m.ref.inInventory() {
		a.System = m.ref.system
		a.Tool = e.inv.Systems[m.ref.system].Name
	} else {
		a.Catalogue = m.ref.cat
		a.Tool = Catalogue[m.ref.cat].Name
	}
}

// DoubtReason is a weak signal of personal information.
type DoubtReason string

// The weak signals.
const (
	DoubtName  DoubtReason = "name"  // a first name or initials without context
	DoubtTopic DoubtReason = "topic" // a sensitive matter without a person
)

// inside reports whether match m lies within one of the spans (of words).
func inside(m phraseMatch, spans [][2]int) bool {
	for _, s := range spans {
		if s[0] <= m.start && m.end <= s[1] {
			return true
		}
	}
	return false
}

// Analyze reads a question. It is safe for concurrent use.
func (e *Engine) Analyze(q string) Analysis { return e.AnalyzeTokens(q, text.Tokenize(q)) }

// AnalyzeTokens is Analyze for a caller that has tokenised q already (toks is
// text.Tokenize(q), not modified here).
func (e *Engine) AnalyzeTokens(q string, toks []text.Token) Analysis {
	a := Analysis{System: -1, Catalogue: -1, Use: -1}
	named := tools(q, toks, e.tools.findAll(toks))
	hasTool := len(named) > 0
	if hasTool {
		e.setTool(&a, named[0])
		a.others = named[1:]
	}
	inTool := func(i int) bool {
		for _, m := range named {
			if i >= m.start && i < m.end {
				return true
			}
		}
		return false
	}
	level := schoolLevels(toks)
	words := make([]word, 0, len(toks))
	for i, t := range toks {
		if !phraseWord(t) || inTool(i) || level[i] || okWord(toks, i) {
			continue
		}
		words = append(words, word{tok: i, keys: e.stems(t)})
	}
	matches := e.phrases.find(words)
	// A negated mention is no use either: "it has no grades" asks nothing about grading.
	asserted := make([]phraseMatch, 0, len(matches))
	for _, m := range matches {
		if !negatedBefore(toks, words[m.start].tok) {
			asserted = append(asserted, m)
		}
	}
	a.Uses = rankUses(asserted, words, e.phrases.df)
	if len(a.Uses) > 0 {
		a.Use = a.Uses[0]
	}

	kinds := map[PIIKind]bool{}
	topics := map[PIIKind]bool{}
	var notPersonal [][2]int
	for _, m := range matches {
		for _, t := range m.targets {
			if t.notPersonal {
				notPersonal = append(notPersonal, [2]int{m.start, m.end})
			}
		}
	}
	for _, m := range matches {
		first, last := words[m.start].tok, words[m.end-1].tok
		if negated(toks, first, last) || answeredNo(q, toks, last) || inside(m, notPersonal) {
			continue
		}
		for _, t := range m.targets {
			switch {
			case t.pii == "":
			case t.topic:
				topics[t.pii] = true
			default:
				kinds[t.pii] = true
			}
		}
	}
	if possessiveName(toks) {
		kinds[PIIName] = true
	}
	found := e.personal.FindTokens(q, toks)
	for _, m := range named {
		// A tool, even written with a typo ("Chatgtp"), is not a name.
		from, to := toks[m.start].Start, toks[m.end-1].End
		found = slices.DeleteFunc(found, func(f text.Finding) bool {
			return f.Kind == PIIName && f.Start < to && f.End > from
		})
	}
	redact, weak := false, false
	for _, f := range found {
		if f.Strength == text.Strong {
			kinds[f.Kind] = true
		}
		redact = redact || f.Strength >= text.Weak
		weak = weak || f.Strength == text.Weak && (f.Kind == PIIName || f.Kind == PIIGrades)
	}
	// A sensitive matter is personal information about an identifiable person: named,
	// or spoken of as one (« un élève », "my colleague"); alone it is a reason to doubt.
	if len(topics) > 0 {
		if kinds[PIIName] || text.PersonRef(toks) {
			for k := range topics {
				kinds[k] = true
			}
		} else if len(topics) > 1 || !topics[PIIGrades] {
			a.Doubt = append(a.Doubt, DoubtTopic)
		}
	}
	if weak && !kinds[PIIName] {
		a.Doubt = append(a.Doubt, DoubtName)
	}
	for _, k := range PIIKinds {
		if kinds[k] {
			a.Personal = append(a.Personal, k)
		}
	}
	// Whatever the detector found is masked, weak findings included, so that a name
	// the rules were unsure of is not kept either; a question without findings is kept
	// as typed.
	a.Redacted = strings.TrimSpace(q)
	if redact || len(a.Personal) > 0 {
		a.Redacted = strings.TrimSpace(text.Redact(q, found, placeholder))
	}
	if l, _ := text.LanguageTokens(q, toks); l != "" { // DetectLanguage, on these tokens
		a.Lang = i18n.Lang(l)
	}
	a.Intent = intentOf(toks, hasTool, a.Use >= 0)
	return a
}

// negated reports whether a personal-data mention over toks[first..last] is negated:
// a negation shortly before ("sans nom", "no student names", "n'inclut aucun
// bulletin") or an anonymising word next to it ("notes anonymisées", "generic report
// card comments").
func negated(toks []text.Token, first, last int) bool {
	if negatedBefore(toks, first) {
		return true
	}
	for i := first - 1; i >= 0 && i >= first-2; i-- {
		if anonymised[toks[i].Fold] {
			return true
		}
	}
	for i := last + 1; i < len(toks) && i <= last+2; i++ {
		if anonymised[toks[i].Fold] {
			return true
		}
	}
	return false
}

// negatedBefore reports a negation shortly before toks[first]. A negation carries over
// a list: in "no student names or personal info" and « sans nom ni note », each item
// after the negation is negated.
func negatedBefore(toks []text.Token, first int) bool {
	from := first - 3
	for i := first - 1; i >= 0 && i >= from; i-- {
		if toks[i].Neg {
			return true
		}
		if coordinators[toks[i].Fold] {
			from = max(0, min(from, i-5)) // look past the previous item of the list
		}
	}
	return false
}

// schoolLevels marks the words that name a school level: "grade 6", "6th grade",
// « 5e année », « secondaire 3 », "grade level". A level is neither grading nor a grade
// of a person.
func schoolLevels(toks []text.Token) []bool {
	var out []bool
	for i, t := range toks {
		if !levelWords[t.Fold] {
			continue
		}
		next := i+1 < len(toks) && (ordinal(toks[i+1].Fold) || toks[i+1].Fold == "level" || toks[i+1].Fold == "levels")
		prev := i > 0 && ordinal(toks[i-1].Fold)
		if next || prev {
			if out == nil {
				out = make([]bool, len(toks))
			}
			out[i] = true
		}
	}
	if out == nil {
		return make([]bool, len(toks))
	}
	return out
}

var levelWords = set("grade", "grades", "year", "secondaire", "sec", "annee", "niveau", "cycle", "primaire", "secondary", "form")

// ordinal reports a number or an ordinal: "6", "6th", « 5e », « 1re », « 1er ».
func ordinal(f string) bool {
	n := 0
	for n < len(f) && f[n] >= '0' && f[n] <= '9' {
		n++
	}
	if n == 0 || n > 2 {
		return false
	}
	switch f[n:] {
	case "", "e", "er", "re", "eme", "st", "nd", "rd", "th":
		return true
	}
	return false
}

// okWord reports « correct » meaning "fine" (« c'est correct », « était correct »,
// "is it correct"), which asks for no correction.
func okWord(toks []text.Token, i int) bool {
	f := toks[i].Fold
	if f != "correct" && f != "correcte" || i == 0 {
		return false
	}
	return beForms[toks[i-1].Fold] || i > 1 && beForms[toks[i-2].Fold] && (toks[i-1].Fold == "tu" || toks[i-1].Fold == "ca" || toks[i-1].Fold == "it")
}

var beForms = set("est", "etait", "serait", "sont", "c", "is", "was", "be", "seems", "semble", "ok")

// answeredNo reports a checklist line that answers no to the mention it ends on:
// « Renseignements personnels : aucun », "Student names: no", "PII - none".
func answeredNo(q string, toks []text.Token, last int) bool {
	if last+1 >= len(toks) {
		return false
	}
	sep := strings.TrimSpace(q[toks[last].End:toks[last+1].Start])
	return (sep == ":" || sep == "-" || sep == "—" || sep == "=" || sep == "?") && noAnswers[toks[last+1].Fold]
}

var noAnswers = set("non", "aucun", "aucune", "aucuns", "aucunes", "no", "none", "nope", "nil", "pas", "jamais", "never", "sans", "without", "0", "zero")

// possessiveName reports people's names spoken of with a possessive, not negated:
// « avec leurs noms », « en mettant leur nom », "with their names". (The lexicon cannot
// hold these: it skips function words, and a bare « noms » is no one's.)
func possessiveName(toks []text.Token) bool {
	for i := 1; i < len(toks); i++ {
		switch toks[i].Fold {
		case "nom", "noms", "name", "names":
		default:
			continue
		}
		switch toks[i-1].Fold {
		case "leur", "leurs", "their", "his", "her":
			if !negated(toks, i-1, i) {
				return true
			}
		}
	}
	return false
}
