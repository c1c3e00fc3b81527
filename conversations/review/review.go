// Package review is the review workflow of approval requests (procedure 30-02, 6.3.3,
// 5.1.11, Annexe 1): a submitted request goes to the STI when items were left to it,
// then to CODIR-IN, then to the privacy committee (CPRPSI) when the use supports a
// decision about a person, and ends approved or rejected; any stage may send it back
// to the requester for changes, and a resubmission starts a new round.
//
// Reviewers work from cards posted to their role's channel (or to each member when no
// channel is registered), with the buttons Approuver / Refuser / Demander des
// modifications. Exactly one decision per stage and round is taken, whatever the
// clicks, reviewers or replicas: the state is always re-read from the database and
// the database refuses a second decision. After a decision every posted card of the
// stage is updated in place, and the requester and their supervisor are told.
//
// Button verbs: review.approve, review.reject, review.changes (subject
// "<request>:<round>:<stage>"), review.confirm (the approval form), review.sti_form and
// review.sti_fill (the STI's items), review.details (subject "<request>"),
// review.admin_yes and review.admin_no (an administrator's confirmation); review.view
// is the refresh of a card posted to a role's channel (viewer.go); review.conditions
// and review.confirm_conditions (an approval with conditions, votes_form.go).
//
// A role whose committee decides by votes (config committees: majority with a
// quorum, unanimous) gets cards whose buttons cast the member's vote, which a second
// click changes, until the rule closes the stage (workflow.Count); the cards show the
// tally and who voted, and the requester is told only when the stage closes.
//
// Phrases: "qui sont les approbateurs ? / who are the reviewers?", "demandes à examiner
// / pending reviews", and for administrators "enregistrer ce canal pour CODIR-IN /
// register this channel for codir-in", "suspendre X — raison / suspend X — reason",
// "retirer X — raison / withdraw X", "rétablir X — raison / restore X", "interdire,
// permettre, restreindre l'usage U pour X — raison ou conditions / forbid, allow,
// restrict use U for X", "reclasser X : privé sécurisé, hébergé au Canada — raison /
// reclassify X: private secured — reason".
package review

import (
	"context"
	"log/slog"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
)

// The button verbs of the workflow.
const (
	VerbApprove  = "review.approve"
	VerbReject   = "review.reject"
	VerbChanges  = "review.changes"
	VerbConfirm  = "review.confirm"
	VerbSTIForm  = "review.sti_form"
	VerbSTIFill  = "review.sti_fill"
	VerbDetails  = "review.details"
	VerbAdminYes = "review.admin_yes"
	VerbAdminNo  = "review.admin_no"
	// VerbConditions opens the form of an approval with conditions;
	// VerbConfirmConditions sends it (votes.go).
	VerbConditions        = "review.conditions"
	VerbConfirmConditions = "review.confirm_conditions"
	// VerbConsultForm opens the form asking the SGC or the SPOA for an opinion,
	// VerbConsult sends it (subject "<request>:<round>:<stage>"); VerbOpinion gives the
	// opinion (subject "<consultation>").
	VerbConsultForm = "review.consult_form"
	VerbConsult     = "review.consult"
	VerbOpinion     = "review.opinion"
)

// Store is what the workflow reads and writes, in domain types; storage.DB implements
// it.
type Store interface {
	Request(ctx context.Context, id uint) (requests.Request, error)
	RequestsInStatus(ctx context.Context, limit int, statuses ...requests.Status) ([]requests.Request, error)
	StartReview(ctx context.Context, id uint, stage requests.Status, by audit.Actor, sections []string) (requests.Request, error)
	Decide(ctx context.Context, d workflow.Decision, plan workflow.Planner) (workflow.ApprovalResult, error)
	DecisionFor(ctx context.Context, id uint, round int, stage requests.Status) (workflow.Decision, error)
	Decisions(ctx context.Context, id uint, round int) ([]workflow.Decision, error)
	CastVote(ctx context.Context, v workflow.Vote, closer workflow.Closer) (workflow.Cast, error)
	Votes(ctx context.Context, id uint, round int, stage requests.Status) ([]workflow.Vote, error)
	FillSTIItems(ctx context.Context, id uint, round int, values map[requests.Tag]string, by audit.Actor) ([]requests.Tag, error)
	AddPostedCard(ctx context.Context, id uint, round int, stage requests.Status, m bot.MessageRef) error
	PostedCards(ctx context.Context, id uint, round int, stage requests.Status) ([]bot.MessageRef, error)
	Audit(ctx context.Context, e audit.Entry) error
	FindSystem(ctx context.Context, name string) (workflow.System, error)
	UseLabels(ctx context.Context) ([]workflow.UseLabel, error)
	People(ctx context.Context, key string) ([]bot.Person, error)
	FindPersonKey(ctx context.Context, who string) (string, error)
	SetRoleChannel(ctx context.Context, role string, ref bot.ConversationRef, by string) error
	ChangeSystemStatus(ctx context.Context, systemID, status, reason string, by audit.Actor) (string, error)
	ChangeUseRule(ctx context.Context, systemID, useID, rule, condFR, condEN, reason string, by audit.Actor) (string, error)
	Reclassify(ctx context.Context, systemID string, c workflow.Classification, reason string, by audit.Actor) (workflow.Classification, error)
	DelegationStore
	ConsultStore
}

