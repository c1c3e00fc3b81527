package conversations

import (
	"context"
	"errors"
	"slices"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/cards"
)

// Session is one turn being handled: who, in which language, with which roles.
type Session struct {
	Turn bot.Turn
	// Key is the person's cross-channel key (bot.User.Key).
	Key  string
	Lang i18n.Lang
	// Roles held by the person (codir-in, sti, cprpsi, admin).
	Roles []string
	// Now is the time the turn started.
	Now time.Time
	// InventoryRev is the inventory's revision as the turn began (bot.TurnStart).
	InventoryRev int64
	// Intent is set by the router to the intent that handled the turn (metrics).
	Intent string
	engine *Engine
	ctx    context.Context
	folded string       // text.FoldWords(Turn.Text), computed once per turn
	tokens []text.Token // text.Tokenize(Turn.Text), computed once per turn
	// dialogs are the kinds of dialog the person had state for when the turn began.
	dialogs []string
	// memo holds what features computed for this turn (see Memo).
	memo map[any]any
	// saved is set when a dialog's state is written: the turn opened or moved a
	// dialog, which now waits for the person's answer.
	saved bool
}

// Context is the turn's context, for intent matchers that need to read storage.
func (s *Session) Context() context.Context { return s.ctx }

// T translates a message id into the session's language.
func (s *Session) T(id string, data ...any) string { return i18n.T(s.Lang, id, data...) }

// HasRole reports whether the person holds role.
func (s *Session) HasRole(role string) bool { return slices.Contains(s.Roles, role) }

// Folded is the turn's text, folded for matching.
func (s *Session) Folded() string { return s.folded }

// Tokens are the words of the turn's text (text.Tokenize), read once per turn for the
// language and the features that analyse the text. Callers must not modify them.
func (s *Session) Tokens() []text.Token {
	if s.tokens == nil {
		s.tokens = text.Tokenize(s.Turn.Text)
	}
	return s.tokens
}

// Memo returns what compute returns, computing it once per turn for key: a feature
// whose intent matcher and handler need the same costly result (the Q&A's analysis of
// the question) computes it once. Keys are of a type private to the feature.
func (s *Session) Memo(key any, compute func() any) any {
	if v, ok := s.memo[key]; ok {
		return v
	}
	if s.memo == nil {
		s.memo = map[any]any{}
	}
	v := compute()
	s.memo[key] = v
	return v
}

// LoadState reads the person's dialog state of kind; ok is false when there is none.
func (s *Session) LoadState(ctx context.Context, kind string) (state []byte, ok bool, err error) {
	state, err = s.engine.store.LoadDialog(ctx, s.Key, kind)
	if errors.Is(err, bot.ErrNotFound) {
		return nil, false, nil
	}
	return state, err == nil, err
}

// SaveState stores the person's dialog state of kind.
func (s *Session) SaveState(ctx context.Context, kind string, state []byte) error {
	if _, dialog := s.engine.dialogs[kind]; dialog {
		s.saved = true // a memory such as the last verdict is not a dialog waiting for an answer
	}
	return s.engine.store.SaveDialog(ctx, s.Key, kind, state)
}

// ClearState ends the person's dialog of kind.
func (s *Session) ClearState(ctx context.Context, kind string) error {
	return s.engine.store.DeleteDialog(ctx, s.Key, kind)
}

// Reply is a shortcut for a translated text reply.
func (s *Session) Reply(id string, data ...any) bot.Reply { return bot.Text(s.T(id, data...)) }

// UseDialogLang answers a button press in the language of the dialog it belongs to
// (lang, when valid): a card in English pressed by someone whose client is in French
// answers in English.
func (s *Session) UseDialogLang(lang i18n.Lang) {
	if s.Turn.Action != nil && i18n.Valid(string(lang)) {
		s.Lang = lang
	}
}

// Private marks replies for the acting person only: what someone did by mistake, or
// what the bot holds about them, is no one else's business in a shared channel.
func Private(rs ...bot.Reply) []bot.Reply {
	for i := range rs {
		rs[i].Private = true
	}
	return rs
}

// ClosedCard replaces a card whose buttons were answered by its title and the outcome,
// so that they cannot be pressed twice.
func ClosedCard(title, footer string) bot.Reply {
	return bot.Reply{Card: &cards.Card{Title: title, Footer: footer}, Replace: true}
}
