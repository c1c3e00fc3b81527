package scheduler

import (
	"fmt"
	"time"
)

// Holiday is a statutory holiday the organisation observes.
type Holiday struct {
	Date time.Time // midnight, in the calendar's time zone
	// Name is the holiday's French name, which is also its legal name in Québec.
	Name string
}

// Holidays returns Québec's statutory holidays of year (Loi sur les normes du travail,
// art. 60, and Loi sur la fête nationale) as the CSSDGS observes them:
//
//   - Jour de l'An (1 January);
//   - Vendredi saint and lundi de Pâques: the law lets an employer choose one of the
//     two; school service centres' collective agreements give both, so both count;
//   - Journée nationale des patriotes (the Monday before 25 May);
//   - Fête nationale (24 June, or 25 June when the 24th is a Sunday);
//   - Fête du Canada (1 July, or 2 July when the 1st is a Sunday);
//   - Fête du Travail (first Monday of September);
//   - Action de grâce (second Monday of October);
//   - Noël (25 December).
//
// Days the school calendar closes besides these (the holiday break, spring break,
// pedagogical days) are not statutory: they come from the configured closures.
func Holidays(year int, loc *time.Location) []Holiday {
	day := func(m time.Month, d int) time.Time { return time.Date(year, m, d, 0, 0, 0, 0, loc) }
	easter := easterSunday(year, loc)
	notSunday := func(t time.Time) time.Time {
		if t.Weekday() == time.Sunday {
			return t.AddDate(0, 0, 1)
		}
		return t
	}
	// The Monday before 25 May is the Monday of the 18th to 24th.
	patriotes := day(time.May, 24)
	for patriotes.Weekday() != time.Monday {
		patriotes = patriotes.AddDate(0, 0, -1)
	}
	return []Holiday{
		{day(time.January, 1), "Jour de l'An"},
		{easter.AddDate(0, 0, -2), "Vendredi saint"},
		{easter.AddDate(0, 0, 1), "Lundi de Pâques"},
		{patriotes, "Journée nationale des patriotes"},
		{notSunday(day(time.June, 24)), "Fête nationale du Québec"},
		{notSunday(day(time.July, 1)), "Fête du Canada"},
		{nthMonday(year, time.September, 1, loc), "Fête du Travail"},
		{nthMonday(year, time.October, 2, loc), "Action de grâce"},
		{day(time.December, 25), "Noël"},
	}
}

// easterSunday is the Gregorian Easter Sunday of year (the anonymous Gregorian
// computus).
func easterSunday(year int, loc *time.Location) time.Time {
	a := year % 19
	b, c := year/100, year%100
	d, e := b/4, b%4
	f := (b + 8) / 25
	g := (b - f + 1) / 3
	h := (19*a + b - d - g + 15) % 30
	i, k := c/4, c%4
	l := (32 + 2*e + 2*i - h - k) % 7
	m := (a + 11*h + 22*l) / 451
	month := (h + l - 7*m + 114) / 31
	day := (h+l-7*m+114)%31 + 1
	return time.Date(year, time.Month(month), day, 0, 0, 0, 0, loc)
}

func nthMonday(year int, month time.Month, n int, loc *time.Location) time.Time {
	t := time.Date(year, month, 1, 0, 0, 0, 0, loc)
	for t.Weekday() != time.Monday {
		t = t.AddDate(0, 0, 1)
	}
	return t.AddDate(0, 0, 7*(n-1))
}

// Calendar tells business days from weekends, statutory holidays and the school
// calendar's closure days, in one time zone. Its methods take any time and work on
// its civil date there; they return midnight of a date. It is safe for concurrent use
// once built.
type Calendar struct {
	loc      *time.Location
	closures map[string]bool // "2006-01-02"
}

// NewCalendar returns the calendar of loc with the closure days given as YYYY-MM-DD;
// an error names a closure that is not a date.
func NewCalendar(loc *time.Location, closures []string) (*Calendar, error) {
	c := &Calendar{loc: loc, closures: map[string]bool{}}
	for _, s := range closures {
		d, err := time.ParseInLocation(dateLayout, s, loc)
		if err != nil {
			return nil, fmt.Errorf("reminders: closure %q is not YYYY-MM-DD", s)
		}
		c.closures[d.Format(dateLayout)] = true
	}
	return c, nil
}

// Location is the calendar's time zone.
func (c *Calendar) Location() *time.Location { return c.loc }

// Day returns midnight of t's date in the calendar's time zone (t is an instant).
func (c *Calendar) Day(t time.Time) time.Time {
	t = t.In(c.loc)
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.loc)
}

// Date returns midnight, in the calendar's time zone, of the date t carries in its own
// zone. Dates stored without a time (an EFVP review date, a training session written as
// UTC midnight) keep their day this way, where Day would move them to the day before.
func (c *Calendar) Date(t time.Time) time.Time {
	return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, c.loc)
}

// Holiday returns the name of the statutory holiday on t's date, if any.
func (c *Calendar) Holiday(t time.Time) (string, bool) {
	d := c.Day(t)
	// Nine dates to compute: cheaper than a cache that would need a lock.
	for _, h := range Holidays(d.Year(), c.loc) {
		if h.Date.Equal(d) {
			return h.Name, true
		}
	}
	return "", false
}

// BusinessDay reports whether t's date is a working day: not a Saturday or Sunday, not
// a statutory holiday, not a closure day.
func (c *Calendar) BusinessDay(t time.Time) bool {
	d := c.Day(t)
	if wd := d.Weekday(); wd == time.Saturday || wd == time.Sunday {
		return false
	}
	if _, ok := c.Holiday(d); ok {
		return false
	}
	return !c.closures[d.Format(dateLayout)]
}

// OnOrAfter returns the first business day on or after t's date.
func (c *Calendar) OnOrAfter(t time.Time) time.Time {
	d := c.Day(t)
	for !c.BusinessDay(d) {
		d = d.AddDate(0, 0, 1)
	}
	return d
}

// OnOrBefore returns the last business day on or before t's date.
func (c *Calendar) OnOrBefore(t time.Time) time.Time {
	d := c.Day(t)
	for !c.BusinessDay(d) {
		d = d.AddDate(0, 0, -1)
	}
	return d
}

// AddBusinessDays returns the date n business days after t's date (n ≥ 0).
func (c *Calendar) AddBusinessDays(t time.Time, n int) time.Time {
	d := c.Day(t)
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if c.BusinessDay(d) {
			n--
		}
	}
	return d
}

// BusinessDaysBetween counts the business days after from's date up to and including
// to's date; 0 when to is not after from.
func (c *Calendar) BusinessDaysBetween(from, to time.Time) int {
	n := 0
	end := c.Day(to)
	for d := c.Day(from).AddDate(0, 0, 1); !d.After(end); d = d.AddDate(0, 0, 1) {
		if c.BusinessDay(d) {
			n++
		}
	}
	return n
}

// daysBetween counts calendar days from a's date to b's date (negative when b is
// before a), immune to daylight-saving days of 23 or 25 hours.
func daysBetween(a, b time.Time) int {
	ua := time.Date(a.Year(), a.Month(), a.Day(), 0, 0, 0, 0, time.UTC)
	ub := time.Date(b.Year(), b.Month(), b.Day(), 0, 0, 0, 0, time.UTC)
	return int(ub.Sub(ua).Hours() / 24)
}

const dateLayout = "2006-01-02"
