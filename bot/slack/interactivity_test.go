package slack_test

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/slack-go/slack"
)

// blockActions builds a block_actions payload for a press of the first button of
// card, with the card's inputs filled with values, as Slack sends it.
func blockActions(t *testing.T, card *cards.Card, values map[string]string, container map[string]any) url.Values {
	t.Helper()
	blocks, err := blockkit.Render(card)
	if err != nil {
		t.Fatal(err)
	}
	state := map[string]map[string]any{}
	var button *slack.ButtonBlockElement
	for _, b := range blocks {
		switch b := b.(type) {
		case *slack.InputBlock:
			switch el := b.Element.(type) {
			case *slack.PlainTextInputBlockElement:
				state[b.BlockID] = map[string]any{el.ActionID: map[string]any{"type": "plain_text_input", "value": values[el.ActionID]}}
			case *slack.SelectBlockElement:
				state[b.BlockID] = map[string]any{el.ActionID: map[string]any{"type": "static_select", "selected_option": map[string]any{"value": values[el.ActionID]}}}
			}
		case *slack.ActionBlock:
			if button == nil {
				button = b.Elements.ElementSet[0].(*slack.ButtonBlockElement)
			}
		}
	}
	payload := map[string]any{"type": "block_actions", "trigger_id": "trig1", "user": map[string]any{"id": "U1"},
		"response_url": "", "container": container, "state": map[string]any{"values": state},
		"actions": []map[string]any{{"type": "button", "action_id": button.ActionID, "block_id": "b", "value": button.Value}}}
	if ch, ok := container["channel_id"]; ok {
		payload["channel"] = map[string]any{"id": ch}
	}
	if u, ok := container["response_url"]; ok {
		payload["response_url"] = u
		delete(container, "response_url")
	}
	data, _ := json.Marshal(payload)
	return url.Values{"payload": {string(data)}}
}

var decisionCard = &cards.Card{Title: "Demande n° 42",
	Inputs:  []cards.Input{{ID: "comment", Label: "Commentaire"}, {ID: "stage", Label: "Étape", Choices: []cards.Choice{{Value: "codir", Label: "CODIR"}, {Value: "cprpsi", Label: "PRP"}}}},
	Buttons: []cards.Button{{Label: "Approuver", Verb: "review.approve", Subject: "42"}}}

// TestButtonReplacesCard presses a card button in a channel: the engine gets the
// verb, subject, input values and message id, and a Replace reply updates the card
// with chat.update while a Private one goes to the person alone.
func TestButtonReplacesCard(t *testing.T) {
	e := newEnv(t, signed)
	e.engine.answer = func(bot.Turn) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "Approuvée par Marie", Replace: true}, {Text: "Merci", Private: true}}, nil
	}
	form := blockActions(t, decisionCard, map[string]string{"comment": "Conforme à 6.2", "stage": "cprpsi"},
		map[string]any{"type": "message", "message_ts": "1700000000.000500", "channel_id": "C9", "is_ephemeral": false})
	if resp := e.postForm("/slack/interactivity", form); resp.StatusCode != http.StatusOK {
		t.Fatalf("status = %d, want 200", resp.StatusCode)
	}
	e.drain()
	turns := e.engine.Turns()
	if len(turns) != 1 || turns[0].Action == nil {
		t.Fatalf("turns = %+v, want one action", turns)
	}
	a := turns[0].Action
	if a.Verb != "review.approve" || a.Subject != "42" || a.MessageID != "1700000000.000500" ||
		a.Values["comment"] != "Conforme à 6.2" || a.Values["stage"] != "cprpsi" || turns[0].Text != "" {
		t.Errorf("action = %+v, want review.approve 42 with the values and message id", a)
	}
	if c := turns[0].Conversation; c.ID != "C9" || !c.Group {
		t.Errorf("conversation = %+v, want channel C9", c)
	}
	updates, eph := e.fake.Calls("chat.update"), e.fake.Calls("chat.postEphemeral")
	if len(updates) != 1 || updates[0].Form.Get("channel") != "C9" || updates[0].Form.Get("ts") != "1700000000.000500" ||
		!strings.Contains(blocksText(updates[0]), "Approuvée") {
		t.Errorf("chat.update calls = %v, want one on C9 at the card's ts", updates)
	}
	if len(eph) != 1 || eph[0].Form.Get("user") != "U1" || eph[0].Form.Get("channel") != "C9" {
		t.Errorf("chat.postEphemeral calls = %v, want one to U1 in C9", eph)
	}
	if n := len(e.fake.Calls("chat.postMessage")); n != 0 {
		t.Errorf("%d chat.postMessage calls, want none", n)
	}
}

