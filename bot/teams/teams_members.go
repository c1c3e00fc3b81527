package teams

import (
	"context"
	"strings"
	"sync"
	"time"
)

const (
	// memberLookupTimeout keeps a slow members API from delaying the answer: without
	// the e-mail the turn still works, keyed by the Teams id.
	memberLookupTimeout = 5 * time.Second
	// memberFailTTL is how long a failed lookup is not retried.
	memberFailTTL = time.Minute
	// memberCacheMax bounds the cache; past it, expired entries are dropped.
	memberCacheMax = 10_000
)

// memberCache remembers a value per Teams id, with expiry: people's e-mails by their
// Teams account id, their Teams account ids (MRIs) by AAD object id or UPN.
type memberCache struct {
	ttl time.Duration
	now func() time.Time

	mu sync.Mutex // guards m
	m  map[string]memberEntry
}

type memberEntry struct {
	value   string
	expires time.Time
}

func newMemberCache(ttl time.Duration, now func() time.Time) *memberCache {
	return &memberCache{ttl: ttl, now: now, m: map[string]memberEntry{}}
}

func (mc *memberCache) get(id string) (string, bool) {
	mc.mu.Lock()
	defer mc.mu.Unlock()
	e, ok := mc.m[id]
	if !ok || !mc.now().Before(e.expires) {
		return "", false
	}
	return e.value, true
}

func (mc *memberCache) put(id, value string, ttl time.Duration) {
	mc.mu.Lock()
	defer mc.mu.Unlock()
	now := mc.now()
	if len(mc.m) >= memberCacheMax {
		for k, e := range mc.m {
			if !now.Before(e.expires) {
				delete(mc.m, k)
			}
		}
		if len(mc.m) >= memberCacheMax {
			mc.m = map[string]memberEntry{}
		}
	}
	mc.m[id] = memberEntry{value: value, expires: now.Add(ttl)}
}

// email returns the sender's e-mail address from the conversation members API (Teams
// puts it in no activity), cached for MemberTTL; "" when unknown. A failure is logged
// without the person's ids and retried after memberFailTTL. A person's first messages
// often come together: concurrent misses for one id share one lookup.
func (c *Channel) email(ctx context.Context, in *inbound) string {
	id := in.From.ID
	if id == "" || in.ServiceURL == "" || in.Conversation.ID == "" {
		return ""
	}
	if e, ok := c.members.get(id); ok {
		return e
	}
	// The lookup serves every turn waiting for it: it outlives this turn's
	// cancellation, within its own timeout.
	v, _, _ := c.lookups.Do(id, func() (any, error) {
		if e, ok := c.members.get(id); ok { // a lookup that just ended
			return e, nil
		}
		lctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), memberLookupTimeout)
		defer cancel()
		return c.lookupEmail(lctx, in), nil
	})
	return v.(string)
}

// lookupEmail asks the members API for the sender's e-mail and caches the answer.
func (c *Channel) lookupEmail(ctx context.Context, in *inbound) string {
	id := in.From.ID
	m, err := c.cfg.Connector.GetMember(ctx, in.ServiceURL, in.Conversation.ID, id)
	if err != nil {
		c.log.Warn("teams member lookup failed", "error", errKind(err))
		c.members.put(id, "", memberFailTTL)
		return ""
	}
	email := strings.TrimSpace(m.Email)
	// A UPN is the sign-in address; in a school board's tenant it is the e-mail. A
	// guest's ("…#EXT#@…") is not an address anyone configured.
	if upn := m.UserPrincipalName; email == "" && strings.Contains(upn, "@") && !strings.Contains(upn, "#EXT#") {
		email = strings.TrimSpace(m.UserPrincipalName)
	}
	c.members.put(id, email, c.cfg.MemberTTL)
	return email
}
