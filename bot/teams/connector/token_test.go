package connector

import (
	"context"
	"errors"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/infracloudio/msbotbuilder-go/schema"
)

// redirect sends every request over real HTTP to the fake server for its
// host (token or connector), recording the URL the client meant, so the
// derived login.microsoftonline.com URLs are checked without leaving the
// machine.
type redirect struct {
	token, conn *url.URL
	mu          sync.Mutex
	meant       []string
}

func (r *redirect) RoundTrip(req *http.Request) (*http.Response, error) {
	r.mu.Lock()
	r.meant = append(r.meant, req.URL.String())
	r.mu.Unlock()
	target := r.conn
	if strings.HasPrefix(req.URL.Host, "login.") {
		target = r.token
	}
	out := req.Clone(req.Context())
	out.URL.Scheme, out.URL.Host = target.Scheme, target.Host
	return http.DefaultTransport.RoundTrip(out)
}

func TestTokenEndpoint(t *testing.T) {
	tests := []struct {
		name     string
		tenant   string
		tokenURL string
		want     string
	}{
		{"multi-tenant default", "", "", "https://login.microsoftonline.com/botframework.com/oauth2/v2.0/token"},
		{"single tenant", "8f2c6b0e-1111-2222-3333-444455556666", "", "https://login.microsoftonline.com/8f2c6b0e-1111-2222-3333-444455556666/oauth2/v2.0/token"},
		{"override wins", "some-tenant", "https://login.example.test/custom/token", "https://login.example.test/custom/token"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			tok := newFakeServer(t, tokenReply)
			conn := newFakeServer(t, activityReply)
			tu, _ := url.Parse(tok.srv.URL)
			cu, _ := url.Parse(conn.srv.URL)
			rt := &redirect{token: tu, conn: cu}
			c, err := New(Config{AppID: testAppID, AppPassword: testSecret, TenantID: tc.tenant, TokenURL: tc.tokenURL,
				HTTPClient: &http.Client{Transport: rt, Timeout: 5 * time.Second}})
			if err != nil {
				t.Fatalf("New: %v", err)
			}
			id, err := c.SendActivity(context.Background(), "https://smba.example.test/emea/", "conv", schema.Activity{Type: schema.Message})
			if err != nil || id != "act-1" {
				t.Fatalf("SendActivity() = %q, %v; want act-1, nil", id, err)
			}
			if len(rt.meant) == 0 || rt.meant[0] != tc.want {
				t.Fatalf("token URL = %v, want %q first", rt.meant, tc.want)
			}
			form := tok.requests()[0].form
			for k, want := range map[string]string{"grant_type": "client_credentials", "client_id": testAppID,
				"client_secret": testSecret, "scope": "https://api.botframework.com/.default"} {
				if got := form.Get(k); got != want {
					t.Errorf("form %s = %q, want %q", k, got, want)
				}
			}
		})
	}
}

func TestTokenFetchedOnceForConcurrentSends(t *testing.T) {
	e := newEnv(t, nil)
	e.token.delay = 20 * time.Millisecond // keep the fetch in flight while others arrive
	const n = 50
	var wg sync.WaitGroup
	errs := make([]error, n)
	for i := 0; i < n; i++ {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			_, errs[i] = e.client.SendActivity(context.Background(), e.conn.srv.URL, "conv", schema.Activity{Type: schema.Message, Text: "hi"})
		}(i)
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Errorf("send %d: %v", i, err)
		}
	}
	if got := e.token.hits.Load(); got != 1 {
		t.Errorf("token endpoint hits = %d, want 1", got)
	}
	for _, r := range e.conn.requests() {
		if r.auth != "Bearer tok-1" {
			t.Fatalf("Authorization = %q, want %q", r.auth, "Bearer tok-1")
		}
	}
	if got := e.conn.hits.Load(); got != n {
		t.Errorf("connector hits = %d, want %d", got, n)
	}
}

func TestTokenRenewedBeforeExpiry(t *testing.T) {
	e := newEnv(t, nil)
	send := func() string {
		t.Helper()
		if _, err := e.client.SendActivity(context.Background(), e.conn.srv.URL, "conv", schema.Activity{Type: schema.Message}); err != nil {
			t.Fatalf("SendActivity: %v", err)
		}
		reqs := e.conn.requests()
		return reqs[len(reqs)-1].auth
	}
	steps := []struct {
		advance time.Duration
		want    string
	}{
		{0, "Bearer tok-1"},
		{54 * time.Minute, "Bearer tok-1"}, // 6 min left: still cached
		{2 * time.Minute, "Bearer tok-2"},  // 4 min left: within the 5 min margin
		{time.Minute, "Bearer tok-2"},
	}
	for i, s := range steps {
		e.clock.Advance(s.advance)
		if got := send(); got != s.want {
			t.Errorf("step %d: Authorization = %q, want %q", i, got, s.want)
		}
	}
}

func TestTokenErrors(t *testing.T) {
	tests := []struct {
		name     string
		script   []reply
		want     error
		wantCode string
	}{
		{"bad credentials", []reply{{status: 401, body: `{"error":"invalid_client","error_description":"AADSTS7000215: Invalid client secret provided."}`}}, ErrToken, "invalid_client"},
		{"not json", []reply{{status: 200, body: `<html>`}}, ErrResponse, ""},
		{"no expiry", []reply{{status: 200, body: `{"access_token":"x"}`}}, ErrResponse, ""},
		{"wrong type", []reply{{status: 200, body: `{"access_token":"x","token_type":"mac","expires_in":60}`}}, ErrResponse, ""},
		{"down then up", []reply{{status: 503}}, nil, ""},
		{"string expiry", []reply{{status: 200, body: `{"access_token":"x","token_type":"Bearer","expires_in":"3599"}`}}, nil, ""},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, nil)
			e.token.script(tc.script...)
			_, err := e.client.SendActivity(context.Background(), e.conn.srv.URL, "conv", schema.Activity{Type: schema.Message})
			if !errors.Is(err, tc.want) {
				t.Fatalf("SendActivity() error = %v, want %v", err, tc.want)
			}
			if err == nil {
				return
			}
			if !errors.Is(err, ErrToken) {
				t.Errorf("error %v does not match ErrToken", err)
			}
			if strings.Contains(err.Error(), testSecret) || strings.Contains(err.Error(), "AADSTS") {
				t.Errorf("error leaks secret or description: %v", err)
			}
			var se *StatusError
			if tc.wantCode != "" && (!errors.As(err, &se) || se.Code != tc.wantCode) {
				t.Errorf("StatusError = %+v, want code %q", se, tc.wantCode)
			}
			if got := e.conn.hits.Load(); got != 0 {
				t.Errorf("connector hits = %d, want 0 without a token", got)
			}
		})
	}
}
