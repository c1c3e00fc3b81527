package i18n

import (
	"strconv"
	"strings"

	"github.com/nicksnyder/go-i18n/v2/i18n/template"
)

// fieldParser is the template parser T gives go-i18n. Most messages only put values
// in place ("{{.Tool}} : {{.Use}}"): such a message is filled in from a map of strings
// and integers directly, as text/template fills it, without its reflection (1.3 µs
// a message; a policy answer fills a dozen). A message with any other action (an
// if, a pipeline), data of another kind, or a value that is not a string or an
// integer goes to text/template, parsed once beside it.
type fieldParser struct{}

func (fieldParser) Cacheable() bool { return true }

func (fieldParser) Parse(src, left, right string) (template.ParsedTemplate, error) {
	text, err := (&template.TextParser{}).Parse(src, left, right)
	if err != nil {
		return nil, err
	}
	parts, ok := fieldParts(src, left, right)
	if !ok {
		return text, nil
	}
	return &fieldTemplate{parts: parts, text: text, size: len(src)}, nil
}

// part is literal text, or the name of a field when field is set.
type part struct {
	s     string
	field bool
}

// fieldParts splits src into literal text and plain field actions ("{{.Name}}", "{{ .Name }}");
// ok is false when src has an action of another kind.
func fieldParts(src, left, right string) (parts []part, ok bool) {
	if left == "" {
		left = "{{"
	}
	if right == "" {
		right = "}}"
	}
	for {
		i := strings.Index(src, left)
		if i < 0 {
			if src != "" {
				parts = append(parts, part{s: src})
			}
			return parts, true
		}
		if i > 0 {
			parts = append(parts, part{s: src[:i]})
		}
		rest := src[i+len(left):]
		j := strings.Index(rest, right)
		if j < 0 {
			return nil, false
		}
		name, isField := strings.CutPrefix(strings.TrimSpace(rest[:j]), ".")
		if !isField || !identifier(name) {
			return nil, false
		}
		parts = append(parts, part{s: name, field: true})
		src = rest[j+len(right):]
	}
}

// identifier reports whether s is a Go identifier of ASCII letters, digits and "_",
// the one field of a plain action (not ".A.B", not "- .A", not a comment).
func identifier(s string) bool {
	if s == "" || s[0] >= '0' && s[0] <= '9' {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c != '_' && (c < 'a' || c > 'z') && (c < 'A' || c > 'Z') && (c < '0' || c > '9') {
			return false
		}
	}
	return true
}

type fieldTemplate struct {
	parts []part
	text  template.ParsedTemplate
	size  int
}

func (t *fieldTemplate) Execute(data any) (string, error) {
	m, ok := data.(map[string]any)
	if !ok {
		return t.text.Execute(data)
	}
	var b strings.Builder
	b.Grow(t.size + 32)
	for _, p := range t.parts {
		if !p.field {
			b.WriteString(p.s)
			continue
		}
		switch v := m[p.s].(type) {
		case string:
			b.WriteString(v)
		case int:
			b.WriteString(strconv.Itoa(v))
		case int64:
			b.WriteString(strconv.FormatInt(v, 10))
		default:
			return t.text.Execute(data) // missing, nil, or another kind
		}
	}
	return b.String(), nil
}
