package workflow

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/cssdgs/iagbot/bot/text"
)

// NameMatch tells how a name typed in a request designates a system of the inventory:
// exactly (its name, id or an alias, compared without case, accents or punctuation),
// or with one typo (one letter added, missing, wrong or two swapped) in a name of five
// letters or more. A request naming a system the inventory has is a request for uses
// of that system (6.1).
func NameMatch(typed string, names []string) (exact, typo bool) {
	want := text.Compact(typed)
	if want == "" {
		return false, false
	}
	for _, n := range names {
		c := text.Compact(n)
		if c == want {
			return true, false
		}
		if len([]rune(c)) >= 5 && len([]rune(want)) >= 5 && oneEdit(want, c) {
			typo = true
		}
	}
	return false, typo
}

// oneEdit reports whether a and b differ by one insertion, deletion, substitution or
// transposition of adjacent letters.
func oneEdit(a, b string) bool {
	x, y := []rune(a), []rune(b)
	if len(x) > len(y) {
		x, y = y, x
	}
	switch len(y) - len(x) {
	case 0:
		var diff []int
		for i := range x {
			if x[i] != y[i] {
				diff = append(diff, i)
			}
		}
		switch len(diff) {
		case 1:
			return true
		case 2:
			i, j := diff[0], diff[1]
			return j == i+1 && x[i] == y[j] && x[j] == y[i]
		}
		return false
	case 1:
		i := 0
		for i < len(x) && x[i] == y[i] {
			i++
		}
		return string(x[i:]) == string(y[i+1:])
	}
	return false
}

var (
	parenthesised = regexp.MustCompile(`\s*[(\[][^)\]]*[)\]]`)
	// versionWord is a word that qualifies a version rather than names the system;
	// "Plus", "Pro" or "Édu" name another offer, often another system ("ChatGPT Édu").
	versionWord = regexp.MustCompile(`(?i)^(v?\d+([.,]\d+)*[a-z]?|version|versions|edition|édition|beta|bêta|preview|gratuit|gratuite|free)$`)
	aiSuffix    = regexp.MustCompile(`(?i)^(ai|ia|a\.i\.|i\.a\.)$`)
)

// ProposedAliases are the short names people use for a new system, derived from its
// name: without the parenthesised qualifiers, without version words (after the first
// word), and without an "AI"/"IA" suffix. "MagicSchool AI (version gratuite pour
// enseignants)" gives "MagicSchool AI" and "MagicSchool". The name itself and names
// of fewer than three letters are left out; the approval form lets the reviewer edit
// them.
func ProposedAliases(name string) []string {
	var out []string
	seen := map[string]bool{text.Compact(name): true}
	add := func(words []string) {
		a := strings.Join(words, " ")
		if c := text.Compact(a); len([]rune(c)) >= 3 && !seen[c] {
			seen[c] = true
			out = append(out, a)
		}
	}
	words := strings.Fields(parenthesised.ReplaceAllString(name, " "))
	add(words)
	for len(words) > 1 && versionWord.MatchString(words[len(words)-1]) {
		words = words[:len(words)-1]
		add(words)
	}
	if len(words) > 1 && aiSuffix.MatchString(words[len(words)-1]) {
		add(words[:len(words)-1])
	}
	return out
}

// Classification is what an administrator's « reclasser » changes of a system (6.1,
// 3.7–3.10, 5.1.12); an empty field (nil for Open and Specialized) is left as it is.
type Classification struct {
	Kind        string // public | private
	Hosting     string // quebec | canada | foreign
	Vendor      string
	Open        *bool
	Specialized *bool
}

// Empty reports a classification that changes nothing.
func (c Classification) Empty() bool {
	return c.Kind == "" && c.Hosting == "" && c.Vendor == "" && c.Open == nil && c.Specialized == nil
}

// ClassificationOf is the classification of s.
func ClassificationOf(s System) Classification {
	return Classification{Kind: s.Kind, Hosting: s.Hosting, Vendor: s.Vendor, Open: s.Open, Specialized: s.Specialized}
}

// Apply returns s with the fields c sets.
func (c Classification) Apply(s System) System {
	if c.Kind != "" {
		s.Kind = c.Kind
	}
	if c.Hosting != "" {
		s.Hosting = c.Hosting
	}
	if c.Vendor != "" {
		s.Vendor = c.Vendor
	}
	if c.Open != nil {
		s.Open = c.Open
	}
	if c.Specialized != nil {
		s.Specialized = c.Specialized
	}
	return s
}

// String lists every field ("kind=public, open=-, …").
func (c Classification) String() string {
	f := c.fields()
	return fmt.Sprintf("kind=%s, open=%s, specialized=%s, vendor=%s, hosting=%s", f[0], f[1], f[2], f[3], f[4])
}

func (c Classification) fields() [5]string {
	b := func(p *bool) string {
		if p == nil {
			return "-"
		}
		if *p {
			return "yes"
		}
		return "no"
	}
	return [5]string{c.Kind, b(c.Open), b(c.Specialized), c.Vendor, c.Hosting}
}

// Changes is every field from → to, as the audit log keeps a reclassification
// ("kind: public → private, open: - → -, …").
func Changes(from, to Classification) string {
	names := [5]string{"kind", "open", "specialized", "vendor", "hosting"}
	f, t := from.fields(), to.fields()
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = n + ": " + f[i] + " → " + t[i]
	}
	return strings.Join(parts, ", ")
}
