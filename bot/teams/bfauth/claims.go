package bfauth

import (
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// Claims are the verified facts of an accepted Bot Framework token. A
// non-nil *Claims is only ever returned together with a nil error.
type Claims struct {
	Issuer     string    // always Issuer
	AppID      string    // the audience entry that matched Config.AppID
	Audience   []string  // the full aud claim
	ServiceURL string    // equal to the activity's serviceUrl
	ChannelID  string    // the channel id the token was checked against
	KeyID      string    // kid of the key that signed the token
	ExpiresAt  time.Time // exp
	NotBefore  time.Time // nbf, zero when absent
	IssuedAt   time.Time // iat, zero when absent
}

// tokenClaims is the wire form decoded by golang-jwt. serviceurl is a
// pointer so that "absent" and "empty" are both rejected explicitly.
type tokenClaims struct {
	Issuer     string           `json:"iss"`
	Audience   jwt.ClaimStrings `json:"aud"` // string or array of strings
	ExpiresAt  *jwt.NumericDate `json:"exp"`
	NotBefore  *jwt.NumericDate `json:"nbf"`
	IssuedAt   *jwt.NumericDate `json:"iat"`
	ServiceURL *string          `json:"serviceurl"`
}

// Valid satisfies jwt.Claims. It accepts everything because the parser runs
// with claims validation off: golang-jwt v4 reads a global clock and has no
// skew, so Validate checks time and the other claims itself.
func (tokenClaims) Valid() error { return nil }

func dateOf(d *jwt.NumericDate) time.Time {
	if d == nil {
		return time.Time{}
	}
	return d.Time
}
