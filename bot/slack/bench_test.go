package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/slack-go/slack"
)

// noopAPI answers every Web API call at once, so that the benchmark measures the ack.
type noopAPI struct{}

func (noopAPI) PostMessageContext(context.Context, string, ...slack.MsgOption) (string, string, error) {
	return "D1", "1.1", nil
}
func (noopAPI) PostEphemeralContext(context.Context, string, string, ...slack.MsgOption) (string, error) {
	return "1.1", nil
}
func (noopAPI) UpdateMessageContext(context.Context, string, string, ...slack.MsgOption) (string, string, string, error) {
	return "D1", "1.1", "", nil
}
func (noopAPI) OpenConversationContext(context.Context, *slack.OpenConversationParameters) (*slack.Channel, bool, bool, error) {
	return &slack.Channel{}, false, false, nil
}
func (noopAPI) GetUserInfoContext(_ context.Context, id string, _ ...slack.GetUserInfoOption) (*slack.User, error) {
	return &slack.User{ID: id}, nil
}
func (noopAPI) PublishViewContext(context.Context, slack.PublishViewContextRequest) (*slack.ViewResponse, error) {
	return &slack.ViewResponse{}, nil
}
func (noopAPI) OpenViewContext(context.Context, string, slack.ModalViewRequest) (*slack.ViewResponse, error) {
	return &slack.ViewResponse{}, nil
}
func (noopAPI) UpdateViewContext(context.Context, slack.ModalViewRequest, string, string, string) (*slack.ViewResponse, error) {
	return &slack.ViewResponse{}, nil
}

var _ slackbot.API = noopAPI{}

type noopHandler struct{}

func (noopHandler) Handle(context.Context, bot.Turn) ([]bot.Reply, error) { return nil, nil }

// BenchmarkSlackEventAck measures what happens before Slack gets its 200: reading the
// body, checking the signature, recording the event id in SQLite and queueing the
// turn. Requests are signed beforehand.
func BenchmarkSlackEventAck(b *testing.B) {
	db := mustOpenDB(b)
	ch, err := slackbot.New(noopAPI{}, noopHandler{}, slackbot.Options{SigningSecret: secret, Dedupe: db, Queue: b.N + 1})
	if err != nil {
		b.Fatal(err)
	}
	defer ch.Stop(context.Background())
	mux := http.NewServeMux()
	ch.Routes(mux)
	bodies, headers := make([]string, b.N), make([]http.Header, b.N)
	ts := strconv.FormatInt(time.Now().Unix(), 10)
	for i := range b.N {
		body, _ := json.Marshal(eventCallback("EvBench"+strconv.Itoa(i), dm("Puis-je utiliser Copilot pour résumer un texte ?")))
		bodies[i] = string(body)
		headers[i] = http.Header{"Content-Type": {"application/json"}, "X-Slack-Request-Timestamp": {ts},
			"X-Slack-Signature": {signature(secret, ts, body)}}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		req := httptest.NewRequest(http.MethodPost, "/slack/events", strings.NewReader(bodies[i]))
		req.Header = headers[i]
		rec := httptest.NewRecorder()
		mux.ServeHTTP(rec, req)
		if rec.Code != http.StatusOK {
			b.Fatalf("status %d", rec.Code)
		}
	}
}
