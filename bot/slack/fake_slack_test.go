package slack_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/slack-go/slack"
	"github.com/slack-go/slack/slacktest"
)

// call is one request the fake Slack Web API received.
type call struct {
	Method string
	Form   url.Values     // form-encoded calls (chat.*, users.info, conversations.open)
	JSON   map[string]any // JSON calls (views.publish, response_url)
	Auth   string         // the Authorization header
}

// fakeSlack is slacktest's server with our own handlers for the methods the channel
// calls, recording every call. Failures can be queued per method.
type fakeSlack struct {
	*slacktest.Server
	mu     sync.Mutex // guards the fields below
	calls  []call
	fail   map[string][]func(http.ResponseWriter)
	users  map[string]slack.User
	routes map[string]http.HandlerFunc
	seq    int
	delay  map[string]time.Duration // how long a method takes to answer
}

func newFakeSlack(t *testing.T) *fakeSlack {
	t.Helper()
	f := &fakeSlack{fail: map[string][]func(http.ResponseWriter){}, users: map[string]slack.User{}, routes: map[string]http.HandlerFunc{}}
	f.Server = slacktest.NewTestServer(func(c slacktest.Customize) {
		for _, m := range []string{"chat.postMessage", "chat.postEphemeral", "chat.update", "conversations.open", "users.info", "views.publish", "views.open", "views.update"} {
			c.Handle("/"+m, f.handler(m))
		}
		c.Handle("/response/", f.handler("response_url"))
		// slacktest answers these itself; Socket Mode tests set their own (setRoute).
		for _, p := range []string{"/apps.connections.open", "/socket"} {
			c.Handle(p, func(w http.ResponseWriter, r *http.Request) {
				f.mu.Lock()
				h := f.routes[p]
				f.mu.Unlock()
				if h == nil {
					http.NotFound(w, r)
					return
				}
				h(w, r)
			})
		}
	})
	f.Start()
	t.Cleanup(f.Stop)
	f.addUser("U1", "Marie Tremblay", "Marie.Tremblay@cssdgs.gouv.qc.ca", "fr-CA")
	return f
}

func (f *fakeSlack) addUser(id, name, email, locale string) {
	f.mu.Lock()
	defer f.mu.Unlock()
	u := slack.User{ID: id, Locale: locale}
	u.Profile.RealName, u.Profile.Email = name, email
	f.users[id] = u
}

// setRoute serves path (/apps.connections.open or /socket) with h.
func (f *fakeSlack) setRoute(path string, h http.HandlerFunc) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.routes[path] = h
}

// failNext makes the next call of method answer with w instead.
func (f *fakeSlack) failNext(method string, w func(http.ResponseWriter)) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.fail[method] = append(f.fail[method], w)
}

func slackError(code string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) { writeJSON(w, map[string]any{"ok": false, "error": code}) }
}

func tooMany(retryAfter string) func(http.ResponseWriter) {
	return func(w http.ResponseWriter) {
		if retryAfter != "" {
			w.Header().Set("Retry-After", retryAfter)
		}
		w.WriteHeader(http.StatusTooManyRequests)
	}
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

func (f *fakeSlack) handler(method string) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		c := call{Method: method, Auth: r.Header.Get("Authorization")}
		body, _ := io.ReadAll(r.Body)
		if strings.HasPrefix(r.Header.Get("Content-Type"), "application/json") {
			json.Unmarshal(body, &c.JSON)
			if method == "chat.postMessage" {
				c.Form = jsonForm(body) // as slack-go would have sent it
			}
		} else {
			c.Form, _ = url.ParseQuery(string(body))
		}
		f.mu.Lock()
		f.calls = append(f.calls, c)
		f.seq++
		ts, seq := "1700000000."+strconv.Itoa(100000+f.seq), f.seq
		var fail func(http.ResponseWriter)
		if q := f.fail[method]; len(q) > 0 {
			fail, f.fail[method] = q[0], q[1:]
		}
		user, known := f.users[c.Form.Get("user")]
		delay := f.delay[method]
		f.mu.Unlock()
		time.Sleep(delay)
		if fail != nil {
			fail(w)
			return
		}
		switch method {
		case "chat.postMessage", "chat.update":
			writeJSON(w, map[string]any{"ok": true, "channel": c.Form.Get("channel"), "ts": ts})
		case "chat.postEphemeral":
			writeJSON(w, map[string]any{"ok": true, "message_ts": ts})
		case "conversations.open":
			writeJSON(w, map[string]any{"ok": true, "channel": map[string]any{"id": "D" + c.Form.Get("users")}})
		case "users.info":
			if !known {
				writeJSON(w, map[string]any{"ok": false, "error": "user_not_found"})
				return
			}
			writeJSON(w, map[string]any{"ok": true, "user": user})
		case "views.publish":
			writeJSON(w, map[string]any{"ok": true})
		case "views.open":
			writeJSON(w, map[string]any{"ok": true, "view": map[string]any{"id": "V" + strconv.Itoa(seq)}})
		case "views.update":
			writeJSON(w, map[string]any{"ok": true, "view": map[string]any{"id": c.JSON["view_id"]}})
		default:
			w.Write([]byte("ok"))
		}
	}
}

// Calls returns the calls of the given methods (all when none), in order.
func (f *fakeSlack) Calls(methods ...string) []call {
	f.mu.Lock()
	defer f.mu.Unlock()
	var out []call
	for _, c := range f.calls {
		if len(methods) == 0 || contains(methods, c.Method) {
			out = append(out, c)
		}
	}
	return out
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// ResponseURL is a response_url served by the fake.
func (f *fakeSlack) ResponseURL(id string) string { return f.GetAPIURL() + "response/" + id }

// jsonForm gives a JSON call's top-level fields as a form: strings as they are, other
// values as their JSON.
func jsonForm(body []byte) url.Values {
	var m map[string]json.RawMessage
	json.Unmarshal(body, &m)
	form := url.Values{}
	for k, raw := range m {
		var s string
		if json.Unmarshal(raw, &s) == nil {
			form.Set(k, s)
		} else {
			form.Set(k, string(raw))
		}
	}
	return form
}
