package bfauth

import (
	"context"
	"errors"
	"testing"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/golang-jwt/jwt/v4"
)

// FuzzValidate feeds arbitrary Authorization headers, channel ids and
// service URLs to a live validator: it must never panic, and it may only
// accept the one genuinely valid token.
func FuzzValidate(f *testing.F) {
	k1 := servedKey(f, "k1")
	ks := bftest.NewKeyServer(f, k1)
	v := newTestValidator(f, ks, bftest.NewClock(t0))
	valid := bftest.Sign(f, jwt.SigningMethodRS256, k1.Priv, "k1", goodClaims(t0))
	f.Add(valid, testChannel, testServiceURL)
	f.Add("Bearer "+valid[len("Bearer "):len(valid)-3]+"AAA", testChannel, testServiceURL)

	f.Fuzz(func(t *testing.T, header, channel, serviceURL string) {
		c, err := v.Validate(context.Background(), header, channel, serviceURL)
		if err != nil {
			if c != nil {
				t.Fatalf("Validate() = %+v with error %v, want nil claims", c, err)
			}
			if !errors.Is(err, ErrUnauthorized) {
				t.Fatalf("Validate() error %v does not match ErrUnauthorized", err)
			}
			return
		}
		// Other spellings of the valid header (spaces, scheme case) may pass;
		// any other token is a forgery.
		if tok, _ := bearerToken(header); tok != valid[len("Bearer "):] {
			t.Fatalf("Validate() accepted a token other than the valid one")
		}
		if serviceURL != testServiceURL {
			t.Fatalf("accepted serviceURL %q, want %q", serviceURL, testServiceURL)
		}
	})
}
