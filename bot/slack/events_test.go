package slack_test

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
)

func TestURLVerification(t *testing.T) {
	e := newEnv(t, signed)
	resp := e.postEvent(map[string]any{"type": "url_verification", "challenge": "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P"})
	if got := readBody(resp); resp.StatusCode != http.StatusOK || got != "3eZbrw1aBm2rZgRNFdxV2595E9CY3gmdALWMmHkvFXO7tYXAYM8P" {
		t.Errorf("url_verification = %d %q, want 200 and the challenge", resp.StatusCode, got)
	}
}

// TestEventsToTurns sends the events the bot subscribes to and checks the turn the
// engine gets, and where the reply goes; the events the bot must ignore reach
// neither.
func TestEventsToTurns(t *testing.T) {
	mention := map[string]any{"type": "app_mention", "channel": "C1", "user": "U1", "ts": "1700000000.000200",
		"text": "<@UBOT> Puis-je utiliser <https://chatgpt.com|ChatGPT> pour &lt;résumer&gt; ?"}
	threaded := map[string]any{"type": "app_mention", "channel": "C1", "user": "U1", "ts": "1700000000.000300",
		"thread_ts": "1700000000.000001", "text": "<@UBOT> aide"}
	edited := map[string]any{"type": "app_mention", "channel": "C1", "user": "U1", "ts": "1", "text": "<@UBOT> x", "edited": map[string]any{"user": "U1", "ts": "2"}}
	for _, tc := range []struct {
		name       string
		event      map[string]any
		wantText   string // "" when the event must be ignored
		wantConv   bot.ConversationRef
		wantThread string // thread_ts of the reply
	}{
		{"direct message", dm("Puis-je utiliser Copilot ?\nMerci"), "Puis-je utiliser Copilot ?\nMerci",
			bot.ConversationRef{Channel: bot.Slack, ID: "D1", UserID: "U1"}, ""},
		{"mention", mention, "Puis-je utiliser ChatGPT pour <résumer> ?",
			bot.ConversationRef{Channel: bot.Slack, ID: "C1", Group: true, ThreadID: "1700000000.000200"}, "1700000000.000200"},
		{"mention in a thread", threaded, "aide",
			bot.ConversationRef{Channel: bot.Slack, ID: "C1", Group: true, ThreadID: "1700000000.000001"}, "1700000000.000001"},
		{"bot message", map[string]any{"type": "message", "channel_type": "im", "channel": "D1", "bot_id": "B1", "text": "x"}, "", bot.ConversationRef{}, ""},
		{"own message", map[string]any{"type": "message", "subtype": "bot_message", "channel_type": "im", "channel": "D1", "bot_id": "B0", "user": "UBOT", "text": "x"}, "", bot.ConversationRef{}, ""},
		{"edit", map[string]any{"type": "message", "subtype": "message_changed", "channel_type": "im", "channel": "D1", "user": "U1", "text": "x"}, "", bot.ConversationRef{}, ""},
		{"deletion", map[string]any{"type": "message", "subtype": "message_deleted", "channel_type": "im", "channel": "D1"}, "", bot.ConversationRef{}, ""},
		{"edited mention", edited, "", bot.ConversationRef{}, ""},
		{"channel message", map[string]any{"type": "message", "channel_type": "channel", "channel": "C1", "user": "U1", "text": "x"}, "", bot.ConversationRef{}, ""},
		{"messages tab", map[string]any{"type": "app_home_opened", "tab": "messages", "user": "U1"}, "", bot.ConversationRef{}, ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, signed)
			resp := e.postEvent(eventCallback("Ev"+tc.name, tc.event))
			if resp.StatusCode != http.StatusOK {
				t.Fatalf("status = %d, want 200", resp.StatusCode)
			}
			e.drain()
			turns, posts := e.engine.Turns(), e.fake.Calls("chat.postMessage")
			if tc.wantText == "" {
				if len(turns) != 0 || len(e.fake.Calls()) != 0 {
					t.Errorf("ignored event gave %d turns and calls %v", len(turns), e.fake.Calls())
				}
				return
			}
			if len(turns) != 1 || len(posts) != 1 {
				t.Fatalf("got %d turns and %d posts, want 1 and 1", len(turns), len(posts))
			}
			got := turns[0]
			want := bot.User{ID: "U1", Name: "Marie Tremblay", Email: "Marie.Tremblay@cssdgs.gouv.qc.ca"}
			if got.Text != tc.wantText || got.Conversation != tc.wantConv || got.User != want || got.Locale != "fr-CA" ||
				got.Channel != bot.Slack || got.RequestID != "Ev"+tc.name || got.Action != nil {
				t.Errorf("turn = %+v\nwant text %q, conversation %+v, user %+v, locale fr-CA", got, tc.wantText, tc.wantConv, want)
			}
			if ch, thread := posts[0].Form.Get("channel"), posts[0].Form.Get("thread_ts"); ch != tc.wantConv.ID || thread != tc.wantThread {
				t.Errorf("reply posted to %s thread %q, want %s thread %q", ch, thread, tc.wantConv.ID, tc.wantThread)
			}
			if text := blocksText(posts[0]); !strings.Contains(text, "Réponse à") || !strings.Contains(text, "&lt;") == strings.Contains(tc.wantText, "<") {
				t.Errorf("reply blocks = %q, want the engine's answer, escaped", text)
			}
		})
	}
}

