package annexe

import (
	"strconv"
	"strings"
	"time"
	"unicode"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
)

// fillers may surround or separate dates ("le 3 mars 2027 et le 10 mars 2027").
var fillers = map[string]bool{"et": true, "and": true, "le": true, "les": true, "the": true, "on": true, "puis": true,
	"then": true, "ou": true, "or": true, "lundi": true, "mardi": true, "mercredi": true, "jeudi": true, "vendredi": true,
	"samedi": true, "dimanche": true, "monday": true, "tuesday": true, "wednesday": true, "thursday": true,
	"friday": true, "saturday": true, "sunday": true}

// foundDate is a date read from text. Numeric is set for dd/mm/yyyy-like input, whose
// reading the bot states; MonthFirst when it had to be read as mm/dd.
type foundDate struct {
	t          time.Time
	raw        string
	at         int // position in the text
	numeric    bool
	monthFirst bool
}

// findDates reads every date in s with bot/text (ISO, numeric day first, French and
// English words), each with its year: a date is an answer to a deadline, so « 5 juin »
// or « dans deux semaines » is not taken, nor anything else but separators, so that
// "next spring" is never taken for a date.
func findDates(s string) ([]foundDate, *msg) {
	var (
		found []foundDate
		spans [][2]int
	)
	for _, d := range text.FindDates(s, time.Now().UTC()) {
		if d.Form == text.DateRelative || d.NoYear {
			continue // left over, hence refused below
		}
		// Quoted as typed, accents kept, without a closing stop (« janvier. »).
		raw := strings.TrimRight(strings.TrimSpace(s[d.Start:d.End]), ".,;")
		if d.Invalid {
			return nil, &msg{"annexe.error.date.invalid", map[string]any{"Text": raw}}
		}
		if y := d.Time.Year(); y < 2000 || y > 2100 {
			return nil, &msg{"annexe.error.date.range", map[string]any{"Text": raw}}
		}
		found = append(found, foundDate{t: d.Time, raw: raw, at: d.Start, numeric: d.Form == text.DateNumeric, monthFirst: d.MonthFirst})
		spans = append(spans, [2]int{d.Start, d.End})
	}
	if rest := leftover(s, spans); rest != "" {
		// The answer as typed: « avant la relâche », not its folded form.
		return nil, &msg{"annexe.error.date.unrecognised", map[string]any{"Text": strings.TrimRight(strings.TrimSpace(s), ".")}}
	}
	return found, nil
}

// leftover is what remains of s outside the spans, folded, without separators and
// fillers; empty when the text held dates only.
func leftover(s string, spans [][2]int) string {
	b := []byte(s)
	for _, sp := range spans {
		for i := sp[0]; i < sp[1]; i++ {
			b[i] = ' '
		}
	}
	var rest []string
	for _, w := range strings.FieldsFunc(text.Fold(string(b)), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
		if !fillers[w] {
			rest = append(rest, w)
		}
	}
	return strings.Join(rest, " ")
}

// formatDate writes a date the way people read it: "1er mars 2027", "March 1, 2027".
func formatDate(lang i18n.Lang, t time.Time) string {
	return i18n.T(lang, "annexe.date", map[string]any{"Day": t.Day(), "Year": t.Year(),
		"Month": i18n.T(lang, "annexe.month."+strconv.Itoa(int(t.Month())))})
}

// day is t's calendar date, for comparisons that ignore the time of day.
func day(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }

func parseStored(s string) (time.Time, error) { return time.Parse(requests.DateLayout, s) }
