package bftest

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
)

// RSA key generation is slow: tests share keys by name.
var (
	keysMu sync.Mutex
	keys   = map[string]*rsa.PrivateKey{}
)

// RSAKey returns the 2048-bit key called name, the same one on every call.
func RSAKey(t testing.TB, name string) *rsa.PrivateKey {
	t.Helper()
	keysMu.Lock()
	defer keysMu.Unlock()
	if k, ok := keys[name]; ok {
		return k
	}
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		t.Fatalf("generate key: %v", err)
	}
	keys[name] = k
	return k
}

// Key is a key published in the fake JWKS under ID.
type Key struct {
	ID           string
	Priv         *rsa.PrivateKey
	Endorsements []string // channels the key may sign for; nil: none listed
}

// KeyServer serves OpenID metadata at /metadata and a JWKS at /keys over real
// HTTP. It counts hits, so tests can prove the validator's cache works, and its
// keys can be rotated or the whole endpoint made to fail.
type KeyServer struct {
	srv      *httptest.Server
	mu       sync.Mutex
	keys     []Key
	fail     bool
	MetaHits atomic.Int32
	JWKSHits atomic.Int32
}

// NewKeyServer starts a server publishing keys; it stops with the test.
func NewKeyServer(t testing.TB, keys ...Key) *KeyServer {
	t.Helper()
	ks := &KeyServer{keys: keys}
	mux := http.NewServeMux()
	mux.HandleFunc("/metadata", ks.metadata)
	mux.HandleFunc("/keys", ks.jwks)
	ks.srv = httptest.NewServer(mux)
	t.Cleanup(ks.srv.Close)
	return ks
}

// MetadataURL is the OpenID metadata document's URL, for the validator's config.
func (ks *KeyServer) MetadataURL() string { return ks.srv.URL + "/metadata" }

// SetKeys replaces the published keys (a rotation).
func (ks *KeyServer) SetKeys(keys ...Key) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.keys = keys
}

// SetFailing makes the metadata endpoint answer 500 (or work again).
func (ks *KeyServer) SetFailing(f bool) {
	ks.mu.Lock()
	defer ks.mu.Unlock()
	ks.fail = f
}

func (ks *KeyServer) metadata(w http.ResponseWriter, _ *http.Request) {
	ks.MetaHits.Add(1)
	ks.mu.Lock()
	fail := ks.fail
	ks.mu.Unlock()
	if fail {
		http.Error(w, "down", http.StatusInternalServerError)
		return
	}
	_ = json.NewEncoder(w).Encode(map[string]any{
		"issuer": Issuer, "jwks_uri": ks.srv.URL + "/keys",
		"id_token_signing_alg_values_supported": []string{"RS256"},
	})
}

func (ks *KeyServer) jwks(w http.ResponseWriter, _ *http.Request) {
	ks.JWKSHits.Add(1)
	ks.mu.Lock()
	defer ks.mu.Unlock()
	var out []map[string]any
	for _, k := range ks.keys {
		jk := map[string]any{
			"kty": "RSA", "use": "sig", "kid": k.ID,
			"n": B64(k.Priv.N.Bytes()), "e": B64(big.NewInt(int64(k.Priv.E)).Bytes()),
		}
		if k.Endorsements != nil {
			jk["endorsements"] = k.Endorsements
		}
		out = append(out, jk)
	}
	_ = json.NewEncoder(w).Encode(map[string]any{"keys": out})
}

// B64 is the unpadded base64url encoding of JWK fields and JWT segments.
func B64(b []byte) string { return base64.RawURLEncoding.EncodeToString(b) }
