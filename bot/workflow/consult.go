package workflow

import (
	"errors"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
)

// A deciding committee (CODIR-IN, the CPRPSI) may ask the SGC or the SPOA for an
// opinion before it decides. Section 8 of procedure 30-02 gives the SGC « toute
// analyse éthique et légale en lien avec l'IAG » and the SPOA the governance of « des
// données utilisées avec l'IAG »; neither decides, so an opinion never moves the
// request: the committee may decide before it arrives, and an opinion given after the
// decision is still recorded, marked as such (Consultation.AfterDecision).
//
// Each consultation takes exactly one opinion, by one member of the consulted role,
// and it is not revised: the record must show what the committee had in hand when it
// decided, and an opinion that could change afterwards would not say that. A member
// who wants to add something asks the committee to consult again (a new consultation,
// possible once the first is answered).

// Consult is asking for an opinion from a deciding stage's card; Check allows it to
// whoever may decide the stage (CheckConsult adds the consultation's own rules).
const Consult Action = "consult"

// Opinion is what a consulted role answers.
type Opinion string

// The opinions.
const (
	Favourable   Opinion = "favourable"
	Reserved     Opinion = "reserved"
	Unfavourable Opinion = "unfavourable"
)

// Opinions lists the opinions in the order a form shows them.
var Opinions = []Opinion{Favourable, Reserved, Unfavourable}

// Valid reports whether o is one of Opinions.
func (o Opinion) Valid() bool { return o == Favourable || o == Reserved || o == Unfavourable }

// NeedsText reports whether the opinion must say why: a reserved or unfavourable
// opinion is explained to the committee.
func (o Opinion) NeedsText() bool { return o == Reserved || o == Unfavourable }

// Consultation is a deciding stage's request for an opinion, and the opinion once
// given (Opinion empty until then).
type Consultation struct {
	ID        uint
	RequestID uint
	Round     int
	Stage     requests.Status // the deciding stage that asked: codir_review or privacy_review
	Role      string          // the consulted role: config.RoleSGC or config.RoleSPOA
	// AskedBy is the committee member who asked; Question what they want looked at
	// (optional).
	AskedByKey, AskedByName string
	Question                string
	AskedAt                 time.Time
	Opinion                 Opinion
	Text                    string
	ByKey, ByName           string
	AnsweredAt              *time.Time
}

// Answered reports whether the opinion was given.
func (c Consultation) Answered() bool { return c.Opinion != "" && c.AnsweredAt != nil }

// AfterDecision reports whether the opinion came after the asking stage's decision d
// of the same round (the committee decided without it). A consultation still waiting
// after the decision is after it too.
func (c Consultation) AfterDecision(d Decision) bool {
	if d.RequestID != c.RequestID || d.Round != c.Round || d.Stage != c.Stage || d.At.IsZero() {
		return false
	}
	return !c.Answered() || c.AnsweredAt.After(d.At)
}

// consulted are the roles a committee may consult and the sections of procedure 30-02
// that give them their part: section 8 for both, with the principles each looks at —
// the law and ethics for the SGC (5.1.1, 5.1.2), the quality and protection of the
// data for the SPOA (5.1.3, 5.1.4).
var consulted = map[string][]string{
	config.RoleSGC:  {"8", "5.1.1", "5.1.2"},
	config.RoleSPOA: {"8", "5.1.3", "5.1.4"},
}

// ConsultedRoles are the roles a committee may ask for an opinion, in the order buttons
// and forms show them.
var ConsultedRoles = []string{config.RoleSGC, config.RoleSPOA}

// ConsultSections are the sections of procedure 30-02 a consultation of role rests on;
// nil for a role that is not consulted.
func ConsultSections(role string) []string {
	return append([]string(nil), consulted[role]...)
}

// Consults reports whether stage st may ask for opinions: the stages that decide
// (CODIR-IN, the CPRPSI). The STI prepares the request and is not a committee.
func Consults(st requests.Status) bool {
	return st == requests.CODIRReview || st == requests.PrivacyReview
}

// Why a consultation or an opinion is refused.
var (
	// ErrNotConsulted: the role is not one a committee consults, or the stage does not
	// consult.
	ErrNotConsulted = errors.New("workflow: not a consultation a stage may ask for")
	// ErrAlreadyAsked: the stage already has a consultation of that role waiting.
	ErrAlreadyAsked = errors.New("workflow: that role's opinion is already asked and not given yet")
	// ErrAlreadyGiven: the consultation has its opinion (a double click, another member
	// first); it is not revised.
	ErrAlreadyGiven = errors.New("workflow: the opinion was already given")
	// ErrOpinionText: a reserved or unfavourable opinion needs its reasons.
	ErrOpinionText = errors.New("workflow: a reserved or unfavourable opinion needs a text")
)

// CheckConsult reports why who may not ask role for an opinion on request r from the
// card of stage and round, or nil: they must be able to decide the stage now (Check),
// the stage must consult and role be a consulted one, and no consultation of that role
// may be waiting (asked lists the request's consultations).
func CheckConsult(r requests.Request, stage requests.Status, round int, role string, who Actor, asked []Consultation) error {
	if !Consults(stage) || consulted[role] == nil {
		return ErrNotConsulted
	}
	if err := Check(r, stage, round, Consult, who); err != nil {
		return err
	}
	for _, c := range asked {
		if c.Round == round && c.Stage == stage && c.Role == role && !c.Answered() {
			return ErrAlreadyAsked
		}
	}
	return nil
}

// CheckOpinion reports why who may not give opinion o with text on consultation c of
// request r, or nil. The reasons are checked in this order: role, own request, already
// given, the text a reserved or unfavourable opinion needs. A closed request still
// takes its opinion: it is recorded as given after the decision.
func CheckOpinion(r requests.Request, c Consultation, o Opinion, text string, who Actor) error {
	switch {
	case !who.holds(c.Role):
		return ErrNotAuthorised
	case who.Key != "" && who.Key == r.RequesterKey:
		return ErrOwnRequest
	case c.Answered():
		return ErrAlreadyGiven
	case !o.Valid():
		return ErrNotConsulted
	case o.NeedsText() && text == "":
		return ErrOpinionText
	}
	return nil
}

// AskEntry is the audit entry of asking for c.
func (c Consultation) AskEntry() audit.Entry {
	return audit.Entry{ActorKey: c.AskedByKey, ActorName: c.AskedByName, Action: "consult.ask",
		Subject: requests.Subject(c.RequestID), From: string(c.Stage), To: c.Role, Comment: c.Question,
		Sections: ConsultSections(c.Role)}
}

// OpinionEntry is the audit entry of c's opinion; after says it came after the
// stage's decision.
func (c Consultation) OpinionEntry(after bool) audit.Entry {
	comment := string(c.Opinion)
	if after {
		comment += " (after the decision)"
	}
	if c.Text != "" {
		comment += ": " + c.Text
	}
	return audit.Entry{ActorKey: c.ByKey, ActorName: c.ByName, Action: "consult.opinion",
		Subject: requests.Subject(c.RequestID), From: c.Role, To: string(c.Stage), Comment: comment,
		Sections: ConsultSections(c.Role)}
}
