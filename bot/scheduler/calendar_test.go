package scheduler

import (
	"testing"
	"time"
)

func toronto(t *testing.T) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(Zone)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestHolidays(t *testing.T) {
	loc := toronto(t)
	for _, tc := range []struct {
		year int
		want []string
	}{
		{2026, []string{"2026-01-01", "2026-04-03", "2026-04-06", "2026-05-18", "2026-06-24", "2026-07-01", "2026-09-07", "2026-10-12", "2026-12-25"}},
		{2027, []string{"2027-01-01", "2027-03-26", "2027-03-29", "2027-05-24", "2027-06-24", "2027-07-01", "2027-09-06", "2027-10-11", "2027-12-25"}},
		// 24 June and 1 July on a Sunday move to the Monday.
		{2029, []string{"2029-01-01", "2029-03-30", "2029-04-02", "2029-05-21", "2029-06-25", "2029-07-02", "2029-09-03", "2029-10-08", "2029-12-25"}},
	} {
		t.Run(time.Date(tc.year, 1, 1, 0, 0, 0, 0, loc).Format("2006"), func(t *testing.T) {
			got := Holidays(tc.year, loc)
			if len(got) != len(tc.want) {
				t.Fatalf("got %d holidays, want %d", len(got), len(tc.want))
			}
			for i, h := range got {
				if d := h.Date.Format(dateLayout); d != tc.want[i] {
					t.Errorf("%s = %s, want %s", h.Name, d, tc.want[i])
				}
			}
		})
	}
}

func TestBusinessDays(t *testing.T) {
	loc := toronto(t)
	cal, err := NewCalendar(loc, []string{"2027-05-21"})
	if err != nil {
		t.Fatal(err)
	}
	day := func(s string) time.Time {
		d, err := time.ParseInLocation(dateLayout, s, loc)
		if err != nil {
			t.Fatal(err)
		}
		return d
	}
	for _, tc := range []struct {
		name string
		got  any
		want any
	}{
		{"a Tuesday works", cal.BusinessDay(day("2027-05-25")), true},
		{"a Saturday does not", cal.BusinessDay(day("2027-05-22")), false},
		{"Journée nationale des patriotes does not", cal.BusinessDay(day("2027-05-24")), false},
		{"a closure day does not", cal.BusinessDay(day("2027-05-21")), false},
		{"an instant late on Friday evening is Friday in Toronto", cal.BusinessDay(time.Date(2027, 5, 22, 2, 0, 0, 0, time.UTC)), false},
		{"on or after the long weekend", cal.OnOrAfter(day("2027-05-21")).Format(dateLayout), "2027-05-25"},
		{"on or before the long weekend", cal.OnOrBefore(day("2027-05-24")).Format(dateLayout), "2027-05-20"},
		{"five business days over the closure and the holiday", cal.AddBusinessDays(day("2027-05-19"), 5).Format(dateLayout), "2027-05-28"},
		{"business days between", cal.BusinessDaysBetween(day("2027-05-19"), day("2027-05-27")), 4},
		{"none backwards", cal.BusinessDaysBetween(day("2027-05-27"), day("2027-05-19")), 0},
		{"a UTC-midnight date keeps its day", cal.Date(time.Date(2027, 6, 2, 0, 0, 0, 0, time.UTC)).Format(dateLayout), "2027-06-02"},
		{"calendar days across daylight saving", daysBetween(day("2027-03-13"), day("2027-03-15")), 2},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if tc.got != tc.want {
				t.Fatalf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
	if _, err := NewCalendar(loc, []string{"2027-13-01"}); err == nil {
		t.Error("NewCalendar accepted closure 2027-13-01")
	}
}
