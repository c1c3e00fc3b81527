package connector

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
	"sync"
	"time"

	"golang.org/x/sync/singleflight"
)

// tokenSource obtains the bot's app token by OAuth2 client credentials and
// caches it until RefreshMargin before it expires. Concurrent callers that
// find no valid token share one request to the token endpoint.
type tokenSource struct {
	c        *Client
	tokenURL *url.URL
	form     string // url-encoded request body; holds the secret, never logged

	mu        sync.Mutex
	tok       string
	refreshAt time.Time
	group     singleflight.Group
}

func newTokenSource(c *Client, tokenURL *url.URL, appID, password, scope string) *tokenSource {
	form := url.Values{
		"grant_type":    {"client_credentials"},
		"client_id":     {appID},
		"client_secret": {password},
		"scope":         {scope},
	}
	return &tokenSource{c: c, tokenURL: tokenURL, form: form.Encode()}
}

// token returns a valid app token, fetching one if needed. The fetch is
// detached from ctx, because other callers may be waiting on it, but ctx
// still bounds how long this caller waits.
func (ts *tokenSource) token(ctx context.Context) (string, error) {
	ts.mu.Lock()
	tok, fresh := ts.tok, ts.c.now().Before(ts.refreshAt)
	ts.mu.Unlock()
	if tok != "" && fresh {
		return tok, nil
	}
	ch := ts.group.DoChan("token", func() (any, error) {
		return ts.fetch(context.WithoutCancel(ctx))
	})
	select {
	case res := <-ch:
		if res.Err != nil {
			return "", res.Err
		}
		return res.Val.(string), nil
	case <-ctx.Done():
		return "", fmt.Errorf("%w: %w", ErrToken, ctx.Err())
	}
}

// invalidate forgets tok if it is still the cached token (a 401 suggests
// it was revoked); a newer token fetched meanwhile is kept.
func (ts *tokenSource) invalidate(tok string) {
	ts.mu.Lock()
	defer ts.mu.Unlock()
	if ts.tok == tok {
		ts.tok, ts.refreshAt = "", time.Time{}
	}
}

func (ts *tokenSource) fetch(ctx context.Context) (string, error) {
	// Another caller may have stored a token between our check and the
	// start of this flight.
	ts.mu.Lock()
	if ts.tok != "" && ts.c.now().Before(ts.refreshAt) {
		tok := ts.tok
		ts.mu.Unlock()
		return tok, nil
	}
	ts.mu.Unlock()

	start := ts.c.now()
	resp, err := ts.c.do(ctx, request{
		method: "POST", url: ts.tokenURL, body: []byte(ts.form),
		contentType: "application/x-www-form-urlencoded",
	})
	if err != nil {
		return "", fmt.Errorf("%w: %w", ErrToken, err)
	}
	var body struct {
		AccessToken string      `json:"access_token"`
		TokenType   string      `json:"token_type"`
		ExpiresIn   json.Number `json:"expires_in"` // number, or a numeric string
	}
	if err := json.Unmarshal(resp.body, &body); err != nil {
		return "", fmt.Errorf("%w: %w: token response is not JSON", ErrToken, ErrResponse)
	}
	secs, err := body.ExpiresIn.Int64()
	if body.AccessToken == "" || err != nil || secs <= 0 ||
		(body.TokenType != "" && !strings.EqualFold(body.TokenType, "Bearer")) {
		return "", fmt.Errorf("%w: %w: token response lacks a bearer token or expires_in", ErrToken, ErrResponse)
	}
	life := time.Duration(min(secs, int64((48*time.Hour).Seconds()))) * time.Second
	// Renew RefreshMargin early, or half-way for unusually short tokens, so
	// that a token never expires between our check and the service's.
	margin := min(ts.c.refreshMargin, life/2)
	ts.mu.Lock()
	ts.tok, ts.refreshAt = body.AccessToken, start.Add(life-margin)
	ts.mu.Unlock()
	return body.AccessToken, nil
}
