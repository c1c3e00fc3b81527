package slack_test

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/cssdgs/iagbot/storage"
	"github.com/slack-go/slack"
)

const secret = "8f742231b10e8888abcd99yyyzzz85a5"

// signed are the options of a channel checking signatures with secret.
var signed = slackbot.Options{SigningSecret: secret}

// engine is a fake conversation engine recording the turns it gets.
type engine struct {
	mu     sync.Mutex
	turns  []bot.Turn
	answer func(bot.Turn) ([]bot.Reply, error)
	block  func(ctx context.Context) // when set, called first with the turn's context
}

func (e *engine) Handle(ctx context.Context, t bot.Turn) ([]bot.Reply, error) {
	e.mu.Lock()
	e.turns = append(e.turns, t)
	answer, block := e.answer, e.block
	e.mu.Unlock()
	if block != nil {
		block(ctx)
	}
	if answer == nil {
		return []bot.Reply{bot.Text("Réponse à « " + t.Text + " »")}, nil
	}
	return answer(t)
}

func (e *engine) Turns() []bot.Turn {
	e.mu.Lock()
	defer e.mu.Unlock()
	return append([]bot.Turn(nil), e.turns...)
}

// mustOpenDB opens a fresh SQLite file in a temporary folder.
func mustOpenDB(tb testing.TB) *storage.DB {
	tb.Helper()
	db, err := storage.Open(context.Background(), filepath.Join(tb.TempDir(), "slack.db"))
	if err != nil {
		tb.Fatal(err)
	}
	tb.Cleanup(func() { db.Close() })
	return db
}

// env is a Slack channel served over real HTTP, talking to a fake Web API.
type env struct {
	t      *testing.T
	fake   *fakeSlack
	engine *engine
	ch     *slackbot.Channel
	srv    *httptest.Server
	db     *storage.DB
}

// newEnv starts a channel with opts; Dedupe defaults to a fresh SQLite database.
func newEnv(t *testing.T, opts slackbot.Options) *env {
	t.Helper()
	e := &env{t: t, fake: newFakeSlack(t), engine: &engine{}, db: mustOpenDB(t)}
	if opts.Dedupe == nil {
		opts.Dedupe = e.db
	}
	api := slackbot.NewWebAPI("xoxb-test", e.fake.GetAPIURL(), slackbot.NewHTTPClient(10*time.Second))
	ch, err := slackbot.New(api, e.engine, opts)
	if err != nil {
		t.Fatal(err)
	}
	e.ch = ch
	e.srv = serve(t, ch)
	return e
}

// serve mounts ch's routes on a real HTTP server, stopped (and the channel too) at the
// end of the test.
func serve(t *testing.T, ch *slackbot.Channel) *httptest.Server {
	t.Helper()
	t.Cleanup(func() { ch.Stop(context.Background()) })
	mux := http.NewServeMux()
	ch.Routes(mux)
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

// drain waits for every queued turn: Stop lets them finish. No clock is involved.
func (e *env) drain() {
	e.t.Helper()
	if err := e.ch.Stop(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// signature returns Slack's v0 signature of body at ts with key.
func signature(key, ts string, body []byte) string {
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	return "v0=" + hex.EncodeToString(mac.Sum(nil))
}

// post sends body to path signed with secret now, plus extra headers.
func (e *env) post(path, contentType string, body []byte, header ...string) *http.Response {
	e.t.Helper()
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	h := http.Header{"Content-Type": {contentType}, "X-Slack-Request-Timestamp": {ts},
		"X-Slack-Signature": {signature(secret, ts, body)}}
	for i := 0; i+1 < len(header); i += 2 {
		h.Set(header[i], header[i+1])
	}
	return e.send(path, h, body)
}

func (e *env) send(path string, h http.Header, body []byte) *http.Response {
	e.t.Helper()
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+path, bytes.NewReader(body))
	if err != nil {
		e.t.Fatal(err)
	}
	req.Header = h
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	e.t.Cleanup(func() { resp.Body.Close() })
	return resp
}

func (e *env) postEvent(v any, header ...string) *http.Response {
	e.t.Helper()
	body, _ := json.Marshal(v)
	return e.post("/slack/events", "application/json", body, header...)
}

func (e *env) postForm(path string, form url.Values) *http.Response {
	e.t.Helper()
	return e.post(path, "application/x-www-form-urlencoded", []byte(form.Encode()))
}

func readBody(resp *http.Response) string {
	b, _ := io.ReadAll(resp.Body)
	return string(b)
}

// eventCallback wraps an inner event as Slack sends it.
func eventCallback(id string, event map[string]any) map[string]any {
	return map[string]any{"type": "event_callback", "event_id": id, "team_id": "T1",
		"authorizations": []map[string]any{{"user_id": "UBOT", "is_bot": true}}, "event": event}
}

func dm(text string) map[string]any {
	return map[string]any{"type": "message", "channel_type": "im", "channel": "D1", "user": "U1", "text": text, "ts": "1700000000.000100"}
}

// blocksText returns the texts of the section blocks of a chat.* call.
func blocksText(c call) string {
	var blocks slack.Blocks
	json.Unmarshal([]byte(c.Form.Get("blocks")), &blocks)
	var parts []string
	for _, b := range blocks.BlockSet {
		if s, ok := b.(*slack.SectionBlock); ok && s.Text != nil {
			parts = append(parts, s.Text.Text)
		}
	}
	return strings.Join(parts, "\n")
}
