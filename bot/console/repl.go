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
func (c *Console) Run(ctx context.Context, in io.Reader) error {
	sc := bufio.NewScanner(in)
	sc.Buffer(make([]byte, 64*1024), 1024*1024)
	ask := func(label string) (string, bool) {
		c.write(label + " : ")
		if !sc.Scan() {
			return "", false
		}
		return strings.TrimSpace(sc.Text()), true
	}
	for {
		if ctx.Err() != nil {
			return nil
		}
		c.write(c.Prompt())
		if !sc.Scan() {
			c.write("\n")
			return sc.Err()
		}
		line := sc.Text()
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
