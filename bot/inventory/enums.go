package inventory

import (
	"fmt"
	"strings"
	"time"
)

// Kind says whether a system is public (3.9) or private and secured (3.8).
type Kind string

// The kinds of system.
const (
	Public  Kind = "public"
	Private Kind = "private"
)

// Hosting is where a system processes data (5.1.12).
type Hosting string

// The hosting places, from the most to the least sovereign.
const (
	Quebec  Hosting = "quebec"
	Canada  Hosting = "canada"
	Foreign Hosting = "foreign"
)

// Status is where a system stands in the inventory.
type Status string

// The statuses. Only an approved system may be used (6.1).
const (
	Approved  Status = "approved"
	Suspended Status = "suspended"
	Withdrawn Status = "withdrawn"
)

// Rule is how a system treats a use (6.1).
type Rule string

// The rules.
const (
	Permitted  Rule = "permitted"
	Restricted Rule = "restricted"
	Forbidden  Rule = "forbidden"
)

// The valid values of each enumeration, in the order documented.
var (
	Kinds    = []Kind{Public, Private}
	Hostings = []Hosting{Quebec, Canada, Foreign}
	Statuses = []Status{Approved, Suspended, Withdrawn}
	Rules    = []Rule{Permitted, Restricted, Forbidden}
)

// Valid reports whether k is a known kind.
func (k Kind) Valid() bool { return k == Public || k == Private }

// Valid reports whether h is a known hosting place.
func (h Hosting) Valid() bool { return h == Quebec || h == Canada || h == Foreign }

// Valid reports whether s is a known status.
func (s Status) Valid() bool { return s == Approved || s == Suspended || s == Withdrawn }

// Valid reports whether r is a known rule.
func (r Rule) Valid() bool { return r == Permitted || r == Restricted || r == Forbidden }

// Label is the kind in words, in lang ("fr" or "en").
func (k Kind) Label(lang string) string {
	return label(lang, string(k), map[string][2]string{
		"public":  {"public", "public"},
		"private": {"privé sécurisé", "private (secured)"},
	})
}

// Label is the hosting place in words, in lang.
func (h Hosting) Label(lang string) string {
	return label(lang, string(h), map[string][2]string{
		"quebec":  {"Québec", "Québec"},
		"canada":  {"Canada", "Canada"},
		"foreign": {"hors Canada", "outside Canada"},
	})
}

// Label is the status in words, in lang (French agrees with « système »).
func (s Status) Label(lang string) string {
	return label(lang, string(s), map[string][2]string{
		"approved":  {"approuvé", "approved"},
		"suspended": {"suspendu", "suspended"},
		"withdrawn": {"retiré", "withdrawn"},
	})
}

// Label is the rule in words, in lang (French agrees with « usage »).
func (r Rule) Label(lang string) string {
	return label(lang, string(r), map[string][2]string{
		"permitted":  {"permis", "permitted"},
		"restricted": {"restreint", "restricted"},
		"forbidden":  {"interdit", "forbidden"},
	})
}

func label(lang, v string, m map[string][2]string) string {
	l, ok := m[v]
	if !ok {
		return v
	}
	if strings.HasPrefix(lang, "en") {
		return l[1]
	}
	return l[0]
}

// Date is a calendar day without time zone, as written in the file (YYYY-MM-DD).
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// ParseDate reads YYYY-MM-DD and rejects days that do not exist.
func ParseDate(s string) (Date, error) {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		return Date{}, fmt.Errorf("%q is not a date in the form YYYY-MM-DD", s)
	}
	return DateOf(t), nil
}

// DateOf returns the day of t in t's own location.
func DateOf(t time.Time) Date {
	y, m, d := t.Date()
	return Date{y, m, d}
}

// IsZero reports whether the date is unset.
func (d Date) IsZero() bool { return d == Date{} }

// String writes YYYY-MM-DD, or "" for the zero date.
func (d Date) String() string {
	if d.IsZero() {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// Time is midnight UTC of the day.
func (d Date) Time() time.Time { return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC) }

// Before reports whether d is an earlier day than e.
func (d Date) Before(e Date) bool { return d.Time().Before(e.Time()) }