// TestButtonOnEphemeralCard: chat.update cannot reach an ephemeral message (a /iag
// answer), so replies go through the response_url.
func TestButtonOnEphemeralCard(t *testing.T) {
	e := newEnv(t, signed)
	e.engine.answer = func(bot.Turn) ([]bot.Reply, error) { return []bot.Reply{{Text: "Fait", Replace: true}}, nil }
	form := blockActions(t, decisionCard, nil, map[string]any{"type": "message", "message_ts": "1.2", "channel_id": "C9",
		"is_ephemeral": true, "response_url": e.fake.ResponseURL("eph1")})
	e.postForm("/slack/interactivity", form)
	e.drain()
	resp := e.fake.Calls("response_url")
	if len(resp) != 1 || resp[0].JSON["replace_original"] != true || resp[0].JSON["response_type"] != "ephemeral" {
		t.Errorf("response_url calls = %v, want one ephemeral replacing the original", resp)
	}
	if n := len(e.fake.Calls("chat.update", "chat.postMessage")); n != 0 {
		t.Errorf("%d chat calls, want none", n)
	}
}

// TestButtonInDirectMessage: the conversation is the person's DM, so the engine may
// keep it for proactive messages.
func TestButtonInDirectMessage(t *testing.T) {
	e := newEnv(t, signed)
	form := blockActions(t, decisionCard, nil, map[string]any{"type": "message", "message_ts": "1.2", "channel_id": "D1"})
	e.postForm("/slack/interactivity", form)
	e.drain()
	turns := e.engine.Turns()
	if len(turns) != 1 || turns[0].Conversation != (bot.ConversationRef{Channel: bot.Slack, ID: "D1", UserID: "U1"}) {
		t.Errorf("turns = %+v, want one in D1 with the user", turns)
	}
}

func TestInteractivityRefusesAndIgnores(t *testing.T) {
	select1 := `{"type":"block_actions","user":{"id":"U1"},"actions":[{"type":"static_select","action_id":"stage","value":""}]}`
	foreign := `{"type":"block_actions","user":{"id":"U1"},"actions":[{"type":"button","action_id":"x","value":"no-separator"}]}`
	for _, tc := range []struct {
		name string
		form url.Values
		want int
	}{
		{"no payload", url.Values{"other": {"x"}}, http.StatusBadRequest},
		{"payload not JSON", url.Values{"payload": {"{oops"}}, http.StatusBadRequest},
		{"state of the wrong shape", url.Values{"payload": {`{"type":"block_actions","state":{"values":[1]}}`}}, http.StatusBadRequest},
		{"select changed", url.Values{"payload": {select1}}, http.StatusOK},
		{"button of another app", url.Values{"payload": {foreign}}, http.StatusOK},
		{"view submission", url.Values{"payload": {`{"type":"view_submission","user":{"id":"U1"}}`}}, http.StatusOK},
		{"shortcut", url.Values{"payload": {`{"type":"shortcut","user":{"id":"U1"}}`}}, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, signed)
			resp := e.postForm("/slack/interactivity", tc.form)
			if resp.StatusCode != tc.want {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.want)
			}
			e.drain()
			if n := len(e.engine.Turns()); n != 0 {
				t.Errorf("engine called %d times, want 0", n)
			}
		})
	}
}

func TestInteractivityUnsigned(t *testing.T) {
	e := newEnv(t, signed)
	form := blockActions(t, decisionCard, nil, map[string]any{"channel_id": "C9", "message_ts": "1.2"})
	h := http.Header{"Content-Type": {"application/x-www-form-urlencoded"}}
	if resp := e.send("/slack/interactivity", h, []byte(form.Encode())); resp.StatusCode != http.StatusUnauthorized {
		t.Errorf("status = %d, want 401", resp.StatusCode)
	}
	e.drain()
	if n := len(e.engine.Turns()); n != 0 {
		t.Errorf("engine called %d times, want 0", n)
	}
}
