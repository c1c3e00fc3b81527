package bfauth

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
	"github.com/golang-jwt/jwt/v4"
)

func validate(v *Validator, header string) error {
	_, err := v.Validate(context.Background(), header, testChannel, testServiceURL)
	return err
}

func wantHits(t *testing.T, ks *bftest.KeyServer, meta, jwks int32) {
	t.Helper()
	if got := ks.MetaHits.Load(); got != meta {
		t.Errorf("metadata hits = %d, want %d", got, meta)
	}
	if got := ks.JWKSHits.Load(); got != jwks {
		t.Errorf("jwks hits = %d, want %d", got, jwks)
	}
}

func TestKeysCachedAcrossRequests(t *testing.T) {
	k1 := servedKey(t, "k1")
	ks := bftest.NewKeyServer(t, k1)
	clk := bftest.NewClock(t0)
	v := newTestValidator(t, ks, clk)
	tok := bftest.Sign(t, jwt.SigningMethodRS256, k1.Priv, "k1", goodClaims(t0))
	for i := 0; i < 20; i++ {
		if err := validate(v, tok); err != nil {
			t.Fatalf("validation %d: error = %v, want nil", i, err)
		}
	}
	wantHits(t, ks, 1, 1)

	// After the daily refresh interval the set is fetched again, once.
	clk.Advance(DefaultRefreshInterval + time.Second)
	tok = bftest.Sign(t, jwt.SigningMethodRS256, k1.Priv, "k1", goodClaims(clk.Now()))
	for i := 0; i < 5; i++ {
		if err := validate(v, tok); err != nil {
			t.Fatalf("after refresh interval: error = %v, want nil", err)
		}
	}
	wantHits(t, ks, 2, 2)
}

func TestKeyRotation(t *testing.T) {
	k1 := servedKey(t, "k1")
	k2 := servedKey(t, "k2")
	ks := bftest.NewKeyServer(t, k1)
	clk := bftest.NewClock(t0)
	v := newTestValidator(t, ks, clk)
	rs := jwt.SigningMethodRS256

	if err := validate(v, bftest.Sign(t, rs, k1.Priv, "k1", goodClaims(t0))); err != nil {
		t.Fatalf("old key before rotation: error = %v, want nil", err)
	}
	// Rotation: the endpoint now publishes k2 only.
	ks.SetKeys(k2)
	clk.Advance(DefaultMinRefreshInterval + time.Second)
	tok2 := bftest.Sign(t, rs, k2.Priv, "k2", goodClaims(clk.Now()))
	if err := validate(v, tok2); err != nil {
		t.Fatalf("new key after rotation: error = %v, want nil", err)
	}
	wantHits(t, ks, 2, 2)

	// A flood of unknown kids right after costs no fetch at all.
	for i := 0; i < 100; i++ {
		err := validate(v, bftest.Sign(t, rs, k2.Priv, fmt.Sprintf("rand-%d", i), goodClaims(clk.Now())))
		if !errors.Is(err, ErrUnknownKey) {
			t.Fatalf("unknown kid %d: error = %v, want ErrUnknownKey", i, err)
		}
	}
	// The withdrawn key is rejected too.
	if err := validate(v, bftest.Sign(t, rs, k1.Priv, "k1", goodClaims(clk.Now()))); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("withdrawn key: error = %v, want ErrUnknownKey", err)
	}
	wantHits(t, ks, 2, 2)

	// Once the rate limit has passed, an unknown kid triggers one refetch.
	clk.Advance(DefaultMinRefreshInterval + time.Second)
	if err := validate(v, bftest.Sign(t, rs, k2.Priv, "k3", goodClaims(clk.Now()))); !errors.Is(err, ErrUnknownKey) {
		t.Fatalf("unknown kid after limit: error = %v, want ErrUnknownKey", err)
	}
	wantHits(t, ks, 3, 3)
}

