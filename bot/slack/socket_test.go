package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/gorilla/websocket"
	"github.com/slack-go/slack"
	"github.com/slack-go/slack/socketmode"
)

// socketServer plays Slack's Socket Mode end: apps.connections.open gives the URL of a
// WebSocket where it sends envelopes and reads the acknowledgements.
type socketServer struct {
	send chan map[string]any
	acks chan map[string]any
}

func (s *socketServer) bind(f *fakeSlack) func(http.ResponseWriter, *http.Request) {
	return func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, map[string]any{"ok": true, "url": strings.Replace(f.GetAPIURL(), "http", "ws", 1) + "socket"})
	}
}

func (s *socketServer) serve(t *testing.T) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		// Slack's client sends an Origin that is not this host.
		up := websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}
		conn, err := up.Upgrade(w, r, nil)
		if err != nil {
			t.Error(err)
			return
		}
		defer conn.Close()
		conn.WriteJSON(map[string]any{"type": "hello", "num_connections": 1})
		for env := range s.send {
			if err := conn.WriteJSON(env); err != nil {
				t.Error(err)
				return
			}
			if env["expect_ack"] == false {
				continue
			}
			var ack map[string]any
			conn.SetReadDeadline(time.Now().Add(10 * time.Second)) // a guard against a hang, not a measure
			if err := conn.ReadJSON(&ack); err != nil {
				t.Errorf("reading the ack of %v: %v", env["envelope_id"], err)
				return
			}
			s.acks <- ack
		}
	}
}

// TestSocketMode runs the channel over a real WebSocket with slack-go's socketmode
// client: an event, its retry, a command and a button, each acknowledged, the retry
// processed once.
func TestSocketMode(t *testing.T) {
	e := newEnv(t, signed)
	srv := &socketServer{send: make(chan map[string]any), acks: make(chan map[string]any)}
	e.fake.setRoute("/apps.connections.open", srv.bind(e.fake))
	e.fake.setRoute("/socket", srv.serve(t))
	api := slack.New("xoxb-test", slack.OptionAppLevelToken("xapp-1-test"), slack.OptionAPIURL(e.fake.GetAPIURL()))
	client := socketmode.New(api)
	ctx, cancel := context.WithCancel(context.Background())
	var (
		wg     sync.WaitGroup
		runErr error
	)
	wg.Go(func() { runErr = e.ch.RunSocket(ctx, client, client.Events) })

	event := eventCallback("EvSock", dm("aide"))
	action := blockActions(t, decisionCard, nil, map[string]any{"type": "message", "message_ts": "1.2", "channel_id": "D1"})
	var actionPayload map[string]any
	json.Unmarshal([]byte(action.Get("payload")), &actionPayload)
	for _, env := range []map[string]any{
		{"envelope_id": "env1", "type": "events_api", "payload": event, "retry_attempt": 0},
		{"envelope_id": "env2", "type": "events_api", "payload": event, "retry_attempt": 1, "retry_reason": "timeout"},
		{"envelope_id": "env3", "type": "slash_commands", "payload": map[string]any{"command": "/iag", "text": "statut",
			"user_id": "U1", "channel_id": "C5", "response_url": e.fake.ResponseURL("sock"), "trigger_id": "t3"}},
		{"envelope_id": "env4", "type": "interactive", "payload": actionPayload},
	} {
		srv.send <- env
		if ack := <-srv.acks; ack["envelope_id"] != env["envelope_id"] {
			t.Errorf("ack = %v, want envelope %v", ack, env["envelope_id"])
		}
	}
	cancel()
	close(srv.send)
	wg.Wait()
	if runErr != nil {
		t.Errorf("RunSocket = %v, want nil after cancel", runErr)
	}
	e.drain()
	var texts []string
	for _, turn := range e.engine.Turns() {
		texts = append(texts, turn.Text)
	}
	if got := strings.Join(texts, "|"); len(texts) != 3 || !strings.Contains(got, "aide") || !strings.Contains(got, "mes demandes") {
		t.Errorf("turns = %q, want the event once, the command and the button", texts)
	}
	if n := len(e.fake.Calls("response_url")); n != 1 {
		t.Errorf("%d answers to the command, want 1", n)
	}
}

// fakeSocket records acknowledgements; RunContext waits for the end.
type fakeSocket struct {
	mu   sync.Mutex
	acks []string
}

func (s *fakeSocket) RunContext(ctx context.Context) error { <-ctx.Done(); return ctx.Err() }

func (s *fakeSocket) Ack(req socketmode.Request, _ ...any) error {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.acks = append(s.acks, req.EnvelopeID)
	return nil
}

// TestSocketModeLeavesRefusedForRetry: a request the channel cannot take (stopped,
// like a full queue) is not acknowledged, so that Slack sends it again; a malformed one
// is, since sending it again would not help.
func TestSocketModeLeavesRefusedForRetry(t *testing.T) {
	e := newEnv(t, signed)
	e.drain()
	sock := &fakeSocket{}
	events := make(chan socketmode.Event)
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { e.ch.RunSocket(ctx, sock, events) })
	payload, _ := json.Marshal(eventCallback("EvRefused", dm("aide")))
	events <- socketmode.Event{Type: socketmode.EventTypeConnected}
	events <- socketmode.Event{Type: socketmode.EventTypeEventsAPI, Request: &socketmode.Request{EnvelopeID: "refused", Payload: payload}}
	events <- socketmode.Event{Type: socketmode.EventTypeInteractive, Request: &socketmode.Request{EnvelopeID: "malformed", Payload: []byte(`"x"`)}}
	events <- socketmode.Event{Type: socketmode.EventTypeSlashCommand, Request: &socketmode.Request{EnvelopeID: "busy-command",
		Payload: []byte(`{"command":"/iag","user_id":"U1","response_url":"http://x/"}`)}}
	cancel()
	wg.Wait()
	if got := strings.Join(sock.acks, ","); got != "malformed,busy-command" {
		t.Errorf("acknowledged %q, want malformed,busy-command", got)
	}
	if n := len(e.engine.Turns()); n != 0 {
		t.Errorf("engine called %d times", n)
	}
}

var _ slackbot.Socket = (*fakeSocket)(nil)
