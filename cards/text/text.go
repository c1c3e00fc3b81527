// Package text renders cards as plain text for the terminal: facts as "label: value",
// checklists with [x]/[ ], and buttons numbered so the user types 1, 2… to press one.
package text

import (
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/cards"
)

// Render returns the card as text. Buttons are numbered from 1 in card order.
func Render(c *cards.Card) string {
	var b strings.Builder
	line := strings.Repeat("─", 60)
	b.WriteString("┌" + line + "\n")
	fmt.Fprintf(&b, "│ %s\n", strings.ToUpper(c.Title))
	if c.Subtitle != "" {
		fmt.Fprintf(&b, "│ %s\n", c.Subtitle)
	}
	for _, s := range c.Sections {
		b.WriteString("│\n")
		writeSection(&b, s)
	}
	if len(c.Details) > 0 && c.DetailsButton == nil {
		for _, s := range c.Details {
			b.WriteString("│\n")
			writeSection(&b, s)
		}
	}
	if c.Footer != "" {
		fmt.Fprintf(&b, "│\n│ %s\n", c.Footer)
	}
	if buttons := Buttons(c); len(buttons) > 0 {
		b.WriteString("│\n")
		for i, btn := range buttons {
			fmt.Fprintf(&b, "│ [%d] %s\n", i+1, btn.Label)
		}
	}
	b.WriteString("└" + line)
	return b.String()
}

func splitLines(s string) []string {
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// Buttons are the card's buttons as numbered in the terminal: the card's own, then the
// details button.
func Buttons(c *cards.Card) []cards.Button {
	if c.DetailsButton == nil {
		return c.Buttons
	}
	return append(append([]cards.Button(nil), c.Buttons...), *c.DetailsButton)
}

func writeSection(b *strings.Builder, s cards.Section) {
	switch {
	case s.Heading != "" && s.Warning:
		fmt.Fprintf(b, "│ ⚠ %s\n", s.Heading)
	case s.Heading != "":
		fmt.Fprintf(b, "│ ■ %s\n", s.Heading)
	}
	for _, l := range splitLines(s.Text) {
		fmt.Fprintf(b, "│ %s\n", l)
	}
	for _, f := range s.Facts {
		fmt.Fprintf(b, "│   %s : %s\n", f.Label, f.Value)
	}
	for _, ch := range s.Checklist {
		mark := "[ ]"
		if ch.Met {
			mark = "[x]"
		}
		fmt.Fprintf(b, "│   %s %s\n", mark, ch.Label)
	}
}
