// Package mydata is what the bot tells a person about itself and about them
// (procedure 30-02, 5.1.8 and 5.1.9): how it works and what it keeps, what it holds
// about the person (« mes données »), and erasing it on confirmation (« supprimer mes
// données »), keeping only what accountability requires.
package mydata

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/incident"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// Store is what the features read and erase (storage.DB implements it).
type Store interface {
	// PersonData returns what the bot holds about the person key.
	PersonData(ctx context.Context, key string) (privacy.PersonData, error)
	// ErasePerson removes what accountability does not require and says what it did.
	ErasePerson(ctx context.Context, key string) (privacy.Erasure, error)
}

// New returns the features, to register on the engine: how the bot works (telling
// the retention configured), my data, and erasing it.
func New(store Store, retention config.Retention) ([]conversations.Feature, error) {
	if store == nil {
		return nil, errors.New("mydata: no store")
	}
	return []conversations.Feature{transparency{retention: retention}, &myData{store: store}, &erase{store: store}}, nil
}

// showData are the ways to ask what the bot holds, compared whole once fillers are
// dropped: "mes données" inside a longer question ("puis-je mettre mes données dans
// ChatGPT ?") is a policy question.
var showData = conversations.Phrases{"mes donnees", "voir mes donnees", "afficher mes donnees", "montre moi mes donnees",
	"montrez moi mes donnees", "mes renseignements", "mes renseignements personnels", "quelles donnees as tu sur moi",
	"quelles donnees avez vous sur moi", "que sais tu sur moi", "qu est ce que tu sais sur moi", "que sais tu de moi",
	"qu as tu sur moi", "my data", "show my data", "see my data", "my personal data", "what data do you have on me",
	"what data do you have about me", "what do you know about me", "what do you have on me"}.Compile()

// day is how dates show.
const day = "2006-01-02"

// listMax is how many requests or reports the summary lists before "and N more".
const listMax = 5

// myData shows a person what the bot holds about them.
type myData struct{ store Store }

func (*myData) Name() string { return "mydata" }

func (m *myData) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "mydata", Priority: 90, Interrupts: true,
		Match: func(s *conversations.Session, f string) bool {
			return showData.Exact(words.Command(s, f))
		},
		Handle: m.show}}
}

func (*myData) Help(s *conversations.Session) []string {
	return []string{s.T("mydata.help")}
}

func (m *myData) show(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	d, err := m.store.PersonData(ctx, s.Key)
	if err != nil {
		return nil, err
	}
	c := &cards.Card{Title: s.T("mydata.title"), Footer: s.T("mydata.footer"),
		Buttons: []cards.Button{{Label: s.T("mydata.delete"), Verb: VerbMyDataDelete, Style: cards.StyleDanger}}}
	add := func(heading string, sec cards.Section) {
		if sec.Text != "" || len(sec.Facts) > 0 {
			sec.Heading = s.T(heading)
			c.Sections = append(c.Sections, sec)
		}
	}
	var seen []cards.Fact
	for _, ch := range d.Channels {
		id := "mydata.seen"
		if ch.Direct {
			id = "mydata.seen_direct"
		}
		seen = append(seen, cards.Fact{Label: channelName(ch.Channel), Value: s.T(id, map[string]any{"Date": ch.LastSeen.Format(day)})})
	}
	add("mydata.channels", cards.Section{Facts: seen})
	lang := s.T("mydata.lang_none")
	if i18n.Valid(d.Lang) {
		lang = s.T("mydata.lang_chosen", map[string]any{"Lang": s.T("mydata.lang." + d.Lang)})
	}
	add("mydata.lang", cards.Section{Text: lang})
	add("mydata.requests", cards.Section{Facts: requestFacts(s, d.Requests)})
	add("mydata.reminders", cards.Section{Text: reminderText(s, d)})
	add("mydata.dialogs", cards.Section{Text: dialogText(s, d.Dialogs)})
	add("mydata.incidents", cards.Section{Facts: incidentFacts(s, d.Incidents)})
	add("mydata.kept", cards.Section{Text: lines(s, []counted{
		{"mydata.kept.audit", d.AuditEntries}, {"mydata.kept.trainings", d.Trainings},
		{"mydata.kept.systems", d.OwnedSystems}, {"mydata.kept.review_work", d.ReviewWork}})})
	return conversations.Private(bot.Reply{Card: c}), nil
}

func requestFacts(s *conversations.Session, rs []privacy.RequestBrief) []cards.Fact {
	return cappedFacts(s, rs, func(r privacy.RequestBrief) cards.Fact {
		name := r.SystemName
		if name == "" {
			name = s.T("mydata.unnamed")
		}
		return cards.Fact{Label: s.T("mydata.number", map[string]any{"ID": r.ID}),
			Value: name + " — " + s.T("mydata.status."+r.Status)}
	})
}

func incidentFacts(s *conversations.Session, incs []privacy.Incident) []cards.Fact {
	return cappedFacts(s, incs, func(inc privacy.Incident) cards.Fact {
		return cards.Fact{Label: s.T("mydata.number", map[string]any{"ID": inc.ID}),
			Value: inc.CreatedAt.Format(day) + " — " + incident.SystemLabel(s.Lang, inc.System) + " — " + incident.KindsLabel(s.Lang, inc.DataKinds)}
	})
}

// cappedFacts is one fact per item, the first listMax of them, then "… and N more".
func cappedFacts[T any](s *conversations.Session, items []T, fact func(T) cards.Fact) []cards.Fact {
	var facts []cards.Fact
	for i, it := range items {
		if i == listMax {
			return append(facts, cards.Fact{Label: "…", Value: s.T("mydata.more", map[string]any{"Count": len(items) - listMax})})
		}
		facts = append(facts, fact(it))
	}
	return facts
}

func reminderText(s *conversations.Session, d privacy.PersonData) string {
	if d.Reminders == 0 && d.Deliveries == 0 {
		return ""
	}
	text := lines(s, []counted{{"mydata.reminders.planned", d.Reminders}, {"mydata.reminders.sent", d.Deliveries}})
	if d.NextReminder != nil {
		text += "\n" + s.T("mydata.reminders.next", map[string]any{"Date": d.NextReminder.Format(day)})
	}
	return text
}

// dialogText names the conversations in progress; a kind without a message of its
// own is shown as is, rather than as a message id.
func dialogText(s *conversations.Session, kinds []string) string {
	var b strings.Builder
	for _, k := range kinds {
		id := "mydata.dialog." + k
		name := s.T(id)
		if name == id {
			name = s.T("mydata.dialog.other") // never a technical name
		}
		fmt.Fprintf(&b, "- %s\n", name)
	}
	return strings.TrimSuffix(b.String(), "\n")
}

// counted is a message id with its count, for "- 2 rappels" lines.
type counted struct {
	id string
	n  int
}

// lines writes one "- " line per non-zero count.
func lines(s *conversations.Session, cs []counted) string {
	var out []string
	for _, c := range cs {
		if c.n > 0 {
			out = append(out, "- "+s.T(c.id, map[string]any{"Count": c.n}))
		}
	}
	return strings.Join(out, "\n")
}

func channelName(ch bot.Channel) string {
	switch ch {
	case bot.Teams:
		return "Microsoft Teams"
	case bot.Slack:
		return "Slack"
	case bot.Terminal:
		return "Terminal"
	}
	return string(ch)
}
