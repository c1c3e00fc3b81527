package teams

import (
	"bytes"
	"context"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/golang-jwt/jwt/v4"
)

// TestRefusedTokens: every bad token gets 401, and the engine and the connector never
// hear of the activity.
func TestRefusedTokens(t *testing.T) {
	e := newEnv(t)
	k1, other := bftest.RSAKey(t, "k1"), bftest.RSAKey(t, "other")
	with := func(mut func(jwt.MapClaims)) jwt.MapClaims {
		c := e.claims()
		mut(c)
		return c
	}
	now := e.clock.Now()
	for _, tc := range []struct {
		name string
		auth string
	}{
		{"forged with another key", bftest.Sign(t, jwt.SigningMethodRS256, other, "k1", e.claims())},
		{"expired", bftest.Sign(t, jwt.SigningMethodRS256, k1, "k1", with(func(c jwt.MapClaims) {
			c["exp"], c["nbf"] = now.Add(-10*time.Minute).Unix(), now.Add(-2*time.Hour).Unix()
		}))},
		{"not yet valid", bftest.Sign(t, jwt.SigningMethodRS256, k1, "k1", with(func(c jwt.MapClaims) { c["nbf"] = now.Add(10 * time.Minute).Unix() }))},
		{"no expiry", bftest.Sign(t, jwt.SigningMethodRS256, k1, "k1", with(func(c jwt.MapClaims) { delete(c, "exp") }))},
		{"wrong audience", bftest.Sign(t, jwt.SigningMethodRS256, k1, "k1", with(func(c jwt.MapClaims) { c["aud"] = "another-bot" }))},
		{"wrong issuer", bftest.Sign(t, jwt.SigningMethodRS256, k1, "k1", with(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" }))},
		{"wrong serviceUrl", bftest.Sign(t, jwt.SigningMethodRS256, k1, "k1", with(func(c jwt.MapClaims) { c["serviceurl"] = "https://evil.example/" }))},
		{"unknown kid", bftest.Sign(t, jwt.SigningMethodRS256, other, "k-unknown", e.claims())},
		{"HS256", bftest.Sign(t, jwt.SigningMethodHS256, []byte("shared secret"), "k1", e.claims())},
		{"alg none", bftest.Sign(t, jwt.SigningMethodNone, jwt.UnsafeAllowNoneSignatureType, "k1", e.claims())},
		{"garbage", "Bearer not.a.jwt"},
		{"not bearer", "Basic dXNlcjpwYXNz"},
		{"missing header", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.post(t, e.message("m-"+tc.name, "aide"), tc.auth); got != http.StatusUnauthorized {
				t.Errorf("status = %d, want 401", got)
			}
		})
	}
	if n := len(e.handler.got()); n != 0 {
		t.Errorf("engine called %d times, want 0", n)
	}
	if n := len(e.conn.requests("")); n != 0 {
		t.Errorf("connector called %d times, want 0", n)
	}
	// A refused activity is not recorded as seen: the genuine one still goes through.
	if got := e.post(t, e.message("m-forged with another key", "aide"), e.auth(t)); got != http.StatusOK {
		t.Errorf("genuine activity after a forged one with its id = %d, want 200", got)
	}
}

func TestBadRequests(t *testing.T) {
	e := newEnv(t)
	big := bytes.Repeat([]byte(" "), MaxBodyBytes+1)
	copy(big, `{"type":"message"}`)
	for _, tc := range []struct {
		name string
		body []byte
		want int
	}{
		{"malformed JSON", []byte(`{"type":"message",`), http.StatusBadRequest},
		{"not an object", []byte(`[1,2]`), http.StatusBadRequest},
		{"no type", []byte(`{"text":"aide"}`), http.StatusBadRequest},
		{"value of the wrong type", []byte(`{"type":"message","value":"x"}`), http.StatusBadRequest},
		{"over 1 MiB", big, http.StatusRequestEntityTooLarge},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := e.post(t, tc.body, e.auth(t)); got != tc.want {
				t.Errorf("status = %d, want %d", got, tc.want)
			}
		})
	}
	if n := len(e.handler.got()); n != 0 {
		t.Errorf("engine called %d times, want 0", n)
	}
}

func TestMethodNotAllowed(t *testing.T) {
	e := newEnv(t)
	resp, err := http.Get(e.srv.URL + "/api/messages")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusMethodNotAllowed {
		t.Errorf("GET = %d, want 405", resp.StatusCode)
	}
}

