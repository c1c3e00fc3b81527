package conversations

import (
	"context"

	"github.com/cssdgs/iagbot/bot"
)

// Handler handles one turn for a feature.
type Handler func(ctx context.Context, s *Session) ([]bot.Reply, error)

// Intent is something a user can ask in words.
type Intent struct {
	// Name identifies the intent in logs and metrics.
	Name string
	// Priority orders intents: higher is tried first. Commands use 100, questions 50.
	Priority int
	// Match reports whether the turn is this intent. It gets the folded text (Fold).
	Match  func(s *Session, folded string) bool
	Handle Handler
	// Interrupts marks an exact command that is never an answer to a dialog's question
	// ("supprimer mes données"): it is matched before the ongoing dialog, which then
	// asks its question again.
	Interrupts bool
}

// Feature is one area of the conversation. It may also implement Intents, Actions
// and Dialog.
type Feature interface {
	Name() string
}

// IntentProvider is a feature reached by words.
type IntentProvider interface {
	Intents() []Intent
}

// ActionProvider is a feature reached by card buttons. Verbs are "<feature>.<verb>",
// e.g. "review.approve".
type ActionProvider interface {
	Actions() map[string]Handler
}

// DialogProvider is a feature with a multi-turn dialog. Continue is called before
// intents when the person has an active dialog of that kind; handled=false gives the
// turn back to the intents (a question asked mid-dialog), after which Reprompt is
// called so the dialog resumes at the same question.
type DialogProvider interface {
	DialogKind() string
	Continue(ctx context.Context, s *Session) (replies []bot.Reply, handled bool, err error)
	Reprompt(ctx context.Context, s *Session) ([]bot.Reply, error)
}

// Store is what the engine itself keeps: the people it meets and their dialogs.
type Store interface {
	// MeetTurn records that a person was seen (conversation reference kept for
	// proactive messages when the conversation is 1:1) and returns what the turn
	// starts from (their languages, the kinds of dialog they have state for, the
	// inventory's revision), read together: every turn starts with them.
	MeetTurn(ctx context.Context, m bot.Meeting) (bot.TurnStart, error)
	SetPersonLang(ctx context.Context, key, lang string) error
	// ActiveDialogs returns the kinds of dialog the person has state for.
	ActiveDialogs(ctx context.Context, key string) ([]string, error)
	LoadDialog(ctx context.Context, key, kind string) (state []byte, err error) // bot.ErrNotFound when none
	SaveDialog(ctx context.Context, key, kind string, state []byte) error
	DeleteDialog(ctx context.Context, key, kind string) error
}

// Roles tells who holds which role (codir-in, sti, cprpsi, admin), from the config.
type Roles interface {
	RolesOf(u bot.User, ch bot.Channel) []string
}
