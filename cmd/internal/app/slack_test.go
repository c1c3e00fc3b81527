package app

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/gorilla/websocket"
)

// slackUsers are the people of the fake Slack workspace, as users.info gives them:
// U1 Marie, who asks; U2 Carl, of CODIR-IN; U3 Ana, an administrator who reads English.
var slackUsers = map[string]string{
	"U1": `{"ok":true,"user":{"id":"U1","locale":"fr-CA","profile":{"real_name":"Marie Tremblay","email":"marie@cssdgs.gouv.qc.ca"}}}`,
	"U2": `{"ok":true,"user":{"id":"U2","locale":"fr-CA","profile":{"real_name":"Carl Codir","email":"carl.codir@cssdgs.gouv.qc.ca"}}}`,
	"U3": `{"ok":true,"user":{"id":"U3","locale":"en-US","profile":{"real_name":"Ana Admin","email":"ana.admin@cssdgs.gouv.qc.ca"}}}`,
}

// slackAPI is a fake Slack Web API recording chat.postMessage and views.publish, with
// one user, and a Socket Mode WebSocket sending the envelopes put in socket.
type slackAPI struct {
	*httptest.Server
	mu     sync.Mutex
	calls  []string // method and body
	socket chan string
	acks   chan string
}

func newSlackAPI(t *testing.T) *slackAPI {
	f := &slackAPI{socket: make(chan string), acks: make(chan string)}
	f.Server = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.Close)
	return f
}

func (f *slackAPI) serve(w http.ResponseWriter, r *http.Request) {
	method := strings.TrimPrefix(r.URL.Path, "/")
	if method == "socket" {
		conn, err := (&websocket.Upgrader{CheckOrigin: func(*http.Request) bool { return true }}).Upgrade(w, r, nil)
		if err != nil {
			return
		}
		defer conn.Close()
		conn.WriteJSON(map[string]any{"type": "hello"})
		for env := range f.socket {
			conn.WriteMessage(websocket.TextMessage, []byte(env))
			_, ack, _ := conn.ReadMessage()
			f.acks <- string(ack)
		}
		return
	}
	body, _ := io.ReadAll(r.Body)
	f.mu.Lock()
	f.calls = append(f.calls, method+" "+string(body))
	f.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	switch method {
	case "users.info":
		form, _ := url.ParseQuery(string(body))
		u, ok := slackUsers[form.Get("user")]
		if !ok {
			u = slackUsers["U1"]
		}
		w.Write([]byte(u))
	case "conversations.open":
		form, _ := url.ParseQuery(string(body))
		w.Write([]byte(`{"ok":true,"channel":{"id":"D` + strings.TrimPrefix(form.Get("users"), "U") + `"}}`))
	case "auth.test":
		w.Write([]byte(`{"ok":true,"team_id":"T1","user_id":"UBOT","bot_id":"B1"}`))
	case "bots.info":
		w.Write([]byte(`{"ok":true,"bot":{"id":"B1","app_id":"A1","user_id":"UBOT"}}`))
	case "apps.connections.open":
		w.Write([]byte(`{"ok":true,"url":"ws` + strings.TrimPrefix(f.URL, "http") + `/socket"}`))
	default:
		w.Write([]byte(`{"ok":true,"channel":"D1","ts":"1.1"}`))
	}
}

func (f *slackAPI) Calls(method string) []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []string
	for _, c := range f.calls {
		if strings.HasPrefix(c, method+" ") {
			out = append(out, c)
		}
	}
	return out
}