func TestKeyRotation(t *testing.T) {
	e := newEnv(t)
	if got := e.post(t, e.message("r1", "aide"), e.auth(t)); got != http.StatusOK {
		t.Fatalf("before rotation: %d, want 200", got)
	}
	k2 := teamsKey(t, "k2")
	e.keys.SetKeys(k2)
	// Past the validator's least interval between two key fetches.
	e.clock.Advance(time.Minute)
	if got := e.post(t, e.message("r2", "aide"), bftest.Sign(t, jwt.SigningMethodRS256, k2.Priv, "k2", e.claims())); got != http.StatusOK {
		t.Errorf("new key after rotation: %d, want 200", got)
	}
	if got := e.post(t, e.message("r3", "aide"), e.auth(t)); got != http.StatusUnauthorized {
		t.Errorf("withdrawn key after rotation: %d, want 401", got)
	}
	if n := len(e.handler.got()); n != 2 {
		t.Errorf("engine called %d times, want 2", n)
	}
}

func TestActivityTypes(t *testing.T) {
	e := newEnv(t)
	for _, tc := range []struct {
		typ  string
		want int
	}{
		{"invoke", http.StatusNotImplemented}, // not adaptiveCard/action: no name
		{"typing", http.StatusOK},
		{"messageReaction", http.StatusOK},
	} {
		t.Run(tc.typ, func(t *testing.T) {
			a := e.message("t-"+tc.typ, "")
			a["type"] = tc.typ
			if got := e.post(t, a, e.auth(t)); got != tc.want {
				t.Errorf("status = %d, want %d", got, tc.want)
			}
		})
	}
	if n := len(e.handler.got()); n != 0 {
		t.Errorf("engine called %d times, want 0", n)
	}
}

func TestRedeliveryHandledOnce(t *testing.T) {
	e := newEnv(t)
	for i := 0; i < 3; i++ {
		if got := e.post(t, e.message("same-id", "aide"), e.auth(t)); got != http.StatusOK {
			t.Fatalf("delivery %d: %d", i+1, got)
		}
	}
	// The same id in another conversation is another activity.
	if got := e.post(t, inChannel(e.message("same-id", "aide")), e.auth(t)); got != http.StatusOK {
		t.Fatal(got)
	}
	if got, want := len(e.handler.got()), 2; got != want {
		t.Errorf("engine called %d times, want %d", got, want)
	}
	if got, want := len(e.conn.activities()), 2; got != want {
		t.Errorf("%d replies, want %d", got, want)
	}
}

// failingStore cannot tell whether an activity was seen.
type failingStore struct{ Store }

func (failingStore) FirstSeen(context.Context, string) (bool, error) {
	return false, fmt.Errorf("database is locked")
}

func TestDedupeUnavailable(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.Store = failingStore{c.Store} })
	if got := e.post(t, e.message("x", "aide"), e.auth(t)); got != http.StatusServiceUnavailable {
		t.Errorf("status = %d, want 503 so that Teams retries", got)
	}
	if n := len(e.handler.got()); n != 0 {
		t.Errorf("engine called %d times, want 0", n)
	}
}

// TestConcurrentTurns: 50 turns at once (run with -race) are all answered, each in
// its own conversation.
func TestConcurrentTurns(t *testing.T) {
	e := newEnv(t, func(c *Config) { c.MaxInFlight = 8 })
	e.handler.reply = func(t bot.Turn) ([]bot.Reply, error) { return []bot.Reply{bot.Text("re " + t.Text)}, nil }
	const n = 50
	var wg sync.WaitGroup
	codes := make([]int, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			a := e.message(fmt.Sprintf("c-%d", i), fmt.Sprintf("q%d", i))
			a["conversation"].(map[string]any)["id"] = fmt.Sprintf("a:conv-%d", i)
			codes[i] = e.post(t, a, e.auth(t))
		}(i)
	}
	wg.Wait()
	for i, c := range codes {
		if c != http.StatusOK {
			t.Errorf("turn %d: status %d", i, c)
		}
	}
	replies := e.conn.activities()
	if len(replies) != n {
		t.Fatalf("%d replies, want %d", len(replies), n)
	}
	for _, r := range replies {
		conv := r.Body["conversation"].(map[string]any)["id"].(string)
		if want := "re q" + strings.TrimPrefix(conv, "a:conv-"); r.Body["text"] != want {
			t.Errorf("reply in %s = %q, want %q", conv, r.Body["text"], want)
		}
	}
}
