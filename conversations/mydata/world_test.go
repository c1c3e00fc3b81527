package mydata_test

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/disclosure"
	"github.com/cssdgs/iagbot/conversations/incident"
	"github.com/cssdgs/iagbot/conversations/mydata"
	"github.com/cssdgs/iagbot/storage"
)

const formURL = "https://maestro.example/formulaires/incident-confidentialite"

// now is the tests' clock: Wednesday 10 June 2026, mid-morning.
var now = time.Date(2026, 6, 10, 10, 30, 0, 0, time.Local)

// world is the bot as `iagbot chat` assembles it: SQLite in memory, the engine with
// the features about incidents, disclosure and the bot itself, and a real delivery
// dispatcher whose messenger is the console, so that what reaches the committee's
// channel shows in the script's output.
type world struct {
	db *storage.DB
	r  *consoletest.Runner
}

// committeeChannel is where the privacy committee's review cards go in the tests.
var committeeChannel = bot.ConversationRef{Channel: bot.Terminal, ID: "ch:cprpsi", Group: true}

// privacyFeatures are the features about incidents, disclosure and the bot itself, in
// the app's order.
func privacyFeatures(db *storage.DB, notify bot.Notifier, retention config.Retention) ([]conversations.Feature, error) {
	inc, err := incident.New(incident.Config{Store: db, Notify: notify, FormURL: formURL, Systems: []string{"PlanifIA"}})
	if err != nil {
		return nil, err
	}
	mine, err := mydata.New(db, retention)
	if err != nil {
		return nil, err
	}
	return append([]conversations.Feature{inc, disclosure.New(nil)}, mine...), nil
}

func newWorld(t *testing.T, locale string, withCommittee bool) *world {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	e := conversations.New(db, nil, nil)
	e.SetClock(func() time.Time { return now })
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{})
	feats, err := privacyFeatures(db, notify, config.Retention{ClosedDraftDays: 365, ConversationRefDays: 730})
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
	return &world{db: db, r: r}
}

func TestNewNeedsAStore(t *testing.T) {
	if _, err := mydata.New(nil, config.Retention{}); err == nil {
		t.Fatal("New(nil) succeeded, want an error")
	}
}
