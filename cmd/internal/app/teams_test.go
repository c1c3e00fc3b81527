package app

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot/config"
)

func teamsApp(t *testing.T, env map[string]string) (*App, *bytes.Buffer) {
	t.Helper()
	env["IAGBOT_DB"] = filepath.Join(t.TempDir(), "a.db")
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	var logs bytes.Buffer
	a, err := New(context.Background(), cfg, Options{Log: slog.New(slog.NewTextHandler(&logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	return a, &logs
}

func postActivity(t *testing.T, h http.Handler, body string) int {
	t.Helper()
	srv := httptest.NewServer(h)
	defer srv.Close()
	resp, err := http.Post(srv.URL+"/api/messages", "application/json", strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	return resp.StatusCode
}

// TestTeamsRoute: authentication on with an app id; the emulator mode only on
// loopback, loudly; no route otherwise.
func TestTeamsRoute(t *testing.T) {
	var (
		mu      sync.Mutex
		replies []string
	)
	connector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		b, _ := io.ReadAll(r.Body)
		mu.Lock()
		replies = append(replies, r.Method+" "+r.URL.Path+" "+string(b))
		mu.Unlock()
		w.Write([]byte(`{"id":"1"}`))
	}))
	defer connector.Close()
	activity := `{"type":"message","id":"m1","channelId":"emulator","serviceUrl":"` + connector.URL + `",
		"from":{"id":"u1","name":"User"},"recipient":{"id":"b1"},"conversation":{"id":"c1"},"text":"aide"}`
	for _, tc := range []struct {
		name     string
		env      map[string]string
		want     int
		wantLog  string
		wantSent bool
	}{
		{"app id: tokens required", map[string]string{"MICROSOFT_APP_ID": "app", "MICROSOFT_APP_PASSWORD": "pw", "MICROSOFT_APP_TENANT_ID": "tenant"},
			http.StatusUnauthorized, "", false},
		{"no app id on loopback: emulator", map[string]string{"IAGBOT_ADDR": "127.0.0.1:3978"},
			http.StatusOK, "TEAMS AUTHENTICATION IS OFF", true},
		{"no app id on every interface: off", map[string]string{"IAGBOT_ADDR": ":3978"},
			http.StatusNotFound, "Teams channel off", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			mu.Lock()
			replies = nil
			mu.Unlock()
			a, logs := teamsApp(t, tc.env)
			if got := postActivity(t, a.Handler(), activity); got != tc.want {
				t.Errorf("status = %d, want %d", got, tc.want)
			}
			if tc.wantLog != "" && !strings.Contains(logs.String(), tc.wantLog) {
				t.Errorf("logs lack %q:\n%s", tc.wantLog, logs)
			}
			mu.Lock()
			sent := len(replies) > 0
			mu.Unlock()
			if sent != tc.wantSent {
				t.Errorf("reply sent = %v, want %v (%q)", sent, tc.wantSent, replies)
			}
		})
	}
}

// TestTeamsMessageRedeliveredAnsweredOnce: the engine records a message's key with
// its person, in the same operation; a message delivered again, at once, side by
// side or after a restart on the same database, is not answered again, and the log
// says so without the person's ids.
func TestTeamsMessageRedeliveredAnsweredOnce(t *testing.T) {
	var (
		mu      sync.Mutex
		replies int
	)
	connector := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			mu.Lock()
			replies++
			mu.Unlock()
		}
		w.Write([]byte(`{"id":"1"}`))
	}))
	defer connector.Close()
	activity := func(id string) string {
		return `{"type":"message","id":"` + id + `","channelId":"emulator","serviceUrl":"` + connector.URL + `",
		"from":{"id":"u1","name":"User"},"recipient":{"id":"b1"},"conversation":{"id":"c1"},"text":"aide"}`
	}
	env := map[string]string{"IAGBOT_ADDR": "127.0.0.1:3978"}
	a, logs := teamsApp(t, env)
	var wg sync.WaitGroup
	for range 3 {
		wg.Go(func() {
			if got := postActivity(t, a.Handler(), activity("m1")); got != http.StatusOK {
				t.Errorf("status = %d, want 200", got)
			}
		})
	}
	wg.Wait()
	if got := postActivity(t, a.Handler(), activity("m1")); got != http.StatusOK {
		t.Errorf("status = %d, want 200", got)
	}
	if got := postActivity(t, a.Handler(), activity("m2")); got != http.StatusOK {
		t.Errorf("status = %d, want 200", got)
	}
	// The same database after a restart: the key is in it, not only in memory.
	a.Close()
	cfg, err := config.Load(func(k string) string { return env[k] })
	if err != nil {
		t.Fatal(err)
	}
	b, err := New(context.Background(), cfg, Options{Log: slog.New(slog.NewTextHandler(logs, nil))})
	if err != nil {
		t.Fatal(err)
	}
	defer b.Close()
	if got := postActivity(t, b.Handler(), activity("m1")); got != http.StatusOK {
		t.Errorf("after a restart: status = %d, want 200", got)
	}
	mu.Lock()
	defer mu.Unlock()
	if replies != 2 {
		t.Errorf("%d replies to m1 delivered five times and m2 once, want 2", replies)
	}
	if n := strings.Count(logs.String(), "teams activity redelivered"); n != 4 {
		t.Errorf("%d redeliveries logged, want 4:\n%s", n, logs)
	}
	if strings.Contains(logs.String(), "u1") {
		t.Errorf("the log names the person:\n%s", logs)
	}
}
