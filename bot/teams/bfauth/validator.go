// Package bfauth validates the JWT that the Bot Framework (Teams) sends in
// the Authorization header of every activity POSTed to the bot, following
// the Bot Framework "connector to bot" authentication spec: OpenID metadata
// and JWKS fetched, cached and refreshed; RS256 only; issuer, audience,
// expiry (with clock skew), serviceurl and key endorsements checked.
//
// A [Validator] is safe for concurrent use. It never logs token contents and
// never panics on any input; every failure is an error matching
// [ErrUnauthorized].
package bfauth

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"strings"
	"sync/atomic"
	"time"

	"github.com/golang-jwt/jwt/v4"
)

// Protocol constants and defaults.
const (
	// DefaultOpenIDMetadataURL is the public Bot Framework metadata document.
	DefaultOpenIDMetadataURL = "https://login.botframework.com/v1/.well-known/openidconfiguration"
	// Issuer is the only accepted iss claim.
	Issuer = "https://api.botframework.com"
	// Algorithm is the only accepted signing algorithm.
	Algorithm = "RS256"

	DefaultClockSkew          = 5 * time.Minute
	DefaultRefreshInterval    = 24 * time.Hour
	DefaultMinRefreshInterval = 30 * time.Second
	DefaultMaxKeyAge          = 5 * 24 * time.Hour
	DefaultFetchTimeout       = 10 * time.Second

	// MaxAuthHeaderBytes bounds the Authorization header we look at; real
	// Bot Framework tokens are around 2 KiB.
	MaxAuthHeaderBytes = 16 << 10
)

// Config configures a [Validator]. Only AppID is required.
type Config struct {
	// AppID is the bot's Microsoft app id (MICROSOFT_APP_ID), the required
	// audience. It must not be empty: running without authentication is
	// the HTTP handler's explicit decision, never a default of this package.
	AppID string
	// OpenIDMetadataURL defaults to DefaultOpenIDMetadataURL
	// (BOTFRAMEWORK_OPENID_METADATA_URL).
	OpenIDMetadataURL string
	// HTTPClient fetches metadata and keys. Default: a client with a
	// FetchTimeout timeout. Each fetch is also bounded by FetchTimeout.
	HTTPClient *http.Client
	// Now is the clock; default time.Now.
	Now func() time.Time
	// ClockSkew tolerated on exp and nbf; default DefaultClockSkew.
	ClockSkew time.Duration
	// RefreshInterval: age after which the key set is refetched.
	RefreshInterval time.Duration
	// MinRefreshInterval: minimum spacing between two fetch attempts, so
	// unknown kids or a failing endpoint cannot cause a fetch per request.
	MinRefreshInterval time.Duration
	// MaxKeyAge: a key set older than this is not used even if refreshing
	// fails (stale keys are served in between to ride out outages).
	MaxKeyAge time.Duration
	// FetchTimeout bounds one metadata+JWKS refresh.
	FetchTimeout time.Duration
}

// Validator checks Bot Framework bearer tokens. Create it with [New] once
// per process and share it: it owns the key cache.
type Validator struct {
	appID    string
	now      func() time.Time
	skew     time.Duration
	keys     *keyCache
	parser   *jwt.Parser
	verified verifiedTokens
	// header is the last JOSE header that passed checkHeader, with its kid: the Bot
	// Framework's tokens share a handful of headers, and decoding one (base64, JSON)
	// was most of the check of a token already verified.
	header atomic.Pointer[checkedHeader]
}

type checkedHeader struct{ seg, kid string }

// New returns a Validator, or an error wrapping ErrConfig. It does no I/O;
// keys are fetched on first use.
func New(cfg Config) (*Validator, error) {
	if strings.TrimSpace(cfg.AppID) == "" {
		return nil, fmt.Errorf("%w: AppID is required", ErrConfig)
	}
	if cfg.OpenIDMetadataURL == "" {
		cfg.OpenIDMetadataURL = DefaultOpenIDMetadataURL
	}
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&cfg.ClockSkew, DefaultClockSkew)
	def(&cfg.RefreshInterval, DefaultRefreshInterval)
	def(&cfg.MinRefreshInterval, DefaultMinRefreshInterval)
	def(&cfg.MaxKeyAge, DefaultMaxKeyAge)
	def(&cfg.FetchTimeout, DefaultFetchTimeout)
	if cfg.HTTPClient == nil {
		cfg.HTTPClient = &http.Client{Timeout: cfg.FetchTimeout}
	}
	if cfg.Now == nil {
		cfg.Now = time.Now
	}
	return &Validator{
		appID: cfg.AppID,
		now:   cfg.Now,
		skew:  cfg.ClockSkew,
		keys: &keyCache{
			hc: cfg.HTTPClient, metadataURL: cfg.OpenIDMetadataURL, now: cfg.Now,
			refreshEvery: cfg.RefreshInterval, minRefresh: cfg.MinRefreshInterval,
			maxAge: cfg.MaxKeyAge, fetchTimeout: cfg.FetchTimeout,
			sem: make(chan struct{}, 1),
		},
		parser: jwt.NewParser(jwt.WithValidMethods([]string{Algorithm}),
			jwt.WithJSONNumber(), jwt.WithoutClaimsValidation()),
	}, nil
}

