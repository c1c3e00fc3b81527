package main

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"math/big"
	"net"
	"net/http"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Credentials the server under test is given; they open nothing but the fakes.
const (
	appID       = "7a1e0ad0-10ad-4b07-9e55-10adbeef0001"
	appPassword = "load-password"
	tenantID    = "3f1e0ad0-10ad-4b07-9e55-10adbeef0002"
	fakeToken   = "fake-bot-connector-token"
	slackToken  = "xoxb-load-test"
	slackSecret = "load-signing-secret"
	keyID       = "load-key-1"
)

// fakes are the platforms iagbot talks to, served by this process on loopback: Bot
// Framework OpenID metadata and JWKS (from a key generated at start), its token
// endpoint, a Bot Connector, and the Slack Web API. They answer as fast as they can
// so that what is measured is the bot.
type fakes struct {
	base  string // http://127.0.0.1:PORT
	key   *rsa.PrivateKey
	srv   *http.Server
	teams tracker // replies by Teams conversation id
	slack tracker // replies by Slack channel id (or response_url key)

	mu    sync.Mutex
	calls map[string]int // endpoint → calls, for the report
	seq   atomic.Int64   // ids of posted messages
}

func (f *fakes) openIDURL() string   { return f.base + "/bf/openid" }
func (f *fakes) tokenURL() string    { return f.base + "/bf/token" }
func (f *fakes) serviceURL() string  { return f.base + "/teams/" }
func (f *fakes) slackAPIURL() string { return f.base + "/slack/api/" }

// startFakes listens on a free loopback port and serves every fake there.
func startFakes() (*fakes, error) {
	key, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		return nil, err
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return nil, err
	}
	f := &fakes{base: "http://" + ln.Addr().String(), key: key, calls: map[string]int{}}
	f.teams.init()
	f.slack.init()
	mux := http.NewServeMux()
	mux.HandleFunc("GET /bf/openid", f.openID)
	mux.HandleFunc("GET /bf/keys", f.jwks)
	mux.HandleFunc("POST /bf/token", f.token)
	f.connectorRoutes(mux)
	f.slackRoutes(mux)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		f.count("unhandled " + r.Method + " " + r.URL.Path)
		http.NotFound(w, r)
	})
	f.srv = &http.Server{Handler: mux, ReadHeaderTimeout: 5 * time.Second,
		// Connections opened tell whether the bot's outbound clients reuse them.
		ConnState: func(_ net.Conn, s http.ConnState) {
			if s == http.StateNew {
				f.count("TCP connections opened")
			}
		}}
	go f.srv.Serve(ln)
	return f, nil
}

func (f *fakes) close() {
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Second)
	defer cancel()
	f.srv.Shutdown(ctx)
}

func (f *fakes) count(name string) {
	f.mu.Lock()
	f.calls[name]++
	f.mu.Unlock()
}

// callSummary lists the calls the fakes received, e.g. "openid 1, token 1, …".
func (f *fakes) callSummary() string {
	f.mu.Lock()
	defer f.mu.Unlock()
	names := make([]string, 0, len(f.calls))
	for n := range f.calls {
		names = append(names, n)
	}
	sort.Strings(names)
	var b strings.Builder
	for i, n := range names {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s %d", n, f.calls[n])
	}
	// A reply nobody waited on is a second answer to one message, or an answer to a
	// request the load gave up on.
	fmt.Fprintf(&b, "; stray replies: Teams %d, Slack %d", f.teams.stray.Load(), f.slack.stray.Load())
	return b.String()
}

func (f *fakes) openID(w http.ResponseWriter, _ *http.Request) {
	f.count("bf openid")
	writeJSON(w, map[string]any{
		"issuer": "https://api.botframework.com", "jwks_uri": f.base + "/bf/keys",
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"token_endpoint_auth_methods_supported": []string{"private_key_jwt"},
	})
}

func (f *fakes) jwks(w http.ResponseWriter, _ *http.Request) {
	f.count("bf jwks")
	b64 := base64.RawURLEncoding.EncodeToString
	writeJSON(w, map[string]any{"keys": []map[string]any{{
		"kty": "RSA", "use": "sig", "kid": keyID, "endorsements": []string{"msteams"},
		"n": b64(f.key.N.Bytes()), "e": b64(big.NewInt(int64(f.key.E)).Bytes()),
	}}})
}

// token is the client-credentials endpoint: it checks the bot's credentials, as the
// real one would, and hands out a token valid for an hour.
func (f *fakes) token(w http.ResponseWriter, r *http.Request) {
	f.count("bf token")
	if r.ParseForm() != nil || r.PostForm.Get("grant_type") != "client_credentials" ||
		r.PostForm.Get("client_id") != appID || r.PostForm.Get("client_secret") != appPassword {
		w.WriteHeader(http.StatusUnauthorized)
		writeJSON(w, map[string]string{"error": "invalid_client"})
		return
	}
	writeJSON(w, map[string]any{"token_type": "Bearer", "expires_in": 3600, "access_token": fakeToken})
}

func writeJSON(w http.ResponseWriter, v any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(v)
}

// readBody reads a request body of at most 1 MiB.
func readBody(r *http.Request) []byte {
	b, _ := io.ReadAll(io.LimitReader(r.Body, 1<<20))
	return b
}
