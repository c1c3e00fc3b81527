package requests

import (
	"errors"
	"slices"
	"testing"
	"time"
)

func TestFactsReadNormalisedAnswers(t *testing.T) {
	r := Request{Answers: map[Tag]Answer{
		TagSystemName:         {Value: " ChatGPT Edu "},
		TagSystemVendor:       {Value: "OpenAI"},
		TagSystemKind:         {Value: "private"},
		TagUses:               {Value: "summary, translation ,,"},
		TagPersonalData:       {Value: "yes"},
		TagAutomatedDecision:  {Value: "no"},
		TagSupervisor:         {Value: "chef@cssdgs.gouv.qc.ca"},
		TagEFVPDate:           {Value: "2027-02-01"},
		TagEFVPStatus:         {Value: "planned"},
		TagTrainingCalendar:   {Value: "2027-03-10,2027-03-03,bad"},
		TagDeploymentDate:     {Value: "2027-04-01"},
		TagRiskReviewInterval: {Value: "90"},
		"a1.sti.dng.access":   {ForSTI: true},
		"a1.sti.risks.causes": {ForSTI: true},
	}}
	f := r.Facts()
	day := func(s string) time.Time { d, _ := time.Parse(DateLayout, s); return d }
	efvp, efvpOK := f.EFVPDate()
	deploy, deployOK := f.DeploymentDate()
	days, daysOK := f.RiskReviewInterval()
	for _, tc := range []struct {
		name      string
		got, want any
	}{
		{"SystemName", f.SystemName(), "ChatGPT Edu"},
		{"Vendor", f.Vendor(), "OpenAI"},
		{"Kind", f.Kind(), KindPrivate},
		{"Uses", f.Uses(), []string{"summary", "translation"}},
		{"PersonalData", f.PersonalData(), true},
		{"AutomatedDecision", f.AutomatedDecision(), false},
		{"Supervisor", f.Supervisor(), "chef@cssdgs.gouv.qc.ca"},
		{"EFVPDate", efvp, day("2027-02-01")},
		{"EFVPDate ok", efvpOK, true},
		{"EFVPPlanned", f.EFVPPlanned(), true},
		{"EFVPDone", f.EFVPDone(), false},
		{"TrainingDates", f.TrainingDates(), []time.Time{day("2027-03-03"), day("2027-03-10")}},
		{"DeploymentDate", deploy, day("2027-04-01")},
		{"DeploymentDate ok", deployOK, true},
		{"RiskReviewInterval", days, 90},
		{"RiskReviewInterval ok", daysOK, true},
		{"PendingSTI", f.PendingSTI(), []Tag{"a1.sti.dng.access", "a1.sti.risks.causes"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if !equal(tc.got, tc.want) {
				t.Errorf("got %v, want %v", tc.got, tc.want)
			}
		})
	}
}

func equal(a, b any) bool {
	switch a := a.(type) {
	case []string:
		return slices.Equal(a, b.([]string))
	case []Tag:
		return slices.Equal(a, b.([]Tag))
	case []time.Time:
		bb := b.([]time.Time)
		return slices.EqualFunc(a, bb, func(x, y time.Time) bool { return x.Equal(y) })
	case time.Time:
		return a.Equal(b.(time.Time))
	}
	return a == b
}

func TestFactsOfMissingAnswersAreZero(t *testing.T) {
	f := Request{}.Facts()
	if _, ok := f.EFVPDate(); ok {
		t.Error("EFVPDate ok on no answers")
	}
	if _, ok := f.RiskReviewInterval(); ok {
		t.Error("RiskReviewInterval ok on no answers")
	}
	if f.Kind() != "" || f.PersonalData() || len(f.Uses()) != 0 || len(f.PendingSTI()) != 0 {
		t.Errorf("facts of nothing are not zero: kind %q uses %v", f.Kind(), f.Uses())
	}
	if got := FactsOf(map[Tag]Answer{TagSystemKind: {Value: "hybrid"}}).Kind(); got != "" {
		t.Errorf("Kind of an unknown value = %q, want empty", got)
	}
}

func TestCheckSubmittableNeedsEFVPDate(t *testing.T) {
	for _, tc := range []struct {
		name string
		date string
		want error
	}{
		{"no date", "", ErrNoEFVP},
		{"malformed", "bientôt", ErrNoEFVP},
		{"date", "2027-01-15", nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Request{Answers: map[Tag]Answer{TagEFVPDate: {Value: tc.date}}}
			if got := r.CheckSubmittable(); !errors.Is(got, tc.want) {
				t.Errorf("CheckSubmittable = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestStatus(t *testing.T) {
	for _, s := range Statuses {
		if !s.Valid() {
			t.Errorf("%s not valid", s)
		}
		if got, want := s.Editable(), s == Draft || s == ChangesRequested; got != want {
			t.Errorf("%s.Editable() = %v, want %v", s, got, want)
		}
	}
	if Status("pending").Valid() {
		t.Error("unknown status valid")
	}
	if got := Subject(12); got != "request:12" {
		t.Errorf("Subject(12) = %q", got)
	}
}

func TestSupervisorKey(t *testing.T) {
	for _, tc := range []struct{ answer, want string }{
		{"Marie.Roy@CSSDGS.gouv.qc.ca", "marie.roy@cssdgs.gouv.qc.ca"},
		{"  josée.tremblay@cssdgs.gouv.qc.ca ", "josée.tremblay@cssdgs.gouv.qc.ca"},
		{"slack:U012AB3CD", "slack:U012AB3CD"},
		{"teams:29:1abc", "teams:29:1abc"},
		{"terminal:marie", "terminal:marie"},
		{"Marie Roy", ""},
		{"", ""},
		{"discord:123", ""},
	} {
		if got := SupervisorKey(tc.answer); got != tc.want {
			t.Errorf("SupervisorKey(%q) = %q, want %q", tc.answer, got, tc.want)
		}
	}
}
