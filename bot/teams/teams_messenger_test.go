package teams

import (
	"context"
	"errors"
	"net/http"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/teams/connector"
	"github.com/cssdgs/iagbot/cards"
)

func (e *env) ref() bot.ConversationRef {
	return bot.ConversationRef{Channel: bot.Teams, ID: channelID, ThreadID: "1700", Group: true,
		ServiceURL: e.serviceURL, TenantID: testTenant, BotID: botAccount}
}

func TestPostAndUpdate(t *testing.T) {
	e := newEnv(t)
	ctx := context.Background()
	msg, err := e.ch.Post(ctx, e.ref(), bot.Reply{Card: &cards.Card{Title: "Demande n° 42"}})
	if err != nil {
		t.Fatal(err)
	}
	if msg.MessageID == "" || msg.Conversation != e.ref() {
		t.Errorf("message ref = %+v", msg)
	}
	if err := e.ch.Update(ctx, msg, bot.Text("Approuvée")); err != nil {
		t.Fatal(err)
	}
	got := e.conn.activities()
	conv := "/amer/v3/conversations/" + channelID + "%3Bmessageid=1700/activities"
	if len(got) != 2 || got[0].Method != "POST" || got[0].Path != conv ||
		got[1].Method != "PUT" || got[1].Path != conv+"/"+msg.MessageID {
		t.Fatalf("calls = %+v", got)
	}
	for _, r := range got {
		if empty := emptyFields(r.Body, ""); len(empty) > 0 {
			t.Errorf("%s has empty fields %v", r.Method, empty)
		}
		// An activity the bot starts names it, so Teams does not show a bare id.
		if from, _ := r.Body["from"].(map[string]any); from["name"] != DefaultBotName {
			t.Errorf("%s from = %v, want the bot's name", r.Method, r.Body["from"])
		}
	}
	// The card's activity says what it is in the chat list, not "Send a card".
	if s := got[0].Body["summary"]; s != "Demande n° 42" {
		t.Errorf("card summary = %v", s)
	}
}

func TestMessengerErrors(t *testing.T) {
	for _, tc := range []struct {
		name      string
		status    int
		header    map[string]string
		ref       func(e *env) bot.ConversationRef
		wantIs    error
		wantAfter time.Duration
	}{
		{"429 after the client's retries", http.StatusTooManyRequests, map[string]string{"Retry-After": "7"}, nil, bot.ErrRateLimited, 7 * time.Second},
		{"conversation gone", http.StatusNotFound, nil, nil, bot.ErrUnreachable, 0},
		{"bot removed", http.StatusForbidden, nil, nil, bot.ErrUnreachable, 0},
		{"not a Teams reference", 0, nil, func(e *env) bot.ConversationRef {
			r := e.ref()
			r.Channel = bot.Slack
			return r
		}, bot.ErrUnreachable, 0},
		{"no service URL", 0, nil, func(e *env) bot.ConversationRef {
			r := e.ref()
			r.ServiceURL = ""
			return r
		}, bot.ErrUnreachable, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.conn.fail = func(string, string) (int, map[string]string) { return tc.status, tc.header }
			ref := e.ref()
			if tc.ref != nil {
				ref = tc.ref(e)
			}
			_, err := e.ch.Post(context.Background(), ref, bot.Text("x"))
			if !errors.Is(err, tc.wantIs) {
				t.Fatalf("Post error = %v, want %v", err, tc.wantIs)
			}
			err = e.ch.Update(context.Background(), bot.MessageRef{Conversation: ref, MessageID: "1"}, bot.Text("x"))
			if !errors.Is(err, tc.wantIs) {
				t.Errorf("Update error = %v, want %v", err, tc.wantIs)
			}
			var rl *bot.RateLimitError
			if errors.As(err, &rl) && rl.RetryAfter != tc.wantAfter {
				t.Errorf("RetryAfter = %s, want %s", rl.RetryAfter, tc.wantAfter)
			}
		})
	}
}

func TestServerErrorIsNotUnreachable(t *testing.T) {
	e := newEnv(t)
	e.conn.fail = func(string, string) (int, map[string]string) { return http.StatusBadGateway, nil }
	_, err := e.ch.Post(context.Background(), e.ref(), bot.Text("x"))
	if err == nil || errors.Is(err, bot.ErrUnreachable) || errors.Is(err, bot.ErrRateLimited) {
		t.Errorf("error = %v, want a plain failure", err)
	}
	if !errors.Is(err, connector.ErrStatus) {
		t.Errorf("error = %v, want the connector's status error kept", err)
	}
}

func TestOpenDirect(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.ServiceURL = "" })
	// An activity teaches the channel its regional service URL.
	e.post(t, e.message("m1", "aide"), e.auth(t))
	ref, err := e.ch.OpenDirect(context.Background(), userAAD)
	if err != nil {
		t.Fatal(err)
	}
	want := bot.ConversationRef{Channel: bot.Teams, ID: "a:direct-1", UserID: userAAD, ServiceURL: e.serviceURL,
		TenantID: testTenant, BotID: botAccount}
	if ref != want {
		t.Errorf("ref = %+v, want %+v", ref, want)
	}
	var body map[string]any
	for _, r := range e.conn.requests("/v3/conversations") {
		if r.Method == "POST" && r.Path == "/amer/v3/conversations" {
			body = r.Body
		}
	}
	members, _ := body["members"].([]any)
	if len(members) != 1 || members[0].(map[string]any)["id"] != userAAD || body["bot"].(map[string]any)["id"] != botAccount ||
		body["channelData"].(map[string]any)["tenant"].(map[string]any)["id"] != testTenant {
		t.Errorf("create conversation body = %v", body)
	}
	if _, err := e.ch.OpenDirect(context.Background(), ""); !errors.Is(err, bot.ErrUnreachable) {
		t.Errorf("OpenDirect(\"\") = %v, want ErrUnreachable", err)
	}
}
