package delivery_test

import (
	"context"
	"errors"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/storage"
)

// fakeMessenger records posts and answers 429 for the first limited calls.
type fakeMessenger struct {
	mu      sync.Mutex
	limited int
	posts   []bot.ConversationRef
}

func (f *fakeMessenger) Post(_ context.Context, to bot.ConversationRef, _ bot.Reply) (bot.MessageRef, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.limited > 0 {
		f.limited--
		return bot.MessageRef{}, &bot.RateLimitError{RetryAfter: 3 * time.Second}
	}
	f.posts = append(f.posts, to)
	return bot.MessageRef{Conversation: to, MessageID: "m1"}, nil
}

func setup(t *testing.T) (*storage.DB, *fakeMessenger, *delivery.Dispatcher, *[]time.Duration) {
	t.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "d.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	fm := &fakeMessenger{}
	d := delivery.New(db, map[bot.Channel]bot.Messenger{bot.Slack: fm})
	var slept []time.Duration
	d.Sleep = func(_ context.Context, dur time.Duration) error { slept = append(slept, dur); return nil }
	return db, fm, d, &slept
}

func TestToPersonRetriesAfterRateLimit(t *testing.T) {
	ctx := context.Background()
	db, fm, d, slept := setup(t)
	u := bot.User{ID: "U1", Email: "a@x.org"}
	if _, err := db.MeetPerson(ctx, u.Key(bot.Slack), bot.Slack, u, &bot.ConversationRef{Channel: bot.Slack, ID: "D1", UserID: "U1"}); err != nil {
		t.Fatal(err)
	}
	fm.limited = 2
	msg, err := d.ToPerson(ctx, "a@x.org", bot.Text("hi"))
	if err != nil || msg.Conversation.ID != "D1" {
		t.Fatalf("ToPerson = %+v, %v; want posted to D1", msg, err)
	}
	retries := 0
	for _, s := range *slept {
		if s == 3*time.Second {
			retries++
		}
	}
	if retries != 2 {
		t.Fatalf("slept %v, want two waits of Retry-After 3s", *slept)
	}
	fm.limited = 10
	if _, err := d.ToPerson(ctx, "a@x.org", bot.Text("hi")); !errors.Is(err, bot.ErrRateLimited) {
		t.Fatalf("after max attempts err = %v, want ErrRateLimited", err)
	}
}

func TestToPersonUnreachable(t *testing.T) {
	_, _, d, _ := setup(t)
	if _, err := d.ToPerson(context.Background(), "nobody@x.org", bot.Text("hi")); !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("err = %v, want ErrUnreachable", err)
	}
}

func TestToRoleChannelThenMembers(t *testing.T) {
	ctx := context.Background()
	db, fm, d, _ := setup(t)
	d.Members = func(role string) []string { return map[string][]string{"sti": {"slack:U9", "ghost@x.org"}}[role] }
	u := bot.User{ID: "U9"}
	if _, err := db.MeetPerson(ctx, u.Key(bot.Slack), bot.Slack, u, &bot.ConversationRef{Channel: bot.Slack, ID: "D9", UserID: "U9"}); err != nil {
		t.Fatal(err)
	}
	// No channel registered: the reachable member gets it directly.
	msgs, err := d.ToRole(ctx, "sti", bot.Text("card"))
	if err != nil || len(msgs) != 1 || msgs[0].Conversation.ID != "D9" {
		t.Fatalf("ToRole without channel = %+v, %v", msgs, err)
	}
	if err := db.SetRoleChannel(ctx, "sti", bot.ConversationRef{Channel: bot.Slack, ID: "C1", Group: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	msgs, err = d.ToRole(ctx, "sti", bot.Text("card"))
	if err != nil || len(msgs) != 1 || msgs[0].Conversation.ID != "C1" {
		t.Fatalf("ToRole with channel = %+v, %v", msgs, err)
	}
	if _, err := d.ToRole(ctx, "cprpsi", bot.Text("card")); !errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("ToRole for a role with nobody = %v, want ErrUnreachable", err)
	}
	if len(fm.posts) != 2 {
		t.Fatalf("posts = %v, want 2", fm.posts)
	}
}
