// Package delivery sends messages outside a turn — review cards, notifications,
// reminders — to a person or a role, through the channel where the person was last
// seen, from conversation references kept in the database. It paces messages per
// conversation and retries after the platform's 429, honouring Retry-After.
package delivery

import (
	"context"
	"errors"
	"fmt"
	"sync"
	"time"

	"github.com/cssdgs/iagbot/bot"
)

// Store is what the dispatcher reads.
type Store interface {
	People(ctx context.Context, key string) ([]bot.Person, error)
	FindPersonKey(ctx context.Context, who string) (string, error)
	RoleChannel(ctx context.Context, role string) (bot.ConversationRef, error)
}

// Dispatcher implements bot.Notifier over the channels' Messengers. It is
// safe for concurrent use.
type Dispatcher struct {
	store      Store
	messengers map[bot.Channel]bot.Messenger
	// Members returns the configured members of a role (e-mails or ids), used when the
	// role has no registered channel.
	Members func(role string) []string
	// MaxAttempts bounds retries after a rate limit (default 4).
	MaxAttempts int
	// Sleep waits (tests make it instant); it returns early when ctx is done.
	Sleep func(ctx context.Context, d time.Duration) error
	// Gap is the least time between two messages to one conversation, per channel:
	// Slack allows about one message a second per channel, Teams about seven.
	Gap map[bot.Channel]time.Duration

	mu   sync.Mutex // guards next
	next map[string]time.Time
}

// New returns a dispatcher over the given messengers, one per channel.
func New(store Store, messengers map[bot.Channel]bot.Messenger) *Dispatcher {
	return &Dispatcher{store: store, messengers: messengers, MaxAttempts: 4, Sleep: sleep,
		Members: func(string) []string { return nil }, next: map[string]time.Time{},
		Gap: map[bot.Channel]time.Duration{bot.Slack: time.Second, bot.Teams: 150 * time.Millisecond}}
}

// Add registers the messenger of a channel (the terminal registers itself late).
func (d *Dispatcher) Add(ch bot.Channel, m bot.Messenger) {
	d.mu.Lock()
	defer d.mu.Unlock()
	d.messengers[ch] = m
}

func (d *Dispatcher) messenger(ch bot.Channel) bot.Messenger {
	d.mu.Lock()
	defer d.mu.Unlock()
	return d.messengers[ch]
}

// ToPerson posts r in the person's direct conversation, on the channel where they were
// seen last that can reach them, in their language when r can be localized;
// bot.ErrUnreachable when none can.
func (d *Dispatcher) ToPerson(ctx context.Context, key string, r bot.Reply) (bot.MessageRef, error) {
	people, err := d.store.People(ctx, key)
	if err != nil {
		return bot.MessageRef{}, fmt.Errorf("notify %s: %w", "person", err)
	}
	if r.Localize != nil {
		if l := bot.LangOf(people); l != "" {
			r = r.Localize(bot.Lang(l))
		}
	}
	lastErr := error(bot.ErrUnreachable)
	for _, p := range people {
		m := d.messenger(p.Channel)
		if m == nil {
			continue
		}
		ref := p.DirectRef
		if ref == nil {
			opener, ok := m.(bot.DirectOpener)
			if !ok || p.UserID == "" {
				continue
			}
			opened, err := opener.OpenDirect(ctx, p.UserID)
			if err != nil {
				lastErr = err
				continue
			}
			ref = &opened
		}
		msg, err := d.post(ctx, m, *ref, r)
		if err == nil {
			return msg, nil
		}
		lastErr = err
	}
	return bot.MessageRef{}, lastErr
}

