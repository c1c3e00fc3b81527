package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/teams/bfauth"
	"github.com/cssdgs/iagbot/bot/teams/connector"
	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
	"github.com/golang-jwt/jwt/v4"
)

const (
	testAppID  = "11111111-2222-3333-4444-555555555555"
	testTenant = "tenant-1"
	botAccount = "28:" + testAppID
	userTeams  = "29:user-1"
	userAAD    = "aad-user-1"
	userEmail  = "Marie.Tremblay@cssdgs.example"
	personalID = "a:personal-1"
	channelID  = "19:chan@thread.tacv2"
)

// teamsKey is the shared key named kid, published under that id and endorsed for
// msteams, as the Bot Framework publishes its keys.
func teamsKey(t testing.TB, kid string) bftest.Key {
	return bftest.Key{ID: kid, Priv: bftest.RSAKey(t, kid), Endorsements: []string{"msteams"}}
}

// connReq is one request the fake Bot Connector received.
type connReq struct {
	Method, Path, Auth string
	Body               map[string]any
}

// fakeConnector is the Bot Connector service and its token endpoint, over real HTTP.
// It records every API call; fail, when set, scripts an error answer.
type fakeConnector struct {
	srv  *httptest.Server
	mu   sync.Mutex
	reqs []connReq
	seq  int
	fail func(method, path string) (status int, header map[string]string)
}

func newFakeConnector(t testing.TB) *fakeConnector {
	fc := &fakeConnector{}
	fc.srv = httptest.NewServer(http.HandlerFunc(fc.serve))
	t.Cleanup(fc.srv.Close)
	return fc
}

func (fc *fakeConnector) serve(w http.ResponseWriter, r *http.Request) {
	path := r.URL.EscapedPath()
	w.Header().Set("Content-Type", "application/json")
	if path == "/token" {
		io.WriteString(w, bftest.TokenJSON("test-token"))
		return
	}
	raw, _ := io.ReadAll(r.Body)
	var body map[string]any
	json.Unmarshal(raw, &body)
	fc.mu.Lock()
	fc.reqs = append(fc.reqs, connReq{Method: r.Method, Path: path, Auth: r.Header.Get("Authorization"), Body: body})
	fc.seq++
	n := fc.seq
	fail := fc.fail
	fc.mu.Unlock()
	if fail != nil {
		if status, header := fail(r.Method, path); status != 0 {
			for k, v := range header {
				w.Header().Set(k, v)
			}
			w.WriteHeader(status)
			io.WriteString(w, `{"error":{"code":"Scripted"}}`)
			return
		}
	}
	switch {
	case strings.Contains(path, "/members/"):
		json.NewEncoder(w).Encode(map[string]any{"id": userTeams, "name": "Marie Tremblay", "aadObjectId": userAAD,
			"email": userEmail, "userPrincipalName": userEmail, "tenantId": testTenant})
	case r.Method == http.MethodPost && strings.HasSuffix(path, "/v3/conversations"):
		json.NewEncoder(w).Encode(map[string]any{"id": "a:direct-1"})
	default:
		w.WriteHeader(http.StatusCreated)
		json.NewEncoder(w).Encode(map[string]any{"id": "act-" + itoa(n)})
	}
}

// requests returns the recorded API calls whose path contains part.
func (fc *fakeConnector) requests(part string) []connReq {
	fc.mu.Lock()
	defer fc.mu.Unlock()
	var out []connReq
	for _, r := range fc.reqs {
		if strings.Contains(r.Path, part) {
			out = append(out, r)
		}
	}
	return out
}

// activities are the calls that post or update an activity.
func (fc *fakeConnector) activities() []connReq { return fc.requests("/activities") }

// fakeHandler is the engine of channel tests: it records turns and answers with reply.
type fakeHandler struct {
	mu    sync.Mutex
	turns []bot.Turn
	reply func(bot.Turn) ([]bot.Reply, error)
	// firstSeen records a turn's event key first, as the engine does with the
	// person (bot.Turn.EventKey): the channel's store.
	firstSeen func(ctx context.Context, key string) (bool, error)
}

