package workflow

import (
	"errors"
	"strings"
	"time"
)

// A Delegation is a reviewer's dated absence (procedure 30-02 names committees, not
// people: a committee keeps deciding while one of its members is on leave). From To
// through To, both included, in the CSSDGS's time zone, the person's reviews and
// reminders go to Delegate; an absence without a delegate only says the person is
// away, so that a stage whose members are all away is escalated.
type Delegation struct {
	ID uint
	// PersonKey is the person away; DelegateKey who stands in for them ("" when
	// nobody does).
	PersonKey, PersonName     string
	DelegateKey, DelegateName string
	// From and To are civil dates (midnight UTC), both days included.
	From, To time.Time
	// ByKey is who recorded it: the person, or an administrator for them.
	ByKey, ByName string
	CreatedAt     time.Time
	// EndedAt is set when it was cancelled (« annuler ma délégation »); it then ends on
	// that day, the day it was cancelled being no longer covered.
	EndedAt *time.Time
}

// DelegationStatus is where a delegation stands on a day.
type DelegationStatus string

// The statuses of a delegation, as `iagbot delegations list` prints them.
const (
	Upcoming DelegationStatus = "upcoming"
	Active   DelegationStatus = "active"
	Ended    DelegationStatus = "ended"
)

// Day is t's civil date in loc, as midnight UTC: the form delegations compare.
func Day(t time.Time, loc *time.Location) time.Time {
	y, m, d := t.In(loc).Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

func civil(t time.Time) time.Time {
	y, m, d := t.Date()
	return time.Date(y, m, d, 0, 0, 0, 0, time.UTC)
}

// LastDay is the last day the delegation covers: To, or the day before it was
// cancelled when that comes first.
func (d Delegation) LastDay() time.Time {
	last := civil(d.To)
	if d.EndedAt != nil {
		if end := civil(*d.EndedAt).AddDate(0, 0, -1); end.Before(last) {
			last = end
		}
	}
	return last
}

// StatusOn is the delegation's status on day (a civil date, see Day).
func (d Delegation) StatusOn(day time.Time) DelegationStatus {
	day = civil(day)
	switch {
	case day.After(d.LastDay()) || d.LastDay().Before(civil(d.From)):
		return Ended
	case day.Before(civil(d.From)):
		return Upcoming
	}
	return Active
}

// ActiveOn reports whether the delegation covers day.
func (d Delegation) ActiveOn(day time.Time) bool { return d.StatusOn(day) == Active }

// Why a delegation is refused.
var (
	ErrDelegationDates   = errors.New("workflow: the absence ends before it starts")
	ErrDelegationPast    = errors.New("workflow: the absence is over already")
	ErrDelegateSelf      = errors.New("workflow: a person does not stand in for themselves")
	ErrDelegationOverlap = errors.New("workflow: the person is already away on some of those days")
	// ErrDelegateAway: delegations are not followed from one person to the next (see
	// ActingFor), so a delegate away on those days would leave the reviews to nobody.
	ErrDelegateAway = errors.New("workflow: the delegate is away on some of those days")
)

// CheckDelegation reports why d may not be recorded on today, given the delegations
// already recorded (any status), or nil.
func CheckDelegation(d Delegation, today time.Time, existing []Delegation) error {
	from, to := civil(d.From), civil(d.To)
	switch {
	case to.Before(from):
		return ErrDelegationDates
	case to.Before(civil(today)):
		return ErrDelegationPast
	case d.DelegateKey != "" && strings.EqualFold(d.DelegateKey, d.PersonKey):
		return ErrDelegateSelf
	}
	overlaps := func(e Delegation) bool {
		return e.StatusOn(today) != Ended && !e.LastDay().Before(from) && !civil(e.From).After(to)
	}
	for _, e := range existing {
		switch {
		case strings.EqualFold(e.PersonKey, d.PersonKey) && overlaps(e):
			return ErrDelegationOverlap
		case d.DelegateKey != "" && strings.EqualFold(e.PersonKey, d.DelegateKey) && overlaps(e):
			return ErrDelegateAway
		}
	}
	return nil
}

// Away returns the delegation that has key away on day, if any.
func Away(key string, day time.Time, all []Delegation) (Delegation, bool) {
	for _, d := range all {
		if strings.EqualFold(d.PersonKey, key) && d.ActiveOn(day) {
			return d, true
		}
	}
	return Delegation{}, false
}

// ActingFor lists the people key stands in for on day. A chain is not followed: when
// Paul delegates to Marie and Marie, away too, to Luc, Luc gets Marie's reviews only,
// never Paul's. Paul trusted Marie, not whoever Marie trusts; an approval is decided
// only by someone the committee or an administrator designated, and a chain could
// also loop back to the requester.
func ActingFor(key string, day time.Time, all []Delegation) []Delegation {
	var out []Delegation
	for _, d := range all {
		if d.DelegateKey != "" && strings.EqualFold(d.DelegateKey, key) && d.ActiveOn(day) {
			out = append(out, d)
		}
	}
	return out
}

// RouteTo is whom a message for key goes to on day: their delegate while they are
// away with one, else key itself (one step only, as in ActingFor).
func RouteTo(key string, day time.Time, all []Delegation) string {
	if d, ok := Away(key, day, all); ok && d.DelegateKey != "" {
		return d.DelegateKey
	}
	return key
}

// AllAway reports whether every one of members is away on day with nobody standing
// in: the stage they review would wait for no one. An empty list is not "all away".
func AllAway(members []string, day time.Time, all []Delegation) bool {
	if len(members) == 0 {
		return false
	}
	for _, m := range members {
		d, ok := Away(m, day, all)
		if !ok || d.DelegateKey != "" {
			return false
		}
	}
	return true
}

// AuditName is the decision's author as the audit log names them: « Marie Roy (pour
// Paul Roy) » for a delegate (the audit log is kept in French, as the procedure).
func (d Decision) AuditName() string {
	if d.ForName == "" && d.ForKey == "" {
		return d.ActorName
	}
	forName := d.ForName
	if forName == "" {
		forName = d.ForKey
	}
	return d.ActorName + " (pour " + forName + ")"
}
