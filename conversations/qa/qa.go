// Package qa answers "may I use tool X for purpose Y?" and its companions ("quels
// outils sont approuvés ?", "que puis-je faire avec X ?", "pourquoi ?") from the
// inventory of approved systems and the rules of procedure 30-02 (bot/policy).
package qa

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"sync"
	"time"
	_ "time/tzdata" // Québec days whatever the server's zone database

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/policy"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// Store gives the inventory and tells when it changed.
type Store interface {
	// InventoryRev changes whenever the inventory does, in any process.
	InventoryRev(ctx context.Context) (int64, error)
	Inventory(ctx context.Context) (*inventory.Inventory, error)
}

// lastKind is the state kind under which a person's last verdict is kept, for "why?".
// It holds the verdict, the ids and the redacted question only.
const lastKind = "policy.last"

// Feature answers policy questions. It keeps a verdict engine built from the
// inventory and rebuilds it when the inventory's revision changes, so an approval or
// a suspension on any replica takes effect on the next question.
type Feature struct {
	store Store
	// OnVerdict, when set, is told every verdict given (metrics).
	OnVerdict func(policy.Verdict)

	mu   sync.Mutex // guards live and rev
	live *policy.Live
	rev  int64
}

// New returns the feature over store.
func New(store Store) *Feature {
	return &Feature{store: store, rev: -1}
}

func (*Feature) Name() string { return "qa" }

// Engine returns the verdict engine for the current inventory.
func (f *Feature) Engine(ctx context.Context) (*policy.Engine, error) {
	rev, err := f.store.InventoryRev(ctx)
	if err != nil {
		return nil, fmt.Errorf("inventory revision: %w", err)
	}
	return f.engineAt(ctx, rev)
}

// engineAt returns the verdict engine for the inventory at revision rev, rebuilt
// from the database when the one kept is of another revision.
func (f *Feature) engineAt(ctx context.Context, rev int64) (*policy.Engine, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.live != nil && rev == f.rev {
		return f.live.Engine(), nil
	}
	inv, err := f.store.Inventory(ctx)
	if err != nil {
		return nil, fmt.Errorf("load inventory: %w", err)
	}
	if f.live == nil {
		f.live = policy.NewLive(inv)
	} else {
		f.live.Rebuild(inv)
	}
	f.rev = rev
	return f.live.Engine(), nil
}

// Intents: policy questions come after commands (100) and the incident feature's
// and disclosure intents (60–70), so "j'ai mis des notes dans ChatGPT" is treated as
// an incident, not a question.
func (f *Feature) Intents() []conversations.Intent {
	return []conversations.Intent{
		{Name: "definition", Priority: 60, Match: func(_ *conversations.Session, folded string) bool { return len(definitionOf(folded)) > 0 },
			Handle: f.definition},
		{Name: "policy", Priority: 50, Match: f.match, Handle: f.handle},
	}
}

// Help lists what can be asked.
func (f *Feature) Help(s *conversations.Session) []string {
	return []string{s.T("qa.help.may"), s.T("qa.help.approved"), s.T("qa.help.uses"), s.T("qa.help.why")}
}

// analysis is the turn's question analysed by the engine of the inventory's revision
// read at the start, computed once per turn for the matcher and the handler.
type analysis struct {
	e   *policy.Engine
	a   policy.Analysis
	err error
}

type analysisKey struct{}

func (f *Feature) analyse(s *conversations.Session) (*policy.Engine, policy.Analysis, error) {
	r := s.Memo(analysisKey{}, func() any {
		// The revision read with the person as the turn began: no query of its own.
		e, err := f.engineAt(s.Context(), s.InventoryRev)
		if err != nil {
			return analysis{err: err}
		}
		return analysis{e: e, a: e.AnalyzeTokens(s.Turn.Text, s.Tokens())}
	}).(analysis)
	return r.e, r.a, r.err
}

func (f *Feature) match(s *conversations.Session, folded string) bool {
	_, a, err := f.analyse(s)
	if err != nil {
		// The handler will report the failure; claiming the turn beats silence.
		return questionLike(folded)
	}
	switch {
	case a.Tool != "":
		return true
	case a.Intent == policy.IntentApprovedTools:
		return true
	case a.Intent == policy.IntentWhy:
		return len(strings.Fields(folded)) <= 4
	case a.Use >= 0 || len(a.Personal) > 0:
		return questionLike(folded)
	}
	return questionLike(folded) && mentionsAI(folded)
}

func (f *Feature) handle(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	e, a, err := f.analyse(s)
	if err != nil {
		return nil, err
	}
	if a.Intent == policy.IntentWhy && a.Tool == "" && a.Use < 0 {
		return f.why(ctx, s)
	}
	if a.Tool == "" && a.Use < 0 && len(a.Personal) == 0 && (a.Intent != policy.IntentApprovedTools || questionLike(s.Folded())) && mentionsAI(s.Folded()) {
		// « Est-ce que j'ai le droit d'utiliser l'IA avec mes élèves ? »: the short rule.
		return []bot.Reply{s.Reply("qa.general")}, nil
	}
	r := e.EvaluateAnalysisAt(a, s.Lang, localDay(s.Now)) // the matcher's analysis, not a second one
	if f.OnVerdict != nil {
		f.OnVerdict(r.Verdict)
	}
	if err := saveLast(ctx, s, r); err != nil {
		return nil, err
	}
	reply := bot.Text(policy.Answer(r, s.Lang))
	if r.Doubt {
		reply.Card = doubtCard(s)
	}
	return []bot.Reply{reply}, nil
}

