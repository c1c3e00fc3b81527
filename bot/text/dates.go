package text

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // America/Toronto even on a host without a time-zone database
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Zone is the time zone of the school service centre: dates without a time are days
// there.
const Zone = "America/Toronto"

// Toronto returns the America/Toronto location (embedded, so it never fails).
var Toronto = sync.OnceValue(func() *time.Location {
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		return time.FixedZone("EST", -5*3600)
	}
	return loc
})

// DateForm says how a date was written.
type DateForm int

// The forms FindDates reads.
const (
	DateISO      DateForm = iota + 1 // 2027-05-01, 2027/05/01, "2027 05 01" once folded
	DateNumeric                      // 01/05/2027: day first in Québec (see MonthFirst)
	DateWritten                      // « 1er mai 2027 », "May 1, 2027", « 5 juin »
	DateRelative                     // « hier », « il y a 3 jours », "in 2 weeks", "tomorrow"
)

// Date is a date found in a text.
type Date struct {
	// Time is midnight of the day, in the location of now given to FindDates.
	Time time.Time
	// Start and End are byte offsets of the date in the text given to FindDates.
	Start, End int
	Form       DateForm
	// MonthFirst is set when a numeric date could only be read month/day (05/31/2027).
	MonthFirst bool
	// NoYear is set for a written date without its year (« 5 juin »): Time is in now's
	// year, and the caller decides whether the past or the next one is meant.
	NoYear bool
	// Invalid is set for what is written like a date but is none (« 31 juin 2027 »,
	// 2027-13-01); Time is then zero.
	Invalid bool
}

// months maps month names and abbreviations, French and English, folded, to their
// number.
var months = map[string]time.Month{
	"janvier": 1, "janv": 1, "january": 1, "jan": 1,
	"fevrier": 2, "fevr": 2, "fev": 2, "february": 2, "feb": 2,
	"mars": 3, "march": 3, "mar": 3,
	"avril": 4, "avr": 4, "april": 4, "apr": 4,
	"mai": 5, "may": 5,
	"juin": 6, "june": 6, "jun": 6,
	"juillet": 7, "juil": 7, "july": 7, "jul": 7,
	"aout": 8, "august": 8, "aug": 8,
	"septembre": 9, "sept": 9, "september": 9, "sep": 9,
	"octobre": 10, "oct": 10, "october": 10,
	"novembre": 11, "nov": 11, "november": 11,
	"decembre": 12, "dec": 12, "december": 12,
}

// Month returns the month a folded name or abbreviation stands for, 0 when none.
func Month(folded string) time.Month { return months[strings.TrimSuffix(folded, ".")] }

const (
	monthAlt = `(janvier|janv|january|jan|fevrier|fevr|fev|february|feb|mars|march|mar|avril|avr|april|apr|mai|may|` +
		`juin|june|jun|juillet|juil|july|jul|aout|august|aug|septembre|sept|september|sep|octobre|october|oct|` +
		`novembre|november|nov|decembre|december|dec)\.?`
	numberAlt = `(\d{1,3}|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|quinze|a|an|one|two|three|four|five|six|seven|eight|nine|ten|fifteen)`
	unitFR    = `(jours?|semaines?|mois|ans?|annees?)`
	unitEN    = `(days?|weeks?|months?|years?)`
)

// The forms, on folded text, most specific first; a later form never reads inside an
// earlier one's span.
var dateForms = []struct {
	form DateForm
	re   *regexp.Regexp
	read func(g []string, now time.Time) (Date, bool)
}{
	{DateISO, regexp.MustCompile(`\b(\d{4})[-/. ](\d{1,2})[-/. ](\d{1,2})\b`), func(g []string, now time.Time) (Date, bool) {
		return ymd(atoi(g[1]), atoi(g[2]), atoi(g[3]), now), true
	}},
	{DateNumeric, regexp.MustCompile(`\b(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})\b`), func(g []string, now time.Time) (Date, bool) {
		d, m := atoi(g[1]), atoi(g[2])
		// Québec writes day/month; only a date impossible that way is read month/day.
		first := m > 12 && d <= 12
		if first {
			d, m = m, d
		}
		out := ymd(atoi(g[3]), m, d, now)
		out.MonthFirst = first
		return out, true
	}},
	{DateWritten, regexp.MustCompile(`\b(\d{1,2})(?:er|re|e|st|nd|rd|th)?\s+(?:de\s+|d'\s*|of\s+)?` + monthAlt + `(?:,?\s+(\d{4}))?\b`), func(g []string, now time.Time) (Date, bool) {
		return written(g[3], Month(g[2]), atoi(g[1]), now), true
	}},
	{DateWritten, regexp.MustCompile(`\b` + monthAlt + `\s+(\d{1,2})(?:st|nd|rd|th|er)?(?:,?\s+(\d{4}))?\b`), func(g []string, now time.Time) (Date, bool) {
		return written(g[3], Month(g[1]), atoi(g[2]), now), true
	}},
	{DateRelative, regexp.MustCompile(`\b(?:il y a|ca fait|there is)\s+` + numberAlt + `\s+` + unitFR + `\b`), func(g []string, now time.Time) (Date, bool) {
		return shift(now, -number(g[1]), g[2])
	}},
	{DateRelative, regexp.MustCompile(`\b` + numberAlt + `\s+` + unitEN + `\s+ago\b`), func(g []string, now time.Time) (Date, bool) {
		return shift(now, -number(g[1]), g[2])
	}},
	{DateRelative, regexp.MustCompile(`\b(?:dans|d'ici)\s+` + numberAlt + `\s+` + unitFR + `\b`), func(g []string, now time.Time) (Date, bool) {
		return shift(now, number(g[1]), g[2])
	}},
	{DateRelative, regexp.MustCompile(`\bin\s+` + numberAlt + `\s+` + unitEN + `\b`), func(g []string, now time.Time) (Date, bool) {
		return shift(now, number(g[1]), g[2])
	}},
	{DateRelative, regexp.MustCompile(`\b(avant[- ]hier|day before yesterday|apres[- ]demain|day after tomorrow|aujourd'?\s*hui|today|hier|yesterday|demain|tomorrow)\b`), func(g []string, now time.Time) (Date, bool) {
		days := map[string]int{"avant-hier": -2, "avant hier": -2, "day before yesterday": -2, "apres-demain": 2, "apres demain": 2,
			"day after tomorrow": 2, "today": 0, "hier": -1, "yesterday": -1, "demain": 1, "tomorrow": 1}
		n, ok := days[g[1]]
		if !ok && strings.HasPrefix(g[1], "aujourd") {
			n, ok = 0, true
		}
		return Date{Time: midnight(now).AddDate(0, 0, n)}, ok
	}},
}

