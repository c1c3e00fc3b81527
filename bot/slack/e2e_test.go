package slack_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/i18n"
	slackbot "github.com/cssdgs/iagbot/bot/slack"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/slack-go/slack"
)

// TestEndToEndWithEngine runs a direct message through the real conversation engine
// on a SQLite file: the help comes back in French, and the person's direct
// conversation is kept, so that a proactive message reaches them later.
func TestEndToEndWithEngine(t *testing.T) {
	ctx := context.Background()
	db := mustOpenDB(t)
	fake := newFakeSlack(t)
	api := slack.New("xoxb-test", slack.OptionAPIURL(fake.GetAPIURL()))
	ch, err := slackbot.New(api, conversations.New(db, nil, nil), slackbot.Options{SigningSecret: secret, Dedupe: db})
	if err != nil {
		t.Fatal(err)
	}
	e := &env{t: t, fake: fake, ch: ch, db: db}
	e.srv = serve(t, ch)
	e.postEvent(eventCallback("EvE2E", dm("aide")))
	e.drain()
	posts := fake.Calls("chat.postMessage")
	if len(posts) != 1 || !strings.Contains(blocksText(posts[0]), i18n.T(i18n.FR, "core.help.intro")) {
		t.Fatalf("replies = %v, want the French help", posts)
	}
	key := "marie.tremblay@cssdgs.gouv.qc.ca"
	people, err := db.People(ctx, key)
	if err != nil || len(people) != 1 || people[0].DirectRef == nil || people[0].DirectRef.ID != "D1" {
		t.Fatalf("People(%s) = %+v, %v; want the Slack DM kept", key, people, err)
	}
	// The dispatcher uses the channel as a Messenger, as reminders will.
	d := delivery.New(db, map[bot.Channel]bot.Messenger{bot.Slack: ch})
	msg, err := d.ToPerson(ctx, key, bot.Text("Rappel : **formation** demain"))
	if err != nil || msg.Conversation.ID != "D1" || msg.MessageID == "" {
		t.Fatalf("ToPerson = %+v, %v; want a message in D1", msg, err)
	}
	if posts := fake.Calls("chat.postMessage"); len(posts) != 2 || posts[1].Form.Get("text") != "Rappel : *formation* demain" {
		t.Errorf("proactive post = %v, want the reminder in mrkdwn", posts[len(posts)-1])
	}
}
