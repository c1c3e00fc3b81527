package slack

import "strings"

// plainText turns Slack's message markup into the plain text the engine reads: links
// become their label or address, mentions of the given users (the bot) disappear,
// other mentions become "@id", and &amp; &lt; &gt; are unescaped
// (https://docs.slack.dev/messaging/formatting-message-text).
func plainText(s string, drop []string) string {
	var b strings.Builder
	for {
		open := strings.IndexByte(s, '<')
		if open < 0 {
			break
		}
		end := strings.IndexByte(s[open:], '>')
		if end < 0 {
			break
		}
		b.WriteString(s[:open])
		b.WriteString(markup(s[open+1:open+end], drop))
		s = s[open+end+1:]
	}
	b.WriteString(s)
	out := strings.NewReplacer("&lt;", "<", "&gt;", ">", "&amp;", "&").Replace(b.String())
	return strings.TrimSpace(out)
}

func markup(m string, drop []string) string {
	target, label, _ := strings.Cut(m, "|")
	switch {
	case strings.HasPrefix(target, "@"):
		for _, d := range drop {
			if target[1:] == d {
				return ""
			}
		}
		if label != "" {
			return "@" + label
		}
		return target
	case strings.HasPrefix(target, "#"):
		if label != "" {
			return "#" + label
		}
		return target
	case strings.HasPrefix(target, "!"):
		if label != "" {
			return label
		}
		return "@" + strings.TrimPrefix(target, "!")
	case label != "":
		return label
	}
	return strings.TrimPrefix(target, "mailto:")
}
