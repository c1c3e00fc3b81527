package workflow

import (
	"errors"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
)

func dday(s string) time.Time {
	t, err := time.Parse(time.DateOnly, s)
	if err != nil {
		panic(err)
	}
	return t
}

// TestDelegationStatusOnBoundaries: both days are included; a cancelled delegation
// ends the day before it was cancelled.
func TestDelegationStatusOnBoundaries(t *testing.T) {
	cancelled := dday("2027-01-15").Add(14 * time.Hour)
	early := dday("2027-01-05")
	d := Delegation{PersonKey: "paul", DelegateKey: "marie", From: dday("2027-01-10"), To: dday("2027-01-24")}
	for _, tc := range []struct {
		name string
		d    Delegation
		on   string
		want DelegationStatus
	}{
		{"the day before", d, "2027-01-09", Upcoming},
		{"first day", d, "2027-01-10", Active},
		{"in between", d, "2027-01-17", Active},
		{"last day", d, "2027-01-24", Active},
		{"the day after", d, "2027-01-25", Ended},
		{"cancelled: the day before cancelling", with(d, &cancelled), "2027-01-14", Active},
		{"cancelled: the day cancelled", with(d, &cancelled), "2027-01-15", Ended},
		{"cancelled before it started", with(d, &early), "2027-01-04", Ended},
		{"one day", Delegation{From: dday("2027-01-10"), To: dday("2027-01-10")}, "2027-01-10", Active},
	} {
		if got := tc.d.StatusOn(dday(tc.on)); got != tc.want {
			t.Errorf("%s: StatusOn(%s) = %s, want %s", tc.name, tc.on, got, tc.want)
		}
	}
}

func with(d Delegation, ended *time.Time) Delegation { d.EndedAt = ended; return d }

// TestDayInToronto: a click at 23:30 on 24 January in Québec is still on the 24th,
// whatever UTC says.
func TestDayInToronto(t *testing.T) {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		t.Fatal(err)
	}
	late := time.Date(2027, 1, 25, 4, 30, 0, 0, time.UTC) // 23:30 on the 24th in Toronto
	if got := Day(late, loc); !got.Equal(dday("2027-01-24")) {
		t.Fatalf("Day = %s, want 2027-01-24", got)
	}
	d := Delegation{From: dday("2027-01-10"), To: dday("2027-01-24")}
	if !d.ActiveOn(Day(late, loc)) || d.ActiveOn(Day(late.Add(time.Hour), loc)) {
		t.Fatal("the delegation must end at midnight in Québec")
	}
}