func TestEndpointFailures(t *testing.T) {
	k1 := servedKey(t, "k1")
	ks := bftest.NewKeyServer(t, k1)
	ks.SetFailing(true)
	clk := bftest.NewClock(t0)
	v := newTestValidator(t, ks, clk)
	tok := func() string { return bftest.Sign(t, jwt.SigningMethodRS256, k1.Priv, "k1", goodClaims(clk.Now())) }

	for i := 0; i < 10; i++ {
		if err := validate(v, tok()); !errors.Is(err, ErrKeysUnavailable) {
			t.Fatalf("endpoint down at start: error = %v, want ErrKeysUnavailable", err)
		}
	}
	wantHits(t, ks, 1, 0) // rate-limited: one attempt only

	ks.SetFailing(false)
	clk.Advance(DefaultMinRefreshInterval)
	if err := validate(v, tok()); err != nil {
		t.Fatalf("endpoint back: error = %v, want nil", err)
	}

	// Down again past the refresh interval: stale keys keep working...
	ks.SetFailing(true)
	clk.Advance(DefaultRefreshInterval + time.Hour)
	if err := validate(v, tok()); err != nil {
		t.Fatalf("stale keys while down: error = %v, want nil", err)
	}
	// ...but not beyond the maximum key age.
	clk.Advance(DefaultMaxKeyAge)
	if err := validate(v, tok()); !errors.Is(err, ErrKeysUnavailable) {
		t.Fatalf("keys too old: error = %v, want ErrKeysUnavailable", err)
	}
}

func TestConcurrentValidations(t *testing.T) {
	k1 := servedKey(t, "k1")
	ks := bftest.NewKeyServer(t, k1)
	clk := bftest.NewClock(t0)
	v := newTestValidator(t, ks, clk)
	good := bftest.Sign(t, jwt.SigningMethodRS256, k1.Priv, "k1", goodClaims(t0))
	forged := bftest.Sign(t, jwt.SigningMethodRS256, bftest.RSAKey(t, "other"), "k1", goodClaims(t0))

	const n = 50
	errs := make([]error, n)
	var wg sync.WaitGroup
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			tok := good
			if i%5 == 4 {
				tok = forged
			}
			errs[i] = validate(v, tok)
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if i%5 == 4 {
			if !errors.Is(err, ErrSignature) {
				t.Errorf("goroutine %d (forged): error = %v, want ErrSignature", i, err)
			}
		} else if err != nil {
			t.Errorf("goroutine %d: error = %v, want nil", i, err)
		}
	}
	wantHits(t, ks, 1, 1)
}

func TestCancelledContextWhileWaiting(t *testing.T) {
	k1 := servedKey(t, "k1")
	ks := bftest.NewKeyServer(t, k1)
	v := newTestValidator(t, ks, bftest.NewClock(t0))
	// Hold the refresh slot so the caller has to wait, then cancel it.
	v.keys.sem <- struct{}{}
	defer func() { <-v.keys.sem }()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := v.Validate(ctx, bftest.Sign(t, jwt.SigningMethodRS256, k1.Priv, "k1", goodClaims(t0)), testChannel, testServiceURL)
	if !errors.Is(err, ErrKeysUnavailable) {
		t.Fatalf("cancelled wait: error = %v, want ErrKeysUnavailable", err)
	}
}

// TestVerifiedTokenStillChecked: a token seen before skips only its signature check;
// its claims are checked again on each use (another service URL, past its expiry),
// and once its key is rotated out it is refused.
func TestVerifiedTokenStillChecked(t *testing.T) {
	k1, k2 := servedKey(t, "k1"), servedKey(t, "k2")
	ks := bftest.NewKeyServer(t, k1)
	clk := bftest.NewClock(t0)
	v := newTestValidator(t, ks, clk)
	rs := jwt.SigningMethodRS256
	tok := bftest.Sign(t, rs, k1.Priv, "k1", goodClaims(t0))
	for i := range 2 {
		if err := validate(v, tok); err != nil {
			t.Fatalf("use %d: error = %v, want nil", i, err)
		}
	}
	if _, err := v.Validate(context.Background(), tok, testChannel, "https://elsewhere.example/"); !errors.Is(err, ErrServiceURL) {
		t.Errorf("again for another service URL: error = %v, want ErrServiceURL", err)
	}
	// Rotation: the endpoint publishes k2 only, learnt from a k2 token.
	ks.SetKeys(k2)
	clk.Advance(DefaultMinRefreshInterval + time.Second)
	if err := validate(v, bftest.Sign(t, rs, k2.Priv, "k2", goodClaims(clk.Now()))); err != nil {
		t.Fatalf("k2 token after rotation: error = %v, want nil", err)
	}
	if err := validate(v, tok); !errors.Is(err, ErrUnknownKey) {
		t.Errorf("k1 token verified before, k1 rotated out: error = %v, want ErrUnknownKey", err)
	}
	tok2 := bftest.Sign(t, rs, k2.Priv, "k2", goodClaims(clk.Now()))
	if err := validate(v, tok2); err != nil {
		t.Fatal(err)
	}
	clk.Advance(2 * time.Hour)
	if err := validate(v, tok2); !errors.Is(err, ErrExpired) {
		t.Errorf("verified token past its expiry: error = %v, want ErrExpired", err)
	}
}
