package slack

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
)

// maxCachedUsers bounds the user cache: a school service centre has a few thousand
// staff; past this, expired entries are dropped first, then any.
const maxCachedUsers = 10000

// userCache keeps users.info answers for a while: every turn needs the person's e-mail
// (their key and roles) and locale, and users.info is rate-limited. It is safe for
// concurrent use; two turns of one uncached person may both ask Slack, which is
// harmless.
type userCache struct {
	api API
	ttl time.Duration
	now func() time.Time

	mu sync.Mutex // guards m
	m  map[string]cachedUser
}

type cachedUser struct {
	user    bot.User
	locale  string
	expires time.Time
}

func newUserCache(api API, ttl time.Duration, now func() time.Time) *userCache {
	return &userCache{api: api, ttl: ttl, now: now, m: map[string]cachedUser{}}
}

// get returns the person behind a Slack user id and their Slack locale ("fr-CA"),
// from the cache or users.info (with include_locale). When Slack cannot be asked, an
// expired entry is better than nothing; without one, the error is returned.
func (uc *userCache) get(ctx context.Context, id string) (bot.User, string, error) {
	now := uc.now()
	uc.mu.Lock()
	cached, ok := uc.m[id]
	uc.mu.Unlock()
	if ok && now.Before(cached.expires) {
		return cached.user, cached.locale, nil
	}
	u, err := uc.api.GetUserInfoContext(ctx, id)
	if err != nil {
		if ok {
			return cached.user, cached.locale, nil
		}
		return bot.User{}, "", apiError("users.info", err)
	}
	name := strings.TrimSpace(u.Profile.DisplayName)
	if name == "" {
		name = strings.TrimSpace(u.Profile.RealName)
	}
	if name == "" {
		name = u.RealName
	}
	entry := cachedUser{user: bot.User{ID: id, Name: name, Email: u.Profile.Email}, locale: u.Locale, expires: now.Add(uc.ttl)}
	uc.mu.Lock()
	defer uc.mu.Unlock()
	if len(uc.m) >= maxCachedUsers {
		uc.evict(now)
	}
	uc.m[id] = entry
	return entry.user, entry.locale, nil
}

// evict drops expired entries, or one entry at random when none has expired. The
// caller holds mu.
func (uc *userCache) evict(now time.Time) {
	for id, e := range uc.m {
		if !now.Before(e.expires) {
			delete(uc.m, id)
		}
	}
	if len(uc.m) < maxCachedUsers {
		return
	}
	for id := range uc.m {
		delete(uc.m, id)
		return
	}
}
