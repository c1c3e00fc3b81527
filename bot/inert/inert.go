// Package inert keeps exported text from acting when it is opened: a CSV cell that a
// spreadsheet would run as a formula, Markdown or HTML that a page would turn into a
// link, an image or markup. Inventory names, vendors, conditions and reviewers'
// comments are typed by people; every export passes them through here.
package inert

import (
	"strings"
	"unicode/utf8"
)

// Cell neutralises a CSV cell: one that starts like a formula (=, +, -, @, tab,
// carriage return or line feed, or their full-width forms, which some spreadsheets
// read as the same) gets a leading apostrophe, which spreadsheets hide and which makes
// them read the cell as text (OWASP's advice on CSV injection).
func Cell(s string) string {
	if s == "" {
		return s
	}
	r, _ := utf8.DecodeRuneInString(s)
	if strings.ContainsRune("=+-@\t\r\n＝＋－＠", r) {
		return "'" + s
	}
	return s
}

// Cells neutralises every cell of a record in place and returns it.
func Cells(rec []string) []string {
	for i := range rec {
		rec[i] = Cell(rec[i])
	}
	return rec
}

// mdEscaper escapes HTML's three special characters as entities, and backslash-escapes
// the Markdown characters of emphasis, links, images, code, tables and headings.
var mdEscaper = strings.NewReplacer(
	"&", "&amp;", "<", "&lt;", ">", "&gt;",
	`\`, `\\`, "`", "\\`", "*", `\*`, "_", `\_`, "[", `\[`, "]", `\]`, "|", `\|`, "~", `\~`, "#", `\#`, "!", `\!`,
	"\r\n", " ", "\n", " ", "\r", " ",
)

// Markdown returns s as Markdown text that renders as s itself, on one line: no
// link, image, emphasis, HTML tag or table cell break can come out of it.
func Markdown(s string) string { return mdEscaper.Replace(s) }
