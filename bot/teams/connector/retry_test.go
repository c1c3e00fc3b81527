package connector

import (
	"context"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"reflect"
	"testing"
	"time"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

func TestRetries(t *testing.T) {
	dateIn20s := t0.Add(20 * time.Second).Format(http.TimeFormat)
	tests := []struct {
		name       string
		script     []reply
		wantErr    error // nil: success
		wantHits   int32
		wantWaits  []time.Duration
		wantStatus int // StatusError code when wantErr != nil
		wantTokens int32
	}{
		{name: "429 with Retry-After seconds then success",
			script:   []reply{{status: 429, header: map[string]string{"Retry-After": "7"}}},
			wantHits: 2, wantWaits: []time.Duration{7 * time.Second}, wantTokens: 1},
		{name: "429 with Retry-After date then success",
			script:   []reply{{status: 429, header: map[string]string{"Retry-After": dateIn20s}}},
			wantHits: 2, wantWaits: []time.Duration{20 * time.Second}, wantTokens: 1},
		{name: "500 twice then success (backoff)",
			script:   []reply{{status: 500}, {status: 502}},
			wantHits: 3, wantWaits: []time.Duration{500 * time.Millisecond, time.Second}, wantTokens: 1},
		{name: "retry cap reached",
			script:  []reply{{status: 503}, {status: 503}, {status: 503}, {status: 503}, {status: 503}},
			wantErr: ErrRetriesExhausted, wantStatus: 503, wantHits: 4, wantTokens: 1,
			wantWaits: []time.Duration{500 * time.Millisecond, time.Second, 2 * time.Second}},
		{name: "Retry-After beyond the cap is not waited",
			script:  []reply{{status: 429, header: map[string]string{"Retry-After": "3600"}}},
			wantErr: ErrRetriesExhausted, wantStatus: 429, wantHits: 1, wantTokens: 1},
		{name: "400 is not retried",
			script:  []reply{{status: 400, body: `{"error":{"code":"BadArgument","message":"x"}}`}},
			wantErr: ErrStatus, wantStatus: 400, wantHits: 1, wantTokens: 1},
		{name: "404 is not retried",
			script:  []reply{{status: 404}},
			wantErr: ErrStatus, wantStatus: 404, wantHits: 1, wantTokens: 1},
		{name: "401 refetches the token once",
			script:   []reply{{status: 401}},
			wantHits: 2, wantTokens: 2},
		{name: "401 twice fails",
			script:  []reply{{status: 401}, {status: 401}},
			wantErr: ErrStatus, wantStatus: 401, wantHits: 2, wantTokens: 2},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, nil)
			e.conn.script(tc.script...)
			id, err := e.client.SendActivity(context.Background(), e.conn.srv.URL, "conv", schema.Activity{Type: schema.Message, Text: "hi"})
			if tc.wantErr == nil {
				if err != nil || id == "" {
					t.Fatalf("SendActivity() = %q, %v; want an id and nil", id, err)
				}
			} else {
				if !errors.Is(err, tc.wantErr) {
					t.Fatalf("SendActivity() error = %v, want %v", err, tc.wantErr)
				}
				var se *StatusError
				if !errors.As(err, &se) || se.StatusCode != tc.wantStatus {
					t.Fatalf("StatusError = %+v, want status %d", se, tc.wantStatus)
				}
			}
			if got := e.conn.hits.Load(); got != tc.wantHits {
				t.Errorf("connector hits = %d, want %d", got, tc.wantHits)
			}
			if got := e.token.hits.Load(); got != tc.wantTokens {
				t.Errorf("token hits = %d, want %d", got, tc.wantTokens)
			}
			if got := e.sleeps.got(); !reflect.DeepEqual(got, tc.wantWaits) {
				t.Errorf("waits = %v, want %v", got, tc.wantWaits)
			}
		})
	}
}

func TestRetryHonoursCancellation(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	e := newEnv(t, func(c *Config) {
		// The caller gives up while the client waits to retry.
		c.Sleep = func(ctx context.Context, d time.Duration) error { cancel(); return sleepCtx(ctx, d) }
	})
	e.conn.script(reply{status: 503, header: map[string]string{"Retry-After": "10"}})
	_, err := e.client.SendActivity(ctx, e.conn.srv.URL, "conv", schema.Activity{Type: schema.Message})
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("SendActivity() error = %v, want context.Canceled", err)
	}
	if got := e.conn.hits.Load(); got != 1 {
		t.Errorf("connector hits = %d, want 1", got)
	}
}

func TestParseRetryAfter(t *testing.T) {
	tests := []struct {
		in   string
		want time.Duration
	}{
		{"", 0}, {"0", 0}, {"-5", 0}, {"12", 12 * time.Second}, {" 3 ", 3 * time.Second},
		{"99999999999999", 24 * time.Hour}, {"soon", 0},
		{t0.Add(90 * time.Second).Format(http.TimeFormat), 90 * time.Second},
		{t0.Add(-time.Minute).Format(http.TimeFormat), 0},
	}
	for _, tc := range tests {
		t.Run(tc.in, func(t *testing.T) {
			if got := parseRetryAfter(tc.in, t0); got != tc.want {
				t.Errorf("parseRetryAfter(%q) = %v, want %v", tc.in, got, tc.want)
			}
		})
	}
}

func TestRequestTimeout(t *testing.T) {
	block := make(chan struct{})
	slow := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		select {
		case <-block:
		case <-r.Context().Done():
		}
	}))
	t.Cleanup(slow.Close)
	defer close(block)
	e := newEnv(t, func(c *Config) { c.RequestTimeout = 50 * time.Millisecond })
	// Without a deadline of the caller's, or with a later one, the attempt's own cuts
	// it short; a sooner one of the caller's (a turn's) serves as the attempt's.
	for _, callerTimeout := range []time.Duration{0, time.Minute, 20 * time.Millisecond} {
		ctx := context.Background()
		if callerTimeout > 0 {
			var cancel context.CancelFunc
			ctx, cancel = context.WithTimeout(ctx, callerTimeout)
			defer cancel()
		}
		start := time.Now()
		_, err := e.client.SendActivity(ctx, slow.URL, "conv", schema.Activity{Type: schema.Message})
		var ne net.Error
		if !errors.As(err, &ne) || !ne.Timeout() {
			t.Errorf("caller's timeout %v: SendActivity() error = %v, want a timeout", callerTimeout, err)
		}
		if took := time.Since(start); took > 5*time.Second {
			t.Errorf("caller's timeout %v: gave up after %v", callerTimeout, took)
		}
	}
}
