package slack_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
)

func command(e *env, text string) url.Values {
	return url.Values{"command": {"/iag"}, "text": {text}, "user_id": {"U1"}, "channel_id": {"C5"},
		"team_id": {"T1"}, "trigger_id": {"trig-" + text}, "response_url": {e.fake.ResponseURL("cmd")}}
}

// TestSlashCommand sends /iag with each keyword: the acknowledgement is an empty 200,
// the engine gets the phrase it understands, and the answer goes to the response_url,
// ephemeral.
func TestSlashCommand(t *testing.T) {
	for _, tc := range []struct{ text, want string }{
		{"", "aide"},
		{"aide", "aide"},
		{"help", "help"},
		// The request opens its form in a modal (opened before the ack): the engine is
		// asked for the form.
		{"demande", "remplir le formulaire"},
		{"Demande", "remplir le formulaire"},
		{"request", "fill in the form"},
		{"statut", "mes demandes"},
		{"status", "my requests"},
		{"Puis-je utiliser Copilot &amp; Gemini ?", "Puis-je utiliser Copilot & Gemini ?"},
	} {
		t.Run(tc.text, func(t *testing.T) {
			e := newEnv(t, signed)
			resp := e.postForm("/slack/commands", command(e, tc.text))
			if body := readBody(resp); resp.StatusCode != http.StatusOK || body != "" {
				t.Errorf("ack = %d %q, want an empty 200", resp.StatusCode, body)
			}
			e.drain()
			turns := e.engine.Turns()
			if len(turns) != 1 || turns[0].Text != tc.want || turns[0].Conversation.ID != "C5" || !turns[0].Conversation.Group {
				t.Fatalf("turns = %+v, want one with text %q in C5", turns, tc.want)
			}
			answers := e.fake.Calls("response_url")
			if len(answers) != 1 || answers[0].JSON["response_type"] != "ephemeral" || answers[0].JSON["replace_original"] != false {
				t.Errorf("response_url calls = %v, want one ephemeral answer", answers)
			}
			if n := len(e.fake.Calls("chat.postMessage", "chat.postEphemeral")); n != 0 {
				t.Errorf("%d chat calls, want none", n)
			}
		})
	}
}

func TestSlashCommandBusy(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret})
	e.drain() // a stopped channel takes no more work, as when the queue is full
	resp := e.postForm("/slack/commands", command(e, "aide"))
	var got map[string]string
	json.NewDecoder(resp.Body).Decode(&got)
	if resp.StatusCode != http.StatusOK || got["response_type"] != "ephemeral" || got["text"] != i18n.T(i18n.FR, "slack.busy") {
		t.Errorf("busy answer = %d %v, want 200 with the ephemeral busy message", resp.StatusCode, got)
	}
	if n := len(e.engine.Turns()); n != 0 {
		t.Errorf("engine called %d times", n)
	}
}

func TestSlashCommandMalformed(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
	}{
		{"bad form", "text=%zz&user_id=U1"},
		{"no user", "command=%2Fiag&text=aide&response_url=http%3A%2F%2Fx"},
		{"no response_url", "command=%2Fiag&text=aide&user_id=U1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, signed)
			resp := e.post("/slack/commands", "application/x-www-form-urlencoded", []byte(tc.body))
			if resp.StatusCode != http.StatusBadRequest {
				t.Errorf("status = %d, want 400", resp.StatusCode)
			}
			e.drain()
			if n := len(e.engine.Turns()); n != 0 {
				t.Errorf("engine called %d times", n)
			}
		})
	}
}

// TestPrivateReplyToCommand: whatever the reply says, a command's answer stays
// between the bot and the person.
func TestPrivateReplyToCommand(t *testing.T) {
	e := newEnv(t, signed)
	e.engine.answer = func(bot.Turn) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "un"}, {Text: "deux", Private: true}}, nil
	}
	e.postForm("/slack/commands", command(e, "statut"))
	e.drain()
	if n := len(e.fake.Calls("response_url")); n != 2 {
		t.Errorf("%d answers through response_url, want 2", n)
	}
}

// TestCommandInADirectMessageIsNoChannel: /iag typed in a direct conversation (maybe
// with someone else) is the person's own direct conversation with the bot — never a
// channel, where a role could be registered.
func TestCommandInADirectMessageIsNoChannel(t *testing.T) {
	e := newEnv(t, signed)
	f := command(e, "enregistrer ce canal pour STI")
	f.Set("channel_id", "D0OTHER")
	if resp := e.postForm("/slack/commands", f); resp.StatusCode != http.StatusOK {
		t.Fatalf("status %d", resp.StatusCode)
	}
	e.drain()
	turns := e.engine.Turns()
	if len(turns) != 1 {
		t.Fatalf("%d turns, want 1", len(turns))
	}
	if c := turns[0].Conversation; c.Group || c.ID != "DU1" || c.UserID != "U1" {
		t.Errorf("conversation = %+v; want the bot's own DM with U1 (DU1), not a group", c)
	}
}
