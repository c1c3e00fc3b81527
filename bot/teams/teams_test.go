package teams

import (
	"errors"
	"net/http"
	"testing"

	"github.com/cssdgs/iagbot/bot/teams/bfauth"
	"github.com/cssdgs/iagbot/bot/teams/connector"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

func TestNewRefusesUnsafeConfig(t *testing.T) {
	client, _ := connector.New(connector.Config{})
	v, _ := bfauth.New(bfauth.Config{AppID: testAppID})
	h, db := &fakeHandler{}, storagetest.SQLite(t)
	for _, tc := range []struct {
		name string
		cfg  Config
	}{
		{"no validator outside the emulator mode", Config{Handler: h, Connector: client, Store: db}},
		{"validator and emulator", Config{Handler: h, Connector: client, Store: db, Validator: v, Emulator: true}},
		{"no handler", Config{Connector: client, Store: db, Validator: v}},
		{"no store", Config{Handler: h, Connector: client, Validator: v}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := New(tc.cfg); !errors.Is(err, ErrConfig) {
				t.Errorf("error = %v, want ErrConfig", err)
			}
		})
	}
}

func TestLoopback(t *testing.T) {
	for _, tc := range []struct {
		addr string
		want bool
	}{
		{"127.0.0.1:3978", true}, {"[::1]:3978", true}, {"localhost:3978", true}, {"127.0.0.2:80", true},
		{":3978", false}, {"0.0.0.0:3978", false}, {"[::]:3978", false}, {"10.0.0.5:3978", false},
		{"bot.cssdgs.example:3978", false}, {"garbage", false},
	} {
		if got := Loopback(tc.addr); got != tc.want {
			t.Errorf("Loopback(%q) = %v, want %v", tc.addr, got, tc.want)
		}
	}
}

// TestEmulatorMode: without an app id the channel takes unauthenticated activities,
// as the Bot Framework Emulator sends them, and answers without a token.
func TestEmulatorMode(t *testing.T) {
	plain, err := connector.New(connector.Config{})
	if err != nil {
		t.Fatal(err)
	}
	e := newEnv(t, func(c *Config) { c.Validator, c.Emulator, c.Connector, c.AppID = nil, true, plain, "" })
	a := e.message("e1", "aide")
	a["channelId"] = "emulator"
	a["from"] = map[string]any{"id": "emulator-user", "name": "User"}
	if got := e.post(t, a, ""); got != http.StatusOK {
		t.Fatalf("status %d, want 200", got)
	}
	turns := e.handler.got()
	if len(turns) != 1 || turns[0].User.ID != "emulator-user" {
		t.Fatalf("turns = %+v", turns)
	}
	r := e.conn.activities()
	if len(r) != 1 || r[0].Auth != "" {
		t.Errorf("replies = %+v, want one without Authorization", r)
	}
}

func TestMarkdown(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"plain", "Bonjour", "Bonjour"},
		{"lines become paragraphs", "Titre\nSuite", "Titre\n\nSuite"},
		{"list after a line", "Voici :\n- un\n- deux\nFin", "Voici :\n\n- un\n- deux\n\nFin"},
		{"paragraphs kept", "A\n\n\nB", "A\n\nB"},
		{"lists separated by a blank line", "- a\n\n- b", "- a\n\n- b"},
		{"CRLF", "A\r\nB", "A\n\nB"},
		{"emphasis untouched", "**gras** et _italique_", "**gras** et _italique_"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := markdown(tc.in); got != tc.want {
				t.Errorf("got %q, want %q", got, tc.want)
			}
		})
	}
}
