package slack_test

import (
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	slackbot "github.com/cssdgs/iagbot/bot/slack"
)

// A busy bot's Web API calls reuse their connections: with Go's default of two idle
// connections per host, nearly every call of a round of concurrent ones opened a new one.
func TestHTTPClientReusesConnections(t *testing.T) {
	var opened atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.WriteString(w, `{"ok":true}`)
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	hc := slackbot.NewHTTPClient(5 * time.Second)
	const concurrent, rounds = 32, 4
	for range rounds {
		var wg sync.WaitGroup
		for range concurrent {
			wg.Go(func() {
				resp, err := hc.Post(srv.URL, "application/json", nil)
				if err != nil {
					t.Error(err)
					return
				}
				io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
			})
		}
		wg.Wait()
	}
	if n := opened.Load(); n > concurrent+concurrent/2 {
		t.Errorf("%d connections opened for %d rounds of %d concurrent calls, want about %d", n, rounds, concurrent, concurrent)
	}
}
