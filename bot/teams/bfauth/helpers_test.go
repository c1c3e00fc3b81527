package bfauth

import (
	"crypto/rand"
	"crypto/rsa"
	"encoding/base64"
	"encoding/json"
	"math/big"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

const (
	testAppID      = "00000000-1111-2222-3333-444444444444"
	testServiceURL = "https://smba.trafficmanager.net/emea/"
	testChannel    = "msteams"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// RSA key generation is slow; tests share a few keys by name.
var (
	keysMu   sync.Mutex
	keysByID = map[string]*rsa.PrivateKey{}
)

func rsaKey(t testing.TB, name string) *rsa.PrivateKey {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := keysByID[name]; ok {
		return k
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	keysByID[name] = k
	return k
}

// servedKey is a key published in the fake JWKS.
type servedKey struct {
	kid          string
	priv         *rsa.PrivateKey
	endorsements []string
}

// keyServer serves OpenID metadata and a JWKS over real HTTP and counts
// hits, so tests can prove the cache works.
type keyServer struct {
	srv      *httptest.Server
	mu       sync.Mutex
	keys     []servedKey
	fail     bool
	metaHits atomic.Int32
	jwksHits atomic.Int32
}

func newKeyServer(t testing.TB, keys ...servedKey) *keyServer {
	t.Helper()
	ks := &keyServer{keys: keys}
	mux := http.NewServeMux()
	mux.HandleFunc("/metadata", func(w http.ResponseWriter, r *http.Request) {
		ks.metaHits.Add(1)
		if ks.failing() {
			http.Error(w, "down", http.StatusInternalServerError)
			return
		}
		_ = json.NewEncoder(w).Encode(map[string]any{
			"issuer": Issuer, "jwks_uri": ks.srv.URL + "/keys",
			"id_token_signing_alg_values_supported": []string{"RS256"},
		})
	})
	mux.HandleFunc("/keys", func(w http.ResponseWriter, r *http.Request) {
		ks.jwksHits.Add(1)
		ks.mu.Lock()
		defer ks.mu.Unlock()
		var out []map[string]any
		for _, k := range ks.keys {
			jk := map[string]any{
				"kty": "RSA", "use": "sig", "kid": k.kid,
				"n": b64(k.priv.N.Bytes()), "e": b64(big.NewInt(int64(k.priv.E)).Bytes()),
			}
			if k.endorsements != nil {
				jk["endorsements"] = k.endorsements
			}
			out = append(out, jk)
		}
		_ = json.NewEncoder(w).Encode(map[string]any{"keys": out})
	})
	ks.srv = httptest.NewServer(mux)
	t.Cleanup(ks.srv.Close)
	return ks
}

func (ks *keyServer) setKeys(keys ...servedKey) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.keys = keys
}

func (ks *keyServer) setFailing(f bool) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.fail = f
}

func (ks *keyServer) failing() bool {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	return ks.fail
}

func b64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }

// testClock is an injectable, race-safe clock.
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

func newTestValidator(t testing.TB, ks *keyServer, clk *testClock) *Validator {
	t.Helper()
	v, err := New(Config{
		AppID:             testAppID,
		OpenIDMetadataURL: ks.srv.URL + "/metadata",
		HTTPClient:        &http.Client{Timeout: 5 * time.Second},
		Now:               clk.Now,
	})
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return v
}

// goodClaims are the claims of a valid token at time now.
func goodClaims(now time.Time) jwt.MapClaims {
	return jwt.MapClaims{
		"iss":        Issuer,
		"aud":        testAppID,
		"exp":        now.Add(time.Hour).Unix(),
		"nbf":        now.Add(-time.Minute).Unix(),
		"iat":        now.Add(-time.Minute).Unix(),
		"serviceurl": testServiceURL,
	}
}

// sign returns "Bearer <jwt>" signed with method and key, with header kid.
func sign(t testing.TB, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
	t.Helper()
	tok := jwt.NewWithClaims(method, claims)
	if kid != "" {
		tok.Header["kid"] = kid
	}
	s, err := tok.SignedString(key)
	if err != nil {
		t.Fatalf("sign: %v", err)
	}
	return "Bearer " + s
}
