package annexe

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Month names and abbreviations as people type them, French and English, without
// accents. Full names come first: the regexp takes the first alternative that matches.
var months = []struct {
	name string
	m    time.Month
}{
	{"janvier", 1}, {"fevrier", 2}, {"mars", 3}, {"avril", 4}, {"mai", 5}, {"juin", 6}, {"juillet", 7},
	{"aout", 8}, {"septembre", 9}, {"octobre", 10}, {"novembre", 11}, {"decembre", 12},
	{"january", 1}, {"february", 2}, {"march", 3}, {"april", 4}, {"may", 5}, {"june", 6}, {"july", 7},
	{"august", 8}, {"september", 9}, {"october", 10}, {"november", 11}, {"december", 12},
	{"janv", 1}, {"fevr", 2}, {"juil", 7}, {"sept", 9}, {"jan", 1}, {"feb", 2}, {"fev", 2}, {"mar", 3},
	{"apr", 4}, {"avr", 4}, {"jun", 6}, {"jul", 7}, {"aug", 8}, {"sep", 9}, {"oct", 10}, {"nov", 11}, {"dec", 12},
}

var (
	monthRe = func() string {
		names := make([]string, len(months))
		for i, m := range months {
			names[i] = m.name
		}
		return `(` + strings.Join(names, "|") + `)\.?`
	}()
	dateRes = []struct {
		re   *regexp.Regexp
		form string // which capture is the year, month, day
	}{
		{regexp.MustCompile(`\b(\d{4})[-/.](\d{1,2})[-/.](\d{1,2})\b`), "ymd"},
		{regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b`), "numeric"},
		{regexp.MustCompile(`\b(\d{1,2})(?:er|st|nd|rd|th)?\s+(?:de\s+|of\s+)?` + monthRe + `\s+(\d{4})\b`), "dmy"},
		{regexp.MustCompile(`\b` + monthRe + `\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})\b`), "mdy"},
	}
	// fillers may surround or separate dates ("le 3 mars 2027 et le 10 mars 2027").
	fillers = map[string]bool{"et": true, "and": true, "le": true, "les": true, "the": true, "on": true, "puis": true,
		"then": true, "ou": true, "or": true, "lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true,
		"samedi": true, "dimanche": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
		"friday": true, "saturday": true, "sunday": true}
)

// foundDate is a date read from text. Numeric is set for dd/mm/yyyy-like input, whose
// reading the bot states; MonthFirst when it had to be read as mm/dd.
type foundDate struct {
	t          time.Time
	raw        string
	at         int // position in the text
	numeric    bool
	monthFirst bool
}

// findDates reads every date in s (French and English forms, ISO, numeric). Anything
// else but separators is a problem, so that "next spring" is never taken for a date.
func findDates(s string) ([]foundDate, *msg) {
	text := unaccent(strings.ToLower(s))
	var (
		found []foundDate
		spans [][2]int
	)
	for _, d := range dateRes {
		for _, m := range d.re.FindAllStringSubmatchIndex(text, -1) {
			if overlaps(spans, m[0], m[1]) {
				continue
			}
			g := func(i int) string { return text[m[2*i]:m[2*i+1]] }
			raw := strings.TrimSpace(text[m[0]:m[1]])
			fd, bad := dateFrom(d.form, g(1), g(2), g(3), raw)
			if bad != nil {
				return nil, bad
			}
			fd.at = m[0]
			found = append(found, fd)
			spans = append(spans, [2]int{m[0], m[1]})
		}
	}
	if rest := leftover(text, spans); rest != "" {
		return nil, &msg{"annexe.error.date.unrecognised", map[string]any{"Text": rest}}
	}
	// In the order written, whichever form each date took.
	sort.SliceStable(found, func(i, j int) bool { return found[i].at < found[j].at })
	return found, nil
}

func dateFrom(form, a, b, c, raw string) (foundDate, *msg) {
	n := func(s string) int { v, _ := strconv.Atoi(s); return v }
	fd := foundDate{raw: raw}
	var y, mo, d int
	switch form {
	case "ymd":
		y, mo, d = n(a), n(b), n(c)
	case "numeric":
		fd.numeric = true
		y, d, mo = n(c), n(a), n(b)
		// Québec writes day/month; only a date impossible that way is read month/day.
		if mo > 12 && d <= 12 {
			d, mo = mo, d
			fd.monthFirst = true
		}
	case "dmy":
		y, mo, d = n(c), int(monthOf(b)), n(a)
	case "mdy":
		y, mo, d = n(c), int(monthOf(a)), n(b)
	}
	t := time.Date(y, time.Month(mo), d, 0, 0, 0, 0, time.UTC)
	if mo < 1 || mo > 12 || t.Day() != d || t.Month() != time.Month(mo) {
		return fd, &msg{"annexe.error.date.invalid", map[string]any{"Text": raw}}
	}
	if y < 2000 || y > 2100 {
		return fd, &msg{"annexe.error.date.range", map[string]any{"Text": raw}}
	}
	fd.t = t
	return fd, nil
}

func monthOf(name string) time.Month {
	name = strings.TrimSuffix(name, ".")
	for _, m := range months {
		if m.name == name {
			return m.m
		}
	}
	return 0
}

func overlaps(spans [][2]int, from, to int) bool {
	for _, s := range spans {
		if from < s[1] && to > s[0] {
			return true
		}
	}
	return false
}

// leftover is what remains of text outside the spans, without separators and
// fillers; empty when the text held dates only.
func leftover(text string, spans [][2]int) string {
	b := []byte(text)
	for _, s := range spans {
		for i := s[0]; i < s[1]; i++ {
			b[i] = ' '
		}
	}
	var rest []string
	for _, w := range strings.FieldsFunc(string(b), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !fillers[w] {
			rest = append(rest, w)
		}
	}
	return strings.Join(rest, " ")
}

func unaccent(s string) string {
	t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
	out, _, err := transform.String(t, s)
	if err != nil {
		return s
	}
	return out
}

// formatDate writes a date the way people read it: "1er mars 2027", "March 1, 2027".
func formatDate(lang i18n.Lang, t time.Time) string {
	return i18n.T(lang, "annexe.date", map[string]any{"Day": t.Day(), "Year": t.Year(),
		"Month": i18n.T(lang, "annexe.month."+strconv.Itoa(int(t.Month())))})
}

// day is t's calendar date, for comparisons that ignore the time of day.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func parseStored(s string) (time.Time, error) { return time.Parse(requests.DateLayout, s) }
