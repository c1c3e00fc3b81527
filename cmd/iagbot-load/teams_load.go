package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"time"

	"github.com/golang-jwt/jwt/v4"

	"github.com/cssdgs/iagbot/cmd/internal/loadtext"
)

// botFrameworkToken is the bearer token the Bot Framework would send: RS256 with the
// fake JWKS's key, issuer api.botframework.com, audience the app id, and the
// serviceurl claim equal to the activities' serviceUrl. The real service reuses one
// token for many activities, and so does the load.
func (f *fakes) botFrameworkToken(now time.Time) (string, error) {
	tok := jwt.NewWithClaims(jwt.SigningMethodRS256, jwt.MapClaims{
		"iss": "https://api.botframework.com", "aud": appID, "serviceurl": f.serviceURL(),
		"nbf": now.Add(-time.Minute).Unix(), "iat": now.Unix(), "exp": now.Add(time.Hour).Unix(),
	})
	tok.Header["kid"] = keyID
	s, err := tok.SignedString(f.key)
	return "Bearer " + s, err
}

// teamsActivity is a message in the sender's personal chat with the bot, whose
// conversation id is the same for all of that person's messages, as in Teams. The
// reply is told apart by the activity it answers (ReplyToActivity's path).
func (f *fakes) teamsActivity(run string, i int, now time.Time, messages []string) (body []byte, id string) {
	id = fmt.Sprintf("%d%07d", now.UnixMilli(), i)
	conv := fmt.Sprintf("a:load-%s-%06d", run, peerOf(i))
	user := fmt.Sprintf("29:load-%s-%06d", run, peerOf(i))
	a := map[string]any{
		"type": "message", "id": id, "timestamp": now.UTC().Format(time.RFC3339Nano),
		"serviceUrl": f.serviceURL(), "channelId": "msteams", "locale": "fr-CA", "text": messages[i%len(messages)],
		"from":         map[string]any{"id": user, "name": "Load " + user[3:], "aadObjectId": user[3:]},
		"recipient":    map[string]any{"id": "28:" + appID, "name": "iagbot"},
		"conversation": map[string]any{"id": conv, "conversationType": "personal", "tenantId": tenantID},
		"channelData":  map[string]any{"tenant": map[string]any{"id": tenantID}},
	}
	body, _ = json.Marshal(a)
	return body, id
}

// teamsMessages posts signed activities to /api/messages and measures each until the
// fake connector has received the bot's reply in that conversation.
func (b *bench) teamsMessages(ctx context.Context) ([]row, error) {
	auth, err := b.fk.botFrameworkToken(time.Now())
	if err != nil {
		return nil, err
	}
	f := b.teamsShot(auth)
	if b.o.warmup > 0 {
		runLoad(ctx, b.spec(b.o.warmup, 0), f)
	}
	res := runLoad(ctx, b.spec(b.o.n, b.o.warmup), f)
	r := b.row("Teams message → reply at fake connector", res, b.o.c)
	// Issue #18's targets: a quarter of the CPU a turn took, four times botbuilder-js's rate.
	r.target, r.met = "≥ 4500/s, p99 < 100 ms, ≤ 200 µs CPU", meets(res, 4500, 100*time.Millisecond)
	r.maxCPU = 200 * time.Microsecond
	return []row{r}, nil
}

// teamsShot posts activity i with the bearer auth and returns when its reply reached
// the fake connector.
func (b *bench) teamsShot(auth string) fire {
	return func(ctx context.Context, i int) (time.Duration, error) {
		body, id := b.fk.teamsActivity(b.run, i, time.Now(), loadtext.Texts[b.o.text])
		req, err := http.NewRequestWithContext(ctx, "POST", b.base(i)+"/api/messages", bytes.NewReader(body))
		if err != nil {
			return 0, err
		}
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", auth)
		s := b.fk.teams.expect(id, time.Now())
		if err := send(b.client, req, http.StatusOK, http.StatusCreated, http.StatusAccepted); err != nil {
			b.fk.teams.forget(id, s)
			return 0, err
		}
		select {
		case <-s.done:
			return s.at.Sub(s.start), nil
		case <-ctx.Done():
			b.fk.teams.forget(id, s)
			return 0, fmt.Errorf("no reply at the fake connector: %w", ctx.Err())
		}
	}
}
