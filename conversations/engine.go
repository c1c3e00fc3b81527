// Package conversations is iagbot's one conversation engine: it turns a bot.Turn from
// any channel into replies. It knows nothing of Teams, Slack or the terminal; features
// (policy questions, the Annexe 1 dialog, reviews, reminders…) plug into it.
//
// A turn is routed in this order:
//  1. a card button (Turn.Action) goes to the feature that registered its verb;
//  2. language switches ("in English please") and the ongoing dialog, if any, which
//     may hand the turn back (a policy question asked mid-dialog);
//  3. intents, highest priority first;
//  4. the help fallback: the bot never stays silent.
package conversations

import (
	"context"
	"fmt"
	"log/slog"
	"slices"
	"sort"
	"time"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

// Engine routes turns to features. It is safe for concurrent use: it keeps no state
// between turns besides what Store holds.
type Engine struct {
	store    Store
	roles    Roles
	log      *slog.Logger
	now      func() time.Time
	features []Feature
	intents  []Intent
	actions  map[string]Handler
	dialogs  map[string]DialogProvider
	// DefaultLang is used when neither the person nor the platform says otherwise.
	DefaultLang i18n.Lang
}

// New returns an engine with the core features (help, language switch) registered.
func New(store Store, roles Roles, log *slog.Logger) *Engine {
	if log == nil {
		log = slog.New(slog.DiscardHandler)
	}
	e := &Engine{store: store, roles: roles, log: log, now: time.Now, actions: map[string]Handler{},
		dialogs: map[string]DialogProvider{}, DefaultLang: i18n.FR}
	e.Register(coreFeature{e})
	return e
}

// SetClock replaces the clock (tests).
func (e *Engine) SetClock(now func() time.Time) { e.now = now }

// Register adds a feature. Call it before the first turn; it panics on a verb or dialog
// kind registered twice, which is a programming error.
func (e *Engine) Register(f Feature) {
	e.features = append(e.features, f)
	if p, ok := f.(IntentProvider); ok {
		e.intents = append(e.intents, p.Intents()...)
		sort.SliceStable(e.intents, func(i, j int) bool { return e.intents[i].Priority > e.intents[j].Priority })
	}
	if p, ok := f.(ActionProvider); ok {
		for verb, h := range p.Actions() {
			if _, dup := e.actions[verb]; dup {
				panic("conversations: action registered twice: " + verb)
			}
			e.actions[verb] = h
		}
	}
	if p, ok := f.(DialogProvider); ok {
		if _, dup := e.dialogs[p.DialogKind()]; dup {
			panic("conversations: dialog registered twice: " + p.DialogKind())
		}
		e.dialogs[p.DialogKind()] = p
	}
}

// Features lists the registered features (for help texts and tests).
func (e *Engine) Features() []Feature { return e.features }

var _ bot.Handler = (*Engine)(nil)

// MaxTextBytes caps what the engine reads of one message or card input: a question
// and its context fit in far less, and every step after (folding, language detection,
// phrase matching, storage) costs at least in proportion to the length. A longer
// message is answered with core.too_long, having read only its first MaxTextBytes.
const MaxTextBytes = 8 << 10

// Handle answers one turn. Errors are internal failures only; the channel shows
// core.error to the user. Two are not failures of the turn but tell the channel what
// became of its event (Turn.EventKey): bot.ErrRedelivered, handled already, and
// bot.ErrEventNotRecorded, to be delivered again.
func (e *Engine) Handle(ctx context.Context, t bot.Turn) ([]bot.Reply, error) {
	tooLong := tooLong(t)
	if tooLong {
		// Enough to know who writes and in which language, nothing more.
		t.Text, t.Action = prefix(t.Text, MaxTextBytes), nil
	}
	s, err := e.session(ctx, t)
	if err != nil {
		return nil, err
	}
	if tooLong {
		return []bot.Reply{{Text: s.T("core.too_long"), Private: true}}, nil
	}
	replies, err := e.route(ctx, s)
	if err != nil {
		return nil, err
	}
	if len(replies) == 0 {
		// Never silence: a feature that had nothing to say still gets the help text.
		replies = e.help(s)
	}
	return replies, nil
}

// tooLong reports a message or a card input longer than MaxTextBytes.
func tooLong(t bot.Turn) bool {
	if len(t.Text) > MaxTextBytes {
		return true
	}
	if a := t.Action; a != nil {
		if len(a.Verb)+len(a.Subject) > MaxTextBytes {
			return true
		}
		for _, v := range a.Values {
			if len(v) > MaxTextBytes {
				return true
			}
		}
	}
	return false
}

// prefix is the longest beginning of s within n bytes that does not cut a character.
func prefix(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && !utf8.RuneStart(s[n]) {
		n--
	}
	return s[:n]
}

func (e *Engine) session(ctx context.Context, t bot.Turn) (*Session, error) {
	key := t.User.Key(t.Channel)
	var direct *bot.ConversationRef
	if !t.Conversation.Group && t.Conversation.ID != "" {
		ref := t.Conversation
		direct = &ref
	}
	folded := text.FoldWords(t.Text)
	toks := text.Tokenize(t.Text)
	guess, sure := text.LanguageTokens(t.Text, toks)
	detected := ""
	if sure {
		detected = guess // only a clear sentence becomes the person's language
	}
	start, err := e.store.MeetTurn(ctx, bot.Meeting{Key: key, Channel: t.Channel, User: t.User, Direct: direct, Detected: detected,
		EventKey: t.EventKey})
	if err != nil {
		return nil, fmt.Errorf("meet person: %w", err)
	}
	s := &Session{Turn: t, Key: key, Lang: PickLang(start.Langs, guess, sure, t.Locale, e.DefaultLang), Now: e.now(),
		InventoryRev: start.InventoryRev, engine: e, ctx: ctx, folded: folded, tokens: toks, dialogs: start.Dialogs}
	if e.roles != nil {
		s.Roles = e.roles.RolesOf(t.User, t.Channel)
	}
	return s, nil
}

func (e *Engine) route(ctx context.Context, s *Session) ([]bot.Reply, error) {
	if a := s.Turn.Action; a != nil {
		h, ok := e.actions[a.Verb]
		if !ok {
			return []bot.Reply{{Text: s.T("core.action.unknown"), Private: true, Refused: true}}, nil
		}
		return h(ctx, s)
	}
	folded := s.folded
	if replies, ok, err := e.switchLang(ctx, s, folded); ok || err != nil {
		return replies, err
	}
	// Read with the languages at the start of the turn; nothing of this turn has
	// changed them yet.
	kinds := s.dialogs
	if replies, ok, err := e.interrupt(ctx, s, kinds); ok || err != nil {
		return replies, err
	}
	for _, kind := range kinds {
		d, ok := e.dialogs[kind]
		if !ok {
			continue
		}
		replies, handled, err := d.Continue(ctx, s)
		if err != nil {
			return nil, err
		}
		if handled {
			return e.resumeOther(ctx, s, kind, replies)
		}
		active, err := e.store.ActiveDialogs(ctx, s.Key)
		if err != nil {
			return nil, fmt.Errorf("active dialogs: %w", err)
		}
		if !slices.Contains(active, kind) {
			// A dialog that ended as it gave the turn back (an offer left unanswered)
			// lets the next dialog read it: it may be the answer that one waits for.
			continue
		}
		// The dialog gave the turn back: answer it, then ask the same question again,
		// unless the answer opened another dialog, which now waits for the person's
		// reply; this one resumes when that one ends.
		s.saved = false
		replies, err = e.byIntent(ctx, s, folded)
		if err != nil || s.saved {
			return replies, err
		}
		more, err := d.Reprompt(ctx, s)
		return append(replies, more...), err
	}
	return e.byIntent(ctx, s, folded)
}

// interrupt handles a command that no dialog may take for an answer, then lets the
// dialog that was waiting ask again, unless the command opened a dialog of its own.
func (e *Engine) interrupt(ctx context.Context, s *Session, kinds []string) ([]bot.Reply, bool, error) {
	if len(kinds) == 0 {
		return nil, false, nil
	}
	for _, in := range e.intents {
		if !in.Interrupts || !in.Match(s, s.folded) {
			continue
		}
		s.Intent = in.Name
		replies, err := in.Handle(ctx, s)
		if err != nil || s.saved {
			return replies, true, err
		}
		for _, k := range kinds {
			if d, ok := e.dialogs[k]; ok {
				more, err := d.Reprompt(ctx, s)
				return append(replies, more...), true, err
			}
		}
		return replies, true, nil
	}
	return nil, false, nil
}

// resumeOther follows the replies of a dialog that handled the turn: when that turn
// ended it and another dialog is still under way, the other asks its question again,
// so the person knows what the bot waits for.
func (e *Engine) resumeOther(ctx context.Context, s *Session, kind string, replies []bot.Reply) ([]bot.Reply, error) {
	active, err := e.store.ActiveDialogs(ctx, s.Key)
	if err != nil || slices.Contains(active, kind) {
		return replies, err
	}
	for _, k := range active {
		if d, ok := e.dialogs[k]; ok {
			more, err := d.Reprompt(ctx, s)
			return append(replies, more...), err
		}
	}
	return replies, nil
}

func (e *Engine) byIntent(ctx context.Context, s *Session, folded string) ([]bot.Reply, error) {
	for _, in := range e.intents {
		if in.Match(s, folded) {
			s.Intent = in.Name
			return in.Handle(ctx, s)
		}
	}
	s.Intent = "fallback"
	return e.fallback(s), nil
}

// switchLang handles "in English please" / "en français svp" anywhere, even mid-dialog.
func (e *Engine) switchLang(ctx context.Context, s *Session, folded string) ([]bot.Reply, bool, error) {
	var to i18n.Lang
	switch {
	case langEN.Exact(folded):
		to = i18n.EN
	case langFR.Exact(folded):
		to = i18n.FR
	default:
		return nil, false, nil
	}
	if err := e.store.SetPersonLang(ctx, s.Key, string(to)); err != nil {
		return nil, true, err
	}
	s.Lang = to
	replies := []bot.Reply{bot.Text(s.T("core.lang.switched"))}
	// Resume the dialog in the new language (a language choice ends none).
	for _, k := range s.dialogs {
		if d, ok := e.dialogs[k]; ok {
			more, err := d.Reprompt(ctx, s)
			return append(replies, more...), true, err
		}
	}
	return replies, true, nil
}

var (
	langEN = Phrases{"in english", "in english please", "english", "english please", "en anglais", "en anglais svp", "en anglais s il vous plait", "switch to english"}.Compile()
	langFR = Phrases{"en francais", "en francais svp", "en francais s il vous plait", "francais", "in french", "in french please", "french please", "switch to french"}.Compile()
)
