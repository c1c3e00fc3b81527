package mydata

import (
	"context"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// aboutBot are the questions about the bot itself (5.1.8, 5.1.9).
var aboutBot = conversations.Phrases{
	"comment fonctionnes tu", "comment tu fonctionnes", "comment fonctionne iagbot", "comment fonctionne le bot",
	"comment fonctionne ce bot", "comment marches tu", "comment tu marches",
	"es tu une ia", "es tu une intelligence artificielle", "es tu un robot", "es tu un humain", "es tu humain",
	"es tu chatgpt", "es tu un systeme d ia", "es tu une iag", "tu es une ia", "est ce que tu es une ia",
	"es tu un chatbot", "utilises tu l ia", "utilises tu chatgpt", "que conserves tu", "que gardes tu",
	"quelles donnees conserves tu", "quelles donnees gardes tu", "d ou viennent tes reponses",
	"how do you work", "how does this bot work", "how does iagbot work", "are you an ai",
	"are you a bot", "are you a robot", "are you human", "are you a human", "are you chatgpt", "are you a generative ai",
	"are you a chatbot", "do you use ai", "do you use chatgpt", "what do you store", "what do you keep",
	"what data do you keep", "what data do you store", "where do your answers come from",
}.Compile()

// aboutBotAlone are questions about the bot only when asked on their own: "comment ça
// marche pour faire une demande ?" is about requests.
var aboutBotAlone = conversations.Phrases{"comment ca marche", "comment ca fonctionne", "how does it work", "how does this work"}.Compile()

// transparency explains how the bot works and what it keeps (5.1.8, 5.1.9, Annexe 1's
// DNG life cycle: collection, retention, communication, destruction).
type transparency struct{ retention config.Retention }

func (transparency) Name() string { return "transparency" }

func (t transparency) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "transparency", Priority: 60,
		Match: func(s *conversations.Session, f string) bool {
			return aboutBot.Contains(f) || aboutBotAlone.Exact(words.Command(s, f))
		},
		Handle: t.handle}}
}

func (transparency) Help(s *conversations.Session) []string {
	return []string{s.T("mydata.transparency.help")}
}

func (t transparency) handle(_ context.Context, s *conversations.Session) ([]bot.Reply, error) {
	keep := func(id string, days int) string {
		if days <= 0 {
			return s.T("mydata.transparency.kept_forever")
		}
		return s.T(id, map[string]any{"Count": days})
	}
	c := &cards.Card{
		Title: s.T("mydata.transparency.title"),
		Sections: []cards.Section{
			{Heading: s.T("mydata.transparency.answers.heading"), Text: s.T("mydata.transparency.answers")},
			{Heading: s.T("mydata.transparency.stored.heading"), Text: s.T("mydata.transparency.stored")},
			{Heading: s.T("mydata.transparency.retention.heading"), Facts: []cards.Fact{
				{Label: s.T("mydata.transparency.retention.drafts"), Value: keep("mydata.transparency.deleted_after", t.retention.ClosedDraftDays)},
				{Label: s.T("mydata.transparency.retention.refs"), Value: keep("mydata.transparency.deleted_after_silence", t.retention.ConversationRefDays)},
				{Label: s.T("mydata.transparency.retention.audit"), Value: s.T("mydata.transparency.retention.audit_kept")},
			}},
			{Heading: s.T("mydata.transparency.access.heading"), Text: s.T("mydata.transparency.access")},
		},
		Footer: s.T("mydata.transparency.footer"),
	}
	return []bot.Reply{{Card: c}}, nil
}
