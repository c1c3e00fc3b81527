package teams

import (
	"net/http"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/conversations"
)

// TestEndToEndWithEngine runs the real conversation engine on the SQLite file behind
// the channel: Teams message in, help text out at the fake connector, in the language
// of the message.
func TestEndToEndWithEngine(t *testing.T) {
	var engine *conversations.Engine
	e := newEnv(t, func(c *Config) {
		engine = conversations.New(c.Store.(conversations.Store), nil, nil)
		c.Handler = engine
	})
	for i, tc := range []struct {
		text string
		want string
	}{
		{"aide", i18n.T(i18n.FR, "core.help.title")},
		{"help", i18n.T(i18n.EN, "core.help.title")},
	} {
		if got := e.post(t, e.message("e2e-"+tc.text, tc.text), e.auth(t)); got != http.StatusOK {
			t.Fatalf("status %d", got)
		}
		r := e.conn.activities()
		if len(r) != i+1 {
			t.Fatalf("%d replies after %q", len(r), tc.text)
		}
		if text, _ := r[i].Body["text"].(string); !strings.HasPrefix(text, tc.want) {
			t.Errorf("reply to %q = %q, want it to start with %q", tc.text, text, tc.want)
		}
	}
	// The engine met the person by e-mail, with the 1:1 reference for proactive messages.
	people, err := e.db.People(t.Context(), strings.ToLower(userEmail))
	if err != nil || len(people) != 1 || people[0].DirectRef == nil || people[0].DirectRef.ServiceURL != e.serviceURL {
		t.Errorf("people = %+v, %v", people, err)
	}
}

// BenchmarkTeamsMessage measures a validated message through the channel to its reply
// at the fake connector (engine excluded).
func BenchmarkTeamsMessage(b *testing.B) {
	e := newEnv(b)
	auth := e.auth(b)
	for i := 0; b.Loop(); i++ {
		if got := e.post(b, e.message("bench-"+itoa(i), "aide"), auth); got != http.StatusOK {
			b.Fatalf("status %d", got)
		}
	}
}
