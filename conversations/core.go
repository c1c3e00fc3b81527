package conversations

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
)

// HelpProvider is a feature that adds lines to the help message: one example of what
// a user can type, each.
type HelpProvider interface {
	Help(s *Session) []string
}

// coreFeature answers help and greetings.
type coreFeature struct{ e *Engine }

func (coreFeature) Name() string { return "core" }

var (
	smallTalk = Phrases{"merci", "merci beaucoup", "mercii", "ok", "okay", "oki", "d accord", "daccord", "parfait", "super", "genial",
		"cool", "top", "bonne journee", "bonne soiree", "au revoir", "a plus", "bye", "bye bye", "thanks", "thank you",
		"thx", "ty", "great", "perfect", "got it", "compris", "c est note", "noted", "see you", "good bye", "goodbye", "oui merci", "non merci"}.Compile()
	helpWords      = Phrases{"aide", "help", "?", "menu", "a l aide", "au secours", "que peux tu faire", "que sais tu faire", "what can you do", "commands", "commandes", "options"}.Compile()
	procedureWords = Phrases{"procedure 30 02", "procedure", "la procedure", "30 02", "la procedure 30 02", "procedure iag", "procedure ia", "resume de la procedure", "procedure summary"}.Compile()
	greetWords     = Phrases{"bonjour", "allo", "salut", "bonsoir", "hello", "hi", "hey", "good morning", "bon matin", "coucou"}.Compile()
)

func (c coreFeature) Intents() []Intent {
	return []Intent{
		{Name: "help", Priority: 100, Match: func(s *Session, f string) bool {
			return f != "" && helpWords.Exact(f) || strings.TrimSpace(s.Turn.Text) == "?"
		},
			Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) { return c.e.help(s), nil }},
		{Name: "procedure", Priority: 100, Match: func(_ *Session, f string) bool { return procedureWords.Exact(f) },
			Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) {
				return []bot.Reply{s.Reply("core.procedure")}, nil
			}},
		{Name: "help.topic", Priority: 100, Match: func(_ *Session, f string) bool { return len(c.e.helpTopic(f)) > 0 },
			Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) { return c.e.topicHelp(s), nil }},
		{Name: "greeting", Priority: 100, Match: func(_ *Session, f string) bool { return greetWords.Exact(f) },
			Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) {
				return []bot.Reply{s.Reply("core.greeting", map[string]any{"Name": firstName(s.Turn.User.Name)})}, nil
			}},
		// Thanks, "ok", an emoji: one line, not the help.
		{Name: "smalltalk", Priority: 100, Match: func(s *Session, f string) bool {
			return smallTalk.Exact(f) || f == "" && strings.TrimSpace(s.Turn.Text) != ""
		}, Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) {
			return []bot.Reply{s.Reply("core.smalltalk")}, nil
		}},
	}
}

// helpTopics name the features « aide X » details, by their Name.
var helpTopics = map[string]Phrases{
	"qa":           {"questions", "question", "outils", "outil", "tools", "tool", "verdict", "permis"},
	"annexe":       {"demande", "demandes", "request", "requests", "annexe 1", "annexe"},
	"review":       {"approbation", "approbations", "approval", "approvals", "review", "reviews", "examen", "approbateurs"},
	"incident":     {"incident", "incidents", "fuite", "breach"},
	"disclosure":   {"divulgation", "divulguer", "disclosure", "disclose"},
	"reminders":    {"rappels", "rappel", "reminders", "reminder", "formation", "training"},
	"mydata":       {"donnees", "mes donnees", "data", "my data", "vie privee", "privacy"},
	"mydata.erase": {"donnees", "mes donnees", "data", "my data", "vie privee", "privacy"},
	"transparency": {"donnees", "mes donnees", "data", "my data", "vie privee", "privacy", "fonctionnement"},
	"core":         {"procedure", "langue", "language", "autres", "other"},
}

// helpTopic returns the features whose detail « aide X » / "help X" asks for.
func (e *Engine) helpTopic(folded string) []HelpProvider {
	var rest string
	for _, p := range []string{"aide ", "help ", "aide sur ", "help with ", "help on "} {
		if strings.HasPrefix(folded, p) {
			rest = strings.TrimSpace(folded[len(p):])
		}
	}
	if rest == "" {
		return nil
	}
	var out []HelpProvider
	for _, f := range e.features {
		h, ok := f.(HelpProvider)
		if ok && helpTopics[f.Name()].Exact(rest) {
			out = append(out, h)
		}
	}
	return out
}

// topicHelp lists the examples of the features « aide X » asks for.
func (e *Engine) topicHelp(s *Session) []bot.Reply {
	var b strings.Builder
	for _, h := range e.helpTopic(s.folded) {
		for _, line := range h.Help(s) {
			b.WriteString("- ")
			b.WriteString(line)
			b.WriteString("\n")
		}
	}
	return []bot.Reply{bot.Text(strings.TrimRight(b.String(), "\n"))}
}

func (c coreFeature) Help(s *Session) []string {
	return []string{s.T("core.help.procedure"), s.T("core.help.lang")}
}

// help says what the bot can do on one screen (ten lines at most), with « aide X »
// for the detail of each area.
func (e *Engine) help(s *Session) []bot.Reply {
	return []bot.Reply{bot.Text(s.T("core.help.title") + "\n" + s.T("core.help.intro") + "\n" + s.T("core.help.short"))}
}

// HelpLines lists, in lang, one example of what a user can type per line, from every
// feature (for the Slack App Home and similar summaries).
func (e *Engine) HelpLines(lang i18n.Lang) []string {
	s := &Session{Lang: lang, engine: e}
	var lines []string
	for _, f := range e.features {
		if h, ok := f.(HelpProvider); ok {
			lines = append(lines, h.Help(s)...)
		}
	}
	return lines
}

// fallback answers what no intent recognised.
func (e *Engine) fallback(s *Session) []bot.Reply {
	if utf8.RuneCountInString(s.Turn.Text) > maxQuestion {
		// A pasted text, not a question: say so rather than "not understood".
		return []bot.Reply{{Text: s.T("core.too_long.paste", map[string]any{"Max": maxQuestion}), Private: true}}
	}
	r := e.help(s)
	r[0].Text = s.T("core.fallback") + "\n\n" + r[0].Text
	return r
}

// maxQuestion is the longest message read as a question when nothing understood it;
// a longer one is a paste.
const maxQuestion = 1000

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}