// saveLast keeps what "pourquoi ?" needs of a verdict: the verdict, the rules applied,
// the ids and names of the tool, use and systems from the inventory. The question is
// not kept — not even redacted, since the detector may have missed a name — except,
// redacted, while the doubt card waits for its answer, which re-reads it.
func saveLast(ctx context.Context, s *conversations.Session, r policy.Result) error {
	if !r.Doubt {
		r.Redacted = ""
	}
	b, err := json.Marshal(r)
	if err != nil {
		return err
	}
	return s.SaveState(ctx, lastKind, b)
}

// Buttons of the doubt card (6.2): does the text hold information about an
// identifiable person?
const (
	VerbDoubtYes = "qa.doubt.yes"
	VerbDoubtNo  = "qa.doubt.no"
)

// Actions answer the doubt card.
func (f *Feature) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{
		VerbDoubtYes: func(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
			return f.settle(ctx, s, true)
		},
		VerbDoubtNo: func(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
			return f.settle(ctx, s, false)
		},
	}
}

func doubtCard(s *conversations.Session) *cards.Card {
	return &cards.Card{
		Title: s.T("qa.doubt.title"),
		Buttons: []cards.Button{
			{Label: s.T("qa.doubt.yes"), Verb: VerbDoubtYes},
			{Label: s.T("qa.doubt.no"), Verb: VerbDoubtNo},
		},
	}
}

// settle answers the last question again with the person's answer to the doubt:
// with personal information (forbidden in a public system) or without.
func (f *Feature) settle(ctx context.Context, s *conversations.Session, personal bool) ([]bot.Reply, error) {
	b, ok, err := s.LoadState(ctx, lastKind)
	if err != nil {
		return nil, err
	}
	var last policy.Result
	if !ok || json.Unmarshal(b, &last) != nil || !last.Doubt {
		return []bot.Reply{s.Reply("qa.why.none")}, nil
	}
	e, err := f.Engine(ctx)
	if err != nil {
		return nil, err
	}
	r := e.EvaluateAssumingAt(last.Redacted, last.Lang, personal, localDay(s.Now))
	r.Doubt = false // answered: the question is not needed any more
	if err := saveLast(ctx, s, r); err != nil {
		return nil, err
	}
	return []bot.Reply{bot.Text(policy.Answer(r, s.Lang))}, nil
}

// why explains the person's last verdict, in the language of the "why?".
func (f *Feature) why(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	b, ok, err := s.LoadState(ctx, lastKind)
	if err != nil {
		return nil, err
	}
	var r policy.Result
	if !ok || json.Unmarshal(b, &r) != nil {
		return []bot.Reply{s.Reply("qa.why.none")}, nil
	}
	if r.Intent == policy.IntentApprovedTools {
		// The last answer was the list of approved tools, not a verdict on one tool.
		return []bot.Reply{s.Reply("qa.why.list")}, nil
	}
	return []bot.Reply{bot.Text(policy.Why(r, s.Lang))}, nil
}

var questionStarts = conversations.Phrases{
	"puis je", "est ce que je peux", "est ce qu on peut", "ai je le droit", "peut on", "je peux", "j ai le droit",
	"est il permis", "est ce permis", "est ce autorise", "est ce que c est permis", "a t on le droit",
	"can i", "may i", "am i allowed", "is it ok", "is it allowed", "could i", "are we allowed", "can we", "is it permitted",
	"est ce que j ai le droit", "est ce que j ai droit", "ai je droit", "j ai tu le droit", "je peux tu", "on peut tu",
	"est ce que je peux", "est ce qu on peut", "est ce correct", "c est tu correct", "est ce que c est correct",
	"est ce que je pourrais", "pourrais je", "is it okay", "do i have the right", "are we allowed to", "am i able",
}.Compile()

// questionLike reports a message that asks for permission.
func questionLike(folded string) bool {
	_, ok := questionStarts.Prefix(folded)
	return ok
}

var aiWords = conversations.Phrases{"ia", "iag", "l ia", "l iag", "ai", "genai", "intelligence artificielle", "artificial intelligence", "chatbot", "outil", "tool", "outils", "tools", "ia generative", "generative ai"}.Compile()

func mentionsAI(folded string) bool { return aiWords.Contains(folded) }

// quebec is the time zone whose calendar day decides whether an approval is in
// effect yet (deployment and training dates are Québec days).
var quebec = func() *time.Location {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		return time.UTC
	}
	return loc
}()

// localDay is now's calendar day in Québec.
func localDay(now time.Time) time.Time { return now.In(quebec) }
