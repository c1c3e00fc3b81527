package conversations

import (
	"context"
	"strings"

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
	helpWords      = Phrases{"aide", "help", "?", "menu", "a l aide", "au secours", "que peux tu faire", "que sais tu faire", "what can you do", "commands", "commandes", "options"}
	procedureWords = Phrases{"procedure 30 02", "procedure", "la procedure", "30 02", "la procedure 30 02", "procedure iag", "procedure ia", "resume de la procedure", "procedure summary"}
	greetWords     = Phrases{"bonjour", "allo", "salut", "bonsoir", "hello", "hi", "hey", "good morning", "bon matin", "coucou"}
)

func (c coreFeature) Intents() []Intent {
	return []Intent{
		{Name: "help", Priority: 100, Match: func(_ *Session, f string) bool { return helpWords.Exact(f) },
			Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) { return c.e.help(s), nil }},
		{Name: "procedure", Priority: 100, Match: func(_ *Session, f string) bool { return procedureWords.Exact(f) },
			Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) {
				return []bot.Reply{s.Reply("core.procedure")}, nil
			}},
		{Name: "greeting", Priority: 100, Match: func(_ *Session, f string) bool { return greetWords.Exact(f) },
			Handle: func(_ context.Context, s *Session) ([]bot.Reply, error) {
				return append([]bot.Reply{s.Reply("core.greeting", map[string]any{"Name": firstName(s.Turn.User.Name)})}, c.e.help(s)...), nil
			}},
	}
}

func (c coreFeature) Help(s *Session) []string {
	return []string{s.T("core.help.procedure"), s.T("core.help.lang")}
}

// help lists what the bot can do, from every feature, in the session's language.
func (e *Engine) help(s *Session) []bot.Reply {
	var b strings.Builder
	b.WriteString(s.T("core.help.title"))
	b.WriteString("\n\n")
	b.WriteString(s.T("core.help.intro"))
	b.WriteString("\n")
	for _, f := range e.features {
		if h, ok := f.(HelpProvider); ok {
			for _, line := range h.Help(s) {
				b.WriteString("- ")
				b.WriteString(line)
				b.WriteString("\n")
			}
		}
	}
	b.WriteString("\n")
	b.WriteString(s.T("core.help.footer"))
	return []bot.Reply{bot.Text(b.String())}
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
	r := e.help(s)
	r[0].Text = s.T("core.fallback") + "\n\n" + r[0].Text
	return r
}

func firstName(name string) string {
	if f := strings.Fields(name); len(f) > 0 {
		return f[0]
	}
	return ""
}
