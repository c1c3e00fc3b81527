package bfauth

import "errors"

// ErrUnauthorized is the umbrella error: every error returned by
// [Validator.Validate] satisfies errors.Is(err, ErrUnauthorized), so an HTTP
// handler can answer 401 with a single check. The more specific sentinels
// below say why, for logs and tests; none of them carries token contents.
var ErrUnauthorized = errors.New("bfauth: unauthorized")

// authError is the type of every sentinel in this package. Its Is method
// makes each sentinel match ErrUnauthorized as well as itself.
type authError struct{ msg string }

func (e *authError) Error() string { return "bfauth: " + e.msg }

// Is reports whether target is the umbrella ErrUnauthorized. Identity with
// the sentinel itself is handled by errors.Is before Is is consulted.
func (e *authError) Is(target error) bool { return target == ErrUnauthorized }

func newErr(msg string) error { return &authError{msg: msg} }

// Sentinel errors. Compare with errors.Is: the returned errors may wrap them
// with a short, non-secret detail.
var (
	// ErrMissingToken: no Authorization header, or not a "Bearer" one.
	ErrMissingToken = newErr("missing bearer token")
	// ErrMalformedToken: not a well-formed compact JWS with a JSON header
	// and claims, or the header is larger than MaxAuthHeaderBytes.
	ErrMalformedToken = newErr("malformed token")
	// ErrAlgorithm: the token's alg is not RS256 (HS256, none, ES256, …).
	ErrAlgorithm = newErr("signing algorithm not allowed")
	// ErrUnknownKey: no signing key with the token's kid, even after a
	// refresh of the key set (or the refresh was rate-limited).
	ErrUnknownKey = newErr("unknown signing key")
	// ErrKeysUnavailable: the OpenID metadata or JWKS could not be fetched
	// and no usable cached key set exists.
	ErrKeysUnavailable = newErr("signing keys unavailable")
	// ErrSignature: the signature does not verify with the published key.
	ErrSignature = newErr("invalid signature")
	// ErrEndorsement: the signing key is endorsed for other channels only.
	ErrEndorsement = newErr("signing key not endorsed for channel")
	// ErrIssuer: iss is not https://api.botframework.com.
	ErrIssuer = newErr("invalid issuer")
	// ErrAudience: aud does not contain the bot's app id.
	ErrAudience = newErr("invalid audience")
	// ErrMissingExpiry: the token has no exp claim.
	ErrMissingExpiry = newErr("missing exp claim")
	// ErrExpired: exp is in the past by more than the clock skew.
	ErrExpired = newErr("token expired")
	// ErrNotYetValid: nbf is in the future by more than the clock skew.
	ErrNotYetValid = newErr("token not yet valid")
	// ErrServiceURL: the serviceurl claim is missing, or differs from the
	// activity's serviceUrl, or the activity has none.
	ErrServiceURL = newErr("serviceurl claim does not match activity")
)

// ErrConfig is returned by [New] for an unusable [Config]. It is not an
// authentication failure and does not match ErrUnauthorized.
var ErrConfig = errors.New("bfauth: invalid configuration")
