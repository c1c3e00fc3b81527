package main

import (
	"bytes"
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/http"
	"strconv"
	"time"

	"github.com/cssdgs/iagbot/cmd/internal/loadtext"
)

// peerOf is the person sending request i: four requests each, fewer than the bot's
// per-person burst, so that the load measures answers rather than "slow down".
func peerOf(i int) int { return i / 4 }

// signSlack sets the v0 signature headers Slack sends: HMAC-SHA256 of
// "v0:<timestamp>:<body>" keyed by the signing secret.
func signSlack(req *http.Request, body []byte, now time.Time) {
	ts := strconv.FormatInt(now.Unix(), 10)
	mac := hmac.New(sha256.New, []byte(slackSecret))
	mac.Write([]byte("v0:" + ts + ":"))
	mac.Write(body)
	req.Header.Set("X-Slack-Request-Timestamp", ts)
	req.Header.Set("X-Slack-Signature", "v0="+hex.EncodeToString(mac.Sum(nil)))
}

// slackEvent is the event_callback for a direct message, in the sender's one
// direct-message channel with the bot, as on Slack.
func slackEvent(run string, i int, now time.Time, messages []string) (body []byte, channel string) {
	channel = fmt.Sprintf("DL%s%06d", run, peerOf(i))
	ts := fmt.Sprintf("%d.%06d", now.Unix(), i%1000000)
	ev := map[string]any{
		"token": "legacy-verification-token", "team_id": "T0LOAD", "api_app_id": "A0LOAD",
		"type": "event_callback", "event_id": fmt.Sprintf("Ev%s%07d", run, i), "event_time": now.Unix(),
		"authorizations": []map[string]any{{"team_id": "T0LOAD", "user_id": "U0BOT", "is_bot": true}},
		"event": map[string]any{
			"type": "message", "channel_type": "im", "channel": channel, "user": fmt.Sprintf("UL%s%06d", run, peerOf(i)),
			"text": messages[i%len(messages)], "ts": ts, "event_ts": ts,
		},
	}
	body, _ = json.Marshal(ev)
	return body, channel
}

// slackEvents fires signed message.im events and measures each until its 200 ack
// (first row). The replies the bot then posts (chat.postMessage) are tracked too: the
// second row is the complete turns, event sent → reply at the fake Web API, reported
// once they have all arrived or the grace period is over. The channel waits for room
// in its queue rather than refusing, so a 503 is a failure.
func (b *bench) slackEvents(ctx context.Context) []row {
	n, w := b.o.n, b.o.warmup
	slots := make([]*slot, w+n)
	f := b.slackShot(slots)
	if w > 0 {
		runLoad(ctx, b.spec(w, 0), f)
		awaitReplies(ctx, slots[:w], b.o.timeout)
	}
	res := runLoad(ctx, b.spec(n, w), f)
	ack := b.row("Slack event → 200 ack", res, b.o.c)
	ack.target, ack.met = "no 503, p99 < 2.5 s", meets(res, 0, 2500*time.Millisecond)
	replies := awaitReplies(ctx, slots[w:], b.o.timeout)
	turn := b.row("Slack complete turn: event → chat.postMessage at fake", replies, b.o.c)
	turn.target, turn.met = "≥ 4000/s, every reply", meets(replies, 4000, time.Hour) && replies.ok() == n
	return []row{ack, turn}
}

// slackShot sends event i and returns at its ack; slots[i] tracks its reply.
func (b *bench) slackShot(slots []*slot) fire {
	return func(ctx context.Context, i int) (time.Duration, error) {
		now := time.Now()
		body, ch := slackEvent(b.run, i, now, loadtext.Texts[b.o.text])
		req, err := http.NewRequestWithContext(ctx, "POST", b.base(i)+"/slack/events", bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		signSlack(req, body, now)
		start := time.Now()
		slots[i] = b.fk.slack.expect(ch, start)
		if err := send(b.client, req, http.StatusOK); err != nil {
			b.fk.slack.forget(ch, slots[i])
			slots[i] = nil
			return 0, err
		}
		return time.Since(start), nil
	}
}

// awaitReplies waits, bounded by grace after the last request, for the replies of
// the requests that were acked, and turns them into a result.
func awaitReplies(ctx context.Context, slots []*slot, grace time.Duration) result {
	res := result{errs: map[string]int{}}
	deadline := time.After(grace)
	var first, last time.Time
	for _, s := range slots {
		if s == nil {
			continue // never sent (capped)
		}
		if first.IsZero() || s.start.Before(first) {
			first = s.start
		}
		select {
		case <-s.done:
		case <-deadline:
		case <-ctx.Done():
		}
		d, ok := s.replied()
		if !ok {
			res.failed++
			res.errs["no reply at the fake"]++
			continue
		}
		res.lat = append(res.lat, d)
		if s.at.After(last) {
			last = s.at
		}
	}
	res.elapsed = last.Sub(first)
	return res
}
