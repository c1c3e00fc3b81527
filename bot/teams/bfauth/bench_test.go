package bfauth

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/golang-jwt/jwt/v4"
)

// BenchmarkValidateSeen checks the token of an activity whose signature was verified
// with an earlier one: the work done on every activity.
//
//	go test ./bot/teams/bfauth -run '^$' -bench ValidateSeen -benchmem -cpu 1
func BenchmarkValidateSeen(b *testing.B) {
	key := bftest.Key{ID: "k1", Priv: bftest.RSAKey(b, "k1"), Endorsements: []string{testChannel}}
	ks := bftest.NewKeyServer(b, key)
	clk := bftest.NewClock(t0)
	v := newTestValidator(b, ks, clk)
	auth := bftest.Sign(b, jwt.SigningMethodRS256, key.Priv, "k1", goodClaims(t0))
	ctx := context.Background()
	if _, err := v.Validate(ctx, auth, testChannel, testServiceURL); err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := v.Validate(ctx, auth, testChannel, testServiceURL); err != nil {
			b.Fatal(err)
		}
	}
}
