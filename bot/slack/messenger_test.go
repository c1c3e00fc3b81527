package slack_test

import (
	"context"
	"encoding/json"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/cards"
)

var dmRef = bot.ConversationRef{Channel: bot.Slack, ID: "D1", UserID: "U1"}

// TestMessengerErrors makes the fake Web API fail each way Slack does and checks the
// error the dispatcher gets: 429 is a *bot.RateLimitError, dead ends are
// bot.ErrUnreachable, anything else is neither.
func TestMessengerErrors(t *testing.T) {
	for _, tc := range []struct {
		name        string
		fail        func(http.ResponseWriter)
		wantRetry   time.Duration
		limited     bool
		unreachable bool
	}{
		{"429 with Retry-After", tooMany("7"), 7 * time.Second, true, false},
		{"429 without Retry-After", tooMany(""), 0, true, false},
		{"channel_not_found", slackError("channel_not_found"), 0, false, true},
		{"not_in_channel", slackError("not_in_channel"), 0, false, true},
		{"account_inactive", slackError("account_inactive"), 0, false, true},
		{"invalid_auth", slackError("invalid_auth"), 0, false, false},
		{"server error", func(w http.ResponseWriter) { w.WriteHeader(http.StatusBadGateway) }, 0, false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, signed)
			for _, m := range []string{"chat.postMessage", "chat.update", "conversations.open"} {
				e.fake.failNext(m, tc.fail)
			}
			_, postErr := e.ch.Post(context.Background(), dmRef, bot.Text("Rappel"))
			updateErr := e.ch.Update(context.Background(), bot.MessageRef{Conversation: dmRef, MessageID: "1.2"}, bot.Text("Rappel"))
			_, openErr := e.ch.OpenDirect(context.Background(), "U1")
			for name, err := range map[string]error{"Post": postErr, "Update": updateErr, "OpenDirect": openErr} {
				if err == nil {
					t.Errorf("%s: no error", name)
					continue
				}
				var rl *bot.RateLimitError
				if got := errors.As(err, &rl); got != tc.limited || errors.Is(err, bot.ErrRateLimited) != tc.limited {
					t.Errorf("%s: %v is a rate limit: %v, want %v", name, err, got, tc.limited)
				} else if got && rl.RetryAfter != tc.wantRetry {
					t.Errorf("%s: RetryAfter = %s, want %s", name, rl.RetryAfter, tc.wantRetry)
				}
				if got := errors.Is(err, bot.ErrUnreachable); got != tc.unreachable {
					t.Errorf("%s: %v unreachable = %v, want %v", name, err, got, tc.unreachable)
				}
			}
		})
	}
}

func TestUpdateOfDeletedMessage(t *testing.T) {
	e := newEnv(t, signed)
	e.fake.failNext("chat.update", slackError("message_not_found"))
	err := e.ch.Update(context.Background(), bot.MessageRef{Conversation: dmRef, MessageID: "1.2"}, bot.Text("x"))
	if !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("Update = %v, want bot.ErrNotFound", err)
	}
}

func TestPostAndOpenDirect(t *testing.T) {
	e := newEnv(t, signed)
	ctx := context.Background()
	ref, err := e.ch.OpenDirect(ctx, "U7")
	if err != nil || ref != (bot.ConversationRef{Channel: bot.Slack, ID: "DU7", UserID: "U7"}) {
		t.Fatalf("OpenDirect = %+v, %v; want DU7", ref, err)
	}
	card := &cards.Card{Title: "Demande n° 42 à examiner", Buttons: []cards.Button{{Label: "Examiner", Verb: "review.open", Subject: "42"}}}
	msg, err := e.ch.Post(ctx, ref, bot.Reply{Card: card})
	if err != nil || msg.MessageID == "" || msg.Conversation.ID != "DU7" {
		t.Fatalf("Post = %+v, %v; want a message id in DU7", msg, err)
	}
	if _, err := e.ch.Post(ctx, bot.ConversationRef{Channel: bot.Slack, ID: "C3", ThreadID: "9.9"}, bot.Text("dans le fil")); err != nil {
		t.Fatal(err)
	}
	if _, err := e.ch.Post(ctx, bot.ConversationRef{Channel: bot.Slack, ID: "C3", UserID: "U7", Group: true}, bot.Reply{Text: "à toi seul", Private: true}); err != nil {
		t.Fatal(err)
	}
	posts, eph := e.fake.Calls("chat.postMessage"), e.fake.Calls("chat.postEphemeral")
	if len(posts) != 2 || posts[0].Form.Get("text") != "Demande n° 42 à examiner" || posts[1].Form.Get("thread_ts") != "9.9" {
		t.Errorf("chat.postMessage calls = %v, want the card's fallback text, then a post in thread 9.9", posts)
	}
	// The channel's own chat.postMessage: a JSON body, the token in the header.
	var blocks []map[string]any
	if len(posts) > 0 && (posts[0].JSON == nil || posts[0].Auth != "Bearer xoxb-test" ||
		json.Unmarshal([]byte(posts[0].Form.Get("blocks")), &blocks) != nil || len(blocks) == 0) {
		t.Errorf("chat.postMessage = %+v, want JSON with blocks, and the bot token in Authorization", posts[0])
	}
	if len(eph) != 1 || eph[0].Form.Get("user") != "U7" {
		t.Errorf("chat.postEphemeral calls = %v, want one to U7", eph)
	}
	if _, err := e.ch.Post(ctx, bot.ConversationRef{Channel: bot.Teams, ID: "19:x"}, bot.Text("x")); !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("Post to Teams = %v, want bot.ErrUnreachable", err)
	}
}

// TestReplyRetriedAfterRateLimit: a reply refused with 429 during a turn is sent again
// after Retry-After (0 here), once.
func TestReplyRetriedAfterRateLimit(t *testing.T) {
	e := newEnv(t, signed)
	e.fake.failNext("chat.postMessage", tooMany("0"))
	e.postEvent(eventCallback("EvRL", dm("aide")))
	e.drain()
	if n := len(e.fake.Calls("chat.postMessage")); n != 2 {
		t.Errorf("chat.postMessage called %d times, want 2 (429, then the reply)", n)
	}
}