// ConsultStore is what the consultations of the SGC and the SPOA read and write
// (consult.go); storage.DB implements it.
type ConsultStore interface {
	AskConsultation(ctx context.Context, c workflow.Consultation) (workflow.Consultation, error)
	GiveOpinion(ctx context.Context, id uint, o workflow.Opinion, text, byKey, byName string) (workflow.Consultation, error)
	Consultation(ctx context.Context, id uint) (workflow.Consultation, error)
	Consultations(ctx context.Context, id uint) ([]workflow.Consultation, error)
	AddConsultationCard(ctx context.Context, requestID, id uint, m bot.MessageRef) error
	ConsultationCards(ctx context.Context, requestID, id uint) ([]bot.MessageRef, error)
	AwaitedConsultations(ctx context.Context, roles []string, limit int) ([]workflow.Consultation, error)
}

// Deps are what the workflow needs.
type Deps struct {
	Store  Store
	Notify bot.Notifier
	// Members returns the configured members of a role (config.File.Members).
	Members func(role string) []string
	// Committee returns how a role decides (config.File.CommitteeOf); nil: every role
	// decides by its first decision.
	Committee func(role string) workflow.Rule
	// Lang is the language of cards posted to shared review channels (default French).
	Lang i18n.Lang
	// Location is the time zone dates are shown in (default America/Toronto).
	Location *time.Location
	// Items is the Annexe 1 catalogue (annexe.Items()), for labels and order; without
	// it, answers are shown under their tags.
	Items func() []Item
	// Log receives delivery failures, with request ids and roles only.
	Log *slog.Logger
	// Now is the clock of what happens outside a turn (cards posted to delegates);
	// default time.Now.
	Now func() time.Time
}

// Feature is the review workflow. It keeps no state between turns.
type Feature struct {
	Deps
}

// New returns the workflow over deps.
func New(deps Deps) *Feature {
	if deps.Lang == "" {
		deps.Lang = i18n.FR
	}
	if deps.Location == nil {
		deps.Location = quebec()
	}
	if deps.Log == nil {
		deps.Log = slog.New(slog.DiscardHandler)
	}
	if deps.Now == nil {
		deps.Now = time.Now
	}
	if deps.Members == nil {
		deps.Members = func(string) []string { return nil }
	}
	return &Feature{Deps: deps}
}

var (
	_ conversations.IntentProvider = (*Feature)(nil)
	_ conversations.ActionProvider = (*Feature)(nil)
	_ conversations.DialogProvider = (*Feature)(nil)
	_ conversations.HelpProvider   = (*Feature)(nil)
)

// Name implements conversations.Feature.
func (f *Feature) Name() string { return "review" }

// Actions are the cards' buttons.
func (f *Feature) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{
		VerbApprove: f.onDecision(workflow.Approve), VerbReject: f.onDecision(workflow.Reject), VerbChanges: f.onDecision(workflow.RequestChanges),
		VerbConfirm: f.onConfirm, VerbSTIForm: f.onSTIForm, VerbSTIFill: f.onSTIFill, VerbDetails: f.onDetails,
		VerbAdminYes: f.onAdminYes, VerbAdminNo: f.onAdminNo, VerbView: f.onView,
		VerbConditions: f.onConditions, VerbConfirmConditions: f.onConfirmConditions,
		VerbConsultForm: f.onConsultForm, VerbConsult: f.onConsult, VerbOpinion: f.onOpinion,
	}
}

// Help lists what the person can ask of this feature, by role.
func (f *Feature) Help(s *conversations.Session) []string {
	out := []string{s.T("review.help.reviewers")}
	if len(reviewRoles(s)) > 0 {
		out = append(out, s.T("review.help.pending"), s.T("delegation.help.delegate"))
	}
	if s.HasRole(roleAdmin) {
		out = append(out, s.T("review.help.channel"), s.T("review.help.admin"), s.T("delegation.help.reassign"))
	}
	return out
}

// actor is the session's person, for the audit log.
func actor(s *conversations.Session) audit.Actor {
	return audit.Actor{Key: s.Key, Name: s.Turn.User.Name}
}

// private is a reply only the acting person sees.
func private(text string) bot.Reply { return bot.Reply{Text: text, Private: true} }

// refused is the private answer to a button press that changed nothing (see
// bot.Reply.Refused).
func refused(text string) bot.Reply { return bot.Reply{Text: text, Private: true, Refused: true} }
