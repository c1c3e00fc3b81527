package slack_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
)

// fullQueue is a channel with one worker and one place, both taken by turns blocked
// until release is called; waited receives a value each time a request finds the
// queue full and starts waiting.
func fullQueue(t *testing.T, wait time.Duration) (e *env, release func(), waited chan struct{}) {
	t.Helper()
	waited = make(chan struct{}, 4)
	e = newEnv(t, slackbot.Options{SigningSecret: secret, Workers: 1, Queue: 1, AdmissionWait: wait,
		Observe: func(o string) {
			if o == "waited" {
				waited <- struct{}{}
			}
		}})
	gate := make(chan struct{})
	var once sync.Once
	release = func() { once.Do(func() { close(gate) }) }
	t.Cleanup(release) // a failed test must not leave the worker blocked
	e.engine.answer = func(t bot.Turn) ([]bot.Reply, error) {
		if t.Text != "troisième" {
			<-gate
		}
		return []bot.Reply{bot.Text("ok")}, nil
	}
	for _, text := range []string{"premier", "second"} {
		if resp := e.postEvent(eventCallback("Ev"+text, dm(text))); resp.StatusCode != http.StatusOK {
			t.Fatalf("%s: status %d, want 200", text, resp.StatusCode)
		}
	}
	return e, release, waited
}

// TestQueueFullWaits: an event arriving at a full queue waits for a place instead of
// being refused, and is admitted and answered once the blocked turns finish.
func TestQueueFullWaits(t *testing.T) {
	e, release, waited := fullQueue(t, time.Hour)
	status := postThird(e)
	<-waited // the third event found the queue full and is waiting
	select {
	case code := <-status:
		t.Fatalf("answered %d while the queue was still full, want it to wait", code)
	default:
	}
	release()
	if code := <-status; code != http.StatusOK {
		t.Fatalf("after room appeared: status %d, want 200", code)
	}
	e.drain()
	if turns, posts := len(e.engine.Turns()), len(e.fake.Calls("chat.postMessage")); turns != 3 || posts != 3 {
		t.Errorf("got %d turns and %d replies, want 3 and 3", turns, posts)
	}
}

// TestQueueFullStopEndsWait: Stop refuses a request still waiting for a place (503,
// so Slack retries it elsewhere) rather than holding it until the bound.
func TestQueueFullStopEndsWait(t *testing.T) {
	e, release, waited := fullQueue(t, time.Hour)
	status := postThird(e)
	<-waited
	stopped := make(chan error, 1)
	go func() { stopped <- e.ch.Stop(context.Background()) }()
	if code := <-status; code != http.StatusServiceUnavailable {
		t.Errorf("waiting during Stop: status %d, want 503", code)
	}
	release()
	if err := <-stopped; err != nil {
		t.Fatal(err)
	}
	if n := len(e.engine.Turns()); n != 2 {
		t.Errorf("engine called %d times, want 2 (the refused event is not run)", n)
	}
}

// postThird sends the third event in the background; its status arrives on the channel
// returned (0 when the request failed).
func postThird(e *env) <-chan int {
	status := make(chan int, 1)
	go func() {
		body, _ := json.Marshal(eventCallback("Evthird", dm("troisième")))
		ts := strconv.FormatInt(time.Now().Unix(), 10)
		req, _ := http.NewRequest(http.MethodPost, e.srv.URL+"/slack/events", bytes.NewReader(body))
		req.Header = http.Header{"Content-Type": {"application/json"}, "X-Slack-Request-Timestamp": {ts},
			"X-Slack-Signature": {signature(secret, ts, body)}}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			status <- 0
			return
		}
		resp.Body.Close()
		status <- resp.StatusCode
	}()
	return status
}
