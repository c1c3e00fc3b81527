package teams

import (
	"bytes"
	"context"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"net/http"
	"sync"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

// ServeHTTP handles POST /api/messages. The order is the contract:
//  1. the body is read through a MaxBodyBytes limit (413 beyond it);
//  2. it must be an activity (400 otherwise);
//  3. the bearer token must be valid for that activity's channel and service URL
//     (401 otherwise; nothing of the activity is processed or stored);
//  4. a message or conversationUpdate must come from Teams in the bot's own tenant and
//     from a person of that tenant: channelId "msteams" ("emulator" too in emulator
//     mode), tenant (channelData.tenant.id and conversation.tenantId) equal to
//     Config.TenantID, from.aadObjectId present; anything else gets 200 and has no
//     effect (nothing stored, not even the service URL), logged without content;
//  5. an activity already seen (same conversation and id, a redelivery) gets 200 and
//     nothing else; 503 when the database cannot tell, so that Teams retries;
//  6. message and conversationUpdate activities are processed before the answer, at
//     most MaxInFlight at once (503 when no slot frees while the request lasts);
//     an adaptiveCard/action invoke (a card's Action.Execute) likewise, answered with
//     HTTP 200 and the invoke response in the body (see onInvoke; a redelivered one
//     gets a « being processed » message); other invokes get 501; other types get 200
//     and are ignored.
func (c *Channel) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodPost {
		w.Header().Set("Allow", http.MethodPost)
		http.Error(w, "method not allowed", http.StatusMethodNotAllowed)
		return
	}
	body := bodies.Get().(*bytes.Buffer)
	defer putBody(body)
	body.Reset()
	_, err := body.ReadFrom(http.MaxBytesReader(w, r.Body, MaxBodyBytes))
	if err != nil {
		var tooBig *http.MaxBytesError
		if errors.As(err, &tooBig) {
			c.refuse(w, http.StatusRequestEntityTooLarge, "bad_request", "body too large")
			return
		}
		c.refuse(w, http.StatusBadRequest, "bad_request", "body not read")
		return
	}
	in, err := decode(body.Bytes())
	if err != nil {
		c.refuse(w, http.StatusBadRequest, "bad_request", "not an activity")
		return
	}
	if !c.cfg.Emulator {
		if _, err := c.cfg.Validator.Validate(r.Context(), r.Header.Get("Authorization"), in.ChannelID, in.ServiceURL); err != nil {
			// bfauth's errors name the reason, never the token.
			c.refuse(w, http.StatusUnauthorized, "unauthorized", err.Error())
			return
		}
	}
	switch in.Type {
	case schema.Message, schema.ConversationUpdate:
	case schema.Invoke:
		if !in.isInvoke() {
			w.WriteHeader(http.StatusNotImplemented)
			return
		}
	default:
		w.WriteHeader(http.StatusOK)
		return
	}
	if reason := c.foreign(in); reason != "" {
		// A valid token proves the Bot Framework sent it, not that Teams or our tenant
		// did: Web Chat and Direct Line reach the same endpoint.
		c.cfg.Observe("foreign")
		c.log.Warn("teams activity ignored", "reason", reason, "type", string(in.Type))
		w.WriteHeader(http.StatusOK)
		return
	}
	select {
	case c.inflight <- struct{}{}:
		defer func() { <-c.inflight }()
	case <-r.Context().Done():
		c.refuse(w, http.StatusServiceUnavailable, "busy", "no slot before the request ended")
		return
	}
	// Teams may hang up before the replies are sent; finish the turn anyway, bounded.
	ctx, cancel := context.WithTimeout(context.WithoutCancel(r.Context()), c.cfg.TurnTimeout)
	defer cancel()
	c.remember(in)
	c.learnMRI(in)
	if in.Type == schema.Message {
		// A message's key is recorded by the engine with its person, in the same
		// database operation (bot.Turn.EventKey).
		c.onMessage(ctx, w, in)
		return
	}
	first, err := c.firstSeen(ctx, in)
	if err != nil {
		c.dedupeUnavailable(w, err)
		return
	}
	if !first {
		c.redelivered(w, in)
		return
	}
	if in.Type == schema.Invoke {
		writeInvoke(w, c.onInvoke(ctx, in))
		return
	}
	c.onConversationUpdate(ctx, in)
	w.WriteHeader(http.StatusOK)
}

