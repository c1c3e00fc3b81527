package bfauth

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"sync/atomic"
	"time"
)

// errRateLimited means a refresh was skipped because the previous attempt
// was too recent; it never leaves the package.
var errRateLimited = errors.New("key refresh rate-limited")

// keyCache holds the current key set and refreshes it: when older than
// refreshEvery, and when a token names a kid we do not know (key rotation).
// Refresh attempts of any cause are spaced by at least minRefresh so that a
// flood of tokens with random kids, or an unreachable endpoint, costs at
// most one fetch per minRefresh.
type keyCache struct {
	hc           *http.Client
	metadataURL  string
	now          func() time.Time
	refreshEvery time.Duration
	minRefresh   time.Duration
	maxAge       time.Duration
	fetchTimeout time.Duration

	current atomic.Pointer[keySet]
	// sem is a one-slot semaphore serialising refreshes; a channel rather
	// than a mutex so that waiting callers can give up on ctx.Done.
	sem         chan struct{}
	lastAttempt time.Time // guarded by sem
}

// key returns the signing key named kid, refreshing the set first when it
// is stale or does not contain kid.
func (c *keyCache) key(ctx context.Context, kid string) (*signingKey, error) {
	set := c.current.Load()
	if set == nil || c.now().Sub(set.fetchedAt) >= c.refreshEvery {
		fresh, err := c.refresh(ctx, set)
		switch {
		case err == nil:
			set = fresh
		case !c.usable(set):
			// Stale keys are served while the endpoint is down, but only up
			// to maxAge: past that a withdrawn key could stay trusted.
			return nil, fmt.Errorf("%w: %v", ErrKeysUnavailable, err)
		}
	}
	if k, ok := set.keys[kid]; ok {
		return k, nil
	}
	fresh, err := c.refresh(ctx, set)
	if err != nil {
		return nil, fmt.Errorf("%w: %v", ErrUnknownKey, err)
	}
	if k, ok := fresh.keys[kid]; ok {
		return k, nil
	}
	return nil, ErrUnknownKey
}

func (c *keyCache) usable(set *keySet) bool {
	return set != nil && c.now().Sub(set.fetchedAt) < c.maxAge
}

// refresh fetches a new key set unless another caller replaced seen while
// we waited (then that set is returned) or the last attempt is too recent.
func (c *keyCache) refresh(ctx context.Context, seen *keySet) (*keySet, error) {
	select {
	case c.sem <- struct{}{}:
	case <-ctx.Done():
		return nil, ctx.Err()
	}
	defer func() { <-c.sem }()

	if cur := c.current.Load(); cur != nil && cur != seen {
		return cur, nil
	}
	now := c.now()
	if !c.lastAttempt.IsZero() && now.Sub(c.lastAttempt) < c.minRefresh {
		return nil, errRateLimited
	}
	c.lastAttempt = now

	// Detached from the caller's cancellation: a client hanging up must not
	// abort a fetch that, being rate-limited, could not be retried soon.
	fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.fetchTimeout)
	defer cancel()
	set, err := fetchKeySet(fctx, c.hc, c.metadataURL, now)
	if err != nil {
		return nil, err
	}
	c.current.Store(set)
	return set, nil
}
