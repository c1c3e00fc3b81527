package teams

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"io"
	"math/big"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/teams/bfauth"
	"github.com/cssdgs/iagbot/bot/teams/connector"
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

// RSA key generation is slow: tests share keys by name.
var (
	keysMu sync.Mutex
	keys   = map[string]*rsa.PrivateKey{}
)

func rsaKey(t testing.TB, name string) *rsa.PrivateKey {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := keys[name]; ok {
		return k
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatal(err)
	}
	keys[name] = k
	return k
}

// keyServer serves OpenID metadata and a JWKS whose keys tests can rotate.
type keyServer struct {
	srv  *httptest.Server
	mu   sync.Mutex
	kids map[string]*rsa.PrivateKey
}

func newKeyServer(t testing.TB, kids map[string]*rsa.PrivateKey) *keyServer {
	ks := &keyServer{kids: kids}
	mux := http.NewServeMux()
	mux.HandleFunc("/openid", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{"issuer": bfauth.Issuer, "jwks_uri": ks.srv.URL + "/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"}})
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, r *http.Request) {
		ks.mu.Lock()
		defer ks.mu.Unlock()
		var out []map[string]any
		for kid, k := range ks.kids {
			out = append(out, map[string]any{"kty": "RSA", "use": "sig", "kid": kid,
				"n": b64(k.N.Bytes()), "e": b64(big.NewInt(int64(k.E)).Bytes()), "endorsements": []string{"msteams"}})
		}
		json.NewEncoder(w).Encode(map[string]any{"keys": out})
	})
	ks.srv = httptest.NewServer(mux)
	t.Cleanup(ks.srv.Close)
	return ks
}

func (ks *keyServer) rotate(kids map[string]*rsa.PrivateKey) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.kids = kids
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

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
		io.WriteString(w, `{"token_type":"Bearer","expires_in":3600,"access_token":"test-token"}`)
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
}

func (h *fakeHandler) Handle(_ context.Context, t bot.Turn) ([]bot.Reply, error) {
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

// testClock is the validator's clock, so that key refreshes can be reached.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// env is a Teams channel behind a real HTTP server, with the real token validator
// (keys from keyServer), the real connector client (to fakeConnector) and a SQLite
// file.
type env struct {
	keys       *keyServer
	conn       *fakeConnector
	db         *storage.DB
	handler    *fakeHandler
	clock      *testClock
	ch         *Channel
	srv        *httptest.Server
	serviceURL string
}

func newEnv(t testing.TB, mut ...func(*Config)) *env {
	t.Helper()
	e := &env{keys: newKeyServer(t, map[string]*rsa.PrivateKey{"k1": rsaKey(t, "k1")}), conn: newFakeConnector(t),
		db: storagetest.SQLite(t), handler: &fakeHandler{}, clock: &testClock{now: time.Now()}}
	e.serviceURL = e.conn.srv.URL + "/amer/"
	v, err := bfauth.New(bfauth.Config{AppID: testAppID, OpenIDMetadataURL: e.keys.srv.URL + "/openid", Now: e.clock.Now})
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
	now := e.clock.Now()
	return jwt.MapClaims{"iss": bfauth.Issuer, "aud": testAppID, "exp": now.Add(time.Hour).Unix(),
		"nbf": now.Add(-time.Minute).Unix(), "iat": now.Add(-time.Minute).Unix(), "serviceurl": e.serviceURL}
}

// token signs claims with key as kid and returns the Authorization header.
func token(t testing.TB, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	tok.Header["kid"] = kid
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatal(err)
	}
	return "Bearer " + s
}

// auth is a valid Authorization header.
func (e *env) auth(t testing.TB) string {
	return token(t, jwt.SigningMethodRS256, rsaKey(t, "k1"), "k1", e.claims())
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

func itoa(n int) string { return big.NewInt(int64(n)).String() }
