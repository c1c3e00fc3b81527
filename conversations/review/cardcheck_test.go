package review_test

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
)

// press presses a button on the shared card messageID in the CODIR-IN channel.
func (h *harness) press(user, verb, subject, messageID string, values map[string]string) []bot.Reply {
	h.t.Helper()
	replies, err := h.eng.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: user, Name: user}, Locale: "fr",
		Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:codir", Group: true},
		Action:       &bot.Action{Verb: verb, Subject: subject, Values: values, MessageID: messageID}})
	if err != nil {
		h.t.Fatal(err)
	}
	return replies
}

// postedCard is the message id of the card posted in the CODIR-IN channel for id.
func (h *harness) postedCard(id uint) string {
	h.t.Helper()
	cards, err := h.db.PostedCards(h.ctx, id, 1, requests.CODIRReview)
	if err != nil || len(cards) != 1 {
		h.t.Fatalf("posted cards of %d = %+v, %v; want one", id, cards, err)
	}
	return cards[0].MessageID
}

// TestButtonActsOnItsOwnCardOnly: a well-formed value naming request 2, pressed on
// request 1's card, decides nothing, rewrites no card and is audited; the same button
// on request 2's own card decides it.
func TestButtonActsOnItsOwnCardOnly(t *testing.T) {
	h := newHarness(t)
	h.r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN")
	one := h.submitted(baseAnswers())
	two := h.draft("bob", baseAnswers())
	h.r.As("bob").Say(fmt.Sprintf("soumettre %d", two))
	if err := h.r.Err(); err != nil {
		t.Fatal(err)
	}
	card1, card2 := h.postedCard(one), h.postedCard(two)
	changes := map[string]string{"comment": "Précisez"}
	denied := h.audited("review.denied")
	for _, msg := range []string{card1, "", "term-999"} {
		replies := h.press("codir", "review.changes", ref(two, 1, requests.CODIRReview), msg, changes)
		for _, r := range replies {
			if r.Replace || !r.Private {
				t.Errorf("card %q: reply %+v; want one private refusal, no card rewritten", msg, r)
			}
		}
		if got := h.request(two).Status; got != requests.CODIRReview {
			t.Fatalf("card %q: request 2 is %s; want it untouched", msg, got)
		}
	}
	if n := h.audited("review.denied") - denied; n != 3 {
		t.Errorf("%d refusals audited, want 3", n)
	}
	h.press("codir", "review.changes", ref(two, 1, requests.CODIRReview), card2, changes)
	if got := h.request(two).Status; got != requests.ChangesRequested {
		t.Fatalf("on its own card: request 2 is %s; want changes requested", got)
	}
	if got := h.request(one).Status; got != requests.CODIRReview {
		t.Fatalf("request 1 is %s; want it untouched", got)
	}
}

// TestLateClicksDoNotRedrawTheCard: once a stage is decided, every further click on
// its card gets a private "already decided by …" and no card update.
func TestLateClicksDoNotRedrawTheCard(t *testing.T) {
	h := newHarness(t)
	h.r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN")
	id := h.submitted(baseAnswers())
	card := h.postedCard(id)
	subject := ref(id, 1, requests.CODIRReview)
	h.press("codir", "review.reject", subject, card, map[string]string{"comment": "Non"})
	if got := h.request(id).Status; got != requests.Rejected {
		t.Fatalf("status = %s, want rejected", got)
	}
	for i := 0; i < 5; i++ {
		replies := h.press("codir2", "review.reject", subject, card, map[string]string{"comment": "Non"})
		if len(replies) != 1 || replies[0].Replace || !replies[0].Private {
			t.Fatalf("late click %d: %+v; want only the private answer", i, replies)
		}
	}
}

// TestOwnRequestUnderAnotherKey: Carl submits under his e-mail; seen later without it
// (another key, same terminal name), he still cannot decide his own request.
func TestOwnRequestUnderAnotherKey(t *testing.T) {
	h := newHarness(t)
	h.r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN")
	carl := bot.User{ID: "codir", Name: "Carl Codir (CODIR-IN)", Email: "mallory@example.org"}
	say := func(u bot.User, text string) {
		if _, err := h.eng.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: u, Locale: "fr", Text: text,
			Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: u.ID, UserID: u.ID}}); err != nil {
			t.Fatal(err)
		}
	}
	say(carl, "aide")
	h.r.As("codir2").Say("aide")
	r, err := h.db.CreateDraft(h.ctx, "mallory@example.org", carl.Name, "fr")
	if err != nil {
		t.Fatal(err)
	}
	for tag, v := range baseAnswers() {
		if err := h.db.SetAnswer(h.ctx, r.ID, tag, requests.Answer{Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	say(carl, fmt.Sprintf("soumettre %d", r.ID))
	if got := h.request(r.ID).Status; got != requests.CODIRReview {
		t.Fatalf("status = %s, want codir_review", got)
	}
	// The card says who really asked, next to the name he chose.
	if !strings.Contains(h.r.All(), "Carl Codir (CODIR-IN) — mallory@example.org") {
		t.Errorf("the CODIR-IN card does not show the requester's e-mail:\n%s", h.r.All())
	}
	// The audit log (and its export) names him by his verified e-mail next to his name.
	log, err := h.db.AuditLog(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var started bool
	for _, e := range log {
		if e.Action == "review.start" && e.Subject == requests.Subject(r.ID) {
			started = e.ActorKey == "mallory@example.org" && e.ActorName == carl.Name
		}
	}
	if !started {
		t.Errorf("no review.start entry with actor mallory@example.org and name %q: %+v", carl.Name, log)
	}
	card := h.postedCard(r.ID)
	h.press("codir", "review.reject", ref(r.ID, 1, requests.CODIRReview), card, map[string]string{"comment": "Non"})
	if got := h.request(r.ID).Status; got != requests.CODIRReview {
		t.Fatalf("Carl decided his own request under another key: status %s", got)
	}
	h.press("codir2", "review.reject", ref(r.ID, 1, requests.CODIRReview), card, map[string]string{"comment": "Non"})
	if got := h.request(r.ID).Status; got != requests.Rejected {
		t.Fatalf("another member: status %s, want rejected", got)
	}
}

// TestPendingListIsPrivateInAChannel: « demandes à examiner » typed in a shared channel
// is answered to the reviewer alone (Slack ephemeral, Teams 1:1); in a direct
// conversation as usual.
func TestPendingListIsPrivateInAChannel(t *testing.T) {
	h := newHarness(t)
	h.submitted(baseAnswers())
	for _, group := range []bool{true, false} {
		replies, err := h.eng.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "codir", Name: "codir"}, Locale: "fr",
			Conversation: bot.ConversationRef{Channel: bot.Terminal, ID: "ch:general", Group: group}, Text: "demandes à examiner"})
		if err != nil {
			t.Fatal(err)
		}
		cards := 0
		for _, r := range replies {
			if r.Card != nil {
				cards++
			}
			if r.Private != group {
				t.Errorf("group %v: reply %q private = %v", group, r.Text, r.Private)
			}
		}
		if cards == 0 {
			t.Fatalf("group %v: no review card in %+v", group, replies)
		}
	}
}
