package scheduler

import (
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
