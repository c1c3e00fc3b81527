package bfauth

import (
	"context"
	"errors"
	"testing"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/golang-jwt/jwt/v4"
	"github.com/infracloudio/msbotbuilder-go/connector/auth"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

func TestAuthenticateRequest(t *testing.T) {
	k1 := servedKey(t, "k1")
	v := newTestValidator(t, bftest.NewKeyServer(t, k1), bftest.NewClock(t0))
	act := schema.Activity{ChannelID: testChannel, ServiceURL: testServiceURL}
	// Credentials that would disable auth upstream must not do so here.
	off := auth.SimpleCredentialProvider{}
	tests := []struct {
		name   string
		header string
		want   error
	}{
		{"valid", bftest.Sign(t, jwt.SigningMethodRS256, k1.Priv, "k1", goodClaims(t0)), nil},
		{"missing", "", ErrMissingToken},
		{"forged", bftest.Sign(t, jwt.SigningMethodRS256, bftest.RSAKey(t, "other"), "k1", goodClaims(t0)), ErrSignature},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			id, err := v.AuthenticateRequest(context.Background(), act, tc.header, off, "")
			if !errors.Is(err, tc.want) {
				t.Fatalf("AuthenticateRequest() error = %v, want %v", err, tc.want)
			}
			if tc.want != nil {
				if id != nil {
					t.Fatalf("identity = %#v, want untyped nil", id)
				}
				return
			}
			if !id.IsAuthenticated() || id.GetClaimValue("serviceurl") != testServiceURL {
				t.Fatalf("identity = %#v, want authenticated with serviceurl", id)
			}
		})
	}
}
