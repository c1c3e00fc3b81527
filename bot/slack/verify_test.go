package slack_test

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"
	"testing"
	"time"

	slackbot "github.com/cssdgs/iagbot/bot/slack"
)

// TestSignatureRefused sends requests that are not Slack's: each gets 401 and reaches
// neither the engine nor the Web API. The first case is the control: signed right, it
// goes through.
func TestSignatureRefused(t *testing.T) {
	body, _ := json.Marshal(eventCallback("EvSig", dm("bonjour")))
	now := time.Now()
	ts := func(d time.Duration) string { return strconv.FormatInt(now.Add(d).Unix(), 10) }
	for _, tc := range []struct {
		name   string
		secret string // signing secret of the channel
		header http.Header
		body   []byte
		want   int
	}{
		{"valid", secret, http.Header{"X-Slack-Request-Timestamp": {ts(0)}, "X-Slack-Signature": {signature(secret, ts(0), body)}}, body, http.StatusOK},
		{"tampered body", secret, http.Header{"X-Slack-Request-Timestamp": {ts(0)}, "X-Slack-Signature": {signature(secret, ts(0), body)}},
			[]byte(strings.Replace(string(body), "bonjour", "bonsoir", 1)), http.StatusUnauthorized},
		{"wrong secret", secret, http.Header{"X-Slack-Request-Timestamp": {ts(0)}, "X-Slack-Signature": {signature("not-the-secret", ts(0), body)}}, body, http.StatusUnauthorized},
		{"stale timestamp", secret, http.Header{"X-Slack-Request-Timestamp": {ts(-6 * time.Minute)}, "X-Slack-Signature": {signature(secret, ts(-6*time.Minute), body)}}, body, http.StatusUnauthorized},
		{"future timestamp", secret, http.Header{"X-Slack-Request-Timestamp": {ts(6 * time.Minute)}, "X-Slack-Signature": {signature(secret, ts(6*time.Minute), body)}}, body, http.StatusUnauthorized},
		{"timestamp not signed", secret, http.Header{"X-Slack-Request-Timestamp": {ts(-time.Minute)}, "X-Slack-Signature": {signature(secret, ts(0), body)}}, body, http.StatusUnauthorized},
		{"missing timestamp", secret, http.Header{"X-Slack-Signature": {signature(secret, ts(0), body)}}, body, http.StatusUnauthorized},
		{"missing signature", secret, http.Header{"X-Slack-Request-Timestamp": {ts(0)}}, body, http.StatusUnauthorized},
		{"missing headers", secret, http.Header{}, body, http.StatusUnauthorized},
		{"other version", secret, http.Header{"X-Slack-Request-Timestamp": {ts(0)}, "X-Slack-Signature": {strings.Replace(signature(secret, ts(0), body), "v0=", "v1=", 1)}}, body, http.StatusUnauthorized},
		{"not hex", secret, http.Header{"X-Slack-Request-Timestamp": {ts(0)}, "X-Slack-Signature": {"v0=zz"}}, body, http.StatusUnauthorized},
		{"no secret configured", "", http.Header{"X-Slack-Request-Timestamp": {ts(0)}, "X-Slack-Signature": {signature("", ts(0), body)}}, body, http.StatusUnauthorized},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t, slackbot.Options{SigningSecret: tc.secret})
			tc.header.Set("Content-Type", "application/json")
			resp := e.send("/slack/events", tc.header, tc.body)
			if resp.StatusCode != tc.want {
				t.Errorf("status = %d, want %d", resp.StatusCode, tc.want)
			}
			e.drain()
			wantTurns := 0
			if tc.want == http.StatusOK {
				wantTurns = 1
			}
			if got := len(e.engine.Turns()); got != wantTurns {
				t.Errorf("engine called %d times, want %d", got, wantTurns)
			}
			if wantTurns == 0 && len(e.fake.Calls()) != 0 {
				t.Errorf("Web API called: %v", e.fake.Calls())
			}
		})
	}
}

func TestBodyTooLarge(t *testing.T) {
	e := newEnv(t, signed)
	big := `{"type":"event_callback","event":{"type":"message","text":"` + strings.Repeat("x", 1<<20) + `"}}`
	if resp := e.post("/slack/events", "application/json", []byte(big)); resp.StatusCode != http.StatusRequestEntityTooLarge {
		t.Errorf("status = %d, want 413", resp.StatusCode)
	}
}
