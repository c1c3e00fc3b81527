package bfauth

import (
	"sync"
	"time"
)

// verifiedTokens remembers the tokens whose signature was checked, so that the RSA
// verification (a tenth of a Teams turn's CPU) runs once per token rather than once
// per activity: the Bot Framework sends the same token with every activity for as long
// as it is valid. Only the signature check is skipped: claims (expiry, issuer,
// audience, service URL) and endorsements are checked on every call. An entry counts
// only while its kid still maps to the very key that verified it, so a key rotated
// out or refreshed makes the token verified again.
type verifiedTokens struct {
	mu sync.Mutex
	m  map[string]verifiedToken
}

type verifiedToken struct {
	key   *signingKey
	tc    tokenClaims
	until time.Time
}

const (
	maxVerifiedTokens = 256              // the Bot Framework uses a handful at a time
	verifiedTokenTTL  = 10 * time.Minute // bounds how long a token outlives its check
)

// get returns the claims of raw when it was verified with key and is still fresh.
func (vt *verifiedTokens) get(raw string, key *signingKey, now time.Time) (tokenClaims, bool) {
	vt.mu.Lock()
	defer vt.mu.Unlock()
	e, ok := vt.m[raw]
	if !ok || e.key != key || !now.Before(e.until) {
		return tokenClaims{}, false
	}
	return e.tc, true
}

// put records that raw was verified with key; when full, the oldest half is not worth
// finding: the map starts over.
func (vt *verifiedTokens) put(raw string, key *signingKey, tc tokenClaims, now time.Time) {
	vt.mu.Lock()
	defer vt.mu.Unlock()
	if vt.m == nil || len(vt.m) >= maxVerifiedTokens {
		vt.m = make(map[string]verifiedToken)
	}
	vt.m[raw] = verifiedToken{key: key, tc: tc, until: now.Add(verifiedTokenTTL)}
}
