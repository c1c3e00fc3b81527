package bftest

import (
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// Issuer is bfauth.Issuer, written again because this package cannot import
// bfauth (see the package comment). Were the two to differ, every token signed
// here would be refused as ErrIssuer and the valid-token cases would fail.
const Issuer = "https://api.botframework.com"

// Claims are those of a token valid at now for the bot appID, sent with an
// activity from serviceURL.
func Claims(now time.Time, appID, serviceURL string) jwt.MapClaims {
	return jwt.MapClaims{
		"iss":        Issuer,
		"aud":        appID,
		"exp":        now.Add(time.Hour).Unix(),
		"nbf":        now.Add(-time.Minute).Unix(),
		"iat":        now.Add(-time.Minute).Unix(),
		"serviceurl": serviceURL,
	}
}

// Sign returns "Bearer <jwt>" signed with method and key, with header kid
// (none when kid is empty).
func Sign(t testing.TB, method jwt.SigningMethod, key any, kid string, claims jwt.MapClaims) string {
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

// TokenJSON is the token endpoint's answer issuing accessToken for one hour.
func TokenJSON(accessToken string) string {
	return fmt.Sprintf(`{"token_type":"Bearer","expires_in":3600,"ext_expires_in":3600,"access_token":%q}`, accessToken)
}

// Clock is an injectable, race-safe clock that moves only when told.
type Clock struct {
	mu  sync.Mutex
	now time.Time
}

// NewClock returns a clock stopped at now.
func NewClock(now time.Time) *Clock { return &Clock{now: now} }

// Now is the clock's time; pass it as a Config's Now.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}