// ToRole posts r in the role's registered channel; without one, or when that channel
// cannot be posted to (bot.ErrUnreachable), to each configured member directly.
func (d *Dispatcher) ToRole(ctx context.Context, role string, r bot.Reply) ([]bot.MessageRef, error) {
	ref, err := d.store.RoleChannel(ctx, role)
	// Cards go to the top of the channel: a registration stored before threads were
	// dropped from it must not put them in the thread of the registration message.
	ref.ThreadID = ""
	if err == nil {
		if m := d.messenger(ref.Channel); m != nil {
			msg, err := d.post(ctx, m, ref, r)
			if err == nil {
				return []bot.MessageRef{msg}, nil
			}
			if !errors.Is(err, bot.ErrUnreachable) {
				return nil, err
			}
			// The channel is gone or the bot was removed from it: the role's members
			// still get the message, each directly.
		}
	} else if !errors.Is(err, bot.ErrNotFound) {
		return nil, err
	}
	var (
		sent                []bot.MessageRef
		unreachable, failed []error
	)
	for _, who := range d.Members(role) {
		key, err := d.store.FindPersonKey(ctx, who)
		if errors.Is(err, bot.ErrNotFound) {
			err = fmt.Errorf("%s member: %w", role, bot.ErrUnreachable)
		}
		if err == nil {
			var msg bot.MessageRef
			if msg, err = d.ToPerson(ctx, key, r); err == nil {
				sent = append(sent, msg)
				continue
			}
		}
		if errors.Is(err, bot.ErrUnreachable) {
			unreachable = append(unreachable, err)
		} else {
			failed = append(failed, err)
		}
	}
	switch {
	case len(sent) > 0:
		return sent, nil
	case len(failed) > 0:
		// Not ErrUnreachable, which callers take as final: a failure that may pass (the
		// database, a platform's 5xx) must leave the message to be tried again.
		return nil, fmt.Errorf("role %s: %w", role, errors.Join(failed...))
	}
	return nil, errors.Join(append(unreachable, fmt.Errorf("role %s: %w", role, bot.ErrUnreachable))...)
}

// Update replaces a posted message where the channel can; elsewhere it posts the new
// version.
func (d *Dispatcher) Update(ctx context.Context, msg bot.MessageRef, r bot.Reply) error {
	m := d.messenger(msg.Conversation.Channel)
	if m == nil {
		return bot.ErrUnreachable
	}
	if u, ok := m.(bot.Updater); ok {
		return d.retry(ctx, msg.Conversation, func() error { return u.Update(ctx, msg, r) })
	}
	_, err := d.post(ctx, m, msg.Conversation, r)
	return err
}

func (d *Dispatcher) post(ctx context.Context, m bot.Messenger, to bot.ConversationRef, r bot.Reply) (bot.MessageRef, error) {
	var msg bot.MessageRef
	err := d.retry(ctx, to, func() error {
		var err error
		msg, err = m.Post(ctx, to, r)
		return err
	})
	return msg, err
}

// retry paces calls per conversation and retries after a rate limit.
func (d *Dispatcher) retry(ctx context.Context, conv bot.ConversationRef, call func() error) error {
	var err error
	for attempt := 0; attempt < d.MaxAttempts; attempt++ {
		if err := d.pace(ctx, conv); err != nil {
			return err
		}
		err = call()
		var rl *bot.RateLimitError
		if !errors.As(err, &rl) || attempt == d.MaxAttempts-1 {
			return err // done, or the last try: waiting again would only delay the error
		}
		wait := rl.RetryAfter
		if wait <= 0 {
			wait = time.Duration(1<<attempt) * time.Second
		}
		if err := d.Sleep(ctx, wait); err != nil {
			return err
		}
	}
	return err
}

func (d *Dispatcher) pace(ctx context.Context, conv bot.ConversationRef) error {
	d.mu.Lock()
	gap := d.Gap[conv.Channel]
	if gap == 0 {
		d.mu.Unlock()
		return nil
	}
	key := string(conv.Channel) + "/" + conv.ID
	now := time.Now()
	if len(d.next) > 10_000 {
		// Forget conversations whose slot is past: memory stays bounded by the
		// conversations written to in the last second or so.
		for k, at := range d.next {
			if at.Before(now) {
				delete(d.next, k)
			}
		}
	}
	at := d.next[key]
	if at.Before(now) {
		at = now
	}
	d.next[key] = at.Add(gap)
	d.mu.Unlock()
	if wait := at.Sub(now); wait > 0 {
		return d.Sleep(ctx, wait)
	}
	return nil
}

func sleep(ctx context.Context, d time.Duration) error {
	t := time.NewTimer(d)
	defer t.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-t.C:
		return nil
	}
}
