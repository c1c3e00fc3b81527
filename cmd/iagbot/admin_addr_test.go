package main

import (
	"context"
	"io"
	"net"
	"net/http"
	"path/filepath"
	"strings"
	"testing"
)

func freeAddr(t *testing.T) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return ln.Addr().String()
}

// TestServeAdminAddr: with IAGBOT_ADMIN_ADDR, /readyz and /metrics are served there
// and not on IAGBOT_ADDR, which keeps /healthz and the bot endpoints.
func TestServeAdminAddr(t *testing.T) {
	addr, admin := freeAddr(t), freeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan int, 1)
	go func() {
		env := newEnv(strings.NewReader(""), io.Discard, io.Discard, func(k string) string {
			return map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db"), "IAGBOT_ADDR": addr, "IAGBOT_ADMIN_ADDR": admin}[k]
		})
		done <- run(ctx, []string{"serve"}, env)
	}()
	defer func() {
		cancel()
		if code := <-done; code != 0 {
			t.Errorf("serve exit = %d", code)
		}
	}()
	if code, body := poll(t, "http://"+admin+"/readyz", func(code int, _ string) bool { return code == http.StatusOK }); code != http.StatusOK {
		t.Fatalf("admin /readyz = %d %q, want 200", code, body)
	}
	for _, tc := range []struct {
		url  string
		want int
	}{
		{"http://" + admin + "/metrics", http.StatusOK},
		{"http://" + addr + "/healthz", http.StatusOK},
		{"http://" + addr + "/readyz", http.StatusNotFound},
		{"http://" + addr + "/metrics", http.StatusNotFound},
	} {
		if code, _ := poll(t, tc.url, func(int, string) bool { return true }); code != tc.want {
			t.Errorf("GET %s = %d, want %d", tc.url, code, tc.want)
		}
	}
}
