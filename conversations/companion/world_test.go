package companion_test

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/companion"
	"github.com/cssdgs/iagbot/storage"
)

const formURL = "https://maestro.example/formulaires/incident-confidentialite"

// now is the tests' clock: Wednesday 10 June 2026, mid-morning.
var now = time.Date(2026, 6, 10, 10, 30, 0, 0, time.Local)

// world is the bot as `iagbot chat` assembles it: a SQLite file, the engine with the
// companion features, and a real delivery dispatcher whose messenger is the console,
// so that what reaches the committee's channel shows in the script's output.
type world struct {
	db   *storage.DB
	path string
	r    *consoletest.Runner
}

// committeeChannel is where the privacy committee's review cards go in the tests.
var committeeChannel = bot.ConversationRef{Channel: bot.Terminal, ID: "ch:cprpsi", Group: true}

func newWorld(t *testing.T, locale string, withCommittee bool) *world {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "companion.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	e := conversations.New(db, nil, nil)
	e.SetClock(func() time.Time { return now })
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{})
	feats, err := companion.New(companion.Config{Store: db, Notify: notify, FormURL: formURL,
		Retention: companion.Retention{ClosedDraftDays: 365, ConversationRefDays: 730}})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range feats {
		e.Register(f)
	}
	r := consoletest.NewLocale(t, e, locale)
	notify.Add(bot.Terminal, r.Con)
	if withCommittee {
		if err := db.SetRoleChannel(ctx, "cprpsi", committeeChannel, "terminal:admin"); err != nil {
			t.Fatal(err)
		}
	}
	return &world{db: db, path: path, r: r}
}

func TestNewNeedsItsDependencies(t *testing.T) {
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "deps.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{})
	for _, tc := range []struct {
		name    string
		cfg     companion.Config
		wantErr bool
	}{
		{"complete", companion.Config{Store: db, Notify: notify, FormURL: formURL}, false},
		{"no store", companion.Config{Notify: notify, FormURL: formURL}, true},
		{"no notifier", companion.Config{Store: db, FormURL: formURL}, true},
		{"no form", companion.Config{Store: db, Notify: notify}, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			feats, err := companion.New(tc.cfg)
			if (err != nil) != tc.wantErr {
				t.Fatalf("New() error = %v, want error %v", err, tc.wantErr)
			}
			if err == nil && len(feats) != 5 {
				t.Errorf("New() = %d features, want 5 (incident, disclosure, transparency, my data, erase)", len(feats))
			}
		})
	}
}
