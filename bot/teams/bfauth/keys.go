package bfauth

import (
	"context"
	"crypto/rsa"
	"crypto/x509"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math/big"
	"net/http"
	"net/url"
	"strings"
	"time"
)

// maxDocBytes caps the metadata and JWKS documents we read: the real ones
// are a few KiB, and an unbounded read would let a broken or hostile
// endpoint exhaust memory.
const maxDocBytes = 1 << 20

// minRSABits rejects toy keys even if the metadata endpoint serves them.
const minRSABits = 2048

// signingKey is one usable RSA key from the JWKS.
type signingKey struct {
	pub          *rsa.PublicKey
	endorsements []string // channel ids; empty means "any channel"
}

// endorses reports whether the key may sign tokens for channelID. Keys
// without endorsements are accepted for every channel, as the Bot Framework
// spec only requires the check when the key lists endorsements.
func (k *signingKey) endorses(channelID string) bool {
	if len(k.endorsements) == 0 {
		return true
	}
	for _, e := range k.endorsements {
		if e == channelID {
			return true
		}
	}
	return false
}

// keySet is an immutable snapshot of the JWKS; it is replaced, never
// mutated, so readers need no lock.
type keySet struct {
	keys      map[string]*signingKey
	fetchedAt time.Time
}

type openIDMetadata struct {
	JWKSURI string `json:"jwks_uri"`
}

type jwk struct {
	Kty          string   `json:"kty"`
	Use          string   `json:"use"`
	Kid          string   `json:"kid"`
	N            string   `json:"n"`
	E            string   `json:"e"`
	X5c          []string `json:"x5c"`
	Endorsements []string `json:"endorsements"`
}

// fetchKeySet downloads the OpenID metadata, then the JWKS it points to.
func fetchKeySet(ctx context.Context, hc *http.Client, metadataURL string, now time.Time) (*keySet, error) {
	var meta openIDMetadata
	if err := getJSON(ctx, hc, metadataURL, &meta); err != nil {
		return nil, fmt.Errorf("openid metadata: %w", err)
	}
	ju, err := url.Parse(meta.JWKSURI)
	if err != nil || ju.Host == "" || (ju.Scheme != "https" && ju.Scheme != "http") {
		return nil, errors.New("openid metadata: invalid jwks_uri")
	}
	// An https metadata document must not send us to plain http for keys.
	if strings.HasPrefix(metadataURL, "https:") && ju.Scheme != "https" {
		return nil, errors.New("openid metadata: jwks_uri downgrades to http")
	}
	var doc struct {
		Keys []jwk `json:"keys"`
	}
	if err := getJSON(ctx, hc, ju.String(), &doc); err != nil {
		return nil, fmt.Errorf("jwks: %w", err)
	}
	set := &keySet{keys: make(map[string]*signingKey, len(doc.Keys)), fetchedAt: now}
	for _, k := range doc.Keys {
		// Skip keys we cannot use instead of failing the whole set: one odd
		// key must not take authentication down.
		if k.Kid == "" || k.Kty != "RSA" || (k.Use != "" && k.Use != "sig") {
			continue
		}
		pub, err := k.rsaKey()
		if err != nil {
			continue
		}
		set.keys[k.Kid] = &signingKey{pub: pub, endorsements: k.Endorsements}
	}
	if len(set.keys) == 0 {
		return nil, errors.New("jwks: no usable RSA signing key")
	}
	return set, nil
}

// rsaKey builds the public key from n/e, falling back to the first x5c
// certificate when n/e are absent.
func (k *jwk) rsaKey() (*rsa.PublicKey, error) {
	var pub *rsa.PublicKey
	switch {
	case k.N != "" && k.E != "":
		n, err := b64uint(k.N)
		if err != nil {
			return nil, err
		}
		e, err := b64uint(k.E)
		if err != nil {
			return nil, err
		}
		if !e.IsInt64() || e.Int64() < 3 || e.Int64() > 1<<31-1 {
			return nil, errors.New("bad exponent")
		}
		pub = &rsa.PublicKey{N: n, E: int(e.Int64())}
	case len(k.X5c) > 0:
		der, err := base64.StdEncoding.DecodeString(k.X5c[0])
		if err != nil {
			return nil, err
		}
		cert, err := x509.ParseCertificate(der)
		if err != nil {
			return nil, err
		}
		p, ok := cert.PublicKey.(*rsa.PublicKey)
		if !ok {
			return nil, errors.New("x5c is not RSA")
		}
		pub = p
	default:
		return nil, errors.New("no key material")
	}
	if pub.N.BitLen() < minRSABits {
		return nil, errors.New("key too small")
	}
	return pub, nil
}

// b64uint decodes a base64url big-endian unsigned integer, tolerating the
// padding some publishers add.
func b64uint(s string) (*big.Int, error) {
	b, err := base64.RawURLEncoding.DecodeString(strings.TrimRight(s, "="))
	if err != nil || len(b) == 0 {
		return nil, errors.New("bad base64url integer")
	}
	return new(big.Int).SetBytes(b), nil
}

func getJSON(ctx context.Context, hc *http.Client, u string, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	req.Header.Set("Accept", "application/json")
	resp, err := hc.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		_, _ = io.Copy(io.Discard, io.LimitReader(resp.Body, maxDocBytes))
		return fmt.Errorf("unexpected HTTP status %d", resp.StatusCode)
	}
	body, err := io.ReadAll(io.LimitReader(resp.Body, maxDocBytes+1))
	if err != nil {
		return err
	}
	if len(body) > maxDocBytes {
		return errors.New("document too large")
	}
	return json.Unmarshal(body, v)
}
