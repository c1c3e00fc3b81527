package text

import (
	_ "embed"
	"strings"
	"sync"
)

// gazetteerFile lists first names and surnames common in Québec and in French and
// English (see internal/gengazetteer for its sources and licences).
//
//go:embed gazetteer.txt
var gazetteerFile string

// nameTag says what a known name is.
type nameTag struct {
	first, surname bool
	// word is set when the name is also an ordinary word (« rose », "hope"): it is
	// then a name only when capitalised or introduced as one.
	word bool
}

// gazetteer maps names in lower case, with their accents and folded, to their tags.
// A folded form is an ordinary word only if each spelling of it is.
var gazetteer = sync.OnceValue(func() map[string]nameTag {
	m := make(map[string]nameTag, 6000)
	folded := make(map[string]nameTag, 1000)
	for line := range strings.SplitSeq(gazetteerFile, "\n") {
		name, tags, ok := strings.Cut(line, " ")
		if !ok || strings.HasPrefix(line, "#") {
			continue
		}
		t := nameTag{first: strings.Contains(tags, "f"), surname: strings.Contains(tags, "s"), word: strings.Contains(tags, "w")}
		m[name] = t
		if f := Fold(name); f != name {
			old, seen := folded[f]
			if seen {
				t = nameTag{first: t.first || old.first, surname: t.surname || old.surname, word: t.word && old.word}
			}
			folded[f] = t
		}
	}
	for f, t := range folded {
		if _, exact := m[f]; !exact {
			m[f] = t
		}
	}
	return m
})

// knownName returns what a word is as a name, looked up by its lower-case form, then
// folded.
func knownName(t Token) (nameTag, bool) {
	g := gazetteer()
	if tag, ok := g[t.Lower]; ok {
		return tag, true
	}
	tag, ok := g[t.Fold]
	return tag, ok
}