// dedupeUnavailable answers 503 to an activity the database could not tell new or
// redelivered, so that Teams delivers it again.
func (c *Channel) dedupeUnavailable(w http.ResponseWriter, err error) {
	c.log.Error("teams dedupe unavailable", "error", err.Error())
	c.refuse(w, http.StatusServiceUnavailable, "error", "dedupe unavailable")
}

// redelivered answers an activity handled already: nothing more is done or sent.
func (c *Channel) redelivered(w http.ResponseWriter, in *inbound) {
	c.cfg.Observe("duplicate")
	c.log.Info("teams activity redelivered; ignored", "type", string(in.Type))
	if in.Type == schema.Invoke {
		writeInvoke(w, messageResponse(i18n.T(c.lang(in.locale()), "teams.invoke.working")))
		return
	}
	w.WriteHeader(http.StatusOK)
}

// bodies are the buffers activities are read into: decode copies what it keeps, so a
// buffer serves the next request once its activity is decoded.
var bodies = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// putBody returns b to bodies unless an unusually large activity grew it.
func putBody(b *bytes.Buffer) {
	if b.Cap() <= 64<<10 {
		bodies.Put(b)
	}
}

// foreign names why an activity is not from a person of the bot's Teams tenant; ""
// when it is.
func (c *Channel) foreign(in *inbound) string {
	if c.cfg.Emulator {
		if in.ChannelID != "msteams" && in.ChannelID != "emulator" {
			return "channel"
		}
		return ""
	}
	if in.ChannelID != "msteams" {
		return "channel"
	}
	if !in.inTenant(c.cfg.TenantID) {
		return "tenant"
	}
	if in.From.AadObjectID == "" {
		return "no_aad_object_id"
	}
	return ""
}

func (c *Channel) refuse(w http.ResponseWriter, code int, outcome, reason string) {
	c.cfg.Observe(outcome)
	c.log.Warn("teams request refused", "status", code, "reason", reason)
	http.Error(w, http.StatusText(code), code)
}

// firstSeen reports whether the activity is new (see eventKey).
func (c *Channel) firstSeen(ctx context.Context, in *inbound) (bool, error) {
	key := eventKey(in)
	if key == "" {
		return true, nil
	}
	return c.cfg.Store.FirstSeen(ctx, key)
}

// eventKey is the activity's redelivery key, "" when it has no ids. Activity ids are
// unique within a conversation.
func eventKey(in *inbound) string {
	if in.ID == "" || in.Conversation.ID == "" {
		return ""
	}
	return "teams:activity:" + digest(in.Conversation.ID, in.ID)
}

// onMessage hands a message to the engine, which records its key first, and sends
// its replies; an engine error gets the generic apology, in the locale's language.
func (c *Channel) onMessage(ctx context.Context, w http.ResponseWriter, in *inbound) {
	t := c.turn(ctx, in, newRequestID())
	t.EventKey = eventKey(in)
	replies, err := c.cfg.Handler.Handle(ctx, t)
	switch {
	case errors.Is(err, bot.ErrRedelivered):
		c.redelivered(w, in)
		return
	case errors.Is(err, bot.ErrEventNotRecorded):
		c.dedupeUnavailable(w, err)
		return
	case err != nil:
		c.log.Error("teams turn failed", "request_id", t.RequestID, "error", err.Error())
		replies = []bot.Reply{{Text: i18n.T(c.lang(t.Locale), "core.error")}}
	}
	c.reply(ctx, in, t, replies)
	w.WriteHeader(http.StatusOK)
}

// digest is a short, fixed-length, non-reversible key of ids.
func digest(parts ...string) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write([]byte(p))
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil)[:16])
}

func newRequestID() string {
	var b [8]byte
	rand.Read(b[:])
	return hex.EncodeToString(b[:])
}
