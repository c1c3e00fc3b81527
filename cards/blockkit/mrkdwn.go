package blockkit

import (
	"regexp"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// Ellipsis marks text cut to fit a limit.
const Ellipsis = "…"

var (
	// escaper escapes the three characters Slack mrkdwn reserves for links, mentions
	// and entities, so that text typed by a person can never become an @channel ping
	// or a disguised link: https://docs.slack.dev/messaging/formatting-message-text#escaping
	escaper = strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;")
	boldRE  = regexp.MustCompile(`\*\*([^*\n]+?)\*\*`)
)

// Escape escapes &, < and > for Slack mrkdwn.
func Escape(s string) string { return escaper.Replace(s) }

// Mrkdwn converts the replies' Markdown subset (bot.Reply.Text: **bold**, _italic_,
// "- " lists, blank-line paragraphs) to Slack mrkdwn: **bold** becomes *bold*, list
// dashes become bullets, and &, <, > are escaped. Italic and paragraphs are the same in
// both.
func Mrkdwn(md string) string {
	s := Escape(strings.ReplaceAll(md, "\r\n", "\n"))
	s = boldRE.ReplaceAllString(s, "*$1*")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		trimmed := strings.TrimLeft(l, " ")
		if strings.HasPrefix(trimmed, "- ") {
			lines[i] = l[:len(l)-len(trimmed)] + "• " + trimmed[2:]
		}
	}
	return strings.Join(lines, "\n")
}

// Len is the length Slack measures a text by. Slack's limits are in characters as
// JavaScript counts them (UTF-16 code units), which is never less than the number of
// runes, so measuring this way keeps emoji-laden text within the limits.
func Len(s string) int {
	n := 0
	for _, r := range s {
		n += utf16.RuneLen(r) // 1 or 2: range yields U+FFFD for invalid bytes
	}
	return n
}

// Truncate returns s if it fits in max (as measured by Len), else its beginning and
// an ellipsis, together within max. It never cuts an escape entity (&amp;) in two.
func Truncate(s string, max int) string {
	if Len(s) <= max {
		return s
	}
	head := cut(s, max-Len(Ellipsis))
	return strings.TrimRight(head, " \n") + Ellipsis
}

// cut returns the longest prefix of s that fits in max, ending on a rune boundary and
// outside an escape entity.
func cut(s string, max int) string {
	n, end := 0, 0
	for end < len(s) {
		r, size := utf8.DecodeRuneInString(s[end:])
		if n+utf16.RuneLen(r) > max {
			break
		}
		n += utf16.RuneLen(r)
		end += size
	}
	head := s[:end]
	// An entity is at most "&amp;" long: a '&' in the last four bytes without its ';'
	// means the cut fell inside one.
	if amp := strings.LastIndexByte(head, '&'); amp >= 0 && len(head)-amp < 5 && !strings.Contains(head[amp:], ";") {
		if strings.HasPrefix(s[amp:], "&amp;") || strings.HasPrefix(s[amp:], "&lt;") || strings.HasPrefix(s[amp:], "&gt;") {
			head = head[:amp]
		}
	}
	return head
}

// breakAt is where to end a chunk that must fit in head: at the last paragraph
// break, line break or space in its second half, else anywhere (one long word).
func breakAt(head string) int {
	for _, sep := range []string{"\n\n", "\n", " "} {
		if i := strings.LastIndex(head, sep); i > len(head)/2 {
			return i
		}
	}
	return len(head)
}

// Split cuts mrkdwn text into chunks of at most max, preferring to cut between
// paragraphs, then between lines, then between words. Empty text gives no chunk.
func Split(s string, max int) []string {
	s = strings.Trim(s, "\n")
	if s == "" {
		return nil
	}
	var chunks []string
	for Len(s) > max {
		head := cut(s, max)
		at := breakAt(head)
		if at == 0 { // not even one rune fits (max < 2): give up cutting
			at = len(s)
		}
		if chunk := strings.Trim(s[:at], " \n"); chunk != "" {
			chunks = append(chunks, chunk)
		}
		s = strings.TrimLeft(s[at:], " \n")
	}
	if s != "" {
		chunks = append(chunks, s)
	}
	return chunks
}
