package mydata

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// The erasure's card verbs and dialog kind.
const (
	VerbMyDataDelete  = "mydata.delete"  // show what erasing would do, and ask
	VerbMyDataConfirm = "mydata.confirm" // erase now
	VerbMyDataKeep    = "mydata.keep"    // do not erase
	eraseDialog       = "mydata.erase"
)

var deleteData = conversations.Phrases{"supprimer mes donnees", "supprime mes donnees", "supprimez mes donnees",
	"effacer mes donnees", "efface mes donnees", "effacez mes donnees", "supprimer mes renseignements",
	"effacer mes renseignements", "oublie moi", "oubliez moi", "delete my data", "erase my data", "remove my data",
	"delete my personal data", "forget me", "delete everything you have on me", "delete what you have on me"}.Compile()

// erase removes, on confirmation, what the bot holds about a person and is not
// required for accountability (privacy.Erasure says what).
type erase struct{ store Store }

func (*erase) Name() string { return "mydata.erase" }

func (e *erase) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "mydata.erase", Priority: 95, Interrupts: true,
		Match: func(s *conversations.Session, f string) bool {
			return deleteData.Exact(words.Command(s, f))
		},
		Handle: e.ask}}
}

func (e *erase) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{VerbMyDataDelete: e.ask, VerbMyDataConfirm: e.onConfirm, VerbMyDataKeep: e.onKeep}
}

func (*erase) Help(s *conversations.Session) []string {
	return []string{s.T("mydata.erase.help")}
}

func (*erase) DialogKind() string { return eraseDialog }

// Continue takes a typed "oui" or "non" to the confirmation; anything else drops the
// pending confirmation, so that a later "oui" meant for something else erases nothing.
func (e *erase) Continue(ctx context.Context, s *conversations.Session) ([]bot.Reply, bool, error) {
	cmd := words.Command(s, s.Folded())
	switch {
	case words.Yes.Exact(cmd):
		r, err := e.erase(ctx, s)
		return r, true, err
	case words.No.Exact(cmd) || words.Cancel.Exact(cmd):
		r, err := e.keep(ctx, s)
		return r, true, err
	}
	return nil, false, s.ClearState(ctx, eraseDialog)
}

// Reprompt asks again when the confirmation is still pending (after a language switch).
func (e *erase) Reprompt(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	if _, ok, err := s.LoadState(ctx, eraseDialog); err != nil || !ok {
		return nil, err
	}
	return conversations.Private(s.Reply("mydata.erase.again")), nil
}

// ask shows what erasing would remove and keep, and waits for confirmation.
func (e *erase) ask(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	d, err := e.store.PersonData(ctx, s.Key)
	if err != nil {
		return nil, err
	}
	state, err := json.Marshal(eraseState{Lang: s.Lang})
	if err != nil {
		return nil, err
	}
	if err := s.SaveState(ctx, eraseDialog, state); err != nil {
		return nil, err
	}
	plan := d.Plan()
	c := &cards.Card{
		Title: s.T("mydata.erase.title"),
		Sections: []cards.Section{
			{Heading: s.T("mydata.erase.removed"), Text: removedLines(s, plan)},
			{Heading: s.T("mydata.erase.kept"), Text: keptLines(s, plan)},
		},
		Footer: s.T("mydata.erase.why"),
		Buttons: []cards.Button{
			{Label: s.T("mydata.erase.confirm"), Verb: VerbMyDataConfirm, Subject: token(s.Key), Style: cards.StyleDanger},
			{Label: s.T("mydata.erase.keep"), Verb: VerbMyDataKeep},
		},
	}
	if c.Sections[1].Text == "" {
		c.Sections = c.Sections[:1]
	}
	return conversations.Private(bot.Reply{Text: s.T("mydata.erase.ask"), Card: c}), nil
}

func (e *erase) onConfirm(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	e.useLang(ctx, s)
	// The card may have been shown in a shared channel: only its requester may use it.
	if s.Turn.Action.Subject != token(s.Key) {
		return conversations.Private(s.Reply("mydata.erase.not_yours")), nil
	}
	r, err := e.erase(ctx, s)
	return append(conversations.Private(conversations.ClosedCard(s.T("mydata.erase.title"), s.T("mydata.erase.done_footer"))), r...), err
}

func (e *erase) onKeep(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	e.useLang(ctx, s)
	r, err := e.keep(ctx, s)
	return append(conversations.Private(conversations.ClosedCard(s.T("mydata.erase.title"), s.T("mydata.erase.kept_footer"))), r...), err
}

func (e *erase) erase(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	// The pending confirmation is the bot's, not the person's data: ended first, it is
	// not counted among the conversations erased, as the confirmation card did not.
	if err := s.ClearState(ctx, eraseDialog); err != nil {
		return nil, err
	}
	done, err := e.store.ErasePerson(ctx, s.Key)
	if err != nil {
		return nil, err
	}
	text := s.T("mydata.erase.done") + "\n" + removedLines(s, done)
	if kept := keptLines(s, done); kept != "" {
		text += "\n\n" + s.T("mydata.erase.kept_intro") + "\n" + kept + "\n\n" + s.T("mydata.erase.why")
	}
	return conversations.Private(bot.Text(text + "\n\n" + s.T("mydata.erase.after"))), nil
}

func (e *erase) keep(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	if err := s.ClearState(ctx, eraseDialog); err != nil {
		return nil, err
	}
	return conversations.Private(s.Reply("mydata.erase.cancelled")), nil
}

// eraseState is the pending confirmation.
type eraseState struct {
	Lang i18n.Lang `json:"lang"`
}

// useLang answers the confirmation's buttons in the language it was asked in. A
// state that cannot be read leaves the session's language.
func (e *erase) useLang(ctx context.Context, s *conversations.Session) {
	var st eraseState
	if b, ok, err := s.LoadState(ctx, eraseDialog); err == nil && ok && json.Unmarshal(b, &st) == nil {
		s.UseDialogLang(st.Lang)
	}
}

func removedLines(s *conversations.Session, e privacy.Erasure) string {
	text := lines(s, []counted{
		{"mydata.erase.n.people", e.People}, {"mydata.erase.n.dialogs", e.Dialogs},
		{"mydata.erase.n.drafts", e.Drafts}, {"mydata.erase.n.reminders", e.Reminders},
		{"mydata.erase.n.deliveries", e.Deliveries}, {"mydata.erase.n.incidents", e.Incidents},
	})
	if text == "" {
		return "- " + s.T("mydata.erase.n.nothing")
	}
	return text
}

func keptLines(s *conversations.Session, e privacy.Erasure) string {
	return lines(s, []counted{
		{"mydata.erase.n.kept_requests", e.KeptRequests}, {"mydata.erase.n.kept_trainings", e.KeptTrainings},
		{"mydata.erase.n.kept_systems", e.KeptSystems}, {"mydata.erase.n.kept_audit", e.KeptAudit},
		{"mydata.erase.n.kept_review_work", e.KeptReviewWork},
	})
}

// token names a person on a button without showing their key in the card's payload.
func token(key string) string {
	h := sha256.Sum256([]byte("mydata:" + key))
	return hex.EncodeToString(h[:8])
}
