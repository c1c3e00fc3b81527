package slack_test

import (
	"context"
	"encoding/json"
	"github.com/cssdgs/iagbot/cards"
	"io"
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

// BenchmarkPost measures one reply (a card) posted with chat.postMessage to a loopback
// server answering as Slack does, the posted message echoed back with its blocks:
// through slack-go's client, and through the channel's own (WebAPI).
func BenchmarkPost(b *testing.B) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		io.Copy(io.Discard, r.Body)
		w.Header().Set("Content-Type", "application/json")
		io.WriteString(w, postEcho)
	}))
	defer srv.Close()
	card := &cards.Card{Title: "Demande n° 42 à examiner", Subtitle: "Outil : ChatGPT. Usage : résumer des textes sans données personnelles.",
		Buttons: []cards.Button{{Label: "Examiner", Verb: "review.open", Subject: "42"}, {Label: "Refuser", Verb: "review.reject", Subject: "42"}}}
	to := bot.ConversationRef{Channel: bot.Slack, ID: "D1", UserID: "U1"}
	for _, tc := range []struct {
		name string
		api  slackbot.API
	}{
		{"slack-go", slack.New("xoxb-bench", slack.OptionAPIURL(srv.URL+"/"), slack.OptionHTTPClient(slackbot.NewHTTPClient(5*time.Second)))},
		{"WebAPI", slackbot.NewWebAPI("xoxb-bench", srv.URL+"/", slackbot.NewHTTPClient(5*time.Second))},
	} {
		b.Run(tc.name, func(b *testing.B) {
			ch, err := slackbot.New(tc.api, noopHandler{}, slackbot.Options{Dedupe: mustOpenDB(b)})
			if err != nil {
				b.Fatal(err)
			}
			defer ch.Stop(context.Background())
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ch.Post(context.Background(), to, bot.Reply{Card: card}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// postEcho is chat.postMessage's answer to a card, as Slack sends it.
const postEcho = `{"ok":true,"channel":"D1","ts":"1700000000.100001","message":{"user":"UBOT","type":"message","ts":"1700000000.100001","bot_id":"B1","app_id":"A1","text":"Demande n° 42 à examiner","team":"T1","bot_profile":{"id":"B1","app_id":"A1","name":"iagbot","icons":{"image_36":"https://a.slack-edge.com/x.png"},"deleted":false,"updated":1700000000,"team_id":"T1"},"blocks":[{"type":"header","block_id":"h","text":{"type":"plain_text","text":"Demande n° 42 à examiner","emoji":true}},{"type":"section","block_id":"s","text":{"type":"mrkdwn","text":"Outil : ChatGPT. Usage : résumer des textes sans données personnelles.","verbatim":false}},{"type":"actions","block_id":"a","elements":[{"type":"button","action_id":"review.open#0","text":{"type":"plain_text","text":"Examiner","emoji":true},"value":"review.open|42"},{"type":"button","action_id":"review.reject#1","text":{"type":"plain_text","text":"Refuser","emoji":true},"value":"review.reject|42"}]}]},"response_metadata":{"warnings":["missing_charset"]},"warning":"missing_charset"}`
