package teams

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/teams/connector"
	"github.com/cssdgs/iagbot/bot/teams/internal/bftest"
)

// cannedConnector answers the connector client without a network: the Bot Connector's
// token, member and activity answers, so that a benchmark sees the channel's own work.
type cannedConnector struct{}

func (cannedConnector) RoundTrip(r *http.Request) (*http.Response, error) {
	if r.Body != nil {
		io.Copy(io.Discard, r.Body)
		r.Body.Close()
	}
	body := `{"id":"act-1"}`
	switch p := r.URL.Path; {
	case p == "/token":
		body = bftest.TokenJSON("test-token")
	case strings.Contains(p, "/members/"):
		body = `{"id":"` + userTeams + `","aadObjectId":"` + userAAD + `","email":"` + userEmail + `"}`
	}
	return &http.Response{StatusCode: http.StatusOK, Header: http.Header{"Content-Type": {"application/json"}},
		Body: io.NopCloser(strings.NewReader(body)), Request: r}, nil
}

// newStore says every activity is new: storage is measured by its own benchmarks.
type newStore struct{}

func (newStore) FirstSeen(context.Context, string) (bool, error) { return true, nil }
func (newStore) MeetPerson(context.Context, string, bot.Channel, bot.User, *bot.ConversationRef) (string, error) {
	return "", nil
}

// benchAnswer is the size and shape of a policy answer.
const benchAnswer = "**ChatGPT** — résumer un texte : **permis avec conditions**.\n\n" +
	"- Ne copiez aucun renseignement personnel (nom d'élève, dossier, adresse).\n" +
	"- Vérifiez le résumé avant de l'utiliser.\n" +
	"- Mentionnez l'usage de l'IA si le texte est diffusé.\n\n" +
	"Sections : 6.2, 6.3.1. Pour un usage non prévu, écrivez « demande »."

// BenchmarkServeActivity is what the channel costs around the engine for one Teams
// message: read and decode the activity, check its token (signature already verified,
// as for every activity after a token's first), build the turn, render the answer and
// send it through the connector client. The engine, the database and the network are
// stubs.
//
//	go test ./bot/teams -run '^$' -bench ServeActivity -benchmem -cpu 1
func BenchmarkServeActivity(b *testing.B) {
	e := newEnv(b, func(c *Config) {
		client, err := connector.New(connector.Config{AppID: testAppID, AppPassword: "secret",
			TokenURL: "http://127.0.0.1:1/token", MaxAttempts: 1,
			HTTPClient: &http.Client{Transport: cannedConnector{}}})
		if err != nil {
			b.Fatal(err)
		}
		c.Connector, c.Store = client, newStore{}
	})
	e.handler.reply = func(bot.Turn) ([]bot.Reply, error) { return []bot.Reply{bot.Text(benchAnswer)}, nil }
	auth := e.auth(b)
	body, err := json.Marshal(e.message("bench-1", "Puis-je utiliser ChatGPT pour résumer un texte ?"))
	if err != nil {
		b.Fatal(err)
	}
	serve := func() {
		req := httptest.NewRequest(http.MethodPost, "/api/messages", bytes.NewReader(body))
		req.Header.Set("Authorization", auth)
		w := httptest.NewRecorder()
		e.ch.ServeHTTP(w, req)
		if w.Code != http.StatusOK {
			b.Fatalf("status %d", w.Code)
		}
	}
	serve() // the token's signature, the app token and the member lookup, once
	e.handler.turns = nil
	b.ReportAllocs()
	for b.Loop() {
		serve()
		e.handler.turns = e.handler.turns[:0]
	}
}

// BenchmarkDecode decodes a personal-chat message as Teams sends it.
//
//	go test ./bot/teams -run '^$' -bench Decode -benchmem -cpu 1
func BenchmarkDecode(b *testing.B) {
	e := &env{serviceURL: "https://smba.trafficmanager.net/amer/"}
	a := e.message("1733140000000123", "Puis-je utiliser ChatGPT pour résumer un texte ?")
	a["entities"] = []any{map[string]any{"type": "clientInfo", "locale": "fr-CA", "country": "CA", "platform": "Web", "timezone": "America/Toronto"}}
	body, err := json.Marshal(a)
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	for b.Loop() {
		if _, err := decode(body); err != nil {
			b.Fatal(err)
		}
	}
}
