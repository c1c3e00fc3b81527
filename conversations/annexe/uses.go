package annexe

import (
	"context"
	"fmt"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
)

// Choice is one usage type offered to the requester.
type Choice struct {
	ID    string
	Label string
}

// UseCatalog offers the usage types of the inventory (6.1), in lang, in inventory
// order. Without one, or when it offers none, the requester describes the uses in
// their own words.
type UseCatalog interface {
	Uses(ctx context.Context, lang i18n.Lang) ([]Choice, error)
}

// UseMatcher finds the taxonomy uses that free words name, by the uses' keywords
// (fr/en, stemmed): the policy engine's matcher, so the dialog and the Q&A read uses
// the same way. It returns use ids, best first; none when the words match nothing.
type UseMatcher interface {
	MatchUses(ctx context.Context, words string) ([]string, error)
}

// view is what rendering needs for one turn: the language and the usage types offered.
type view struct {
	lang i18n.Lang
	uses []Choice
	// match finds catalogue uses for free words; nil without a matcher.
	match func(words string) []string
}

const (
	maxUses     = 20
	maxUseLabel = 80
)

// view reads the catalogue once for the turn.
func (f *Feature) view(ctx context.Context, lang i18n.Lang) (view, error) {
	v := view{lang: lang}
	if f.Catalog == nil {
		return v, nil
	}
	uses, err := f.Catalog.Uses(ctx, lang)
	if err != nil {
		return v, fmt.Errorf("use catalogue: %w", err)
	}
	v.uses = uses
	if f.Matcher != nil && len(uses) > 0 {
		v.match = func(words string) []string {
			ids, err := f.Matcher.MatchUses(ctx, words)
			if err != nil {
				// A guess, not a rule: without it the words stay a proposed use.
				f.Log.Warn("annexe: match uses", "err", err)
				return nil
			}
			return ids
		}
	}
	return v, nil
}

var (
	listSep = regexp.MustCompile(`[,;\n]+`)
	andSep  = regexp.MustCompile(`(?i)\s+(?:et|and|ou|or|ainsi que|as well as)\s+`)
	// leadingAnd is a conjunction that starts a list's item.
	leadingAnd = regexp.MustCompile(`(?i)^(?:et|and|ou|or|ainsi que|as well as)\s+`)
)

// usePart is one use of an answer: a catalogue id, or words for a use the inventory
// does not list (a proposed use), with the catalogue uses those words' keywords match.
type usePart struct {
	Value string   `json:"v"`
	Guess []string `json:"g,omitempty"`
}

// readUses reads usage types: numbers or labels of the catalogue, ids, or free labels
// for a use the inventory does not list yet (the request may be about one). Stored as
// a comma-separated list, ids for the catalogue's. Free words that match catalogue uses
// by their keywords (match) come back as parts with a guess, to be confirmed first.
func readUses(catalog []Choice, match func(string) []string, text string) (string, []msg, *msg, []usePart) {
	value, notes, bad, parts := readUseParts(catalog, match, text)
	for _, p := range parts {
		if len(p.Guess) > 0 {
			return "", nil, nil, parts
		}
	}
	return value, notes, bad, nil
}

func readUseParts(catalog []Choice, match func(string) []string, text string) (string, []msg, *msg, []usePart) {
	var (
		out   []string
		parts []usePart
		notes []msg
		seen  = map[string]bool{}
	)
	add := func(v string) bool {
		if seen[v] {
			return false
		}
		seen[v] = true
		out = append(out, v)
		parts = append(parts, usePart{Value: v})
		return true
	}
	for _, piece := range listSep.Split(text, -1) {
		piece = strings.TrimSpace(piece)
		if piece == "" {
			continue
		}
		if id, ok := matchUse(catalog, piece); ok {
			add(id)
			continue
		}
		// "rédaction et traduction" names two uses unless one label says it whole.
		for _, part := range andSep.Split(piece, -1) {
			part = strings.Trim(strings.TrimSpace(part), ".")
			// ", and lesson planning": a list's last item keeps its conjunction.
			part = strings.TrimSpace(leadingAnd.ReplaceAllString(part, ""))
			if part == "" {
				continue
			}
			if n, err := strconv.Atoi(part); err == nil {
				if len(catalog) == 0 {
					return "", nil, &msg{"annexe.error.uses.words", nil}, nil
				}
				if n < 1 || n > len(catalog) {
					return "", nil, &msg{"annexe.error.uses.number", map[string]any{"N": n, "Max": len(catalog)}}, nil
				}
				add(catalog[n-1].ID)
				continue
			}
			if id, ok := matchUse(catalog, part); ok {
				add(id)
				continue
			}
			if utf8.RuneCountInString(part) > maxUseLabel {
				return "", nil, &msg{"annexe.error.uses.too_long", map[string]any{"Max": maxUseLabel}}, nil
			}
			if add(part) && match != nil {
				parts[len(parts)-1].Guess = match(part)
			}
			if len(catalog) > 0 {
				notes = append(notes, msg{"annexe.note.uses.free", map[string]any{"Label": part}})
			}
		}
	}
	switch {
	case len(out) == 0:
		return "", nil, &msg{"annexe.error.empty", map[string]any{}}, nil
	case len(out) > maxUses:
		return "", nil, &msg{"annexe.error.uses.too_many", map[string]any{"Max": maxUses}}, nil
	}
	return strings.Join(out, ","), notes, nil, parts
}

