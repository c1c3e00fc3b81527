package slack_test

import (
	"context"
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/cssdgs/iagbot/cards"
)

type home struct {
	mu   sync.Mutex
	keys []string
	lang i18n.Lang
}

func (h *home) Home(_ context.Context, u bot.User, lang i18n.Lang) ([]*cards.Card, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.keys, h.lang = append(h.keys, u.Key(bot.Slack)), lang
	return []*cards.Card{{Title: "Accueil"}, {Sections: []cards.Section{{Heading: "Vos demandes", Text: "Demande n° 7 : en examen"}}}}, nil
}

func TestAppHomeOpened(t *testing.T) {
	h := &home{}
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Home: h})
	e.fake.addUser("U2", "Alex Smith", "Alex.Smith@cssdgs.gouv.qc.ca", "en-US")
	e.postEvent(eventCallback("EvHome", map[string]any{"type": "app_home_opened", "tab": "home", "user": "U2", "channel": "D2"}))
	e.drain()
	views := e.fake.Calls("views.publish")
	if len(views) != 1 {
		t.Fatalf("views.publish called %d times, want 1", len(views))
	}
	view, _ := json.Marshal(views[0].JSON)
	for _, want := range []string{`"user_id":"U2"`, `"type":"home"`, "Accueil", `"type":"divider"`, "Demande n° 7"} {
		if !strings.Contains(string(view), want) {
			t.Errorf("published view lacks %q: %s", want, view)
		}
	}
	if len(h.keys) != 1 || h.keys[0] != "alex.smith@cssdgs.gouv.qc.ca" || h.lang != i18n.EN {
		t.Errorf("Home asked for %v in %q, want the person's e-mail key in English", h.keys, h.lang)
	}
	if n := len(e.engine.Turns()); n != 0 {
		t.Errorf("engine called %d times for the Home tab", n)
	}
}