func postSlackEvent(t *testing.T, h http.Handler, event string) int {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	mac := hmac.New(sha256.New, []byte("secret"))
	mac.Write([]byte("v0:" + ts + ":" + event))
	req, _ := http.NewRequest(http.MethodPost, srv.URL+"/slack/events", strings.NewReader(event))
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

const slackDM = `{"type":"event_callback","event_id":"Ev1","team_id":"T1","api_app_id":"A1","event":{"type":"message","channel_type":"im","channel":"D1","user":"U1","text":"aide","ts":"1.0"}}`

// TestSlackRoutes: no route without SLACK_BOT_TOKEN; with it, a direct message goes
// through the real engine and features, and StopSlack waits for the reply.
func TestSlackRoutes(t *testing.T) {
	api := newSlackAPI(t)
	off, _ := teamsApp(t, map[string]string{})
	if got := postSlackEvent(t, off.Handler(), slackDM); got != http.StatusNotFound {
		t.Errorf("without SLACK_BOT_TOKEN: status %d, want 404", got)
	}
	if err := off.StopSlack(context.Background()); err != nil {
		t.Errorf("StopSlack with Slack off = %v", err)
	}
	a, _ := teamsApp(t, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": api.URL})
	if got := postSlackEvent(t, a.Handler(), slackDM); got != http.StatusOK {
		t.Fatalf("status %d, want 200", got)
	}
	if err := a.StartSlack(context.Background()); err != nil { // no SLACK_APP_TOKEN: nothing to start
		t.Fatal(err)
	}
	if err := a.StopSlack(context.Background()); err != nil {
		t.Fatal(err)
	}
	posts := api.Calls("chat.postMessage")
	if len(posts) != 1 {
		t.Fatalf("%d replies, want 1", len(posts))
	}
	var post struct{ Channel, Text string } // the channel posts JSON
	json.Unmarshal([]byte(strings.TrimPrefix(posts[0], "chat.postMessage ")), &post)
	if post.Channel != "D1" || !strings.Contains(post.Text, i18n.T(i18n.FR, "core.help.title")) {
		t.Errorf("reply in %s = %q, want the French help in D1", post.Channel, post.Text)
	}
}

// TestSlackSocketMode starts Socket Mode as serve does, gets an event over the
// WebSocket, acknowledges it, and answers it by the Web API before StopSlack returns.
func TestSlackSocketMode(t *testing.T) {
	api := newSlackAPI(t)
	a, _ := teamsApp(t, map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_APP_TOKEN": "xapp-1", "SLACK_API_URL": api.URL})
	if got := postSlackEvent(t, a.Handler(), slackDM); got != http.StatusNotFound {
		t.Errorf("Socket Mode without signing secret: HTTP status %d, want 404", got)
	}
	if err := a.StartSlack(context.Background()); err != nil {
		t.Fatal(err)
	}
	api.socket <- `{"envelope_id":"e1","type":"events_api","payload":` + slackDM + `}`
	if ack := <-api.acks; !strings.Contains(ack, `"envelope_id":"e1"`) {
		t.Errorf("ack = %s, want envelope e1", ack)
	}
	if err := a.StopSlack(context.Background()); err != nil {
		t.Fatal(err)
	}
	close(api.socket)
	if n := len(api.Calls("chat.postMessage")); n != 1 {
		t.Errorf("%d replies, want 1", n)
	}
}

// TestSlackLearnsItsWorkspaceAndApp: at start the channel asks auth.test and bots.info
// who it is; a signed event of another workspace or app then has no effect.
// SLACK_TEAM_ID and SLACK_APP_ID win over what Slack says.
func TestSlackLearnsItsWorkspaceAndApp(t *testing.T) {
	evil := strings.Replace(slackDM, `"team_id":"T1"`, `"team_id":"TEVILCORP"`, 1)
	otherApp := strings.Replace(strings.Replace(slackDM, `"api_app_id":"A1"`, `"api_app_id":"AOTHERAPP"`, 1), "Ev1", "Ev2", 1)
	for _, tc := range []struct {
		name   string
		env    map[string]string
		events []string
		want   int // replies
	}{
		{"learned: ours", nil, []string{slackDM}, 1},
		{"learned: other team and app", nil, []string{evil, otherApp}, 0},
		{"overridden", map[string]string{"SLACK_TEAM_ID": "TEVILCORP", "SLACK_APP_ID": "A1"}, []string{slackDM, evil}, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			api := newSlackAPI(t)
			env := map[string]string{"SLACK_BOT_TOKEN": "xoxb-1", "SLACK_SIGNING_SECRET": "secret", "SLACK_API_URL": api.URL}
			for k, v := range tc.env {
				env[k] = v
			}
			a, _ := teamsApp(t, env)
			for _, ev := range tc.events {
				if got := postSlackEvent(t, a.Handler(), ev); got != http.StatusOK {
					t.Fatalf("status %d, want 200", got)
				}
			}
			a.StopSlack(context.Background())
			if n := len(api.Calls("chat.postMessage")); n != tc.want {
				t.Errorf("%d replies, want %d", n, tc.want)
			}
			if len(api.Calls("auth.test")) == 0 {
				t.Error("auth.test was not called at start")
			}
		})
	}
}
