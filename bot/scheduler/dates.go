package scheduler

import (
	"regexp"
	"sort"
	"strconv"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// FormatDate writes t's date for people, in lang: « 1er mai 2027 », "May 1, 2027".
func FormatDate(lang i18n.Lang, t time.Time) string {
	return i18n.T(lang, "reminders.date", dateData(lang, t))
}

// FormatDay is FormatDate with the day of the week: « lundi 3 mai 2027 ».
func FormatDay(lang i18n.Lang, t time.Time) string {
	return i18n.T(lang, "reminders.date.weekday", dateData(lang, t))
}

func dateData(lang i18n.Lang, t time.Time) map[string]any {
	return map[string]any{"Day": t.Day(), "Year": t.Year(),
		"Month":   i18n.T(lang, "reminders.month."+strconv.Itoa(int(t.Month()))),
		"Weekday": i18n.T(lang, "reminders.weekday."+strconv.Itoa(int(t.Weekday())))}
}

// months maps month names and abbreviations, French and English, folded (no accents,
// lower case), to their number.
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

const monthRE = `(janvier|janv|january|jan|fevrier|fevr|fev|february|feb|mars|march|mar|avril|avr|april|apr|mai|may|` +
	`juin|june|jun|juillet|juil|july|jul|aout|august|aug|septembre|sept|september|sep|octobre|october|oct|` +
	`novembre|november|nov|decembre|december|dec)`

// The date forms ParseDates reads, on folded text (conversations.Fold: "2027-05-01"
// becomes "2027 05 01", « 1er mai » stays).
var (
	isoRE      = regexp.MustCompile(`\b(\d{4}) (\d{1,2}) (\d{1,2})\b`)
	dayFirstRE = regexp.MustCompile(`\b(\d{1,2})(?:er|st|nd|rd|th)? ` + monthRE + ` (\d{4})\b`)
	monthRE1   = regexp.MustCompile(`\b` + monthRE + ` (\d{1,2})(?:st|nd|rd|th)? (\d{4})\b`)
)

// ParseDates returns the valid dates written in folded text, in the order they
// appear, as midnight in loc: 2027-05-01, 1er mai 2027, 1 May 2027, May 1 2027.
// Numeric forms other than year-month-day are not read: 05/01 means May in one
// language and January in the other.
func ParseDates(folded string, loc *time.Location) []time.Time {
	type found struct {
		at int
		d  time.Time
	}
	var all []found
	add := func(at int, y, m, d string) {
		yi, _ := strconv.Atoi(y)
		mi, err := strconv.Atoi(m)
		if err != nil {
			mi = int(months[m])
		}
		di, _ := strconv.Atoi(d)
		t := time.Date(yi, time.Month(mi), di, 0, 0, 0, 0, loc)
		if mi >= 1 && mi <= 12 && t.Day() == di && t.Month() == time.Month(mi) {
			all = append(all, found{at, t})
		}
	}
	for _, m := range isoRE.FindAllStringSubmatchIndex(folded, -1) {
		add(m[0], folded[m[2]:m[3]], folded[m[4]:m[5]], folded[m[6]:m[7]])
	}
	for _, m := range dayFirstRE.FindAllStringSubmatchIndex(folded, -1) {
		add(m[0], folded[m[6]:m[7]], folded[m[4]:m[5]], folded[m[2]:m[3]])
	}
	for _, m := range monthRE1.FindAllStringSubmatchIndex(folded, -1) {
		add(m[0], folded[m[6]:m[7]], folded[m[2]:m[3]], folded[m[4]:m[5]])
	}
	sort.SliceStable(all, func(i, j int) bool { return all[i].at < all[j].at })
	out := make([]time.Time, len(all))
	for i, f := range all {
		out[i] = f.d
	}
	return out
}
