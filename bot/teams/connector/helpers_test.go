package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

const (
	testAppID  = "app-id"
	testSecret = "s3cret-value"
)

// reply is one scripted answer of a fake server.
type reply struct {
	status int
	header map[string]string
	body   string
}

// seen is one request a fake server received.
type seen struct {
	method, path, auth, contentType string
	body                            []byte
	form                            url.Values
}

// fakeServer is a real HTTP server that answers from a script (then with
// its default reply) and records every request.
type fakeServer struct {
	srv   *httptest.Server
	mu    sync.Mutex
	reqs  []seen
	queue []reply
	def   func(n int) reply // n: 1-based request number
	delay time.Duration     // widens race windows in concurrency tests
	hits  atomic.Int32
}

func newFakeServer(t *testing.T, def func(n int) reply, script ...reply) *fakeServer {
	t.Helper()
	fs := &fakeServer{queue: script, def: def}
	fs.srv = httptest.NewServer(http.HandlerFunc(fs.serve))
	t.Cleanup(fs.srv.Close)
	return fs
}

func (fs *fakeServer) serve(w http.ResponseWriter, r *http.Request) {
	n := int(fs.hits.Add(1))
	body, _ := io.ReadAll(r.Body)
	s := seen{method: r.Method, path: r.URL.EscapedPath(), auth: r.Header.Get("Authorization"),
		contentType: r.Header.Get("Content-Type"), body: body}
	s.form, _ = url.ParseQuery(string(body))
	if fs.delay > 0 {
		time.Sleep(fs.delay)
	}
	fs.mu.Lock()
	fs.reqs = append(fs.reqs, s)
	rep := fs.def(n)
	if len(fs.queue) > 0 {
		rep, fs.queue = fs.queue[0], fs.queue[1:]
	}
	fs.mu.Unlock()
	for k, v := range rep.header {
		w.Header().Set(k, v)
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(rep.status)
	_, _ = io.WriteString(w, rep.body)
}

// script queues replies to give before falling back to the default.
func (fs *fakeServer) script(rs ...reply) {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	fs.queue = append(fs.queue, rs...)
}

func (fs *fakeServer) requests() []seen {
	fs.mu.Lock()
	defer fs.mu.Unlock()
	return append([]seen(nil), fs.reqs...)
}

// tokenReply issues "tok-N" for the N-th token request, valid one hour.
func tokenReply(n int) reply {
	return reply{status: 200, body: bftest.TokenJSON(fmt.Sprintf("tok-%d", n))}
}

// activityReply acknowledges a send with id "act-N".
func activityReply(n int) reply {
	return reply{status: 201, body: fmt.Sprintf(`{"id":"act-%d"}`, n)}
}

// sleepRecorder replaces real sleeping: it records the waits and returns
// at once, so retry tests take no wall time and assert no timing.
type sleepRecorder struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleepRecorder) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

func (s *sleepRecorder) got() []time.Duration {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]time.Duration(nil), s.waits...)
}

// testEnv is a client wired to a fake token endpoint and a fake connector.
type testEnv struct {
	client *Client
	token  *fakeServer
	conn   *fakeServer
	clock  *bftest.Clock
	sleeps *sleepRecorder
}

func newEnv(t *testing.T, mut func(*Config)) *testEnv {
	t.Helper()
	e := &testEnv{
		token: newFakeServer(t, tokenReply), conn: newFakeServer(t, activityReply),
		clock: bftest.NewClock(t0), sleeps: &sleepRecorder{},
	}
	cfg := Config{
		AppID: testAppID, AppPassword: testSecret,
		TokenURL: e.token.srv.URL + "/tenant/oauth2/v2.0/token",
		Now:      e.clock.Now, Sleep: e.sleeps.Sleep,
	}
	if mut != nil {
		mut(&cfg)
	}
	c, err := New(cfg)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	e.client = c
	return e
}

// decodeJSON decodes b keeping numbers exact.
func decodeJSON(t *testing.T, b []byte) any {
	t.Helper()
	var v any
	if err := json.Unmarshal(b, &v); err != nil {
		t.Fatalf("body is not JSON: %v: %s", err, b)
	}
	return v
}
