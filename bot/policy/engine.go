// Package policy answers "may I use tool X for purpose Y?" from the inventory of
// procedure 30-02 (art. 6.1) and its rules (art. 6.2, 5.1.6–5.1.11, 8).
//
// An Engine is built once from an inventory: it indexes the names of the systems, the
// built-in Catalogue of public tools, and the stemmed keywords of the uses and of
// personal data. Evaluate then reads a question in French or English (accents, case,
// elisions, inflections, a typo in a tool name), applies the nine rules in their order
// and returns a Result; Answer and Why turn a Result into text in either language.
//
// Privacy: a Result carries the question only in its Redacted form. Callers log and
// store Redacted, never the raw question, whenever Result.PersonalData is true.
package policy

import (
	"sync"
	"sync/atomic"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/text"
)

// Engine evaluates questions against one inventory. It is immutable once built and
// safe for concurrent use; build a new one (or use Live) when the inventory changes.
type Engine struct {
	inv     *inventory.Inventory
	tools   *toolIndex
	phrases *phraseIndex
	// personal finds personal data; it knows tool, system and vendor names, keywords
	// and personal-data phrases as words that are not people's names.
	personal *text.Detector
	// allowed lists the approved systems per use, in the order offered as alternatives.
	allowed allowedIndex
	// useIndex maps a use id to its index in inv.Uses.
	useIndex map[string]int
}

// NewEngine indexes inv. The engine keeps its own copy, so later changes to inv do
// not affect it. A nil inventory gives an engine that knows only the catalogue.
func NewEngine(inv *inventory.Inventory) *Engine {
	if inv == nil {
		inv = &inventory.Inventory{Version: inventory.Version}
	}
	inv = inv.Clone()
	e := &Engine{inv: inv, tools: newToolIndex(inv), phrases: &phraseIndex{},
		allowed: newAllowedIndex(inv), useIndex: map[string]int{}}
	known := append([]string(nil), knownCapitalised...)
	addKnown := func(ss ...string) { known = append(known, ss...) }
	for _, t := range Catalogue {
		addKnown(t.Name, t.Vendor)
		addKnown(t.Aliases...)
	}
	for _, s := range inv.Systems {
		addKnown(s.Name, s.Vendor)
		addKnown(s.Aliases...)
	}
	for i, u := range inv.Uses {
		e.useIndex[u.ID] = i
		for _, k := range u.Keywords.FR {
			e.phrases.add(k, "fr", target{use: i})
		}
		for _, k := range u.Keywords.EN {
			e.phrases.add(k, "en", target{use: i})
		}
		addKnown(u.Keywords.FR...)
		addKnown(u.Keywords.EN...)
		addKnown(u.Label.FR, u.Label.EN)
	}
	e.warmStems()
	for _, kind := range PIIKinds {
		p := text.Lexicon[kind]
		for _, k := range p[0] {
			e.phrases.add(k, "fr", target{use: -1, pii: kind})
		}
		for _, k := range p[1] {
			e.phrases.add(k, "en", target{use: -1, pii: kind})
		}
		addKnown(p[0]...)
		addKnown(p[1]...)
	}
	for kind, p := range text.Topics {
		for _, k := range p[0] {
			e.phrases.add(k, "fr", target{use: -1, pii: kind, topic: true})
		}
		for _, k := range p[1] {
			e.phrases.add(k, "en", target{use: -1, pii: kind, topic: true})
		}
		addKnown(p[0]...)
		addKnown(p[1]...)
	}
	for _, k := range text.NotPersonal[0] {
		e.phrases.add(k, "fr", target{use: -1, notPersonal: true})
	}
	for _, k := range text.NotPersonal[1] {
		e.phrases.add(k, "en", target{use: -1, notPersonal: true})
	}
	e.personal = text.NewDetector(known...)
	return e
}

// Inventory returns the engine's inventory. Callers must not change it.
func (e *Engine) Inventory() *inventory.Inventory { return e.inv }

// stems returns the match keys of a question word (memoised by bot/text: the
// Snowball stemmers are the costliest step of an evaluation).
func (e *Engine) stems(t text.Token) []string { return text.Stems(t.Lower, t.Fold) }

// commonWords are frequent question words, stemmed in advance with the keywords so
// that the first questions after start-up do not pay for the stemmer.
var commonWords = []string{"utiliser", "utilise", "aider", "faire", "créer", "générer", "écrire",
	"use", "using", "help", "make", "create", "generate", "write", "allowed", "approved", "permis",
	"approuvé", "texte", "text", "document", "classe", "class", "élèves", "students", "parents"}

// warmStems fills the stem cache with the words of the keywords and common question
// words.
func (e *Engine) warmStems() {
	warm := func(s string) {
		for _, t := range text.Tokenize(s) {
			if phraseWord(t) {
				e.stems(t)
			}
		}
	}
	for _, u := range e.inv.Uses {
		for _, k := range append(append([]string(nil), u.Keywords.FR...), u.Keywords.EN...) {
			warm(k)
		}
	}
	for _, w := range commonWords {
		warm(w)
	}
}

// Live holds the current engine and swaps in a new one when the inventory changes;
// evaluations in flight finish on the engine they started with.
type Live struct {
	p atomic.Pointer[Engine]
}

// NewLive returns a Live serving an engine for inv.
func NewLive(inv *inventory.Inventory) *Live {
	l := &Live{}
	l.p.Store(NewEngine(inv))
	return l
}

// Engine returns the current engine.
func (l *Live) Engine() *Engine { return l.p.Load() }

// Rebuild indexes inv and makes it the current engine.
func (l *Live) Rebuild(inv *inventory.Inventory) { l.p.Store(NewEngine(inv)) }

// catalogueOnly is an engine without inventory, for DetectPersonalData.
var catalogueOnly = sync.OnceValue(func() *Engine { return NewEngine(nil) })

// DetectPersonalData returns the categories of personal or confidential data that text
// mentions (empty when none) and its redacted form.
func DetectPersonalData(text string) ([]PIIKind, string) {
	a := catalogueOnly().Analyze(text)
	return a.Personal, a.Redacted
}
