package incident_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/incident"
	"github.com/cssdgs/iagbot/storage"
)

const formURL = "https://maestro.example/formulaires/incident-confidentialite"

// now is the tests' clock: Wednesday 10 June 2026, mid-morning.
var now = time.Date(2026, 6, 10, 10, 30, 0, 0, time.Local)

// world is the incident feature as `iagbot chat` assembles it: a SQLite file (the
// tests read it for what must not be there), the engine, and a real delivery
// dispatcher whose messenger is the console, so that what reaches the committee's
// channel shows in the script's output.
type world struct {
	db   *storage.DB
	path string
	r    *consoletest.Runner
	e    *conversations.Engine
}

// committeeChannel is where the privacy committee's review cards go in the tests.
var committeeChannel = bot.ConversationRef{Channel: bot.Terminal, ID: "ch:cprpsi", Group: true}

func newWorld(t *testing.T, locale string, withCommittee bool) *world {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "incident.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	e := conversations.New(db, nil, nil)
	e.SetClock(func() time.Time { return now })
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{})
	f, err := incident.New(incident.Config{Store: db, Notify: notify, FormURL: formURL})
	if err != nil {
		t.Fatal(err)
	}
	e.Register(f)
	r := consoletest.NewLocale(t, e, locale)
	notify.Add(bot.Terminal, r.Con)
	if withCommittee {
		if err := db.SetRoleChannel(ctx, "cprpsi", committeeChannel, "terminal:admin"); err != nil {
			t.Fatal(err)
		}
	}
	return &world{db: db, path: path, r: r, e: e}
}

func TestNewNeedsItsDependencies(t *testing.T) {
	db, err := storage.Open(context.Background(), ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{})
	for _, tc := range []struct {
		name    string
		cfg     incident.Config
		wantErr bool
	}{
		{"complete", incident.Config{Store: db, Notify: notify, FormURL: formURL}, false},
		{"no store", incident.Config{Notify: notify, FormURL: formURL}, true},
		{"no notifier", incident.Config{Store: db, FormURL: formURL}, true},
		{"no form", incident.Config{Store: db, Notify: notify}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, err := incident.New(tc.cfg)
			if (err != nil) != tc.wantErr || (err == nil && f == nil) {
				t.Fatalf("New() = %v, %v; want error %v", f, err, tc.wantErr)
			}
		})
	}
}
