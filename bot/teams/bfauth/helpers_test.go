package bfauth

import (
	"net/http"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/golang-jwt/jwt/v4"
)

const (
	testAppID      = "00000000-1111-2222-3333-444444444444"
	testServiceURL = "https://smba.trafficmanager.net/emea/"
	testChannel    = "msteams"
)

var t0 = time.Date(2025, 3, 1, 12, 0, 0, 0, time.UTC)

// servedKey is the shared key named kid, published under that id without endorsements.
func servedKey(t testing.TB, kid string) bftest.Key {
	return bftest.Key{ID: kid, Priv: bftest.RSAKey(t, kid)}
}

func newTestValidator(t testing.TB, ks *bftest.KeyServer, clk *bftest.Clock) *Validator {
	t.Helper()
	v, err := New(Config{
		AppID:             testAppID,
		OpenIDMetadataURL: ks.MetadataURL(),
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
	return bftest.Claims(now, testAppID, testServiceURL)
}