// Validate checks authHeader ("Bearer <jwt>") for an activity received
// from channelID with serviceURL (the activity's channelId and serviceUrl,
// taken from the body the token came with). It returns the verified claims,
// or nil and an error matching ErrUnauthorized and one specific sentinel.
// It may fetch keys over the network; ctx bounds the wait for that.
func (v *Validator) Validate(ctx context.Context, authHeader, channelID, serviceURL string) (*Claims, error) {
	if ctx == nil { // tolerated rather than a panic deep in the key refresh
		ctx = context.Background()
	}
	if len(authHeader) > MaxAuthHeaderBytes {
		return nil, fmt.Errorf("%w: header too large", ErrMalformedToken)
	}
	raw, ok := bearerToken(authHeader)
	if !ok {
		return nil, ErrMissingToken
	}
	kid, err := v.checkHeader(raw)
	if err != nil {
		return nil, err
	}
	key, err := v.keys.key(ctx, kid)
	if err != nil {
		return nil, err
	}
	tc, seen := v.verified.get(raw, key, v.now())
	if !seen {
		_, err = v.parser.ParseWithClaims(raw, &tc, func(*jwt.Token) (any, error) { return key.pub, nil })
		if err != nil {
			if errors.Is(err, jwt.ErrTokenSignatureInvalid) {
				return nil, ErrSignature
			}
			return nil, ErrMalformedToken
		}
		v.verified.put(raw, key, tc, v.now())
	}
	if !key.endorses(channelID) {
		return nil, ErrEndorsement
	}
	return v.checkClaims(&tc, kid, channelID, serviceURL)
}

func (v *Validator) checkClaims(tc *tokenClaims, kid, channelID, serviceURL string) (*Claims, error) {
	if tc.Issuer != Issuer {
		return nil, ErrIssuer
	}
	if !contains(tc.Audience, v.appID) {
		return nil, ErrAudience
	}
	if tc.ExpiresAt == nil {
		return nil, ErrMissingExpiry
	}
	now := v.now()
	if now.After(tc.ExpiresAt.Add(v.skew)) {
		return nil, ErrExpired
	}
	if tc.NotBefore != nil && tc.NotBefore.After(now.Add(v.skew)) {
		return nil, ErrNotYetValid
	}
	if serviceURL == "" || tc.ServiceURL == nil || *tc.ServiceURL != serviceURL {
		return nil, ErrServiceURL
	}
	return &Claims{
		Issuer: tc.Issuer, AppID: v.appID, Audience: append([]string(nil), tc.Audience...),
		ServiceURL: serviceURL, ChannelID: channelID, KeyID: kid,
		ExpiresAt: tc.ExpiresAt.Time, NotBefore: dateOf(tc.NotBefore), IssuedAt: dateOf(tc.IssuedAt),
	}, nil
}

// bearerToken extracts the token from "Bearer <token>"; the scheme is
// case-insensitive (RFC 9110), surrounding spaces are ignored.
func bearerToken(h string) (string, bool) {
	h = strings.TrimSpace(h)
	const scheme = "bearer "
	if len(h) <= len(scheme) || !strings.EqualFold(h[:len(scheme)], scheme) {
		return "", false
	}
	tok := strings.TrimSpace(h[len(scheme):])
	return tok, tok != ""
}

// checkHeader validates the token's shape and JOSE header before any key
// lookup, so that tokens with a wrong algorithm or no kid never trigger a
// key refresh. It returns the kid. A header that passed before is not decoded
// again: the result depends on its bytes only.
func (v *Validator) checkHeader(raw string) (string, error) {
	seg, rest, ok := strings.Cut(raw, ".")
	payload, sig, ok2 := strings.Cut(rest, ".")
	if !ok || !ok2 || seg == "" || strings.Contains(sig, ".") {
		return "", ErrMalformedToken
	}
	if h := v.header.Load(); h != nil && h.seg == seg && payload != "" && sig != "" {
		return h.kid, nil
	}
	kid, err := checkHeader(seg, payload, sig)
	if err == nil {
		v.header.Store(&checkedHeader{seg: strings.Clone(seg), kid: kid})
	}
	return kid, err
}

// checkHeader checks the header segment seg of a token in three non-empty-headed
// parts and returns its kid.
func checkHeader(seg, payload, sig string) (string, error) {
	b, err := base64.RawURLEncoding.DecodeString(seg)
	if err != nil {
		return "", ErrMalformedToken
	}
	var h struct {
		Alg string `json:"alg"`
		Kid string `json:"kid"`
	}
	if err := json.Unmarshal(b, &h); err != nil {
		return "", ErrMalformedToken
	}
	if h.Alg != Algorithm {
		return "", ErrAlgorithm
	}
	// Checked after alg so that an unsigned (alg none) token is reported
	// as such.
	if payload == "" || sig == "" {
		return "", ErrMalformedToken
	}
	if h.Kid == "" {
		return "", fmt.Errorf("%w: no kid", ErrMalformedToken)
	}
	return h.Kid, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
