package workflow

import (
	"errors"
	"maps"
	"slices"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
)

var requester = audit.Actor{Key: "k-req", Name: "Req"}

// TestRequestMoves runs every status through submission, cancellation and closure.
func TestRequestMoves(t *testing.T) {
	withEFVP := map[requests.Tag]requests.Answer{requests.TagEFVPDate: {Value: "2027-01-15"}}
	statuses := []requests.Status{requests.Draft, requests.ChangesRequested, requests.Submitted, requests.STIReview,
		requests.CODIRReview, requests.PrivacyReview, requests.Approved, requests.Rejected, requests.Cancelled, requests.Closed}
	for _, st := range statuses {
		r := requests.Request{ID: 7, Status: st, Answers: withEFVP}
		editable := st == requests.Draft || st == requests.ChangesRequested
		for _, tc := range []struct {
			name    string
			move    func() (audit.Entry, error)
			allowed bool
			want    audit.Entry
		}{
			{"submit", func() (audit.Entry, error) { return Submission(r, requester) }, editable,
				audit.Entry{ActorKey: "k-req", ActorName: "Req", Action: AuditSubmit, Subject: "request:7", From: string(st),
					To: "submitted", Sections: []string{"6.3.1", "6.3.2"}}},
			{"cancel", func() (audit.Entry, error) { return Cancellation(r, requester) }, editable,
				audit.Entry{ActorKey: "k-req", ActorName: "Req", Action: AuditCancel, Subject: "request:7", From: string(st),
					To: "cancelled", Sections: []string{"6.3.1"}}},
			{"close", func() (audit.Entry, error) { return Closure(r, "idle 60 days") }, st == requests.Draft,
				audit.Entry{ActorKey: "system", Action: AuditClose, Subject: "request:7", From: string(st),
					To: "closed", Comment: "idle 60 days", Sections: []string{"6.3.1"}}},
		} {
			e, err := tc.move()
			if !tc.allowed {
				if !errors.Is(err, bot.ErrConflict) {
					t.Errorf("%s from %s: err %v, want a conflict", tc.name, st, err)
				}
				continue
			}
			if err != nil || !sameEntry(e, tc.want) {
				t.Errorf("%s from %s: %+v, %v; want %+v", tc.name, st, e, err, tc.want)
			}
		}
	}
}

func TestSubmissionNeedsEFVP(t *testing.T) {
	for _, date := range []string{"", "bientôt"} {
		r := requests.Request{ID: 1, Status: requests.Draft, Answers: map[requests.Tag]requests.Answer{requests.TagEFVPDate: {Value: date}}}
		if _, err := Submission(r, requester); !errors.Is(err, requests.ErrNoEFVP) {
			t.Errorf("EFVP date %q: err %v, want ErrNoEFVP", date, err)
		}
	}
}

func TestReviewStart(t *testing.T) {
	got := ReviewStart(3, requests.CODIRReview, audit.System, []string{"6.3.3"})
	want := audit.Entry{ActorKey: "system", Action: AuditReviewStart, Subject: "request:3", From: "submitted",
		To: "codir_review", Sections: []string{"6.3.3"}}
	if !sameEntry(got, want) {
		t.Errorf("ReviewStart = %+v, want %+v", got, want)
	}
}

func TestSTIFill(t *testing.T) {
	sti := audit.Actor{Key: "k-sti", Name: "STI"}
	answers := map[requests.Tag]requests.Answer{"18": {ForSTI: true}, "19": {ForSTI: true}, "20": {Value: "oui"}, "21": {ForSTI: true}}
	for _, tc := range []struct {
		name        string
		status      requests.Status
		round       int
		values      map[requests.Tag]string
		wantErr     error
		wantFilled  map[requests.Tag]string
		wantComment string // empty: no entry
	}{
		{"flagged items, trimmed and sorted", requests.STIReview, 2,
			map[requests.Tag]string{"21": " Azure Canada ", "18": "SSO"}, nil,
			map[requests.Tag]string{"18": "SSO", "21": "Azure Canada"}, "18,21"},
		{"an item not left to the STI is ignored", requests.STIReview, 2,
			map[requests.Tag]string{"20": "non", "19": "chiffré"}, nil,
			map[requests.Tag]string{"19": "chiffré"}, "19"},
		{"blank values fill nothing", requests.STIReview, 2, map[requests.Tag]string{"18": "  "}, nil,
			map[requests.Tag]string{}, ""},
		{"another round", requests.STIReview, 1, map[requests.Tag]string{"18": "SSO"}, bot.ErrConflict, nil, ""},
		{"another stage", requests.CODIRReview, 2, map[requests.Tag]string{"18": "SSO"}, bot.ErrConflict, nil, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := requests.Request{ID: 4, Status: tc.status, Round: 2, Answers: answers}
			filled, e, err := STIFill(r, tc.round, tc.values, sti)
			if !matches(err, tc.wantErr) {
				t.Fatalf("err %v, want %v", err, tc.wantErr)
			}
			if err != nil {
				return
			}
			if !maps.Equal(filled, tc.wantFilled) {
				t.Errorf("filled %v, want %v", filled, tc.wantFilled)
			}
			want := audit.Entry{}
			if tc.wantComment != "" {
				want = audit.Entry{ActorKey: "k-sti", ActorName: "STI", Action: AuditSTIFill, Subject: "request:4",
					From: "sti_review", To: "sti_review", Comment: tc.wantComment, Sections: []string{"Annexe 1", "8"}}
			}
			if !sameEntry(e, want) || (tc.wantComment == "" && !slices.Equal(e.Sections, nil)) {
				t.Errorf("entry %+v, want %+v", e, want)
			}
		})
	}
}