func (h *fakeHandler) Handle(ctx context.Context, t bot.Turn) ([]bot.Reply, error) {
	if t.EventKey != "" && h.firstSeen != nil {
		first, err := h.firstSeen(ctx, t.EventKey)
		if err != nil {
			return nil, fmt.Errorf("%w: %w", bot.ErrEventNotRecorded, err)
		}
		if !first {
			return nil, bot.ErrRedelivered
		}
	}
	h.mu.Lock()
	h.turns = append(h.turns, t)
	reply := h.reply
	h.mu.Unlock()
	if reply == nil {
		return []bot.Reply{bot.Text("réponse")}, nil
	}
	return reply(t)
}

func (h *fakeHandler) got() []bot.Turn {
	h.mu.Lock()
	defer h.mu.Unlock()
	return append([]bot.Turn(nil), h.turns...)
}

// env is a Teams channel behind a real HTTP server, with the real token validator
// (keys from keyServer), the real connector client (to fakeConnector) and a SQLite
// file.
type env struct {
	keys       *bftest.KeyServer
	conn       *fakeConnector
	db         *storage.DB
	handler    *fakeHandler
	clock      *bftest.Clock // the validator's, so that key refreshes can be reached
	ch         *Channel
	srv        *httptest.Server
	serviceURL string
}

func newEnv(t testing.TB, mut ...func(*Config)) *env {
	t.Helper()
	e := &env{keys: bftest.NewKeyServer(t, teamsKey(t, "k1")), conn: newFakeConnector(t),
		db: storagetest.SQLite(t), handler: &fakeHandler{}, clock: bftest.NewClock(time.Now())}
	e.serviceURL = e.conn.srv.URL + "/amer/"
	v, err := bfauth.New(bfauth.Config{AppID: testAppID, OpenIDMetadataURL: e.keys.MetadataURL(), Now: e.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	client, err := connector.New(connector.Config{AppID: testAppID, AppPassword: "secret", TokenURL: e.conn.srv.URL + "/token",
		MaxAttempts: 1})
	if err != nil {
		t.Fatal(err)
	}
	cfg := Config{Handler: e.handler, Connector: client, Store: e.db, Validator: v, AppID: testAppID, TenantID: testTenant}
	for _, m := range mut {
		m(&cfg)
	}
	e.handler.firstSeen = cfg.Store.FirstSeen
	e.ch, err = New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	e.srv = httptest.NewServer(e.ch)
	t.Cleanup(e.srv.Close)
	return e
}

// claims are those of a valid token now.
func (e *env) claims() jwt.MapClaims {
	return bftest.Claims(e.clock.Now(), testAppID, e.serviceURL)
}

// auth is a valid Authorization header.
func (e *env) auth(t testing.TB) string {
	return bftest.Sign(t, jwt.SigningMethodRS256, bftest.RSAKey(t, "k1"), "k1", e.claims())
}

// post sends body (marshalled unless already bytes) to /api/messages.
func (e *env) post(t testing.TB, body any, authHeader string) int {
	t.Helper()
	raw, ok := body.([]byte)
	if !ok {
		var err error
		if raw, err = json.Marshal(body); err != nil {
			t.Fatal(err)
		}
	}
	req, err := http.NewRequest(http.MethodPost, e.srv.URL+"/api/messages", bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if authHeader != "" {
		req.Header.Set("Authorization", authHeader)
	}
	resp, err := e.srv.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode
}

// message is a personal-chat message activity as Teams sends it.
func (e *env) message(id, text string) map[string]any {
	return map[string]any{
		"type": "message", "id": id, "channelId": "msteams", "serviceUrl": e.serviceURL,
		"timestamp": "2026-11-27T10:00:00.000Z", "locale": "fr-CA", "text": text,
		"from":         map[string]any{"id": userTeams, "name": "Marie Tremblay", "aadObjectId": userAAD},
		"recipient":    map[string]any{"id": botAccount, "name": "Assistant IAG"},
		"conversation": map[string]any{"id": personalID, "conversationType": "personal", "tenantId": testTenant},
		"channelData":  map[string]any{"tenant": map[string]any{"id": testTenant}},
	}
}

// inChannel moves an activity to a team channel's reply chain.
func inChannel(a map[string]any) map[string]any {
	a["conversation"] = map[string]any{"id": channelID + ";messageid=1700", "conversationType": "channel",
		"isGroup": true, "tenantId": testTenant}
	a["channelData"] = map[string]any{"tenant": map[string]any{"id": testTenant},
		"team": map[string]any{"id": "19:team@thread.tacv2"}, "channel": map[string]any{"id": channelID}}
	return a
}

func itoa(n int) string { return strconv.Itoa(n) }
