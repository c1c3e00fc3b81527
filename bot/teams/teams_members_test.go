package teams

import (
	"net/http"
	"strings"
	"sync"
	"testing"
	"time"
)

// TestConcurrentFirstMessagesShareOneLookup: a person's first messages arriving
// together (four at once, while the members API is slow) ask for their e-mail once,
// and every turn gets it.
func TestConcurrentFirstMessagesShareOneLookup(t *testing.T) {
	e := newEnv(t)
	e.conn.fail = func(_, path string) (int, map[string]string) {
		if strings.Contains(path, "/members/") {
			time.Sleep(200 * time.Millisecond)
		}
		return 0, nil
	}
	auth := e.auth(t)
	var wg sync.WaitGroup
	for _, id := range []string{"c1", "c2", "c3", "c4"} {
		wg.Go(func() {
			if got := e.post(t, e.message(id, "aide"), auth); got != http.StatusOK {
				t.Errorf("%s: status %d", id, got)
			}
		})
	}
	wg.Wait()
	if n := len(e.conn.requests("/members/")); n != 1 {
		t.Errorf("%d member lookups for four concurrent first messages, want 1", n)
	}
	turns := e.handler.got()
	if len(turns) != 4 {
		t.Fatalf("%d turns, want 4", len(turns))
	}
	for _, turn := range turns {
		if turn.User.Email != userEmail {
			t.Errorf("email = %q, want %q", turn.User.Email, userEmail)
		}
	}
}
