package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"time"
)

// clickPayload is the block_actions payload of a card button pressed by person i in
// channel ch. The button's value is "verb|subject", the card renderer's encoding.
func (f *fakes) clickPayload(run string, i int, ch, verb string, now time.Time) []byte {
	user := fmt.Sprintf("UC%s%06d", run, i)
	ts := fmt.Sprintf("%d.%06d", now.Unix()-60, i)
	p := map[string]any{
		"type": "block_actions", "token": "legacy-verification-token", "api_app_id": "A0LOAD",
		"team":         map[string]any{"id": "T0LOAD", "domain": "cssdgs-load"},
		"user":         map[string]any{"id": user, "username": strings.ToLower(user), "name": strings.ToLower(user), "team_id": "T0LOAD"},
		"trigger_id":   fmt.Sprintf("%d.%d.load", now.Unix(), i),
		"container":    map[string]any{"type": "message", "message_ts": ts, "channel_id": ch, "is_ephemeral": false},
		"channel":      map[string]any{"id": ch, "name": "iag-revue"},
		"message":      map[string]any{"type": "message", "ts": ts, "user": "U0BOT", "bot_id": "B0BOT", "text": "Demande", "blocks": []any{}},
		"response_url": f.base + "/slack/response/" + ch,
		"state":        map[string]any{"values": map[string]any{}},
		"actions": []map[string]any{{
			"type": "button", "action_id": verb + "#0", "block_id": "actions",
			"value": verb + "|" + fmt.Sprintf("load-%s-%d", run, i), "action_ts": fmt.Sprintf("%d.%06d", now.Unix(), i),
			"text": map[string]any{"type": "plain_text", "text": "Approuver"},
		}},
	}
	j, _ := json.Marshal(p)
	return []byte(url.Values{"payload": {string(j)}}.Encode())
}

// clickBurst prepares one signed click per person, releases them all at once and
// measures each from the release to its 200 ack: Slack shows an error to anyone
// whose click is not acked within 3 s.
func (b *bench) clickBurst(ctx context.Context) []row {
	n := b.o.burst
	now := time.Now()
	reqs := make([]*http.Request, n)
	chans := make([]string, n)
	for i := range reqs {
		chans[i] = fmt.Sprintf("CL%s%06d", b.run, i)
		body := b.fk.clickPayload(b.run, i, chans[i], b.o.clickVerb, now)
		req, err := http.NewRequestWithContext(ctx, "POST", b.base(i)+"/slack/interactivity", bytes.NewReader(body))
		if err != nil {
			return []row{{name: "clicks", note: err.Error()}}
		}
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		signSlack(req, body, now)
		reqs[i] = req
	}
	var (
		mu    sync.Mutex
		res   = result{errs: map[string]int{}}
		slots = make([]*slot, n)
		wg    sync.WaitGroup
		gate  = make(chan struct{})
		// release is written before gate is closed and read after, so no lock is needed.
		release time.Time
	)
	for i, req := range reqs {
		wg.Go(func() {
			<-gate
			start := release // the click's wait includes queueing in this process too
			slots[i] = b.fk.slack.expect(chans[i], start)
			err := send(b.client, req, http.StatusOK)
			d := time.Since(start)
			mu.Lock()
			defer mu.Unlock()
			if err != nil {
				b.fk.slack.forget(chans[i], slots[i])
				slots[i] = nil
				res.failed++
				res.errs[reason(err)]++
				return
			}
			res.lat = append(res.lat, d)
		})
	}
	release = time.Now()
	close(gate)
	wg.Wait()
	res.elapsed = time.Since(release)
	ack := b.row(fmt.Sprintf("%d simultaneous clicks → 200 ack", n), res, n)
	ack.target = "all within 3 s"
	ack.met = res.failed == 0 && res.ok() == n && maxOf(res.lat) <= 3*time.Second
	rep := b.row("click → reply at fake (update/ephemeral/response_url)", awaitReplies(ctx, slots, b.o.timeout), n)
	rep.target = "(context)"
	return []row{ack, rep}
}
