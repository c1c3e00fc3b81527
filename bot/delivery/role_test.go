package delivery_test

import (
	"context"
	"errors"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/delivery"
)

// downMessenger fails every post as a platform outage does (HTTP 502).
type downMessenger struct{}

func (downMessenger) Post(context.Context, bot.ConversationRef, bot.Reply) (bot.MessageRef, error) {
	return bot.MessageRef{}, errors.New("HTTP 502")
}

// TestToRoleOutageIsNotUnreachable: a role without a channel whose one known member
// cannot be written to because of an outage is not "unreachable", which reminders
// record as final; the outage's error comes back so the message is tried again.
func TestToRoleOutageIsNotUnreachable(t *testing.T) {
	ctx := context.Background()
	db, _, d, _ := setup(t)
	d.Add(bot.Slack, downMessenger{})
	d.Members = func(role string) []string { return map[string][]string{"sti": {"slack:U9", "ghost@x.org"}}[role] }
	u := bot.User{ID: "U9"}
	if _, err := db.MeetPerson(ctx, u.Key(bot.Slack), bot.Slack, u, &bot.ConversationRef{Channel: bot.Slack, ID: "D9", UserID: "U9"}); err != nil {
		t.Fatal(err)
	}
	_, err := d.ToRole(ctx, "sti", bot.Text("card"))
	if err == nil || errors.Is(err, bot.ErrUnreachable) {
		t.Fatalf("ToRole during an outage = %v, want the outage's error, not ErrUnreachable", err)
	}
}

// TestToRolePostsAtTheTopOfTheChannel: a role channel registered from a thread (stored
// so by earlier releases) still gets its cards at the top of the channel.
func TestToRolePostsAtTheTopOfTheChannel(t *testing.T) {
	ctx := context.Background()
	db, fm, d, _ := setup(t)
	if err := db.SetRoleChannel(ctx, "sti", bot.ConversationRef{Channel: bot.Slack, ID: "C1", Group: true, ThreadID: "1700000000.000100"}, "admin"); err != nil {
		t.Fatal(err)
	}
	if _, err := d.ToRole(ctx, "sti", bot.Text("carte")); err != nil {
		t.Fatal(err)
	}
	if len(fm.posts) != 1 || fm.posts[0].ID != "C1" || fm.posts[0].ThreadID != "" {
		t.Fatalf("posts = %+v, want one at the top of C1", fm.posts)
	}
}

// goneMessenger answers every post as a channel the bot was removed from.
type goneMessenger struct{ posts []bot.ConversationRef }

func (g *goneMessenger) Post(_ context.Context, to bot.ConversationRef, _ bot.Reply) (bot.MessageRef, error) {
	if to.Group {
		return bot.MessageRef{}, bot.ErrUnreachable
	}
	g.posts = append(g.posts, to)
	return bot.MessageRef{Conversation: to, MessageID: "m"}, nil
}

// TestToRoleFallsBackToMembers: a role channel that cannot be posted to (archived, bot
// removed) does not lose the card: each member gets it directly.
func TestToRoleFallsBackToMembers(t *testing.T) {
	ctx := context.Background()
	db, _, _, _ := setup(t)
	g := &goneMessenger{}
	d := delivery.New(db, map[bot.Channel]bot.Messenger{bot.Slack: g})
	d.Members = func(role string) []string { return map[string][]string{"sti": {"slack:U9"}}[role] }
	u := bot.User{ID: "U9", Email: "sti@x.org"}
	if _, err := db.MeetPerson(ctx, u.Key(bot.Slack), bot.Slack, u, &bot.ConversationRef{Channel: bot.Slack, ID: "D9", UserID: "U9"}); err != nil {
		t.Fatal(err)
	}
	if err := db.SetRoleChannel(ctx, "sti", bot.ConversationRef{Channel: bot.Slack, ID: "CGONE", Group: true}, "admin"); err != nil {
		t.Fatal(err)
	}
	sent, err := d.ToRole(ctx, "sti", bot.Text("carte"))
	if err != nil || len(sent) != 1 || len(g.posts) != 1 || g.posts[0].ID != "D9" {
		t.Fatalf("ToRole = %+v, %v; posts %+v; want the member's DM D9", sent, err, g.posts)
	}
}
