package requests

import (
	"sort"
	"strconv"
	"strings"
	"time"
)

// Facts reads a request's answers as typed values. A missing, skipped or malformed
// answer reads as the zero value (ok false where there is one): facts never fail, so
// that a card or a reminder can always be built.
type Facts struct {
	answers map[Tag]Answer
}

// FactsOf returns the facts of a bare answer map.
func FactsOf(answers map[Tag]Answer) Facts { return Facts{answers: answers} }

func (f Facts) value(t Tag) string { return strings.TrimSpace(f.answers[t].Value) }

// SystemName is the name of the system requested.
func (f Facts) SystemName() string { return f.value(TagSystemName) }

// Vendor is the system's vendor, empty when not given.
func (f Facts) Vendor() string { return f.value(TagSystemVendor) }

// Kind is KindPublic (3.9), KindPrivate (3.8), or empty when unknown.
func (f Facts) Kind() string {
	switch v := f.value(TagSystemKind); v {
	case KindPublic, KindPrivate:
		return v
	}
	return ""
}

// Hosting is HostingQuebec, HostingCanada or HostingForeign (5.1.12, 6.3.3), or empty
// when unknown or left to the STI.
func (f Facts) Hosting() string {
	switch v := f.value(TagHosting); v {
	case HostingQuebec, HostingCanada, HostingForeign:
		return v
	}
	return ""
}

// Open reports whether the system is open (3.7); known is false when not given or
// left to the STI.
func (f Facts) Open() (open, known bool) { return f.yesNo(TagSystemOpen) }

// Specialized reports whether the system is specialized (3.10); known is false when
// not given or left to the STI.
func (f Facts) Specialized() (specialized, known bool) { return f.yesNo(TagSystemSpecialized) }

func (f Facts) yesNo(t Tag) (yes, known bool) {
	switch f.value(t) {
	case Yes:
		return true, true
	case No:
		return false, true
	}
	return false, false
}

// Uses are the usage types requested: use ids of the inventory, or free labels.
func (f Facts) Uses() []string { return SplitList(f.value(TagUses)) }

// PersonalData reports whether personal information is involved (3.6, 6.2).
func (f Facts) PersonalData() bool { return f.value(TagPersonalData) == Yes }

// AutomatedDecision reports whether the use supports or makes a decision about a
// person, which needs the privacy committee's approval (5.1.11).
func (f Facts) AutomatedDecision() bool { return f.value(TagAutomatedDecision) == Yes }

// Supervisor is the requester's immediate supervisor, an e-mail or a name.
func (f Facts) Supervisor() string { return f.value(TagSupervisor) }

// EFVPDate is the date the EFVP was done or is planned (6.3.2).
func (f Facts) EFVPDate() (time.Time, bool) { return parseDate(f.value(TagEFVPDate)) }

// EFVPDone reports whether the EFVP date is a date done rather than planned.
func (f Facts) EFVPDone() bool { return f.value(TagEFVPStatus) == EFVPDone }

// EFVPPlanned reports whether the EFVP date is a planned date.
func (f Facts) EFVPPlanned() bool { return f.value(TagEFVPStatus) == EFVPPlanned }

// TrainingDates are the training sessions before deployment (7, Annexe 1), sorted.
// Malformed entries are left out.
func (f Facts) TrainingDates() []time.Time {
	var out []time.Time
	for _, s := range SplitList(f.value(TagTrainingCalendar)) {
		if d, ok := parseDate(s); ok {
			out = append(out, d)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Before(out[j]) })
	return out
}

// DeploymentDate is the planned deployment date.
func (f Facts) DeploymentDate() (time.Time, bool) { return parseDate(f.value(TagDeploymentDate)) }

// RiskReviewInterval is how often the risks are reviewed (Annexe 1, follow-up and
// review of risks); ok is false when not given or left to the STI.
func (f Facts) RiskReviewInterval() (days int, ok bool) {
	n, err := strconv.Atoi(f.value(TagRiskReviewInterval))
	if err != nil || n <= 0 {
		return 0, false
	}
	return n, true
}

// PendingSTI lists the items left for the STI to complete, sorted by tag.
func (f Facts) PendingSTI() []Tag {
	var out []Tag
	for t, a := range f.answers {
		if a.ForSTI {
			out = append(out, t)
		}
	}
	sort.Slice(out, func(i, j int) bool { return out[i] < out[j] })
	return out
}

// SplitList splits a stored comma-separated list, trimming and dropping empty entries.
func SplitList(s string) []string {
	var out []string
	for _, p := range strings.Split(s, ",") {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// FormatDate is a date as stored in answers.
func FormatDate(t time.Time) string { return t.Format(DateLayout) }

func parseDate(s string) (time.Time, bool) {
	if s == "" {
		return time.Time{}, false
	}
	t, err := time.Parse(DateLayout, s)
	return t, err == nil
}
