package adaptive

import (
	"regexp"
	"strings"
)

// Teams reads Markdown in TextBlock text and in Fact titles and values
// (https://learn.microsoft.com/microsoftteams/platform/task-modules-and-cards/cards/cards-format):
// bold, italic, lists and links. The card model's plain-text fields (title, subtitle,
// headings, facts, checklist lines) often carry what a person typed (a system name, an
// answer, a display name), so they are escaped to show literally: a requester's
// "[approve](https://evil.example) **URGENT**" must not become a live link in bold on a
// reviewer's card.

// inlineEscaper backslash-escapes the characters of bold, italic and links (CommonMark
// escapes, which Adaptive Card renderers honour): without its brackets a link is only
// text, and the URL, if any, shows as what it is. Nothing else is escaped, so that the
// card JSON stays readable.
var inlineEscaper = strings.NewReplacer(`\`, `\\`, `*`, `\*`, `_`, `\_`, `[`, `\[`, `]`, `\]`)

// listMarker is a line start Markdown takes for a list item or heading.
var listMarker = regexp.MustCompile(`(?m)^(\s*)([-+#]|\d+[.)])`)

// plain escapes s so that it renders as the same text, not as Markdown.
func plain(s string) string {
	if s == "" {
		return s
	}
	s = inlineEscaper.Replace(s)
	return listMarker.ReplaceAllStringFunc(s, func(m string) string {
		sub := listMarker.FindStringSubmatch(m)
		mark := sub[2]
		if last := len(mark) - 1; mark[last] == '.' || mark[last] == ')' {
			return sub[1] + mark[:last] + `\` + mark[last:]
		}
		return sub[1] + `\` + mark
	})
}

// lineBreaks are what Teams shows as a new line: a one-line field (a title, a heading,
// a fact's label) keeps to one line, so that a typed name cannot add a line of its
// own that looks like the bot's (« Copilot\nApprouvé par CODIR-IN »).
var lineBreaks = strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ", "\u2028", " ", "\u2029", " ", "\v", " ", "\f", " ", "\u0085", " ")

// plainLine is plain for a one-line field.
func plainLine(s string) string { return plain(lineBreaks.Replace(s)) }
