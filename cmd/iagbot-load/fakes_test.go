package main

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/teams/bfauth"
	"github.com/cssdgs/iagbot/bot/teams/connector"
	"github.com/cssdgs/iagbot/cmd/internal/loadtext"
	"github.com/infracloudio/msbotbuilder-go/schema"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slackevents"
)

// These tests check that the load speaks the protocols: what it sends is accepted by
// the libraries the bot uses, and the fakes answer those libraries' clients.

func newFakes(t *testing.T) *fakes {
	t.Helper()
	fk, err := startFakes()
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(fk.close)
	return fk
}

func TestTeamsTokenAndActivityAccepted(t *testing.T) {
	fk := newFakes(t)
	v, err := bfauth.New(bfauth.Config{AppID: appID, OpenIDMetadataURL: fk.openIDURL()})
	if err != nil {
		t.Fatal(err)
	}
	auth, err := fk.botFrameworkToken(time.Now())
	if err != nil {
		t.Fatal(err)
	}
	body, id := fk.teamsActivity("t", 7, time.Now(), loadtext.Texts["mix"])
	var a schema.Activity
	if err := json.Unmarshal(body, &a); err != nil {
		t.Fatal(err)
	}
	// Person 1 sends requests 4 to 7, all in one personal chat.
	other, _ := fk.teamsActivity("t", 4, time.Now(), loadtext.Texts["mix"])
	var b schema.Activity
	if err := json.Unmarshal(other, &b); err != nil {
		t.Fatal(err)
	}
	if a.ID != id || a.Conversation.ID != b.Conversation.ID || a.ID == b.ID || a.ServiceURL != fk.serviceURL() || a.Type != "message" || a.Text == "" {
		t.Fatalf("activity = %+v", a)
	}
	if _, err := v.Validate(context.Background(), auth, a.ChannelID, a.ServiceURL); err != nil {
		t.Fatalf("bfauth rejects the load's token: %v", err)
	}
}

func TestFakeConnectorTakesReplies(t *testing.T) {
	fk := newFakes(t)
	c, err := connector.New(connector.Config{AppID: appID, AppPassword: appPassword, TokenURL: fk.tokenURL()})
	if err != nil {
		t.Fatal(err)
	}
	s := fk.teams.expect("a:conv-1", time.Now())
	typing := schema.Activity{Type: "typing"}
	if _, err := c.SendActivity(context.Background(), fk.serviceURL(), "a:conv-1", typing); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.replied(); ok {
		t.Fatal("a typing indicator counted as the reply")
	}
	id, err := c.SendActivity(context.Background(), fk.serviceURL(), "a:conv-1", schema.Activity{Type: "message", Text: "ok"})
	if err != nil || id == "" {
		t.Fatalf("SendActivity = %q, %v", id, err)
	}
	if _, ok := s.replied(); !ok {
		t.Fatal("reply not tracked")
	}
	// A personal chat's replies are told apart by the activity they answer.
	first, second := fk.teams.expect("act-1", time.Now()), fk.teams.expect("act-2", time.Now())
	if _, err := c.ReplyToActivity(context.Background(), fk.serviceURL(), "a:conv-1", "act-2", schema.Activity{Type: "message", Text: "ok"}); err != nil {
		t.Fatal(err)
	}
	if _, ok := first.replied(); ok {
		t.Fatal("the reply to act-2 was taken for act-1's")
	}
	if _, ok := second.replied(); !ok {
		t.Fatal("reply to act-2 not tracked")
	}
}

func TestTrackerPairsRepliesFirstComeFirstServed(t *testing.T) {
	var tr tracker
	tr.init()
	a, b, c := tr.expect("D1", time.Now()), tr.expect("D1", time.Now()), tr.expect("D1", time.Now())
	tr.forget("D1", b)
	tr.arrived("D1")
	tr.arrived("D1")
	tr.arrived("D1")
	if _, ok := a.replied(); !ok {
		t.Error("first request of D1 not paired")
	}
	if _, ok := b.replied(); ok {
		t.Error("a forgotten request got a reply")
	}
	if _, ok := c.replied(); !ok {
		t.Error("third request of D1 not paired")
	}
	if n := tr.stray.Load(); n != 1 {
		t.Errorf("stray = %d, want 1", n)
	}
}

