package slack

import (
	"context"
	"strings"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"golang.org/x/sync/singleflight"
)

// maxCachedUsers bounds the user cache: a school service centre has a few thousand
// staff; past this, expired entries are dropped first, then any.
const maxCachedUsers = 10000

// userLookupTimeout bounds one users.info call.
const userLookupTimeout = 10 * time.Second

// userCache keeps users.info answers for a while: every turn needs the person's e-mail
// (their key and roles) and locale, and users.info is rate-limited. It is safe for
// concurrent use; concurrent turns of one uncached person share one users.info call (a
// person's first messages often come together).
type userCache struct {
	api     API
	ttl     time.Duration
	now     func() time.Time
	flights singleflight.Group // users.info calls in flight, by user id

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
	// The call serves every turn waiting for it, so it does not end with this turn's
	// cancellation, only with its own timeout.
	v, err, _ := uc.flights.Do(id, func() (any, error) {
		fctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), userLookupTimeout)
		defer cancel()
		return uc.fetch(fctx, id)
	})
	if err != nil {
		if ok {
			return cached.user, cached.locale, nil
		}
		return bot.User{}, "", apiError("users.info", err)
	}
	entry := v.(cachedUser)
	return entry.user, entry.locale, nil
}

// fetch asks users.info for id and caches the answer.
func (uc *userCache) fetch(ctx context.Context, id string) (cachedUser, error) {
	if e, ok := uc.fresh(id); ok { // a call that just ended
		return e, nil
	}
	u, err := uc.api.GetUserInfoContext(ctx, id)
	if err != nil {
		return cachedUser{}, err
	}
	name := strings.TrimSpace(u.Profile.DisplayName)
	if name == "" {
		name = strings.TrimSpace(u.Profile.RealName)
	}
	if name == "" {
		name = u.RealName
	}
	now := uc.now()
	entry := cachedUser{user: bot.User{ID: id, Name: name, Email: u.Profile.Email}, locale: u.Locale, expires: now.Add(uc.ttl)}
	uc.mu.Lock()
	defer uc.mu.Unlock()
	if len(uc.m) >= maxCachedUsers {
		uc.evict(now)
	}
	uc.m[id] = entry
	return entry, nil
}

// fresh returns id's cached entry when it has not expired.
func (uc *userCache) fresh(id string) (cachedUser, bool) {
	uc.mu.Lock()
	defer uc.mu.Unlock()
	e, ok := uc.m[id]
	return e, ok && uc.now().Before(e.expires)
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
