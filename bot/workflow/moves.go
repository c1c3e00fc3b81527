package workflow

import (
	"slices"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
)

// Audit actions of a request's moves outside a decision (a decision's is
// "review.<action>", see Decision.Entry).
const (
	AuditSubmit      = "request.submit"
	AuditCancel      = "request.cancel"
	AuditClose       = "request.close"
	AuditReviewStart = "review.start"
	AuditSTIFill     = "review.sti_fill"
)

func moveEntry(r requests.Request, to requests.Status, action string, by audit.Actor, comment string, sections ...string) audit.Entry {
	return audit.Entry{ActorKey: by.Key, ActorName: by.Name, Action: action, Subject: requests.Subject(r.ID),
		From: string(r.Status), To: string(to), Comment: comment, Sections: sections}
}

// Submission is the audit entry of handing r to review (status submitted, a new
// round). It refuses with bot.ErrConflict when r is not editable (already submitted:
// a second click acts once) and with requests.ErrNoEFVP, or the other reasons of
// CheckSubmittable, when r is not complete.
func Submission(r requests.Request, by audit.Actor) (audit.Entry, error) {
	if !r.Status.Editable() {
		return audit.Entry{}, bot.ErrConflict
	}
	if err := r.CheckSubmittable(); err != nil {
		return audit.Entry{}, err
	}
	return moveEntry(r, requests.Submitted, AuditSubmit, by, "", "6.3.1", "6.3.2"), nil
}

// Cancellation is the audit entry of abandoning r at its requester's wish (status
// cancelled); bot.ErrConflict when r is no longer editable.
func Cancellation(r requests.Request, by audit.Actor) (audit.Entry, error) {
	if !r.Status.Editable() {
		return audit.Entry{}, bot.ErrConflict
	}
	return moveEntry(r, requests.Cancelled, AuditCancel, by, "", "6.3.1"), nil
}

// Closure is the audit entry of the bot closing r, a draft left idle, with the reason
// (status closed); bot.ErrConflict when r is no longer a draft, so that a requester
// who came back in the meantime keeps their work.
func Closure(r requests.Request, reason string) (audit.Entry, error) {
	if r.Status != requests.Draft {
		return audit.Entry{}, bot.ErrConflict
	}
	return moveEntry(r, requests.Closed, AuditClose, audit.System, reason, "6.3.1"), nil
}

// ReviewStart is the audit entry of request id leaving "submitted" for its first
// review stage (FirstStage) of the round.
func ReviewStart(id uint, stage requests.Status, by audit.Actor, sections []string) audit.Entry {
	return moveEntry(requests.Request{ID: id, Status: requests.Submitted}, stage, AuditReviewStart, by, "", sections...)
}

// STIFill returns which of the items the requester left to the STI (Annexe 1) values
// fills — the flagged items given a value, trimmed — and the audit entry naming them
// (never their text). Other items are ignored. filled is empty, and the entry zero,
// when values fills nothing. It returns bot.ErrConflict when r is no longer in the
// STI stage of round.
func STIFill(r requests.Request, round int, values map[requests.Tag]string, by audit.Actor) (filled map[requests.Tag]string, e audit.Entry, err error) {
	if r.Status != requests.STIReview || r.Round != round {
		return nil, audit.Entry{}, bot.ErrConflict
	}
	filled = map[requests.Tag]string{}
	var names []string
	for tag, a := range r.Answers {
		v := strings.TrimSpace(values[tag])
		if !a.ForSTI || v == "" {
			continue
		}
		filled[tag] = v
		names = append(names, string(tag))
	}
	if len(filled) == 0 {
		return filled, audit.Entry{}, nil
	}
	slices.Sort(names)
	return filled, moveEntry(r, r.Status, AuditSTIFill, by, strings.Join(names, ","), "Annexe 1", "8"), nil
}

// Override62 is the audit entry of a reviewer ruling, on stage of request id, that a use
// the bot read as personal information in a public system (6.2) may go ahead: the
// decision's details keep the override, the audit log names it on its own.
func Override62(id uint, stage requests.Status, by audit.Actor, reason string) audit.Entry {
	return audit.Entry{ActorKey: by.Key, ActorName: by.Name, Action: "review.override_6.2",
		Subject: requests.Subject(id), From: string(stage), To: string(stage), Comment: reason,
		Sections: []string{"6.2", "6.3.3"}}
}
