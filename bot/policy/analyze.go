package policy

import (
	"sort"
	"strings"
	"unicode"

	"github.com/cssdgs/iagbot/bot/i18n"
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
}

// Analyze reads a question. It is safe for concurrent use.
func (e *Engine) Analyze(q string) Analysis {
	toks := Tokenize(q)
	a := Analysis{System: -1, Catalogue: -1, Use: -1}
	tm, hasTool := e.tools.find(toks)
	if hasTool {
		a.Typo = tm.typo
		if tm.ref.inInventory() {
			a.System = tm.ref.system
			a.Tool = e.inv.Systems[tm.ref.system].Name
		} else {
			a.Catalogue = tm.ref.cat
			a.Tool = Catalogue[tm.ref.cat].Name
		}
	}
	words := make([]word, 0, len(toks))
	for i, t := range toks {
		if !phraseWord(t) || (hasTool && i >= tm.start && i < tm.end) {
			continue
		}
		words = append(words, word{tok: i, keys: e.stems(t)})
	}
	matches := e.phrases.find(words)
	a.Uses = rankUses(matches, words, e.phrases.df)
	if len(a.Uses) > 0 {
		a.Use = a.Uses[0]
	}

	kinds := map[PIIKind]bool{}
	inPhrase := make([]bool, len(toks))
	for _, m := range matches {
		first, last := words[m.start].tok, words[m.end-1].tok
		for i := first; i <= last; i++ {
			inPhrase[i] = true
		}
		if negated(toks, first, last) {
			continue
		}
		for _, t := range m.targets {
			if t.pii != "" {
				kinds[t.pii] = true
			}
		}
	}
	var spans []span
	digits, at := strings.ContainsAny(q, "0123456789"), strings.IndexByte(q, '@') >= 0
	for _, p := range piiPatterns {
		// Every pattern needs a digit, or an "@" for e-mail: most questions skip them all.
		if (p.kind == PIIEmail && !at) || (p.kind != PIIEmail && !digits) {
			continue
		}
		for _, loc := range p.re.FindAllStringIndex(q, -1) {
			kinds[p.kind] = true
			spans = append(spans, span{loc[0], loc[1], placeholders[p.kind]})
		}
	}
	names := e.names(q, toks, inPhrase, hasTool, tm)
	if len(names) > 0 {
		kinds[PIIName] = true
		spans = append(spans, names...)
	}
	for _, k := range PIIKinds {
		if kinds[k] {
			a.Personal = append(a.Personal, k)
		}
	}
	a.Redacted = strings.TrimSpace(q)
	if len(a.Personal) > 0 {
		a.Redacted = redact(q, toks, spans, e.known)
	}
	a.Lang = detectLang(toks)
	a.Intent = intentOf(toks, hasTool, a.Use >= 0)
	return a
}

// negated reports whether a personal-data mention over toks[first..last] is negated:
// a negation shortly before ("sans nom", "no student names", "n'inclut aucun
// bulletin") or an anonymising word next to it ("notes anonymisées", "generic report
// card comments").
func negated(toks []Token, first, last int) bool {
	for i := first - 1; i >= 0 && i >= first-3; i-- {
		if toks[i].Neg || (i >= first-2 && anonymised[toks[i].Fold]) {
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

// span is a part of the question to replace when redacting.
type span struct {
	start, end  int
	placeholder string
}

// names finds people's names: a capitalised word right after a word that introduces
// a person ("l'élève Léa", "Mme Tremblay", "student Liam"), and two capitalised words
// in a row after "de", "of", "pour"… ("le bulletin de Léa Tremblay"). Tool, vendor,
// keyword and other known words are never names.
func (e *Engine) names(q string, toks []Token, inPhrase []bool, hasTool bool, tm toolMatch) []span {
	var out []span
	candidate := func(i int) bool {
		t := toks[i]
		return t.Cap && !t.Stop && !inPhrase[i] && !(hasTool && i >= tm.start && i < tm.end) &&
			!e.known[t.Fold] && !personNouns[t.Fold] && isTitleWord(q[t.Start:t.End])
	}
	for i := range toks {
		if !candidate(i) {
			continue
		}
		afterPerson := i > 0 && personNouns[toks[i-1].Fold] && toks[i].Elision == ""
		introduced := nameIntroducers[toks[i].Elision] || (i > 0 && toks[i].Elision == "" && nameIntroducers[toks[i-1].Fold])
		pair := i+1 < len(toks) && candidate(i+1) && introduced && !sentenceStart(q, toks[i].Start)
		if afterPerson || pair {
			out = append(out, span{toks[i].Start, toks[i].End, placeholders[PIIName]})
			if i+1 < len(toks) && candidate(i+1) {
				out = append(out, span{toks[i+1].Start, toks[i+1].End, placeholders[PIIName]})
			}
		}
	}
	return out
}

// isTitleWord reports a word written Like-This: a capital then at least one small
// letter, so that acronyms (IEP, TDAH, PDF) are not taken for names.
func isTitleWord(w string) bool {
	for i, r := range w {
		if i > 0 && unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// sentenceStart reports whether the byte at pos begins a sentence, where any word
// takes a capital.
func sentenceStart(q string, pos int) bool {
	s := strings.TrimRightFunc(q[:pos], func(r rune) bool {
		return unicode.IsSpace(r) || r == '«' || r == '"' || r == '“' || r == '(' || r == '\'' || r == '’'
	})
	if s == "" {
		return true
	}
	last := s[len(s)-1]
	return last == '.' || last == '!' || last == '?' || last == ':' || last == ';' || last == '\n'
}

// redact replaces the spans, and every word with a digit or an unknown capitalised
// word in mid-sentence (a date, a file number, a name the heuristics missed), by
// placeholders. Over-redacting is harmless: the redacted form only goes to logs.
func redact(q string, toks []Token, spans []span, known map[string]bool) string {
	for _, t := range toks {
		w := q[t.Start:t.End]
		switch {
		case strings.ContainsFunc(w, unicode.IsDigit):
			spans = append(spans, span{t.Start, t.End, numberPlaceholder})
		case t.Cap && !t.Stop && !known[t.Fold] && !personNouns[t.Fold] && isTitleWord(w) && !sentenceStart(q, t.Start):
			spans = append(spans, span{t.Start, t.End, placeholders[PIIName]})
		}
	}
	sort.Slice(spans, func(i, j int) bool {
		if spans[i].start != spans[j].start {
			return spans[i].start < spans[j].start
		}
		return spans[i].end > spans[j].end
	})
	var b strings.Builder
	pos := 0
	for _, s := range spans {
		if s.start < pos {
			continue // inside a span already replaced (a phone number's digits)
		}
		b.WriteString(q[pos:s.start])
		b.WriteString(s.placeholder)
		pos = s.end
	}
	b.WriteString(q[pos:])
	return strings.TrimSpace(b.String())
}
