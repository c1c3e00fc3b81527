package delivery_test

import (
	"context"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot"
)

// textMessenger records the text posted to each user.
type textMessenger struct {
	mu    sync.Mutex
	texts map[string]string
}

func (m *textMessenger) Post(_ context.Context, to bot.ConversationRef, r bot.Reply) (bot.MessageRef, error) {
	m.mu.Lock()
	defer m.mu.Unlock()
	m.texts[to.UserID] = r.Text
	return bot.MessageRef{Conversation: to, MessageID: "m"}, nil
}

// TestToRoleMembersInTheirLanguage: a message to a role without a channel reaches each
// member in theirs — the one chosen, else the one last written in.
func TestToRoleMembersInTheirLanguage(t *testing.T) {
	ctx := context.Background()
	db, _, d, _ := setup(t)
	tm := &textMessenger{texts: map[string]string{}}
	d.Add(bot.Slack, tm)
	d.Members = func(string) []string { return []string{"slack:U1", "slack:U2", "slack:U3", "slack:U4"} }
	for id, lang := range map[string]string{"U1": "fr", "U2": "en", "U3": "", "U4": "fr"} {
		u := bot.User{ID: id}
		ref := &bot.ConversationRef{Channel: bot.Slack, ID: "D" + id, UserID: id}
		if _, err := db.Meet(ctx, bot.Meeting{Key: u.Key(bot.Slack), Channel: bot.Slack, User: u, Direct: ref, Detected: lang}); err != nil {
			t.Fatal(err)
		}
	}
	if err := db.SetPersonLang(ctx, "slack:U1", "en"); err != nil {
		t.Fatal(err)
	}
	r := bot.Reply{Text: "défaut", Localize: func(l bot.Lang) bot.Reply { return bot.Text(string(l)) }}
	if _, err := d.ToRole(ctx, "sti", r); err != nil {
		t.Fatal(err)
	}
	want := map[string]string{"U1": "en", "U2": "en", "U3": "défaut", "U4": "fr"}
	for id, w := range want {
		if tm.texts[id] != w {
			t.Errorf("%s got %q, want %q", id, tm.texts[id], w)
		}
	}
}
