package inventory

import (
	"bytes"
	"fmt"
	"io"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"gopkg.in/yaml.v3"
)

// MaxFileSize bounds what Parse reads: a real inventory is a few hundred kilobytes.
const MaxFileSize = 8 << 20

// Parse reads an inventory file (see the package documentation for the format). When
// the file has problems it returns a *ValidationError listing every one of them with its
// line number, together with the inventory as far as it could be read (nil when the
// file is not YAML at all), so that a validator can show everything at once.
func Parse(r io.Reader) (*Inventory, error) {
	data, err := io.ReadAll(io.LimitReader(r, MaxFileSize+1))
	if err != nil {
		return nil, err
	}
	if len(data) > MaxFileSize {
		return nil, asError([]Problem{{Line: 1, Msg: fmt.Sprintf("the file is larger than %d bytes", MaxFileSize)}})
	}
	var doc yaml.Node
	if err := yaml.NewDecoder(bytes.NewReader(data)).Decode(&doc); err != nil {
		if err == io.EOF {
			return nil, asError([]Problem{{Line: 1, Msg: "the file is empty"}})
		}
		return nil, asError([]Problem{yamlProblem(err)})
	}
	p := &parser{pos: &positions{lines: map[string]int{}, bad: map[string]bool{}}}
	inv := &Inventory{}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		return nil, asError([]Problem{{Line: root.Line, Msg: "the file must be a mapping with version, uses and systems"}})
	}
	seen := p.fields("", root, []string{"version", "uses", "systems"}, func(key string, v *yaml.Node) {
		switch key {
		case "version":
			if err := v.Decode(&inv.Version); err != nil || v.Kind != yaml.ScalarNode {
				p.fail("version", v, "version must be a whole number")
			}
		case "uses":
			p.seq("uses", v, func(path string, n *yaml.Node) { inv.Uses = append(inv.Uses, p.use(path, n)) })
		case "systems":
			p.seq("systems", v, func(path string, n *yaml.Node) { inv.Systems = append(inv.Systems, p.system(path, n)) })
		}
	})
	for _, k := range []string{"uses", "systems"} {
		if !seen[k] {
			p.probs = append(p.probs, Problem{Line: root.Line, Msg: k + " is missing"})
		}
	}
	probs := append(p.probs, validate(inv, p.pos)...)
	sort.SliceStable(probs, func(i, j int) bool { return probs[i].Line < probs[j].Line })
	return inv, asError(probs)
}

var yamlLine = regexp.MustCompile(`line (\d+)`)

// yamlProblem turns a YAML syntax error into a Problem carrying its line.
func yamlProblem(err error) Problem {
	msg := strings.TrimPrefix(err.Error(), "yaml: ")
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = strings.TrimPrefix(strings.TrimPrefix(msg, m[0]), ": ")
	}
	return Problem{Line: line, Msg: "not valid YAML: " + msg}
}

type parser struct {
	pos   *positions
	probs []Problem
}

func (p *parser) fail(path string, n *yaml.Node, format string, args ...any) {
	p.pos.bad[path] = true
	p.probs = append(p.probs, Problem{Line: n.Line, Msg: fmt.Sprintf(format, args...)})
}

// deref follows a YAML alias (*name) to the node it names.
func deref(n *yaml.Node) *yaml.Node {
	if n.Kind == yaml.AliasNode && n.Alias != nil {
		return n.Alias
	}
	return n
}

// fields walks a mapping, records the line of each key, reports unknown and repeated
// keys, and calls f for each known one. It returns the keys present.
func (p *parser) fields(path string, n *yaml.Node, known []string, f func(key string, v *yaml.Node)) map[string]bool {
	seen := map[string]bool{}
	n = deref(n)
	if n.Kind != yaml.MappingNode {
		p.fail(path, n, "%s must be a mapping (key: value)", strings.TrimPrefix(path, "."))
		return seen
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], deref(n.Content[i+1])
		key := k.Value
		fp := key
		if path != "" {
			fp = path + "." + key
		}
		switch {
		case !contains(known, key):
			p.probs = append(p.probs, Problem{Line: k.Line, Msg: fmt.Sprintf("unknown field %q in %s (expected one of %s)", key, where(path), strings.Join(known, ", "))})
		case seen[key]:
			p.probs = append(p.probs, Problem{Line: k.Line, Msg: fmt.Sprintf("field %q is given twice in %s", key, where(path))})
		default:
			seen[key] = true
			p.pos.lines[fp] = k.Line
			f(key, v)
		}
	}
	return seen
}

func where(path string) string {
	if path == "" {
		return "the file"
	}
	return path
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// seq walks a sequence, recording the line of each item.
func (p *parser) seq(path string, n *yaml.Node, f func(path string, item *yaml.Node)) {
	if n.Kind == yaml.ScalarNode && n.Tag == "!!null" {
		return // "forbidden:" with nothing after it: an empty list
	}
	if n.Kind != yaml.SequenceNode {
		p.fail(path, n, "%s must be a list", path)
		return
	}
	for i, item := range n.Content {
		ip := fmt.Sprintf("%s[%d]", path, i)
		p.pos.lines[ip] = item.Line
		f(ip, deref(item))
	}
}

func (p *parser) str(path string, n *yaml.Node) string {
	if n.Kind != yaml.ScalarNode {
		p.fail(path, n, "%s must be text", path)
		return ""
	}
	if n.Tag == "!!null" {
		return ""
	}
	return n.Value
}

func (p *parser) strs(path string, n *yaml.Node) []string {
	var out []string
	p.seq(path, n, func(ip string, item *yaml.Node) {
		if s := p.str(ip, item); s != "" || item.Kind == yaml.ScalarNode {
			out = append(out, s)
		}
	})
	return out
}

func (p *parser) boolean(path string, n *yaml.Node) bool {
	var b bool
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" || n.Decode(&b) != nil {
		p.fail(path, n, "%s must be true or false", path)
	}
	return b
}

func (p *parser) optBool(path string, n *yaml.Node) *bool {
	b := p.boolean(path, n)
	return &b
}

func (p *parser) date(path string, n *yaml.Node) Date {
	s := p.str(path, n)
	if s == "" {
		return Date{}
	}
	d, err := ParseDate(s)
	if err != nil {
		p.fail(path, n, "%s: %v", path, err)
	}
	return d
}

func (p *parser) text(path string, n *yaml.Node) Text {
	var t Text
	p.fields(path, n, []string{"fr", "en"}, func(key string, v *yaml.Node) {
		if key == "fr" {
			t.FR = p.str(path+".fr", v)
		} else {
			t.EN = p.str(path+".en", v)
		}
	})
	return t
}
