// Package texttest reads the shared table of personal information that the packages
// detecting or redacting it test against.
package texttest

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/text"
)

// PersonalRow is a row of the shared personal-information table (testdata/personal.tsv):
// an input, the kinds that must be found in it, and the spans that must not survive
// redaction.
type PersonalRow struct {
	Input   string
	Kinds   []text.Kind
	Secrets []string
}

// LoadPersonalTable reads the shared table at path; tests of the packages that detect
// or redact personal information (bot/policy, conversations/incident) run it too.
func LoadPersonalTable(t testing.TB, path string) []PersonalRow {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var rows []PersonalRow
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		cols := strings.Split(line, "\t")
		if len(cols) < 2 {
			t.Fatalf("%s: bad row %q", path, line)
		}
		row := PersonalRow{Input: cols[0], Secrets: cols[2:]}
		if cols[1] != "-" {
			for _, k := range strings.Split(cols[1], ",") {
				row.Kinds = append(row.Kinds, text.Kind(k))
			}
		}
		rows = append(rows, row)
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	return rows
}

// NameParts are the parts of the secrets that look like parts of a name (capitalised,
// three letters or more): none may survive redaction, so that no half of a name does.
func (r PersonalRow) NameParts() []string {
	var out []string
	for _, s := range r.Secrets {
		if strings.ContainsAny(s, "0123456789@") {
			continue
		}
		for _, p := range strings.FieldsFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '-' || text.IsApostrophe(r) || r == '.' }) {
			first, _ := utf8.DecodeRuneInString(p)
			if utf8.RuneCountInString(p) >= 3 && unicode.IsUpper(first) {
				out = append(out, p)
			}
		}
	}
	return out
}

// ContainsWord reports whether w occurs in s as a whole word.
func ContainsWord(s, w string) bool {
	for i := 0; ; {
		j := strings.Index(s[i:], w)
		if j < 0 {
			return false
		}
		at := i + j
		if WordEdge(s, at) && WordEdge(s, at+len(w)) {
			return true
		}
		i = at + 1
	}
}

// wordEdge reports that offset i of s is not inside a word.
func WordEdge(s string, i int) bool {
	if i == 0 || i == len(s) {
		return true
	}
	before, _ := utf8.DecodeLastRuneInString(s[:i])
	after, _ := utf8.DecodeRuneInString(s[i:])
	inWord := func(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) }
	return !inWord(before) || !inWord(after)
}
