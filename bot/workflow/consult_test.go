package workflow

import (
	"errors"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
)

func TestCheckConsult(t *testing.T) {
	r := requests.Request{ID: 7, RequesterKey: "alice", Status: requests.CODIRReview, Round: 2}
	codir := Actor{Key: "codir", Roles: []string{config.RoleCODIRIN}}
	waiting := Consultation{Round: 2, Stage: requests.CODIRReview, Role: config.RoleSGC}
	at := time.Now()
	answered := waiting
	answered.Opinion, answered.AnsweredAt = Favourable, &at
	for _, tc := range []struct {
		name  string
		stage requests.Status
		round int
		role  string
		who   Actor
		asked []Consultation
		want  error
	}{
		{"CODIR-IN asks the SGC", requests.CODIRReview, 2, config.RoleSGC, codir, nil, nil},
		{"CODIR-IN asks the SPOA", requests.CODIRReview, 2, config.RoleSPOA, codir, []Consultation{waiting}, nil},
		{"the STI does not consult", requests.STIReview, 2, config.RoleSGC, Actor{Key: "sti", Roles: []string{config.RoleSTI}}, nil, ErrNotConsulted},
		{"not a consulted role", requests.CODIRReview, 2, config.RoleCPRPSI, codir, nil, ErrNotConsulted},
		{"not a member of CODIR-IN", requests.CODIRReview, 2, config.RoleSGC, Actor{Key: "sgc", Roles: []string{config.RoleSGC}}, nil, ErrNotAuthorised},
		{"the requester", requests.CODIRReview, 2, config.RoleSGC, Actor{Key: "alice", Roles: []string{config.RoleCODIRIN}}, nil, ErrOwnRequest},
		{"an old round's card", requests.CODIRReview, 1, config.RoleSGC, codir, nil, ErrMovedOn},
		{"the SGC's opinion is awaited", requests.CODIRReview, 2, config.RoleSGC, codir, []Consultation{waiting}, ErrAlreadyAsked},
		{"the SGC answered: ask again", requests.CODIRReview, 2, config.RoleSGC, codir, []Consultation{answered}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CheckConsult(r, tc.stage, tc.round, tc.role, tc.who, tc.asked); !errors.Is(got, tc.want) {
				t.Errorf("CheckConsult = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestCheckOpinion(t *testing.T) {
	r := requests.Request{ID: 7, RequesterKey: "alice", Status: requests.Rejected, Round: 1}
	c := Consultation{ID: 3, RequestID: 7, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSGC}
	at := time.Now()
	given := c
	given.Opinion, given.AnsweredAt = Reserved, &at
	sgc := Actor{Key: "sophie", Roles: []string{config.RoleSGC}}
	for _, tc := range []struct {
		name string
		c    Consultation
		o    Opinion
		text string
		who  Actor
		want error
	}{
		{"favourable without a text, request already decided", c, Favourable, "", sgc, nil},
		{"reserved with its reasons", c, Reserved, "licences", sgc, nil},
		{"reserved without reasons", c, Reserved, "", sgc, ErrOpinionText},
		{"unfavourable without reasons", c, Unfavourable, "", sgc, ErrOpinionText},
		{"no opinion chosen", c, "", "", sgc, ErrNotConsulted},
		{"a member of the SPOA", c, Favourable, "", Actor{Key: "paul", Roles: []string{config.RoleSPOA}}, ErrNotAuthorised},
		{"the requester in the SGC", c, Favourable, "", Actor{Key: "alice", Roles: []string{config.RoleSGC}}, ErrOwnRequest},
		{"already given: not revised", given, Unfavourable, "non", sgc, ErrAlreadyGiven},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := CheckOpinion(r, tc.c, tc.o, tc.text, tc.who); !errors.Is(got, tc.want) {
				t.Errorf("CheckOpinion = %v, want %v", got, tc.want)
			}
		})
	}
}

func TestAfterDecision(t *testing.T) {
	t0 := time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC)
	d := Decision{RequestID: 7, Round: 1, Stage: requests.CODIRReview, Decision: Approve, At: t0}
	before, after := t0.Add(-time.Minute), t0.Add(time.Minute)
	c := Consultation{RequestID: 7, Round: 1, Stage: requests.CODIRReview, Role: config.RoleSPOA}
	withAnswer := func(at *time.Time) Consultation { x := c; x.Opinion, x.AnsweredAt = Favourable, at; return x }
	other := d
	other.Round = 2
	for _, tc := range []struct {
		name string
		c    Consultation
		d    Decision
		want bool
	}{
		{"answered before the decision", withAnswer(&before), d, false},
		{"answered after the decision", withAnswer(&after), d, true},
		{"still awaited when decided", c, d, true},
		{"another round's decision", withAnswer(&after), other, false},
		{"no decision yet", withAnswer(&after), Decision{}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.c.AfterDecision(tc.d); got != tc.want {
				t.Errorf("AfterDecision = %v, want %v", got, tc.want)
			}
		})
	}
}