func matchUse(catalog []Choice, s string) (string, bool) {
	folded := text.FoldWords(s)
	for _, c := range catalog {
		if folded == text.FoldWords(c.Label) || folded == c.ID {
			return c.ID, true
		}
	}
	return "", false
}

// useLabels shows stored uses in lang: catalogue labels for ids, free labels as typed.
func (v view) useLabels(value string) string {
	catalog := v.uses
	var out []string
	for _, u := range requests.SplitList(value) {
		label := u
		for _, c := range catalog {
			if c.ID == u {
				label = c.Label
			}
		}
		out = append(out, label)
	}
	return strings.Join(out, ", ")
}

// guessed lists the catalogue uses the parts' words matched, once each, in order.
func guessed(parts []usePart) []string {
	var ids []string
	for _, p := range parts {
		for _, id := range p.Guess {
			if !slices.Contains(ids, id) {
				ids = append(ids, id)
			}
		}
	}
	return ids
}

// confirmLine asks whether the matched uses are meant: « Vous voulez dire : 6.
// Planification de cours, 19. Différenciation ? (oui / non / numéros) ».
func (v view) confirmLine(parts []usePart) string {
	var items []string
	for _, id := range guessed(parts) {
		for i, c := range v.uses {
			if c.ID == id {
				items = append(items, fmt.Sprintf("%d. %s", i+1, c.Label))
			}
		}
	}
	return i18n.T(v.lang, "annexe.uses.confirm", map[string]any{"Uses": strings.Join(items, ", ")})
}

// confirmUses reads the answer to confirmLine: yes keeps the matched uses, no keeps
// the words as proposed uses, numbers of the catalogue replace the matched words.
// Parts that matched nothing stay proposed uses either way. ok is false for any other
// answer, which is then read as a new answer to the uses question.
func confirmUses(catalog []Choice, parts []usePart, folded string) (value string, notes []msg, ok bool) {
	var out []string
	add := func(v string) {
		if !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	free := func(p usePart) {
		add(p.Value)
		notes = append(notes, msg{"annexe.note.uses.free", map[string]any{"Label": p.Value}})
	}
	switch {
	case yesPhrases.Exact(folded):
		for _, p := range parts {
			if len(p.Guess) == 0 {
				if slices.ContainsFunc(catalog, func(c Choice) bool { return c.ID == p.Value }) {
					add(p.Value)
				} else {
					free(p)
				}
				continue
			}
			for _, id := range p.Guess {
				add(id)
			}
		}
	case noPhrases.Exact(folded):
		for _, p := range parts {
			if len(p.Guess) == 0 && slices.ContainsFunc(catalog, func(c Choice) bool { return c.ID == p.Value }) {
				add(p.Value)
			} else {
				free(p)
			}
		}
	default:
		picked, good := pickNumbers(catalog, folded)
		if !good {
			return "", nil, false
		}
		placed := false
		for _, p := range parts {
			switch {
			case len(p.Guess) > 0 && !placed:
				placed = true
				for _, id := range picked {
					add(id)
				}
			case len(p.Guess) > 0:
			case slices.ContainsFunc(catalog, func(c Choice) bool { return c.ID == p.Value }):
				add(p.Value)
			default:
				free(p)
			}
		}
	}
	return strings.Join(out, ","), notes, true
}

// pickNumbers reads a list of catalogue numbers only ("6, 19", "6 et 19").
func pickNumbers(catalog []Choice, folded string) ([]string, bool) {
	var ids []string
	for _, f := range strings.FieldsFunc(folded, func(r rune) bool { return r == ',' || r == ';' || r == ' ' }) {
		if f == "et" || f == "and" {
			continue
		}
		n, err := strconv.Atoi(strings.TrimSuffix(f, "."))
		if err != nil || n < 1 || n > len(catalog) {
			return nil, false
		}
		ids = append(ids, catalog[n-1].ID)
	}
	return ids, len(ids) > 0
}
