package inventory

import (
	"fmt"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/text"
)

// Problem is one thing wrong with an inventory. Line is the line in the file, or 0 when
// the inventory was built in memory.
type Problem struct {
	Line int
	Msg  string
}

// String is "line 12: unknown use id "foo"" (or the message alone without a line).
func (p Problem) String() string {
	if p.Line > 0 {
		return "line " + strconv.Itoa(p.Line) + ": " + p.Msg
	}
	return p.Msg
}

// ValidationError lists every problem of an inventory, sorted by line.
type ValidationError struct {
	Problems []Problem
}

// Error writes one problem per line.
func (e *ValidationError) Error() string {
	s := make([]string, len(e.Problems))
	for i, p := range e.Problems {
		s[i] = p.String()
	}
	return strings.Join(s, "\n")
}

// idPattern keeps ids usable in URLs, card data and the 64-character database key.
var idPattern = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)

// Validate checks an inventory built in memory (or changed after Parse) against the
// rules of the file format and returns a *ValidationError listing every problem, or nil.
func (inv *Inventory) Validate() error { return asError(validate(inv, nil)) }

func asError(p []Problem) error {
	if len(p) == 0 {
		return nil
	}
	return &ValidationError{Problems: p}
}

// positions remembers, for each path of the file ("systems[2].aliases[1]"), the line
// it was read at, and the paths the parser already reported as malformed so that the
// checks below do not report them a second time as missing.
type positions struct {
	lines map[string]int
	bad   map[string]bool
}

// line is the line of path or, when the path was not read, of its nearest parent.
func (p *positions) line(path string) int {
	if p == nil {
		return 0
	}
	for path != "" {
		if l, ok := p.lines[path]; ok {
			return l
		}
		i := strings.LastIndexAny(path, ".[")
		if i < 0 {
			break
		}
		path = path[:i]
	}
	return 1
}

// at formats a reference to another line, or nothing when lines are unknown.
func at(format string, line int) string {
	if line <= 0 {
		return ""
	}
	return fmt.Sprintf(format, line)
}

type checker struct {
	pos   *positions
	probs []Problem
}

func (c *checker) add(path, format string, args ...any) {
	c.probs = append(c.probs, Problem{Line: c.pos.line(path), Msg: fmt.Sprintf(format, args...)})
}

// malformed reports whether the parser already flagged path.
func (c *checker) malformed(path string) bool { return c.pos != nil && c.pos.bad[path] }

func (c *checker) required(path, value, what string) bool {
	if strings.TrimSpace(value) != "" {
		return true
	}
	if !c.malformed(path) {
		c.add(path, "%s is missing", what)
	}
	return false
}

// id checks an id's form and that it is unique: seen holds the ids met so far and
// their line, which the duplicate's message points to.
func (c *checker) id(path, id, what string, seen map[string]int) {
	if c.required(path, id, what) && !idPattern.MatchString(id) {
		c.add(path, "%s %q must be lower-case letters, digits, \"-\" or \"_\" (64 at most)", what, id)
	}
	if id == "" {
		return
	}
	if first, dup := seen[id]; dup {
		c.add(path, "duplicate %s %q%s", what, id, at(" (first at line %d)", first))
		return
	}
	seen[id] = c.pos.line(path)
}

func (c *checker) enum(path, v, what string, valid bool, values string) {
	if c.required(path, v, what) && !valid {
		c.add(path, "%s %q is not one of %s", what, v, values)
	}
}

func validate(inv *Inventory, pos *positions) []Problem {
	c := &checker{pos: pos}
	if inv.Version != Version && !c.malformed("version") {
		if inv.Version == 0 {
			c.add("version", "version is missing (expected %d)", Version)
		} else {
			c.add("version", "version %d is not supported (expected %d)", inv.Version, Version)
		}
	}
	useLine := map[string]int{}
	for i, u := range inv.Uses {
		p := fmt.Sprintf("uses[%d]", i)
		c.id(p+".id", u.ID, "use id", useLine)
		c.required(p+".label.fr", u.Label.FR, "label.fr of use "+strconv.Quote(u.ID))
		c.required(p+".label.en", u.Label.EN, "label.en of use "+strconv.Quote(u.ID))
		if len(u.Keywords.FR)+len(u.Keywords.EN) == 0 && !c.malformed(p+".keywords") {
			c.add(p, "use %q has no keywords", u.ID)
		}
		for l, kws := range [][]string{u.Keywords.FR, u.Keywords.EN} {
			for j, k := range kws {
				if text.Compact(k) == "" {
					c.add(fmt.Sprintf("%s.keywords.%s[%d]", p, []string{"fr", "en"}[l], j), "keyword %q of use %q has no letters or digits", k, u.ID)
				}
			}
		}
	}
	c.systems(inv, useLine)
	sort.SliceStable(c.probs, func(i, j int) bool { return c.probs[i].Line < c.probs[j].Line })
	return c.probs
}

