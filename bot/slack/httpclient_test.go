package slack_test

import (
	"context"
	"io"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
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

// TestPostReusesConnection: chat.postMessage's answer is read to its end, whatever
// follows the JSON value, so that its connection serves the next call.
func TestPostReusesConnection(t *testing.T) {
	var opened atomic.Int64
	srv := httptest.NewUnstartedServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, `{"ok":true,"channel":"D1","ts":"1.1"}`+strings.Repeat(" ", 4096)+"\n")
	}))
	srv.Config.ConnState = func(_ net.Conn, s http.ConnState) {
		if s == http.StateNew {
			opened.Add(1)
		}
	}
	srv.Start()
	defer srv.Close()
	ch, err := slackbot.New(slackbot.NewWebAPI("xoxb-test", srv.URL+"/", slackbot.NewHTTPClient(5*time.Second)),
		noopHandler{}, slackbot.Options{Dedupe: mustOpenDB(t)})
	if err != nil {
		t.Fatal(err)
	}
	defer ch.Stop(context.Background())
	to := bot.ConversationRef{Channel: bot.Slack, ID: "D1"}
	for range 5 {
		if _, err := ch.Post(context.Background(), to, bot.Text("bonjour")); err != nil {
			t.Fatal(err)
		}
	}
	if n := opened.Load(); n != 1 {
		t.Errorf("%d connections for 5 posts one after the other, want 1", n)
	}
}
