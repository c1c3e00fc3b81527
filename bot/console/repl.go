package console

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// Run reads lines from in until end of input (Ctrl-D), "/quit" or ctx is done, and
// answers each. A turn that fails shows the generic apology and the chat goes on.
// Lines are read on their own goroutine, so that Ctrl-C (ctx done) ends the chat at
// once instead of after the next Enter.
func (c *Console) Run(ctx context.Context, in io.Reader) error {
	lines := make(chan string)
	done := make(chan error, 1)
	go func() {
		sc := bufio.NewScanner(in)
		sc.Buffer(make([]byte, 64*1024), 1024*1024)
		for sc.Scan() {
			select {
			case lines <- sc.Text():
			case <-ctx.Done():
				return
			}
		}
		done <- sc.Err()
	}()
	next := func() (string, bool, error) {
		select {
		case l := <-lines:
			return l, true, nil
		case err := <-done:
			return "", false, err
		case <-ctx.Done():
			return "", false, nil
		}
	}
	ask := func(label string) (string, bool) {
		c.write(label + " : ")
		l, ok, _ := next()
		return strings.TrimSpace(l), ok
	}
	for {
		if ctx.Err() != nil {
			return nil
		}
		c.write(c.Prompt())
		line, ok, err := next()
		if !ok {
			c.write("\n")
			return err
		}
		if t := strings.TrimSpace(line); t == "/quit" || t == "/exit" {
			return nil
		}
		if err := c.Line(ctx, line, ask); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			c.write(i18n.T(i18n.Parse(c.locale), "core.error") + "\n")
		}
	}
}

func (c *Console) write(s string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	fmt.Fprint(c.out, s)
}
