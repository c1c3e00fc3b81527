package connector

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"
)

// maxBodyBytes caps what we read from any response: connector answers are
// tiny, and a broken proxy must not make us buffer gigabytes.
const maxBodyBytes = 1 << 20

// request is one logical call; body is kept as bytes so every attempt can
// resend it.
type request struct {
	method      string
	url         *url.URL
	body        []byte
	contentType string
	authed      bool // attach the app token
}

type response struct {
	status int
	header http.Header
	body   []byte
}

// do performs r with retries: 429 and 5xx are retried up to MaxAttempts
// attempts in total, waiting Retry-After when the server sends one (an
// integer of seconds or an HTTP date) and exponential backoff otherwise. A
// 401 on an authenticated call drops the cached token and is retried once
// at once, in case the token was revoked early. Transport errors are not
// retried: a POST may have been delivered and a retry would duplicate it.
func (c *Client) do(ctx context.Context, r request) (*response, error) {
	retried401 := false
	for attempt := 1; ; attempt++ {
		resp, tok, err := c.attempt(ctx, r)
		if err != nil {
			return nil, err
		}
		if resp.status >= 200 && resp.status < 300 {
			return resp, nil
		}
		se := statusError(r, resp, c.now())
		if resp.status == http.StatusUnauthorized && r.authed && tok != "" && !retried401 {
			c.tokens.invalidate(tok)
			retried401 = true
			continue
		}
		if resp.status != http.StatusTooManyRequests && resp.status < 500 {
			return nil, se
		}
		if attempt >= c.maxAttempts {
			return nil, fmt.Errorf("%w after %d attempts: %w", ErrRetriesExhausted, attempt, se)
		}
		wait := c.backoff(attempt)
		if se.RetryAfter > 0 {
			wait = se.RetryAfter
		}
		if wait > c.maxRetryWait {
			return nil, fmt.Errorf("%w: Retry-After %s exceeds %s: %w", ErrRetriesExhausted, wait, c.maxRetryWait, se)
		}
		if err := c.sleep(ctx, wait); err != nil {
			return nil, fmt.Errorf("connector: %s %s: %w", r.method, redact(r.url), err)
		}
	}
}

// attempt sends r once under RequestTimeout and reads the whole body, so
// the per-attempt context can be cancelled on return.
func (c *Client) attempt(ctx context.Context, r request) (*response, string, error) {
	var tok string
	if r.authed {
		var err error
		if tok, err = c.tokens.token(ctx); err != nil {
			return nil, "", err
		}
	}
	// The one deadline of the attempt: the transport has none (roundTrip). A turn's
	// reply comes with a sooner deadline of its own (the turn's), which then serves:
	// another context, its timer and its place among the turn's children cost more
	// than the request's own allocations.
	actx := ctx
	if dl, ok := ctx.Deadline(); !ok || time.Until(dl) > c.requestTimeout {
		var cancel context.CancelFunc
		actx, cancel = context.WithTimeout(ctx, c.requestTimeout)
		defer cancel()
	}
	// The URL is built already: the request takes it as it is rather than its text
	// parsed again ("" parses to an empty URL, replaced at once).
	req, err := http.NewRequestWithContext(actx, r.method, "", bytes.NewReader(r.body))
	if err != nil {
		return nil, "", fmt.Errorf("%w: %v", ErrInvalidArgument, err)
	}
	req.URL, req.Host = r.url, r.url.Host
	if r.body != nil {
		req.Header.Set("Content-Type", r.contentType)
	}
	req.Header.Set("Accept", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	resp, err := c.roundTrip(req)
	if err != nil {
		// *url.Error would print the full URL; keep only the cause.
		var cause error = err
		if ue, ok := err.(*url.Error); ok {
			cause = ue.Err
		}
		return nil, "", fmt.Errorf("connector: %s %s: %w", r.method, redact(r.url), cause)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxBodyBytes))
	if err != nil {
		return nil, "", fmt.Errorf("connector: %s %s: reading body: %w", r.method, redact(r.url), err)
	}
	return &response{status: resp.StatusCode, header: resp.Header, body: body}, tok, nil
}

// roundTrip sends req through the HTTP client's transport. Neither the Bot Connector
// nor the token endpoint redirects or sets cookies, and the attempt's context carries
// the timeout: what http.Client adds on top (a copy of the headers for redirects, a
// second deadline) was work on every reply for nothing. A redirect is an error status
// here.
func (c *Client) roundTrip(req *http.Request) (*http.Response, error) {
	rt := c.hc.Transport
	if rt == nil {
		rt = http.DefaultTransport
	}
	return rt.RoundTrip(req)
}

// backoff is BaseBackoff doubled per attempt, capped at MaxRetryWait.
func (c *Client) backoff(attempt int) time.Duration {
	d := c.baseBackoff
	for i := 1; i < attempt && d < c.maxRetryWait; i++ {
		d *= 2
	}
	return min(d, c.maxRetryWait)
}

func statusError(r request, resp *response, now time.Time) *StatusError {
	se := &StatusError{Method: r.method, URL: redact(r.url), StatusCode: resp.status}
	se.RetryAfter = parseRetryAfter(resp.header.Get("Retry-After"), now)
	// Bot Connector: {"error":{"code":"..."}}; token endpoint: {"error":"..."}.
	var body struct {
		Error json.RawMessage `json:"error"`
	}
	if json.Unmarshal(resp.body, &body) == nil && len(body.Error) > 0 {
		var code string
		var obj struct {
			Code string `json:"code"`
		}
		if json.Unmarshal(body.Error, &code) == nil {
			se.Code = code
		} else if json.Unmarshal(body.Error, &obj) == nil {
			se.Code = obj.Code
		}
	}
	if len(se.Code) > 100 {
		se.Code = se.Code[:100]
	}
	return se
}

// parseRetryAfter returns the wait asked by a Retry-After header value, or
// 0 when absent or unparseable. A date in the past means "now": 0 too.
func parseRetryAfter(v string, now time.Time) time.Duration {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0
	}
	if secs, err := strconv.ParseInt(v, 10, 64); err == nil {
		if secs <= 0 {
			return 0
		}
		if secs > int64((24 * time.Hour).Seconds()) {
			secs = int64((24 * time.Hour).Seconds()) // avoids Duration overflow
		}
		return time.Duration(secs) * time.Second
	}
	if t, err := http.ParseTime(v); err == nil && t.After(now) {
		return t.Sub(now)
	}
	return 0
}

// redact drops query and user info from u for error messages.
func redact(u *url.URL) string {
	if u == nil {
		return ""
	}
	return (&url.URL{Scheme: u.Scheme, Host: u.Host, Path: u.Path}).String()
}

// sleepCtx waits d or until ctx is done.
func sleepCtx(ctx context.Context, d time.Duration) error {
	if d <= 0 {
		return ctx.Err()
	}
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-t.C:
		return nil
	case <-ctx.Done():
		return ctx.Err()
	}
}