func TestSlackRequestsAccepted(t *testing.T) {
	fk := newFakes(t)
	now := time.Now()
	body, ch := slackEvent("t", 3, now, loadtext.Texts["mix"])
	req, _ := http.NewRequest("POST", "http://127.0.0.1/slack/events", bytes.NewReader(body))
	signSlack(req, body, now)
	sv, err := slack.NewSecretsVerifier(req.Header, slackSecret)
	if err != nil {
		t.Fatal(err)
	}
	sv.Write(body)
	if err := sv.Ensure(); err != nil {
		t.Fatalf("signature rejected: %v", err)
	}
	ev, err := slackevents.ParseEvent(body, slackevents.OptionNoVerifyToken())
	if err != nil {
		t.Fatal(err)
	}
	msg, ok := ev.InnerEvent.Data.(*slackevents.MessageEvent)
	if !ok || msg.Channel != ch || msg.ChannelType != "im" || msg.User == "" {
		t.Fatalf("inner event = %#v", ev.InnerEvent.Data)
	}
	form, _ := url.ParseQuery(string(fk.clickPayload("t", 1, "C1", "review.approve", now)))
	var cb slack.InteractionCallback
	if err := json.Unmarshal([]byte(form.Get("payload")), &cb); err != nil {
		t.Fatal(err)
	}
	if cb.Type != slack.InteractionTypeBlockActions || len(cb.ActionCallback.BlockActions) != 1 ||
		cb.ActionCallback.BlockActions[0].Value != "review.approve|load-t-1" || cb.Channel.ID != "C1" {
		t.Fatalf("click = %+v", cb)
	}
}

func TestFakeSlackAPI(t *testing.T) {
	fk := newFakes(t)
	api := slack.New(slackToken, slack.OptionAPIURL(fk.slackAPIURL()))
	s := fk.slack.expect("D1", time.Now())
	if _, _, err := api.PostMessage("D1", slack.MsgOptionText("ok", false)); err != nil {
		t.Fatal(err)
	}
	if _, ok := s.replied(); !ok {
		t.Fatal("chat.postMessage not tracked")
	}
	if _, _, _, err := api.UpdateMessage("D1", "1.2", slack.MsgOptionText("ok", false)); err != nil {
		t.Fatal(err)
	}
	u, err := api.GetUserInfo("U1")
	if err != nil || u.Profile.Email == "" {
		t.Fatalf("users.info = %+v, %v", u, err)
	}
	c, _, _, err := api.OpenConversation(&slack.OpenConversationParameters{Users: []string{"U1"}})
	if err != nil || c.ID == "" {
		t.Fatalf("conversations.open = %+v, %v", c, err)
	}
	if _, err := api.PublishView("U1", slack.HomeTabViewRequest{Type: slack.VTHomeTab}, ""); err != nil {
		t.Fatal(err)
	}
	if _, _, err := slack.New("xoxb-wrong", slack.OptionAPIURL(fk.slackAPIURL())).PostMessage("D2", slack.MsgOptionText("x", false)); err == nil {
		t.Fatal("a wrong token was accepted")
	}
	resp, err := http.Post(fk.base+"/slack/response/C9", "application/json", nil)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
}

func TestPercentiles(t *testing.T) {
	var d []time.Duration
	for i := 1; i <= 100; i++ {
		d = append(d, time.Duration(i)*time.Millisecond)
	}
	if pct(d, 50) != 50*time.Millisecond || pct(d, 99) != 99*time.Millisecond || pct(d, 100) != 100*time.Millisecond {
		t.Fatalf("pct = %v %v %v", pct(d, 50), pct(d, 99), pct(d, 100))
	}
	if pct(nil, 99) != 0 || pct(d[:1], 1) != time.Millisecond {
		t.Fatal("pct of tiny samples")
	}
}