// FindDates returns the dates written in s, in the order they appear, read relative to
// now (its location is the dates' location; pass time.Now().In(Toronto())). s may be
// raw or folded text: offsets are into s. Numeric dates are read day first, as in
// Québec; a year between 1900 and 2200 is required of numeric forms.
func FindDates(s string, now time.Time) []Date {
	folded, at := foldWithOffsets(s)
	var out []Date
	var taken [][2]int
	for _, f := range dateForms {
		for _, m := range f.re.FindAllStringSubmatchIndex(folded, -1) {
			if overlaps(taken, m[0], m[1]) {
				continue
			}
			g := make([]string, len(m)/2)
			for i := range g {
				if m[2*i] >= 0 {
					g[i] = folded[m[2*i]:m[2*i+1]]
				}
			}
			d, ok := f.read(g, now)
			if !ok {
				continue
			}
			d.Form, d.Start, d.End = f.form, at[m[0]], at[m[1]]
			taken = append(taken, [2]int{m[0], m[1]})
			out = append(out, d)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Start < out[j].Start })
	return out
}

func ymd(y, m, d int, now time.Time) Date {
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, now.Location())
	if m < 1 || m > 12 || d < 1 || t.Day() != d || y < 1900 || y > 2200 {
		return Date{Invalid: true}
	}
	return Date{Time: t}
}

func written(year string, m time.Month, d int, now time.Time) Date {
	if year == "" {
		out := ymd(now.Year(), int(m), d, now)
		if out.Invalid && m == 2 && d == 29 {
			out = Date{Time: time.Date(now.Year(), 2, 29, 0, 0, 0, 0, now.Location())} // the last 29 February
		}
		out.NoYear = true
		return out
	}
	return ymd(atoi(year), int(m), d, now)
}

func shift(now time.Time, n int, unit string) (Date, bool) {
	t := midnight(now)
	switch {
	case strings.HasPrefix(unit, "jour"), strings.HasPrefix(unit, "day"):
		t = t.AddDate(0, 0, n)
	case strings.HasPrefix(unit, "semaine"), strings.HasPrefix(unit, "week"):
		t = t.AddDate(0, 0, 7*n)
	case unit == "mois", strings.HasPrefix(unit, "month"):
		t = t.AddDate(0, n, 0)
	default:
		t = t.AddDate(n, 0, 0)
	}
	return Date{Time: t}, true
}

var numberWords = map[string]int{"un": 1, "une": 1, "a": 1, "an": 1, "one": 1, "deux": 2, "two": 2, "trois": 3,
	"three": 3, "quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "sept": 7, "seven": 7, "huit": 8,
	"eight": 8, "neuf": 9, "nine": 9, "dix": 10, "ten": 10, "quinze": 15, "fifteen": 15}

func number(s string) int {
	if n, ok := numberWords[s]; ok {
		return n
	}
	return atoi(s)
}

func atoi(s string) int { n, _ := strconv.Atoi(s); return n }

func midnight(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, t.Location())
}

func overlaps(spans [][2]int, from, to int) bool {
	for _, s := range spans {
		if from < s[1] && to > s[0] {
			return true
		}
	}
	return false
}

// foldWithOffsets folds s rune by rune (lower case, accents removed, ligatures
// expanded, apostrophes written "'") and returns, for every byte of the result and one
// past its end, the offset in s it comes from.
func foldWithOffsets(s string) (string, []int) {
	var b strings.Builder
	b.Grow(len(s))
	at := make([]int, 0, len(s)+1)
	var buf [utf8.UTFMax]byte
	for i, r := range s {
		var f string
		switch {
		case r < utf8.RuneSelf:
			f = string(rune(unicode.ToLower(r)))
		case IsApostrophe(r):
			f = "'"
		case r == 'œ' || r == 'Œ':
			f = "oe"
		case r == 'æ' || r == 'Æ':
			f = "ae"
		case unicode.Is(unicode.Mn, r):
			f = ""
		default:
			n := utf8.EncodeRune(buf[:], r)
			var parts strings.Builder
			for _, d := range norm.NFD.String(string(buf[:n])) {
				if !unicode.Is(unicode.Mn, d) {
					parts.WriteRune(unicode.ToLower(d))
				}
			}
			f = parts.String()
		}
		b.WriteString(f)
		for range len(f) {
			at = append(at, i)
		}
	}
	at = append(at, len(s))
	return b.String(), at
}
