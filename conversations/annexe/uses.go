package annexe

import (
	"context"
	"fmt"
	"regexp"
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

// view is what rendering needs for one turn: the language and the usage types offered.
type view struct {
	lang i18n.Lang
	uses []Choice
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
	return v, nil
}

var (
	listSep = regexp.MustCompile(`[,;\n]+`)
	andSep  = regexp.MustCompile(`\s+(?:et|and|ou|or)\s+`)
	// leadingAnd is a conjunction that starts a list's item.
	leadingAnd = regexp.MustCompile(`(?i)^(?:et|and|ou|or)\s+`)
)

// readUses reads usage types: numbers or labels of the catalogue, ids, or free labels
// for a use the inventory does not list yet (the request may be about one). Stored as
// a comma-separated list, ids for the catalogue's.
func readUses(catalog []Choice, text string) (string, []msg, *msg) {
	var (
		out   []string
		notes []msg
		seen  = map[string]bool{}
	)
	add := func(v string) {
		if !seen[v] {
			seen[v] = true
			out = append(out, v)
		}
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
					return "", nil, &msg{"annexe.error.uses.words", nil}
				}
				if n < 1 || n > len(catalog) {
					return "", nil, &msg{"annexe.error.uses.number", map[string]any{"N": n, "Max": len(catalog)}}
				}
				add(catalog[n-1].ID)
				continue
			}
			if id, ok := matchUse(catalog, part); ok {
				add(id)
				continue
			}
			if utf8.RuneCountInString(part) > maxUseLabel {
				return "", nil, &msg{"annexe.error.uses.too_long", map[string]any{"Max": maxUseLabel}}
			}
			add(part)
			if len(catalog) > 0 {
				notes = append(notes, msg{"annexe.note.uses.free", map[string]any{"Label": part}})
			}
		}
	}
	switch {
	case len(out) == 0:
		return "", nil, &msg{"annexe.error.empty", map[string]any{}}
	case len(out) > maxUses:
		return "", nil, &msg{"annexe.error.uses.too_many", map[string]any{"Max": maxUses}}
	}
	return strings.Join(out, ","), notes, nil
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
