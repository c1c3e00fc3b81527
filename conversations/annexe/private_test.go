package annexe_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot"
)

// TestMyRequestsArePrivateInAChannel: « mes demandes » typed in a shared channel lists
// the person's requests to them alone.
func TestMyRequestsArePrivateInAChannel(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	if _, err := e.db.CreateDraft(ctx, "terminal:alice", "alice", "fr"); err != nil {
		t.Fatal(err)
	}
	for _, group := range []bool{true, false} {
		replies, err := e.e.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "alice", Name: "alice"}, Locale: "fr",
			Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:general", Group: group}, Text: "mes demandes"})
		if err != nil || len(replies) != 1 {
			t.Fatalf("replies = %+v, %v", replies, err)
		}
		if replies[0].Private != group {
			t.Errorf("group %v: private = %v", group, replies[0].Private)
		}
	}
}
