// Package consoletest plays scripted conversations with several users through the
// terminal channel, as a person would type them. A Runner keeps the first error and
// stops acting after it, so a script reads top to bottom without error checks:
//
//	r := consoletest.New(t, engine)
//	r.As("alice").Say("faire une demande").Want("étape 1")
//	r.As("codir").In("codir").Press("Approuver", map[string]string{"comment": "ok"})
//	r.Err() // nil, or the first failure
package consoletest

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/console"
	"github.com/cssdgs/iagbot/cards/text"
)

// Runner drives a console.
type Runner struct {
	tb   testing.TB
	ctx  context.Context
	Con  *console.Console
	out  *syncBuffer
	mark int // where the output of the last action starts
	err  error
}

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// New returns a runner over h (the handler may be set later with SetHandler, when it
// needs the console as its messenger). locale is "fr" unless changed with Locale.
func New(tb testing.TB, h bot.Handler) *Runner {
	buf := &syncBuffer{}
	return &Runner{tb: tb, ctx: context.Background(), Con: console.New(h, buf, "moi", "fr"), out: buf}
}

// NewLocale is New with another platform locale.
func NewLocale(tb testing.TB, h bot.Handler, locale string) *Runner {
	buf := &syncBuffer{}
	return &Runner{tb: tb, ctx: context.Background(), Con: console.New(h, buf, "moi", locale), out: buf}
}

func (r *Runner) fail(format string, args ...any) {
	if r.err == nil {
		r.err = fmt.Errorf(format, args...)
		r.tb.Helper()
		r.tb.Error(r.err)
	}
}

func (r *Runner) line(s string) *Runner {
	if r.err != nil {
		return r
	}
	r.mark = len(r.out.String())
	if err := r.Con.Line(r.ctx, s, func(string) (string, bool) { return "", false }); err != nil {
		r.fail("%q: %v", s, err)
	}
	return r
}

// As switches to user (back to their direct conversation).
func (r *Runner) As(user string) *Runner { return r.line("/as " + user) }

// In moves the current user into the shared channel name.
func (r *Runner) In(name string) *Runner { return r.line("/in " + name) }

// Say types text.
func (r *Runner) Say(text string) *Runner {
	if strings.HasPrefix(text, "/") {
		r.fail("Say(%q): console commands go through As/In", text)
		return r
	}
	return r.line(text)
}

// Press presses the button labelled label on the last card of the current
// conversation, with the card's input values.
func (r *Runner) Press(label string, values map[string]string) *Runner {
	if r.err != nil {
		return r
	}
	c := r.Con.LastCard()
	if c == nil {
		r.fail("Press(%q): no card with buttons here", label)
		return r
	}
	for i, b := range text.Buttons(c) {
		if b.Label == label {
			r.mark = len(r.out.String())
			if _, err := r.Con.Press(r.ctx, i+1, values); err != nil {
				r.fail("Press(%q): %v", label, err)
			}
			return r
		}
	}
	r.fail("Press(%q): card %q has no such button", label, c.Title)
	return r
}

// Want checks that the output of the last action contains every s.
func (r *Runner) Want(s ...string) *Runner {
	if r.err != nil {
		return r
	}
	got := r.Last()
	for _, w := range s {
		if !strings.Contains(got, w) {
			r.fail("want %q in output:\n%s", w, got)
			return r
		}
	}
	return r
}

// WantNot checks that the output of the last action contains none of s.
func (r *Runner) WantNot(s ...string) *Runner {
	if r.err != nil {
		return r
	}
	got := r.Last()
	for _, w := range s {
		if strings.Contains(got, w) {
			r.fail("did not want %q in output:\n%s", w, got)
			return r
		}
	}
	return r
}

// Last is the output of the last action.
func (r *Runner) Last() string { return r.out.String()[r.mark:] }

// All is the whole output so far.
func (r *Runner) All() string { return r.out.String() }

// Err is the first failure, or nil.
func (r *Runner) Err() error { return r.err }
