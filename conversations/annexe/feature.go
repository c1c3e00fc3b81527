// Package annexe is the approval request of procedure 30-02 (6.3.1, Annexe 1, with the
// EFVP of 6.3.2) as a step-by-step dialog: one question at a time, each tagged with its
// Annexe 1 item, every answer checked and saved as it is given, resumable on any
// channel, in French or English. At the end the requester checks a full summary and
// submits; the review workflow takes over through OnSubmit.
//
// Phrases recognised outside the dialog: "faire une demande / new request", "reprendre
// / resume", "mes demandes / my requests", "modifier ma demande N / edit my request N".
// Within it: "retour/back", "résumé/summary", "modifier N/edit N", "passer/skip",
// "garder/keep", "pause", "annuler/cancel", "aide/help", "soumettre/submit"; a question
// about the procedure ("Puis-je … ?") is handed back to the engine, then the same
// question is asked again.
package annexe

import (
	"context"
	"log/slog"
	"strconv"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

// Store is what the dialog keeps (storage.DB implements it).
type Store interface {
	CreateDraft(ctx context.Context, key, name, lang string) (requests.Request, error)
	CurrentDraft(ctx context.Context, key string) (requests.Request, error)
	Request(ctx context.Context, id uint) (requests.Request, error)
	SetAnswer(ctx context.Context, id uint, tag requests.Tag, a requests.Answer) error
	RequestsOf(ctx context.Context, key string) ([]requests.Request, error)
	SubmitRequest(ctx context.Context, id uint, actorKey, actorName string) (requests.Request, error)
	CancelRequest(ctx context.Context, id uint, actorKey, actorName string) error
}

// Feature is the Annexe 1 dialog. Set its fields before registering it.
type Feature struct {
	Store Store
	// Catalog offers the inventory's usage types as choices; nil: free text.
	Catalog UseCatalog
	// Matcher matches free words to the catalogue's uses by their keywords, for a
	// confirmation; nil: free words stay proposed uses.
	Matcher UseMatcher
	// OnSubmit hands a submitted request to the review workflow; its replies follow
	// the confirmation. Nil: the request is submitted and the requester told so.
	// An error leaves the request submitted: the requester is told it was received
	// but not yet handed on, and the error is logged (with the request id only).
	OnSubmit func(ctx context.Context, s *conversations.Session, requestID uint) ([]bot.Reply, error)
	// History gives the review decisions on a request, one line each in lang, oldest
	// first (who decided what, when, with what comment), for « mes demandes »; nil:
	// the list shows statuses only.
	History func(ctx context.Context, lang i18n.Lang, r requests.Request) ([]string, error)
	// Log receives hand-off failures; nil discards them.
	Log *slog.Logger
}

// New returns the dialog over store.
func New(store Store) *Feature { return &Feature{Store: store, Log: slog.New(slog.DiscardHandler)} }

var (
	_ conversations.IntentProvider = (*Feature)(nil)
	_ conversations.ActionProvider = (*Feature)(nil)
	_ conversations.DialogProvider = (*Feature)(nil)
	_ conversations.HelpProvider   = (*Feature)(nil)
)

// Name implements conversations.Feature.
func (f *Feature) Name() string { return "annexe" }

// DialogKind implements conversations.DialogProvider.
func (f *Feature) DialogKind() string { return DialogKind }

// Intents are the phrases that reach the dialog when none is under way.
func (f *Feature) Intents() []conversations.Intent {
	match := func(p *conversations.Compiled) func(*conversations.Session, string) bool {
		return func(s *conversations.Session, folded string) bool {
			return p.Exact(polite(folded)) && !questionLike(s.Turn.Text) // the lookup first: it rarely matches
		}
	}
	return []conversations.Intent{
		{Name: "annexe.new", Priority: 100, Match: match(newPhrases), Handle: f.start},
		{Name: "annexe.resume", Priority: 100, Match: match(resumePhrases), Handle: f.resume},
		{Name: "annexe.list", Priority: 100, Match: match(listPhrases), Handle: f.list},
		{Name: "annexe.form", Priority: 100, Match: match(formPhrases), Handle: f.openForm},
		{Name: "annexe.edit", Priority: 100, Match: func(_ *conversations.Session, folded string) bool {
			_, ok := number(polite(folded), editRequestRe)
			return ok
		}, Handle: f.editRequest},
	}
}

// Actions are the buttons of the summary card and of the form's pages.
func (f *Feature) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{VerbSubmit: f.submitAction, VerbCancel: f.cancelAction,
		VerbForm: f.openForm, VerbFormNext: f.formNext, VerbFormBack: f.formBack, VerbFormSave: f.formSave, VerbFormChat: f.formChat}
}

// Help lists what the person can ask of this feature.
func (f *Feature) Help(s *conversations.Session) []string {
	return []string{s.T("annexe.help.new"), s.T("annexe.help.form"), s.T("annexe.help.resume"), s.T("annexe.help.list")}
}

// subject reads a button's request id.
func subject(s *conversations.Session) (uint, bool) {
	n, err := strconv.ParseUint(s.Turn.Action.Subject, 10, 64)
	return uint(n), err == nil && n > 0
}

// today is the session's date, for date checks.
func today(s *conversations.Session) time.Time {
	if s.Now.IsZero() {
		return time.Now()
	}
	return s.Now
}