// TestRetriedEventHandledOnce delivers one event three times, as Slack does when the
// first answer is late: one turn, one reply.
func TestRetriedEventHandledOnce(t *testing.T) {
	var (
		mu       sync.Mutex
		observed []string
	)
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Observe: func(o string) {
		mu.Lock()
		defer mu.Unlock()
		observed = append(observed, o)
	}})
	ev := eventCallback("Ev0RETRY", dm("aide"))
	for i, retry := range []string{"", "1", "2"} {
		var resp *http.Response
		if retry == "" {
			resp = e.postEvent(ev)
		} else {
			resp = e.postEvent(ev, "X-Slack-Retry-Num", retry, "X-Slack-Retry-Reason", "http_timeout")
		}
		if resp.StatusCode != http.StatusOK {
			t.Errorf("delivery %d: status %d, want 200", i, resp.StatusCode)
		}
	}
	e.drain()
	if turns, posts := len(e.engine.Turns()), len(e.fake.Calls("chat.postMessage")); turns != 1 || posts != 1 {
		t.Errorf("got %d turns and %d replies, want 1 and 1", turns, posts)
	}
	if got := strings.Join(observed, ","); got != "duplicate,duplicate" {
		t.Errorf("observed %q, want the two retries as duplicates", got)
	}
}

// TestEventsWithoutID: an event without event_id cannot be deduplicated, and must not
// be taken for a retry of another one.
func TestEventsWithoutID(t *testing.T) {
	e := newEnv(t, signed)
	e.postEvent(eventCallback("", dm("un")))
	e.postEvent(eventCallback("", dm("deux")))
	e.drain()
	if n := len(e.engine.Turns()); n != 2 {
		t.Errorf("engine called %d times, want 2", n)
	}
}

func TestMalformedEvents(t *testing.T) {
	for _, tc := range []struct {
		name string
		body string
		want int
	}{
		{"not JSON", `{"type": "event_callback", `, http.StatusBadRequest},
		{"event not an object", `{"type": "event_callback", "event_id": "Ev1", "event": "message"}`, http.StatusBadRequest},
		{"wrong field types", `{"type": 12}`, http.StatusBadRequest},
		{"empty body", ``, http.StatusBadRequest},
		{"unknown outer type", `{"type": "app_rate_limited", "minute_rate_limited": 1518467820}`, http.StatusOK},
		{"unknown event", `{"type": "event_callback", "event_id": "Ev2", "event": {"type": "reaction_added"}}`, http.StatusOK},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, signed)
			resp := e.post("/slack/events", "application/json", []byte(tc.body))
			body := readBody(resp)
			if resp.StatusCode != tc.want {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.want)
			}
			if strings.Contains(body, "goroutine") || strings.Contains(body, ".go:") {
				t.Errorf("body leaks internals: %q", body)
			}
			e.drain()
			if n := len(e.engine.Turns()); n != 0 {
				t.Errorf("engine called %d times", n)
			}
		})
	}
}

// TestQueueFull fills the pool (one worker, one place), checks the next event gets 503
// once the admission wait is over with the queue still full, so that Slack retries it,
// and that the retry is then processed: an event refused for a full queue is not
// recorded as seen.
func TestQueueFull(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Workers: 1, Queue: 1, AdmissionWait: time.Millisecond})
	release, done := make(chan struct{}), make(chan string, 3)
	var once sync.Once
	unblock := func() { once.Do(func() { close(release) }) }
	t.Cleanup(unblock) // a failed test must not leave the worker blocked
	e.engine.answer = func(t bot.Turn) ([]bot.Reply, error) {
		if t.Text != "troisième" {
			<-release
		}
		done <- t.Text
		return nil, nil
	}
	for _, text := range []string{"premier", "second"} {
		if resp := e.postEvent(eventCallback("Ev"+text, dm(text))); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", text, resp.StatusCode)
		}
	}
	third := eventCallback("Evthird", dm("troisième"))
	if resp := e.postEvent(third); resp.StatusCode != http.StatusServiceUnavailable {
		t.Errorf("full queue: status %d, want 503", resp.StatusCode)
	}
	unblock()
	<-done
	<-done
	if resp := e.postEvent(third, "X-Slack-Retry-Num", "1"); resp.StatusCode != http.StatusOK {
		t.Errorf("retry: status %d, want 200", resp.StatusCode)
	}
	e.drain()
	if n := len(e.engine.Turns()); n != 3 {
		t.Errorf("engine called %d times, want 3", n)
	}
}
