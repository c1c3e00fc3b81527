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
