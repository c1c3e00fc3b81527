package record

import (
	"bytes"
	"encoding/json"
	"strings"

	"github.com/cssdgs/iagbot/bot/inert"
)

// Markdown renders rec as a Markdown document. What people typed is escaped
// (inert.Markdown): no link, image, HTML or heading can come out of it.
func Markdown(rec Record) []byte {
	var b bytes.Buffer
	colon := sep(rec.Lang)
	prev := title
	for i, bl := range blocks(rec) {
		v := inert.Markdown(bl.value)
		// A blank line between blocks of different kinds, and around headings.
		if i > 0 && (bl.kind != prev || bl.kind <= para) && !(bl.kind == item && prev == fact) {
			b.WriteByte('\n')
		}
		switch bl.kind {
		case title:
			b.WriteString("# " + bl.label + " — " + v + "\n")
		case heading:
			b.WriteString("## " + bl.label + "\n")
		case subheading:
			b.WriteString("### " + bl.label + "\n")
		case para:
			b.WriteString(bl.label)
			if v != "" {
				b.WriteString(" " + v)
			}
			b.WriteByte('\n')
		case fact:
			b.WriteString("- **" + bl.label + "**" + colon + v + "\n")
		case item:
			b.WriteString("  - " + bl.label + v + "\n")
		case entry:
			b.WriteString("- " + bl.label + v + "\n")
		}
		prev = bl.kind
	}
	return b.Bytes()
}

// JSON renders rec as indented JSON (the contract of `iagbot audit record --format
// json`, see Record), ending with a newline.
func JSON(rec Record) ([]byte, error) {
	out, err := json.MarshalIndent(rec, "", "  ")
	if err != nil {
		return nil, err
	}
	return append(out, '\n'), nil
}

// Message renders rec in the bot's own Markdown subset (bot.Reply.Text: **bold**,
// "- " lists, blank-line paragraphs), to send the whole record as a chat message.
// Headings are bold lines; what people typed is left as typed, as in every message
// the channels render.
func Message(rec Record) string {
	var b strings.Builder
	colon := sep(rec.Lang)
	prev := title
	for i, bl := range blocks(rec) {
		if i > 0 && (bl.kind != prev || bl.kind <= para) && !((bl.kind == item || bl.kind == fact) && (prev == fact || prev == item)) {
			b.WriteByte('\n')
		}
		switch bl.kind {
		case title:
			b.WriteString("**" + bl.label + " — " + bl.value + "**\n")
		case heading, subheading:
			b.WriteString("**" + bl.label + "**\n")
		case para:
			b.WriteString(strings.TrimSpace(bl.label+" "+bl.value) + "\n")
		case fact:
			b.WriteString("- **" + bl.label + "**" + colon + bl.value + "\n")
		case item:
			b.WriteString("- — " + bl.value + "\n")
		case entry:
			b.WriteString("- " + bl.label + bl.value + "\n")
		}
		prev = bl.kind
	}
	return strings.TrimRight(b.String(), "\n")
}
