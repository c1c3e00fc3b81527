// Package incident answers a privacy incident told in words (procedure 30-02, 3.3 and
// section 8): what to do now, the declaration form, and a short report for the
// privacy committee, posted to its review channel.
//
// Nothing a person types is stored or posted as typed: a report keeps category codes,
// a recognised system name and a normalised time, and a short description only after
// redaction (bot/text).
package incident

import (
	"context"
	"errors"
	"log/slog"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// Store is what the feature writes (storage.DB implements it).
type Store interface {
	// FileIncident stores a report with its audit entry and returns its id.
	FileIncident(ctx context.Context, inc privacy.Incident, actorName string) (uint, error)
}

// Config is what New needs.
type Config struct {
	Store  Store
	Notify bot.Notifier
	// FormURL is the privacy-incident declaration form on Maestro (section 8).
	FormURL string
	// CommitteeRole is the role whose review channel receives incident reports;
	// "cprpsi" when empty.
	CommitteeRole string
	// CommitteeLang is the language of the reports posted to the committee.
	CommitteeLang i18n.Lang
	// Systems are extra GenAI system names to recognise in incident messages (the
	// inventory's), besides the common public ones.
	Systems []string
	// Log receives operational events; never a person's words.
	Log *slog.Logger
}

// New returns the incident feature, to register on the engine. It fails when a
// dependency is missing.
func New(cfg Config) (conversations.Feature, error) {
	switch {
	case cfg.Store == nil:
		return nil, errors.New("incident: no store")
	case cfg.Notify == nil:
		return nil, errors.New("incident: no notifier")
	case cfg.FormURL == "":
		return nil, errors.New("incident: no incident form URL")
	}
	if cfg.CommitteeRole == "" {
		cfg.CommitteeRole = config.RoleCPRPSI
	}
	if !i18n.Valid(string(cfg.CommitteeLang)) {
		cfg.CommitteeLang = i18n.FR
	}
	if cfg.Log == nil {
		cfg.Log = slog.New(slog.DiscardHandler)
	}
	return &incident{cfg: cfg, systems: newSystems(cfg.Systems)}, nil
}

// The incident feature's card verbs and dialog kind.
const (
	VerbIncidentReport  = "incident.report"  // prepare a report, from the advice card
	VerbIncidentDecline = "incident.decline" // no report, thanks
	VerbIncidentSend    = "incident.send"    // send the report to the committee
	VerbIncidentCancel  = "incident.cancel"  // drop the report being prepared
	incidentDialog      = "incident"
)

// incident answers a privacy incident told in words (3.3, section 8): what to do now,
// the declaration form, and a short report for the privacy committee.
type incident struct {
	cfg     Config
	systems systems
}

func (*incident) Name() string { return "incident" }

func (in *incident) Intents() []conversations.Intent {
	// An incident told in the middle of a request, in the first person and the past
	// (« j'ai mis par erreur… », "I pasted…"), or a request to report one, is never that
	// request's answer; anything else typed in a dialog is its answer, even if it
	// names an incident (« Conséquence : incident de confidentialité »).
	return []conversations.Intent{
		{Name: "incident", Priority: 70, Interrupts: true,
			Match:  func(s *conversations.Session, f string) bool { return in.toldNow(words.Of(s, f)) },
			Handle: in.advise},
		{Name: "incident", Priority: 70,
			Match:  func(s *conversations.Session, f string) bool { return in.isIncident(words.Of(s, f)) },
			Handle: in.advise},
	}
}

func (in *incident) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{
		VerbIncidentReport:  in.onReport,
		VerbIncidentDecline: in.onDecline,
		VerbIncidentSend:    in.onSend,
		VerbIncidentCancel:  in.onCancel,
	}
}

func (*incident) Help(s *conversations.Session) []string {
	return []string{s.T("incident.help")}
}

// advise gives the steps to take now and the form, and offers a report. What the
// message tells of the system, the time and the kinds of data is kept, as codes, to
// spare questions; the message itself is not.
func (in *incident) advise(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	w := words.Of(s, s.Folded())
	st := incidentState{Step: stepOffer, System: in.systems.find(w), Kinds: parseKinds(w)}
	if when, ok := parseWhen(w, s.Now.In(text.Toronto())); ok && when != "unknown" { // « hier soir » is a Québec evening
		st.When = when
	}
	if err := in.save(ctx, s, st); err != nil {
		return nil, err
	}
	offer := &cards.Card{
		Title:    s.T("incident.offer.title"),
		Sections: []cards.Section{{Text: s.T("incident.offer.text")}},
		Buttons: []cards.Button{
			{Label: s.T("incident.offer.report"), Verb: VerbIncidentReport, Style: cards.StylePrimary},
			{Label: s.T("incident.offer.decline"), Verb: VerbIncidentDecline},
		},
	}
	data := in.form()
	// A system known to be public is said to be so, not « si cet outil n'est pas privé ».
	data["Public"], data["System"] = isPublic(st.System), st.System
	return conversations.Private(bot.Reply{Text: s.T("incident.advice", data), Card: offer}), nil
}

func (in *incident) form() map[string]any { return map[string]any{"FormURL": in.cfg.FormURL} }

// onReport starts the report from the advice card; a second press resumes it.
func (in *incident) onReport(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	st, ok, err := in.load(ctx, s)
	if err != nil {
		return nil, err
	}
	if !ok {
		st = incidentState{Step: stepOffer}
	}
	closed := conversations.ClosedCard(s.T("incident.offer.title"), s.T("incident.offer.accepted"))
	if st.Step != stepOffer {
		more, err := in.prompt(ctx, s, st)
		return conversations.Private(append([]bot.Reply{closed}, more...)...), err
	}
	more, err := in.advance(ctx, s, st)
	return conversations.Private(append([]bot.Reply{closed}, more...)...), err
}

func (in *incident) onDecline(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	if _, _, err := in.load(ctx, s); err != nil {
		return nil, err
	}
	if err := s.ClearState(ctx, incidentDialog); err != nil {
		return nil, err
	}
	return conversations.Private(conversations.ClosedCard(s.T("incident.offer.title"), s.T("incident.offer.declined")),
		s.Reply("incident.declined", in.form())), nil
}

func (in *incident) onSend(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	st, ok, err := in.load(ctx, s)
	if err != nil {
		return nil, err
	}
	if !ok || st.Step != stepConfirm {
		return conversations.Private(s.Reply("incident.nothing_pending")), nil
	}
	replies, err := in.send(ctx, s, st)
	return conversations.Private(append([]bot.Reply{conversations.ClosedCard(s.T("incident.summary.title"), s.T("incident.summary.sent"))}, replies...)...), err
}

func (in *incident) onCancel(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	if _, _, err := in.load(ctx, s); err != nil {
		return nil, err
	}
	if err := s.ClearState(ctx, incidentDialog); err != nil {
		return nil, err
	}
	return conversations.Private(conversations.ClosedCard(s.T("incident.summary.title"), s.T("incident.summary.cancelled")),
		s.Reply("incident.cancelled", in.form())), nil
}
