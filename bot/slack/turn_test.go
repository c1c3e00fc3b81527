package slack_test

import (
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/cssdgs/iagbot/cards/blockkit"
)

// TestUnknownUserGetsApology: without users.info the person's key is unknown, so the
// engine is not called, and the person gets the apology rather than silence.
func TestUnknownUserGetsApology(t *testing.T) {
	e := newEnv(t, signed)
	ev := dm("aide")
	ev["user"] = "UNKNOWN"
	e.postEvent(eventCallback("EvUnknown", ev))
	e.drain()
	posts := e.fake.Calls("chat.postMessage")
	if len(e.engine.Turns()) != 0 || len(posts) != 1 || !strings.Contains(blocksText(posts[0]), blockkit.Mrkdwn(i18n.T(i18n.FR, "core.error"))) {
		t.Errorf("got %d turns and posts %v, want no turn and the apology", len(e.engine.Turns()), posts)
	}
}

func TestEngineErrorGetsApology(t *testing.T) {
	e := newEnv(t, signed)
	e.engine.answer = func(bot.Turn) ([]bot.Reply, error) { return nil, context.DeadlineExceeded }
	e.postEvent(eventCallback("EvFail", dm("aide")))
	e.drain()
	posts := e.fake.Calls("chat.postMessage")
	if len(posts) != 1 || !strings.Contains(blocksText(posts[0]), blockkit.Mrkdwn(i18n.T(i18n.FR, "core.error"))) {
		t.Errorf("posts = %v, want the apology in French", posts)
	}
}

// TestUsersInfoCached: two turns of one person ask Slack who they are once. One
// worker, since two turns handled at once may both miss the cache.
func TestUsersInfoCached(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Workers: 1})
	e.postEvent(eventCallback("EvA", dm("un")))
	e.postEvent(eventCallback("EvB", dm("deux")))
	e.drain()
	if n := len(e.fake.Calls("users.info")); n != 1 {
		t.Errorf("users.info called %d times, want 1", n)
	}
	if n := len(e.fake.Calls("chat.postMessage")); n != 2 {
		t.Errorf("%d replies, want 2", n)
	}
}

// TestConcurrentFirstMessagesShareOneUsersInfo: a person's first messages arriving
// together, handled by several workers while Slack is slow to answer, ask users.info
// once, and every turn knows the person.
func TestConcurrentFirstMessagesShareOneUsersInfo(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Workers: 4})
	e.fake.mu.Lock()
	e.fake.delay = map[string]time.Duration{"users.info": 200 * time.Millisecond}
	e.fake.mu.Unlock()
	for _, id := range []string{"EvF1", "EvF2", "EvF3", "EvF4"} {
		e.postEvent(eventCallback(id, dm("aide")))
	}
	e.drain()
	if n := len(e.fake.Calls("users.info")); n != 1 {
		t.Errorf("users.info called %d times for four concurrent first messages, want 1", n)
	}
	if n := len(e.fake.Calls("chat.postMessage")); n != 4 {
		t.Errorf("%d replies, want 4", n)
	}
}

// TestConcurrentEvents sends 50 events at once (run with -race).
func TestConcurrentEvents(t *testing.T) {
	e := newEnv(t, slackbot.Options{SigningSecret: secret, Queue: 100})
	var wg sync.WaitGroup
	for i := range 50 {
		wg.Go(func() {
			body, _ := json.Marshal(eventCallback("EvC"+strconv.Itoa(i), dm("question "+strconv.Itoa(i))))
			ts := strconv.FormatInt(time.Now().Unix(), 10)
			h := http.Header{"Content-Type": {"application/json"}, "X-Slack-Request-Timestamp": {ts}, "X-Slack-Signature": {signature(secret, ts, body)}}
			req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/slack/events", strings.NewReader(string(body)))
			req.Header = h
			resp, err := http.DefaultClient.Do(req)
			if err != nil {
				t.Error(err)
				return
			}
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK {
				t.Errorf("event %d: status %d", i, resp.StatusCode)
			}
		})
	}
	wg.Wait()
	e.drain()
	if turns, posts := len(e.engine.Turns()), len(e.fake.Calls("chat.postMessage")); turns != 50 || posts != 50 {
		t.Errorf("got %d turns and %d replies, want 50 and 50", turns, posts)
	}
}
