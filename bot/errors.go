package bot

import (
	"errors"
	"fmt"
	"time"
)

// Errors channels and stores return, tested with errors.Is.
var (
	// ErrUnreachable: the person or conversation cannot be written to (no stored
	// conversation reference, bot removed from the team).
	ErrUnreachable = errors.New("bot: unreachable")
	// ErrRateLimited: the platform asked to slow down; retry after a delay.
	ErrRateLimited = errors.New("bot: rate limited")
	// ErrNotFound: no such record.
	ErrNotFound = errors.New("bot: not found")
	// ErrConflict: the record changed under us (a decision already taken).
	ErrConflict = errors.New("bot: conflict")
	// ErrRedelivered: the turn's event (Turn.EventKey) was handled already; nothing
	// was done and nothing is to be answered.
	ErrRedelivered = errors.New("bot: event redelivered")
	// ErrEventNotRecorded: the turn's event key could not be recorded, so whether it
	// is a redelivery is unknown and nothing was done: the platform should deliver
	// the event again.
	ErrEventNotRecorded = errors.New("bot: event key not recorded")
)

// RateLimitError is returned by a Messenger when the platform answered 429; RetryAfter
// is how long it asked to wait (zero when it did not say). It matches ErrRateLimited.
type RateLimitError struct {
	RetryAfter time.Duration
}

func (e *RateLimitError) Error() string {
	return fmt.Sprintf("bot: rate limited, retry after %s", e.RetryAfter)
}

// Is makes errors.Is(err, ErrRateLimited) true.
func (e *RateLimitError) Is(target error) bool { return target == ErrRateLimited }
