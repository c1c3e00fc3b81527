package connector

import (
	"errors"
	"fmt"
	"time"
)

// Sentinel errors; compare with errors.Is. Returned errors wrap them with
// non-secret details (never a token, password or request body).
var (
	// ErrConfig: New was given an unusable Config.
	ErrConfig = errors.New("connector: invalid configuration")
	// ErrInvalidArgument: empty conversation/activity id, or a service URL
	// that is not an absolute http(s) URL.
	ErrInvalidArgument = errors.New("connector: invalid argument")
	// ErrInsecureURL: the bearer token would travel over plain http to a
	// non-loopback host.
	ErrInsecureURL = errors.New("connector: refusing to send token over plain http")
	// ErrToken: no app token could be obtained from the token endpoint.
	ErrToken = errors.New("connector: cannot get app token")
	// ErrStatus: the service answered with a non-2xx status; the chain also
	// holds a *StatusError with the details.
	ErrStatus = errors.New("connector: unexpected HTTP status")
	// ErrRetriesExhausted: a 429 or 5xx persisted through every allowed
	// attempt, or Retry-After asked for a wait longer than MaxRetryWait.
	ErrRetriesExhausted = errors.New("connector: retries exhausted")
	// ErrResponse: a 2xx response body could not be decoded.
	ErrResponse = errors.New("connector: malformed response")
)

// StatusError describes a non-2xx answer. errors.Is(err, ErrStatus) holds
// for it; use errors.As to read the fields.
type StatusError struct {
	Method     string
	URL        string // scheme, host and path only
	StatusCode int
	// RetryAfter is the server's Retry-After, zero when absent.
	RetryAfter time.Duration
	// Code is the error code from the body when there is one: the Bot
	// Connector's error.code or the token endpoint's error (e.g.
	// "invalid_client"). Descriptions are not kept: they can echo input.
	Code string
}

func (e *StatusError) Error() string {
	s := fmt.Sprintf("connector: %s %s: HTTP %d", e.Method, e.URL, e.StatusCode)
	if e.Code != "" {
		s += " (" + e.Code + ")"
	}
	return s
}

// Is makes every StatusError match ErrStatus.
func (e *StatusError) Is(target error) bool { return target == ErrStatus }