// owner is the first place a compact name was seen, for duplicate reports.
type owner struct {
	system string
	line   int
}

func (c *checker) systems(inv *Inventory, useLine map[string]int) {
	sysLine := map[string]int{}
	names := map[string]owner{}
	for i, s := range inv.Systems {
		p := fmt.Sprintf("systems[%d]", i)
		c.id(p+".id", s.ID, "system id", sysLine)
		c.required(p+".name", s.Name, "name of system "+strconv.Quote(s.ID))
		c.enum(p+".kind", string(s.Kind), "kind", s.Kind.Valid(), "public, private")
		c.enum(p+".hosting", string(s.Hosting), "hosting", s.Hosting.Valid(), "quebec, canada, foreign")
		c.enum(p+".status", string(s.Status), "status", s.Status.Valid(), "approved, suspended, withdrawn")
		if !s.EFVP.Done.IsZero() && !s.EFVP.NextReview.IsZero() && s.EFVP.NextReview.Before(s.EFVP.Done) {
			c.add(p+".efvp.next_review", "efvp.next_review %s is before efvp.done %s", s.EFVP.NextReview, s.EFVP.Done)
		}
		c.names(p, i, s, names)
		c.systemUses(p, s, useLine)
	}
}

// names checks that the name and aliases of system i, compared in Compact form, name no
// other system: the question analyser could not tell them apart.
func (c *checker) names(p string, i int, s System, names map[string]owner) {
	own := map[string]bool{}
	check := func(path, n, what string) {
		k := text.Compact(n)
		if k == "" {
			if strings.TrimSpace(n) != "" {
				c.add(path, "%s %q has no letters or digits", what, n)
			}
			return
		}
		if o, dup := names[k]; dup && o.system != s.ID {
			c.add(path, "%s %q is already a name or alias of system %q%s", what, n, o.system, at(" (line %d)", o.line))
			return
		}
		if own[k] && what == "alias" {
			c.add(path, "alias %q is listed twice for system %q", n, s.ID)
			return
		}
		own[k] = true
		if _, seen := names[k]; !seen {
			names[k] = owner{s.ID, c.pos.line(path)}
		}
	}
	check(p+".name", s.Name, "name")
	for j, a := range s.Aliases {
		ap := fmt.Sprintf("%s.aliases[%d]", p, j)
		if strings.TrimSpace(a) == "" {
			c.add(ap, "empty alias")
			continue
		}
		if text.Compact(a) == text.Compact(s.Name) {
			continue // the name written another way: harmless
		}
		check(ap, a, "alias")
	}
}

func (c *checker) systemUses(p string, s System, useLine map[string]int) {
	seen := map[string]int{}
	ref := func(path, id string) {
		if !c.required(path, id, "use id") {
			return
		}
		if _, ok := useLine[id]; !ok {
			c.add(path, "unknown use id %q in system %q", id, s.ID)
		}
		if first, dup := seen[id]; dup {
			c.add(path, "use %q is listed twice for system %q%s", id, s.ID, at(" (also line %d)", first))
			return
		}
		seen[id] = c.pos.line(path)
	}
	for j, u := range s.Permitted {
		ref(fmt.Sprintf("%s.permitted[%d]", p, j), u)
	}
	for j, r := range s.Restricted {
		rp := fmt.Sprintf("%s.restricted[%d]", p, j)
		ref(rp+".use", r.Use)
		c.required(rp+".conditions.fr", r.Conditions.FR, "conditions.fr of restricted use "+strconv.Quote(r.Use))
		c.required(rp+".conditions.en", r.Conditions.EN, "conditions.en of restricted use "+strconv.Quote(r.Use))
	}
	for j, u := range s.Forbidden {
		ref(fmt.Sprintf("%s.forbidden[%d]", p, j), u)
	}
	for j, e := range s.Effective {
		if _, listed := seen[e.Use]; !listed {
			c.add(fmt.Sprintf("%s.effective[%d].use", p, j), "use %q of effective is not listed for system %q", e.Use, s.ID)
		}
	}
}
