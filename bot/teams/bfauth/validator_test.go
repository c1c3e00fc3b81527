package bfauth

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/golang-jwt/jwt/v4"
)

func TestValidate(t *testing.T) {
	k1 := servedKey(t, "k1")
	ke := bftest.Key{ID: "ke", Priv: bftest.RSAKey(t, "ke"), Endorsements: []string{"msteams", "emulator"}}
	other := bftest.RSAKey(t, "other")
	ks := bftest.NewKeyServer(t, k1, ke)
	clk := bftest.NewClock(t0)
	v := newTestValidator(t, ks, clk)

	with := func(mut func(c jwt.MapClaims)) jwt.MapClaims {
		c := goodClaims(t0)
		mut(c)
		return c
	}
	rs := jwt.SigningMethodRS256
	noneTok, err := jwt.NewWithClaims(jwt.SigningMethodNone, goodClaims(t0)).SignedString(jwt.UnsafeAllowNoneSignatureType)
	if err != nil {
		t.Fatal(err)
	}

	// Tokens with the valid one's header, checked after it (its header is then known).
	valid := bftest.Sign(t, rs, k1.Priv, "k1", goodClaims(t0))
	parts := strings.Split(strings.TrimPrefix(valid, "Bearer "), ".")

	tests := []struct {
		name       string
		header     string
		channel    string // default testChannel
		serviceURL string // default testServiceURL
		want       error  // nil: accepted
	}{
		{name: "valid", header: valid},
		{name: "known header, no signature", header: "Bearer " + parts[0] + "." + parts[1] + ".", want: ErrMalformedToken},
		{name: "known header, no payload", header: "Bearer " + parts[0] + ".." + parts[2], want: ErrMalformedToken},
		{name: "known header, four parts", header: valid + ".x", want: ErrMalformedToken},
		{name: "known header, other payload", header: "Bearer " + parts[0] + "." + bftest.B64([]byte(`{"aud":"x"}`)) + "." + parts[2], want: ErrSignature},
		{name: "lowercase scheme", header: "bearer " + strings.TrimPrefix(bftest.Sign(t, rs, k1.Priv, "k1", goodClaims(t0)), "Bearer ")},
		{name: "forged signature", header: bftest.Sign(t, rs, other, "k1", goodClaims(t0)), want: ErrSignature},
		{name: "expired", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["exp"] = t0.Add(-6 * time.Minute).Unix() })), want: ErrExpired},
		{name: "expired within skew", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["exp"] = t0.Add(-4 * time.Minute).Unix() }))},
		{name: "missing exp", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { delete(c, "exp") })), want: ErrMissingExpiry},
		{name: "nbf beyond skew", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["nbf"] = t0.Add(6 * time.Minute).Unix() })), want: ErrNotYetValid},
		{name: "nbf within skew", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["nbf"] = t0.Add(4 * time.Minute).Unix() }))},
		{name: "wrong audience", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["aud"] = "someone-else" })), want: ErrAudience},
		{name: "array audience with app id", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["aud"] = []string{"x", testAppID} }))},
		{name: "array audience without app id", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["aud"] = []string{"x", "y"} })), want: ErrAudience},
		{name: "numeric audience", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["aud"] = 42 })), want: ErrMalformedToken},
		{name: "wrong issuer", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["iss"] = "https://evil.example" })), want: ErrIssuer},
		{name: "wrong serviceurl", header: bftest.Sign(t, rs, k1.Priv, "k1", goodClaims(t0)), serviceURL: "https://evil.example/", want: ErrServiceURL},
		{name: "missing serviceurl claim", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { delete(c, "serviceurl") })), want: ErrServiceURL},
		{name: "non-string serviceurl claim", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["serviceurl"] = []int{1} })), want: ErrMalformedToken},
		{name: "activity without serviceUrl", header: bftest.Sign(t, rs, k1.Priv, "k1", with(func(c jwt.MapClaims) { c["serviceurl"] = "" })), serviceURL: "-", want: ErrServiceURL},
		{name: "HS256 with public key bytes", header: bftest.Sign(t, jwt.SigningMethodHS256, k1.Priv.N.Bytes(), "k1", goodClaims(t0)), want: ErrAlgorithm},
		{name: "RS512", header: bftest.Sign(t, jwt.SigningMethodRS512, k1.Priv, "k1", goodClaims(t0)), want: ErrAlgorithm},
		{name: "alg none", header: "Bearer " + noneTok, want: ErrAlgorithm},
		{name: "no kid", header: bftest.Sign(t, rs, k1.Priv, "", goodClaims(t0)), want: ErrMalformedToken},
		{name: "unknown kid", header: bftest.Sign(t, rs, k1.Priv, "nope", goodClaims(t0)), want: ErrUnknownKey},
		{name: "endorsed channel", header: bftest.Sign(t, rs, ke.Priv, "ke", goodClaims(t0))},
		{name: "endorsement mismatch", header: bftest.Sign(t, rs, ke.Priv, "ke", goodClaims(t0)), channel: "slack", want: ErrEndorsement},
		{name: "empty header", header: "", want: ErrMissingToken},
		{name: "no scheme", header: strings.TrimPrefix(bftest.Sign(t, rs, k1.Priv, "k1", goodClaims(t0)), "Bearer "), want: ErrMissingToken},
		{name: "basic scheme", header: "Basic dXNlcjpwYXNz", want: ErrMissingToken},
		{name: "bearer only", header: "Bearer   ", want: ErrMissingToken},
		{name: "three dots", header: "Bearer ...", want: ErrMalformedToken},
		{name: "two dots", header: "Bearer ..", want: ErrMalformedToken},
		{name: "garbage", header: "Bearer \x00\xff\xfe garbage", want: ErrMalformedToken},
		{name: "header not json", header: "Bearer " + bftest.B64([]byte("nope")) + ".e30.c2ln", want: ErrMalformedToken},
		{name: "huge header", header: "Bearer " + strings.Repeat("A", MaxAuthHeaderBytes), want: ErrMalformedToken},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ch, su := tc.channel, tc.serviceURL
			if ch == "" {
				ch = testChannel
			}
			switch su {
			case "":
				su = testServiceURL
			case "-":
				su = ""
			}
			got, err := v.Validate(context.Background(), tc.header, ch, su)
			if tc.want == nil {
				if err != nil {
					t.Fatalf("Validate() error = %v, want nil", err)
				}
				if got == nil || got.ServiceURL != su || got.AppID != testAppID {
					t.Fatalf("Validate() claims = %+v, want serviceURL %q and app id", got, su)
				}
				return
			}
			if !errors.Is(err, tc.want) {
				t.Fatalf("Validate() error = %v, want %v", err, tc.want)
			}
			if !errors.Is(err, ErrUnauthorized) {
				t.Errorf("error %v does not match ErrUnauthorized", err)
			}
			if got != nil {
				t.Errorf("Validate() claims = %+v, want nil on error", got)
			}
		})
	}
	if got := ks.MetaHits.Load(); got > 2 {
		t.Errorf("metadata fetched %d times for %d validations, want at most 2 (first use + one unknown kid)", got, len(tests))
	}
}

func TestNewConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want error
	}{
		{"no app id", Config{}, ErrConfig},
		{"blank app id", Config{AppID: "  "}, ErrConfig},
		{"defaults", Config{AppID: "x"}, nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := New(tc.cfg)
			if !errors.Is(err, tc.want) {
				t.Fatalf("New() error = %v, want %v", err, tc.want)
			}
			if err != nil && errors.Is(err, ErrUnauthorized) {
				t.Errorf("config error %v must not match ErrUnauthorized", err)
			}
		})
	}
}