func TestCheckDelegation(t *testing.T) {
	today := dday("2027-01-05")
	ended := dday("2027-01-03")
	existing := []Delegation{
		{PersonKey: "paul", DelegateKey: "marie", From: dday("2027-01-10"), To: dday("2027-01-24")},
		{PersonKey: "luc", From: dday("2027-02-01"), To: dday("2027-02-05")},
		{PersonKey: "anne", DelegateKey: "marie", From: dday("2027-01-01"), To: dday("2027-01-31"), EndedAt: &ended},
	}
	for _, tc := range []struct {
		name string
		d    Delegation
		want error
	}{
		{"fine", Delegation{PersonKey: "sophie", DelegateKey: "marie", From: dday("2027-01-10"), To: dday("2027-01-12")}, nil},
		{"without a delegate", Delegation{PersonKey: "sophie", From: dday("2027-01-10"), To: dday("2027-01-12")}, nil},
		{"ends before it starts", Delegation{PersonKey: "sophie", From: dday("2027-01-12"), To: dday("2027-01-10")}, ErrDelegationDates},
		{"over already", Delegation{PersonKey: "sophie", From: dday("2027-01-01"), To: dday("2027-01-04")}, ErrDelegationPast},
		{"ending today is fine", Delegation{PersonKey: "sophie", From: dday("2027-01-01"), To: dday("2027-01-05")}, nil},
		{"to oneself", Delegation{PersonKey: "sophie", DelegateKey: "Sophie", From: dday("2027-01-10"), To: dday("2027-01-12")}, ErrDelegateSelf},
		{"overlaps the person's own on its last day", Delegation{PersonKey: "paul", DelegateKey: "luc", From: dday("2027-01-24"), To: dday("2027-01-30")}, ErrDelegationOverlap},
		{"right after the person's own", Delegation{PersonKey: "paul", DelegateKey: "luc", From: dday("2027-01-25"), To: dday("2027-01-30")}, nil},
		{"over a cancelled one", Delegation{PersonKey: "anne", DelegateKey: "luc", From: dday("2027-01-10"), To: dday("2027-01-12")}, nil},
		{"the delegate is away then", Delegation{PersonKey: "sophie", DelegateKey: "luc", From: dday("2027-01-30"), To: dday("2027-02-02")}, ErrDelegateAway},
		{"the delegate is back by then", Delegation{PersonKey: "sophie", DelegateKey: "luc", From: dday("2027-02-06"), To: dday("2027-02-09")}, nil},
	} {
		if err := CheckDelegation(tc.d, today, existing); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}

// TestChainNotFollowed: Paul → Marie, Marie → Luc on the same days: Luc stands in for
// Marie only, and Paul's messages go to Marie, not on to Luc.
func TestChainNotFollowed(t *testing.T) {
	all := []Delegation{
		{PersonKey: "paul", DelegateKey: "marie", From: dday("2027-01-10"), To: dday("2027-01-24")},
		{PersonKey: "marie", DelegateKey: "luc", From: dday("2027-01-10"), To: dday("2027-01-24")},
		{PersonKey: "sophie", From: dday("2027-01-10"), To: dday("2027-01-12")},
	}
	on := dday("2027-01-11")
	if got := ActingFor("luc", on, all); len(got) != 1 || got[0].PersonKey != "marie" {
		t.Errorf("Luc stands in for %+v, want Marie only", got)
	}
	if got := ActingFor("marie", on, all); len(got) != 1 || got[0].PersonKey != "paul" {
		t.Errorf("Marie stands in for %+v, want Paul", got)
	}
	for key, want := range map[string]string{"paul": "marie", "marie": "luc", "sophie": "sophie", "luc": "luc"} {
		if got := RouteTo(key, on, all); got != want {
			t.Errorf("RouteTo(%s) = %s, want %s", key, got, want)
		}
	}
	if got := ActingFor("marie", dday("2027-01-25"), all); len(got) != 0 {
		t.Errorf("the day after: Marie still stands in for %+v", got)
	}
	for _, tc := range []struct {
		members []string
		on      string
		want    bool
	}{
		{[]string{"sophie"}, "2027-01-11", true},
		{[]string{"sophie"}, "2027-01-13", false},
		{[]string{"sophie", "paul"}, "2027-01-11", false}, // Paul has a delegate
		{[]string{"sophie", "anne"}, "2027-01-11", false}, // Anne is here
		{nil, "2027-01-11", false},
	} {
		if got := AllAway(tc.members, dday(tc.on), all); got != tc.want {
			t.Errorf("AllAway(%v, %s) = %v, want %v", tc.members, tc.on, got, tc.want)
		}
	}
}

// TestCheckAs: who may act on a stage through a delegation or a reassignment.
func TestCheckAs(t *testing.T) {
	r := requests.Request{ID: 12, Round: 1, Status: requests.CODIRReview, RequesterKey: "req@x"}
	paul := Principal{Key: "paul@x", Name: "Paul Roy", Roles: []string{config.RoleCODIRIN}}
	requester := Principal{Key: "req@x", Name: "Req", Roles: []string{config.RoleCODIRIN}}
	sti := Principal{Key: "sti@x", Roles: []string{config.RoleSTI}}
	toMarie := &Assignment{RequestID: 12, Round: 1, Stage: requests.CODIRReview, ToKey: "marie@x"}
	toCPRPSI := &Assignment{RequestID: 12, Round: 1, Stage: requests.CODIRReview, ToRole: config.RoleCPRPSI}
	otherRound := &Assignment{RequestID: 12, Round: 2, Stage: requests.CODIRReview, ToKey: "marie@x"}
	codir := Actor{Key: "codir@x", Roles: []string{config.RoleCODIRIN}}
	marie := Actor{Key: "marie@x"}
	for _, tc := range []struct {
		name     string
		who      Actor
		standing Standing
		act      Action
		wantFor  string
		want     error
	}{
		{"a member, in their own right", codir, Standing{}, Approve, "", nil},
		{"a delegate of a member", marie, Standing{For: []Principal{paul}}, Approve, "paul@x", nil},
		{"a delegate of another role's member", marie, Standing{For: []Principal{sti}}, Approve, "", ErrNotAuthorised},
		{"a delegate of the requester", marie, Standing{For: []Principal{requester}}, Approve, "", ErrOwnRequest},
		{"the requester as a delegate", Actor{Key: "req@x"}, Standing{For: []Principal{paul}}, Approve, "", ErrOwnRequest},
		{"a delegate on a stage moved on", marie, Standing{For: []Principal{paul}}, Approve, "", nil},
		{"a delegate submitting", marie, Standing{For: []Principal{paul}}, Submit, "", ErrNotRequester},
		{"the member assigned", marie, Standing{Assignment: toMarie}, Reject, "", nil},
		{"the role's member, the stage assigned to another", codir, Standing{Assignment: toMarie}, Approve, "", ErrNotAuthorised},
		{"a delegate, the stage assigned to another", marie, Standing{For: []Principal{paul}, Assignment: &Assignment{
			RequestID: 12, Round: 1, Stage: requests.CODIRReview, ToKey: "luc@x"}}, Approve, "", ErrNotAuthorised},
		{"the role's member, the stage assigned to a role", codir, Standing{Assignment: toCPRPSI}, Approve, "", ErrNotAuthorised},
		{"a member of the role assigned", Actor{Key: "c@x", Roles: []string{config.RoleCPRPSI}}, Standing{Assignment: toCPRPSI}, Approve, "", nil},
		{"an assignment of another round counts for nothing", codir, Standing{Assignment: otherRound}, Approve, "", nil},
		{"assigned to the requester (refused upstream) still cannot decide", Actor{Key: "req@x"}, Standing{Assignment: &Assignment{
			RequestID: 12, Round: 1, Stage: requests.CODIRReview, ToKey: "req@x"}}, Approve, "", ErrOwnRequest},
	} {
		round := 1
		if tc.name == "a delegate on a stage moved on" {
			round, tc.want = 2, ErrMovedOn
			tc.wantFor = ""
		}
		p, err := CheckAs(r, requests.CODIRReview, round, tc.act, tc.who, tc.standing)
		if !errors.Is(err, tc.want) || p.Key != tc.wantFor {
			t.Errorf("%s: (%q, %v), want (%q, %v)", tc.name, p.Key, err, tc.wantFor, tc.want)
		}
	}
}

func TestCheckAssignment(t *testing.T) {
	r := requests.Request{ID: 12, Round: 1, Status: requests.CODIRReview, RequesterKey: "req@x"}
	a := func(key, role string) Assignment {
		return Assignment{RequestID: 12, Round: 1, Stage: requests.CODIRReview, ToKey: key, ToRole: role}
	}
	cur := a("marie@x", "")
	for _, tc := range []struct {
		name    string
		r       requests.Request
		a       Assignment
		current *Assignment
		want    error
	}{
		{"to a member", r, a("marie@x", ""), nil, nil},
		{"to a role", r, a("", config.RoleCPRPSI), nil, nil},
		{"to its own role", r, a("", config.RoleCODIRIN), nil, ErrSameAssignment},
		{"back to its own role", r, a("", config.RoleCODIRIN), &cur, nil},
		{"to the same member again", r, a("Marie@x", ""), &cur, ErrSameAssignment},
		{"to the requester", r, a("req@x", ""), nil, ErrAssignRequester},
		{"not pending", requests.Request{ID: 12, Round: 1, Status: requests.Approved}, a("marie@x", ""), nil, ErrNotPending},
		{"another round", requests.Request{ID: 12, Round: 2, Status: requests.CODIRReview}, a("marie@x", ""), nil, ErrNotPending},
	} {
		if err := CheckAssignment(tc.r, tc.a, tc.current); !errors.Is(err, tc.want) {
			t.Errorf("%s: %v, want %v", tc.name, err, tc.want)
		}
	}
}
