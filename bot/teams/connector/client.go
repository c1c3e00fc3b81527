// Package connector is the bot's outbound Bot Connector (Teams) client: it
// sends, updates and deletes activities and creates conversations, with an
// app token obtained by client credentials (tenant-specific for single
// tenant bots), cached and renewed before expiry, per-attempt timeouts,
// and bounded retries on 429/5xx honouring Retry-After.
//
// Activities are msbotbuilder-go's schema, serialised with
// [MarshalActivity]. A Client is safe for concurrent use.
package connector

import (
	"context"
	"fmt"
	"net"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// Defaults for Config.
const (
	DefaultScope          = "https://api.botframework.com/.default"
	DefaultLoginBase      = "https://login.microsoftonline.com/"
	DefaultTenant         = "botframework.com" // multi-tenant bots
	DefaultRequestTimeout = 30 * time.Second
	DefaultMaxAttempts    = 4
	DefaultBaseBackoff    = 500 * time.Millisecond
	DefaultMaxRetryWait   = 30 * time.Second
	DefaultRefreshMargin  = 5 * time.Minute
)

// Config configures a Client. All fields are optional except that
// AppPassword requires AppID.
type Config struct {
	// AppID and AppPassword are the bot's credentials (MICROSOFT_APP_ID,
	// MICROSOFT_APP_PASSWORD). An empty AppID makes the client
	// unauthenticated: no token is fetched and no Authorization header is
	// sent, which is what the Bot Framework Emulator expects without an app
	// id. Whether that mode is allowed is the caller's decision.
	AppID, AppPassword string
	// TenantID (MICROSOFT_APP_TENANT_ID) selects the token endpoint
	// https://login.microsoftonline.com/{TenantID}/oauth2/v2.0/token;
	// empty means the botframework.com tenant (multi-tenant bots).
	TenantID string
	// TokenURL (BOTFRAMEWORK_TOKEN_URL) overrides the endpoint above. It
	// must be https, or http to a loopback host (tests, local mocks).
	TokenURL string
	// Scope defaults to DefaultScope.
	Scope string
	// HTTPClient's Transport sends every request (http.DefaultTransport when nil);
	// its Timeout, redirects and cookie jar are not used: each attempt is bounded by
	// RequestTimeout. Default: a transport keeping idle connections to the hosts.
	HTTPClient *http.Client
	// RequestTimeout bounds one HTTP attempt, body included.
	RequestTimeout time.Duration
	// MaxAttempts is the total attempts for a 429/5xx answer, first
	// included (1 disables retries). Default DefaultMaxAttempts.
	MaxAttempts int
	// BaseBackoff is the first wait when no Retry-After is given; it
	// doubles per attempt up to MaxRetryWait.
	BaseBackoff time.Duration
	// MaxRetryWait caps one wait. A longer Retry-After ends the retries
	// with ErrRetriesExhausted (the StatusError carries RetryAfter).
	MaxRetryWait time.Duration
	// RefreshMargin: the token is renewed this long before it expires.
	RefreshMargin time.Duration
	// Now is the clock (token expiry, Retry-After dates); default time.Now.
	Now func() time.Time
	// Sleep waits between retries; it must return ctx.Err() if ctx ends
	// first. Default: a timer. Tests inject a recorder.
	Sleep func(ctx context.Context, d time.Duration) error
}

// Client talks to the Bot Connector service. Create it with New.
type Client struct {
	hc             *http.Client
	tokens         *tokenSource // nil when unauthenticated
	requestTimeout time.Duration
	maxAttempts    int
	baseBackoff    time.Duration
	maxRetryWait   time.Duration
	refreshMargin  time.Duration
	now            func() time.Time
	sleep          func(context.Context, time.Duration) error
}

// New validates cfg, applies defaults and returns a Client; it does no I/O.
// Errors wrap ErrConfig.
func New(cfg Config) (*Client, error) {
	if cfg.AppID == "" && cfg.AppPassword != "" {
		return nil, fmt.Errorf("%w: AppPassword without AppID", ErrConfig)
	}
	if cfg.MaxAttempts < 0 {
		return nil, fmt.Errorf("%w: negative MaxAttempts", ErrConfig)
	}
	c := &Client{
		hc: cfg.HTTPClient, requestTimeout: orDefault(cfg.RequestTimeout, DefaultRequestTimeout),
		maxAttempts: cfg.MaxAttempts, baseBackoff: orDefault(cfg.BaseBackoff, DefaultBaseBackoff),
		maxRetryWait:  orDefault(cfg.MaxRetryWait, DefaultMaxRetryWait),
		refreshMargin: orDefault(cfg.RefreshMargin, DefaultRefreshMargin),
		now:           cfg.Now, sleep: cfg.Sleep,
	}
	if c.hc == nil {
		// Replies all go to a few Bot Connector hosts: keep enough idle connections to
		// them that a busy bot reuses connections instead of opening one per reply.
		tr := http.DefaultTransport.(*http.Transport).Clone()
		tr.MaxIdleConnsPerHost = 64
		c.hc = &http.Client{Transport: tr}
	}
	if c.maxAttempts == 0 {
		c.maxAttempts = DefaultMaxAttempts
	}
	if c.now == nil {
		c.now = time.Now
	}
	if c.sleep == nil {
		c.sleep = sleepCtx
	}
	if cfg.AppID == "" {
		return c, nil
	}
	raw := cfg.TokenURL
	if raw == "" {
		tenant := cfg.TenantID
		if tenant == "" {
			tenant = DefaultTenant
		}
		raw = DefaultLoginBase + url.PathEscape(tenant) + "/oauth2/v2.0/token"
	}
	tu, err := url.Parse(raw)
	if err != nil || tu.Host == "" || !secureTarget(tu) {
		return nil, fmt.Errorf("%w: token URL must be https (or http to loopback)", ErrConfig)
	}
	scope := cfg.Scope
	if scope == "" {
		scope = DefaultScope
	}
	c.tokens = newTokenSource(c, tu, cfg.AppID, cfg.AppPassword, scope)
	return c, nil
}

// Authenticated reports whether the client sends an app token (AppID set).
func (c *Client) Authenticated() bool { return c.tokens != nil }

func (c *Client) sendJSON(ctx context.Context, method string, target *url.URL, v any) (*response, error) {
	body, err := MarshalPruned(v)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrInvalidArgument, err)
	}
	return c.call(ctx, request{method: method, url: target, body: body, contentType: "application/json"})
}

// call sends an application request, authenticated when the client is.
func (c *Client) call(ctx context.Context, r request) (*response, error) {
	if r.url == nil || r.url.Host == "" || (r.url.Scheme != "https" && r.url.Scheme != "http") {
		return nil, fmt.Errorf("%w: service URL must be absolute http(s)", ErrInvalidArgument)
	}
	if ctx == nil { // tolerated rather than a panic in context.WithTimeout
		ctx = context.Background()
	}
	r.authed = c.tokens != nil
	if r.authed && !secureTarget(r.url) {
		return nil, fmt.Errorf("%w: %s", ErrInsecureURL, redact(r.url))
	}
	return c.do(ctx, r)
}

// secureTarget: https anywhere, plain http only to loopback.
func secureTarget(u *url.URL) bool {
	if u.Scheme == "https" {
		return true
	}
	if u.Scheme != "http" {
		return false
	}
	host := u.Hostname()
	if strings.EqualFold(host, "localhost") {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func orDefault(d, def time.Duration) time.Duration {
	if d <= 0 {
		return def
	}
	return d
}
