package app

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/console"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage/storagetest"
	"github.com/jonboulle/clockwork"
)

// inbox is a terminal messenger that keeps what it was sent.
type inbox struct {
	mu    sync.Mutex
	posts []bot.Reply
}

func (b *inbox) Post(_ context.Context, to bot.ConversationRef, r bot.Reply) (bot.MessageRef, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.posts = append(b.posts, r)
	return bot.MessageRef{Conversation: to, MessageID: "m"}, nil
}

func TestRemindersAreWiredIn(t *testing.T) {
	ctx := context.Background()
	a := newTestApp(t, nil)
	box := &inbox{}
	a.Notify.Add(bot.Terminal, box)
	turn := bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "rita"}, Conversation: console.DirectRef("rita"),
		Text: "rappelle-moi dans une semaine"}
	replies, err := a.Turns.Handle(ctx, turn)
	if err != nil || len(replies) != 1 || !strings.Contains(replies[0].Text, "aucun rappel") {
		t.Fatalf("snooze with no reminder = %+v, %v; want the reminders feature's answer", replies, err)
	}
	// rita's request for Gemini was approved: she owns it, its EFVP is due on 2 June.
	storagetest.Approved(t, a.DB, "terminal:rita", nil, workflow.Approval{SystemName: "Gemini", Kind: "private",
		Hosting: "canada", EFVPNextReview: time.Date(2027, 6, 2, 0, 0, 0, 0, time.UTC), OwnerKey: "terminal:rita"})
	s, err := a.NewReminders(clockwork.NewFakeClockAt(time.Date(2027, 5, 3, 14, 0, 0, 0, time.UTC)))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.RunOnce(ctx); err != nil {
		t.Fatal(err)
	}
	if len(box.posts) != 1 || box.posts[0].Card == nil || !strings.Contains(box.posts[0].Card.Title, "Gemini") {
		t.Fatalf("posts = %+v, want rita's EFVP reminder", box.posts)
	}
	if _, body := get(t, a.Handler(), "/metrics"); !strings.Contains(body, `iagbot_reminders_total{kind="efvp",outcome="sent"} 1`) {
		t.Errorf("/metrics lacks the delivery:\n%s", body)
	}
	stop, err := a.StartReminders(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := stop(); err != nil {
		t.Fatalf("stop = %v", err)
	}
}
