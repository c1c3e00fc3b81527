package slack_test

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/blockkit"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/slack-go/slack"
)

// formEnv is a channel whose engine is the real one with the Annexe 1 feature.
func formEnv(t *testing.T) *env {
	t.Helper()
	e := &env{t: t, fake: newFakeSlack(t), db: mustOpenDB(t)}
	eng := conversations.New(e.db, nil, nil)
	eng.Register(annexe.New(e.db))
	api := slack.New("xoxb-test", slack.OptionAPIURL(e.fake.GetAPIURL()))
	ch, err := slackbot.New(api, eng, slackbot.Options{SigningSecret: secret, Dedupe: e.db, FormVerbs: []string{annexe.VerbForm}})
	if err != nil {
		t.Fatal(err)
	}
	e.ch, e.srv = ch, serve(t, ch)
	return e
}

// waitCalls waits until the fake has n calls of method and returns them.
func (e *env) waitCalls(method string, n int) []call {
	e.t.Helper()
	deadline := time.Now().Add(5 * time.Second)
	for {
		calls := e.fake.Calls(method)
		if len(calls) >= n {
			return calls
		}
		if time.Now().After(deadline) {
			e.t.Fatalf("%d %s calls, want %d: %+v", len(calls), method, n, e.fake.Calls())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// modalOf reads the view of a views.open or views.update call, checked against
// Slack's limits for a view.
func modalOf(t *testing.T, c call) slack.ModalViewRequest {
	t.Helper()
	raw, _ := json.Marshal(c.JSON["view"])
	var v slack.ModalViewRequest
	if err := json.Unmarshal(raw, &v); err != nil {
		t.Fatalf("%s view: %v", c.Method, err)
	}
	if err := blockkit.CheckView(&v); err != nil {
		t.Errorf("%s view breaks Slack's limits: %v", c.Method, err)
	}
	return v
}

// submission is a view_submission of modal id with its metadata and values by
// input id, as Slack sends it.
func submission(id, metadata string, values map[string]string) url.Values {
	state := map[string]any{}
	for k, v := range values {
		state[blockkit.ModalBlockID(k)] = map[string]any{k: map[string]any{"type": "plain_text_input", "value": v}}
	}
	p := map[string]any{"type": "view_submission", "trigger_id": "trig-s", "user": map[string]any{"id": "U1"},
		"view": map[string]any{"id": id, "callback_id": blockkit.ModalCallbackID, "private_metadata": metadata,
			"state": map[string]any{"values": state}}}
	data, _ := json.Marshal(p)
	return url.Values{"payload": {string(data)}}
}

// ack decodes a view_submission's acknowledgement.
func ack(t *testing.T, body string) slack.ViewSubmissionResponse {
	t.Helper()
	var r slack.ViewSubmissionResponse
	if err := json.Unmarshal([]byte(body), &r); err != nil {
		t.Fatalf("acknowledgement %q: %v", body, err)
	}
	return r
}

var systemValues = map[string]string{
	string(requests.TagSystemName): "X", string(requests.TagSystemVendor): "OpenAI",
	string(requests.TagSystemKind): "private", string(requests.TagHosting): "quebec",
	string(requests.TagSystemOpen): "no", string(requests.TagSystemSpecialized): "no",
}

// TestModalFlow: « /iag demande » opens a modal at once and fills it with the form's
// first page; a submission with a bad value is answered with that field's error, a
// good one with the next page; « Enregistrer et quitter » in the modal saves and
// says so; a page of a request cancelled meanwhile is refused in the modal.
func TestModalFlow(t *testing.T) {
	e := formEnv(t)
	resp := e.postForm("/slack/commands", url.Values{"command": {"/iag"}, "text": {"demande"}, "user_id": {"U1"},
		"channel_id": {"C1"}, "trigger_id": {"trig-1"}, "response_url": {e.fake.ResponseURL("r1")}})
	if resp.StatusCode != 200 {
		t.Fatalf("command: HTTP %d", resp.StatusCode)
	}
	opened := e.fake.Calls("views.open")
	if len(opened) != 1 || opened[0].JSON["trigger_id"] != "trig-1" {
		t.Fatalf("views.open before the acknowledgement: %+v", opened)
	}
	if loading := modalOf(t, opened[0]); loading.Submit != nil {
		t.Errorf("the loading modal has a submit button")
	}
	update := e.waitCalls("views.update", 1)[0]
	viewID, _ := update.JSON["view_id"].(string)
	first := modalOf(t, update)
	if !strings.HasPrefix(viewID, "V") || first.PrivateMetadata != "annexe.form.next|1:system" || first.Submit == nil {
		t.Fatalf("first page: view %q, metadata %q", viewID, first.PrivateMetadata)
	}

	// A bad value: the field's error, keyed by its block.
	got := ack(t, readBody(e.postForm("/slack/interactivity", submission(viewID, first.PrivateMetadata, systemValues))))
	want := i18n.T(i18n.FR, "annexe.error.too_short", map[string]any{"Min": 2})
	if got.ResponseAction != slack.RAErrors || got.Errors[blockkit.ModalBlockID(string(requests.TagSystemName))] != want || len(got.Errors) != 1 {
		t.Fatalf("bad value: %+v; want errors with %q", got, want)
	}
	// Corrected: the next page in the same modal.
	systemValues[string(requests.TagSystemName)] = "ChatGPT Edu"
	got = ack(t, readBody(e.postForm("/slack/interactivity", submission(viewID, first.PrivateMetadata, systemValues))))
	if got.ResponseAction != slack.RAUpdate || got.View == nil || got.View.PrivateMetadata != "annexe.form.next|1:uses" {
		t.Fatalf("good page: %+v", got)
	}
	if err := blockkit.CheckView(got.View); err != nil {
		t.Errorf("next page breaks Slack's limits: %v", err)
	}
	r, err := e.db.Request(context.Background(), 1)
	if err != nil || r.Answers[requests.TagSystemName].Value != "ChatGPT Edu" || r.Answers[requests.TagHosting].Value != "quebec" {
		t.Fatalf("draft after page 1: %+v, %v", r.Answers, err)
	}

	// « Enregistrer et quitter », a button of the modal: saved, said in the modal and
	// in the person's direct conversation.
	p := map[string]any{"type": "block_actions", "trigger_id": "trig-2", "user": map[string]any{"id": "U1"},
		"container": map[string]any{"type": "view", "view_id": viewID},
		"view": map[string]any{"id": viewID, "callback_id": blockkit.ModalCallbackID, "private_metadata": got.View.PrivateMetadata,
			"state": map[string]any{"values": map[string]any{}}},
		"actions": []map[string]any{{"type": "button", "action_id": "annexe.form.save#1", "value": blockkit.ButtonValue(annexe.VerbFormSave, "1:uses")}}}
	data, _ := json.Marshal(p)
	e.postForm("/slack/interactivity", url.Values{"payload": {string(data)}})
	update = e.waitCalls("views.update", 2)[1]
	if update.JSON["view_id"] != viewID || !strings.Contains(string(mustMarshal(update.JSON["view"])), "Brouillon n° 1 enregistré") {
		t.Errorf("saved: %+v", update.JSON)
	}
	modalOf(t, update)
	posted := e.waitCalls("chat.postMessage", 1)
	if posted[0].Form.Get("channel") != "DU1" {
		t.Errorf("saved message went to %q, want the direct conversation", posted[0].Form.Get("channel"))
	}

	// A stale page: the request was cancelled meanwhile.
	if err := e.db.CancelRequest(context.Background(), 1, r.RequesterKey, "Marie"); err != nil {
		t.Fatal(err)
	}
	got = ack(t, readBody(e.postForm("/slack/interactivity", submission(viewID, "annexe.form.next|1:uses", map[string]string{}))))
	if got.ResponseAction != slack.RAUpdate || got.View == nil || !strings.Contains(string(mustMarshal(got.View)), "plus valable") {
		t.Errorf("stale page: %+v", got)
	}

	// The « new request » button of a message (a FormVerbs verb) opens its modal before
	// the acknowledgement too, then the form fills it: a new draft, the first page.
	p = map[string]any{"type": "block_actions", "trigger_id": "trig-3", "user": map[string]any{"id": "U1"},
		"container": map[string]any{"type": "message", "message_ts": "1.2", "channel_id": "DU1"}, "channel": map[string]any{"id": "DU1"},
		"actions": []map[string]any{{"type": "button", "action_id": "annexe.form#0", "value": blockkit.ButtonValue(annexe.VerbForm, "")}}}
	data, _ = json.Marshal(p)
	e.postForm("/slack/interactivity", url.Values{"payload": {string(data)}})
	if opened = e.fake.Calls("views.open"); len(opened) != 2 || opened[1].JSON["trigger_id"] != "trig-3" {
		t.Fatalf("button: views.open before the acknowledgement: %+v", opened)
	}
	update = e.waitCalls("views.update", 3)[2]
	if v := modalOf(t, update); v.PrivateMetadata != "annexe.form.next|2:system" {
		t.Errorf("button: form %q, want the first page of a new draft", v.PrivateMetadata)
	}
}

func mustMarshal(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// TestModalFromCardButton: a form answering a card's button (the CODIR-IN's
// « Approuver » gives the approval form) opens a modal with the click's trigger; its
// submission with a problem gets the field's error, then, accepted, closes the modal
// ("clear") and the outcome goes to the person's direct conversation. A submission
// outlasting the budget gets « en cours » and the modal is updated after.
func TestModalFromCardButton(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret, SubmitBudget: 300 * time.Millisecond})
	approval := &cards.Form{Title: "Demande n° 42 — ChatGPT Édu", Inputs: []cards.Input{{ID: "training", Label: "Formation", Required: true}},
		Submit: cards.Button{Label: "Confirmer", Verb: "review.confirm", Subject: "42:1:codir_review"}}
	slow := make(chan struct{})
	e.engine.answer = func(t bot.Turn) ([]bot.Reply, error) {
		a := t.Action
		switch {
		case a.Verb == "review.approve":
			return []bot.Reply{{Card: approval.Card(), Form: approval, Private: true}}, nil
		case a.Values["training"] == "slow":
			<-slow
			return []bot.Reply{bot.Text("Approuvée.")}, nil
		case a.Values["training"] != "2027-01-12":
			f := *approval
			f.Inputs = []cards.Input{{ID: "training", Label: "Formation", Required: true, Value: a.Values["training"], Error: "Une date AAAA-MM-JJ."}}
			return []bot.Reply{{Card: f.Card(), Form: &f, Private: true}}, nil
		}
		return []bot.Reply{{Text: "La demande n° 42 est **approuvée**.", Private: true}}, nil
	}
	e.postForm("/slack/interactivity", blockActions(t, decisionCard, nil, map[string]any{"type": "message", "message_ts": "1.1", "channel_id": "C9"}))
	opened := e.waitCalls("views.open", 1)[0]
	v := modalOf(t, opened)
	if opened.JSON["trigger_id"] != "trig1" || v.PrivateMetadata != "review.confirm|42:1:codir_review" {
		t.Fatalf("views.open: trigger %v, metadata %q", opened.JSON["trigger_id"], v.PrivateMetadata)
	}
	if n := len(e.fake.Calls("chat.postEphemeral", "chat.postMessage")); n != 0 {
		t.Errorf("the form was also posted (%d messages)", n)
	}
	got := ack(t, readBody(e.postForm("/slack/interactivity", submission("V9", v.PrivateMetadata, map[string]string{"training": "demain"}))))
	if got.ResponseAction != slack.RAErrors || got.Errors[blockkit.ModalBlockID("training")] != "Une date AAAA-MM-JJ." {
		t.Fatalf("problem: %+v", got)
	}
	got = ack(t, readBody(e.postForm("/slack/interactivity", submission("V9", v.PrivateMetadata, map[string]string{"training": "2027-01-12"}))))
	if got.ResponseAction != slack.RAClear {
		t.Fatalf("accepted: %+v, want clear", got)
	}
	posted := e.waitCalls("chat.postMessage", 1)
	if posted[0].Form.Get("channel") != "DU1" || !strings.Contains(posted[0].Form.Get("text"), "approuvée") {
		t.Errorf("outcome posted %v", posted[0].Form)
	}
	turns := e.engine.Turns()
	if a := turns[len(turns)-1].Action; a == nil || a.Verb != "review.confirm" || a.Subject != "42:1:codir_review" || !a.Private || a.MessageID != "" {
		t.Errorf("submission's action = %+v", a)
	}

	// Past the budget: « en cours » now, the modal updated when the turn ends.
	got = ack(t, readBody(e.postForm("/slack/interactivity", submission("V9", v.PrivateMetadata, map[string]string{"training": "slow"}))))
	if got.ResponseAction != slack.RAUpdate || !strings.Contains(string(mustMarshal(got.View)), i18n.T(i18n.FR, "slack.modal.working")) {
		t.Fatalf("slow: %+v", got)
	}
	close(slow)
	update := e.waitCalls("views.update", 1)[0]
	if update.JSON["view_id"] != "V9" {
		t.Errorf("late update of %v", update.JSON["view_id"])
	}
	modalOf(t, update)
}
