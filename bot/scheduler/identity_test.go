package scheduler_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// TestOneReminderPerPerson: Julie was registered for training under her Slack id,
// before Slack gave the bot her e-mail, and again under her e-mail; once her Slack id
// is seen with her e-mail, both keys are one person, reminded once.
func TestOneReminderPerPerson(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-05-10", 8, 0), p, testConfig(), nil)
	h.approved(at("2027-04-20", 10, 0), "rita@x", "", map[requests.Tag]string{
		requests.TagDeploymentDate: "2027-05-20", requests.TagTrainingCalendar: "2027-05-12"},
		workflow.Approval{SystemName: "Gemini", Kind: "private", Hosting: "canada", EFVPNextReview: far, OwnerKey: "julie@x",
			Trainees: []string{"slack:UJ"}, Training: []time.Time{*date("2027-05-12")}})
	ctx := context.Background()
	ref := &bot.ConversationRef{Channel: bot.Slack, ID: "D-julie@x", UserID: "UJ"}
	if _, err := h.db.MeetPerson(ctx, "slack:UJ", bot.Slack, bot.User{ID: "UJ", Name: "Julie"}, ref); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.MeetPerson(ctx, "julie@x", bot.Slack, bot.User{ID: "UJ", Name: "Julie", Email: "Julie@x"}, ref); err != nil {
		t.Fatal(err)
	}
	meet(t, h.db, "rita@x")
	h.start()
	p.take()
	h.pass("2027-05-11")
	if g := to(p.take()); !slices.Equal(g, []string{"D-julie@x"}) {
		t.Errorf("2027-05-11: reminders to %q, want one to D-julie@x", g)
	}
}
