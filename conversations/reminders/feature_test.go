package reminders_test

import (
	"context"
	"errors"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/console"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// seedTraining has rita's request for Gemini approved with alice, its owner, to train
// on 12 May (its EFVP is far off), and returns the request's id.
func (w *world) seedTraining() uint {
	return w.approved("terminal:rita", "", workflow.Approval{SystemName: "Gemini", Kind: "private", Hosting: "canada",
		EFVPNextReview: date("2030-01-01"), OwnerKey: "terminal:alice", Training: []time.Time{date("2027-05-12")}})
}

func TestTrainedButtonRecordsThePersonWhoPressed(t *testing.T) {
	w := newWorld(t, "2027-05-11", "fr")
	w.meet("alice", "bob")
	id := w.seedTraining()
	if rep := w.deliver(); rep.Sent != 1 {
		t.Fatalf("pass = %+v, want the training reminder sent", rep)
	}
	if !strings.Contains(w.r.All(), "→ alice") || !strings.Contains(w.r.All(), "FORMATION : GEMINI") {
		t.Fatalf("alice did not get the training card:\n%s", w.r.All())
	}
	// Bob presses the button of a card he was not sent: nothing is recorded.
	replies, err := w.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "bob"},
		Conversation: console.DirectRef("bob"), Action: &bot.Action{Verb: scheduler.VerbTrained, Subject: strconv.Itoa(int(id))}})
	if err != nil || len(replies) != 1 || !replies[0].Private || !strings.Contains(replies[0].Text, "réservé à la personne invitée") {
		t.Fatalf("bob's press = %+v, %v; want a private refusal", replies, err)
	}
	w.r.As("alice").Press("J'ai suivi la formation", nil).Want("Merci !", "**Gemini** est enregistrée en date du 11 mai 2027")
	if err := w.r.Err(); err != nil {
		t.Fatal(err)
	}
	if c := w.r.Con.LastCard(); c != nil {
		t.Fatalf("after the press alice's card still has buttons: %+v", c.Buttons)
	}
	if _, err := w.db.CompleteTraining(context.Background(), id, "terminal:alice", w.clock.Now()); !errors.Is(err, bot.ErrConflict) {
		t.Fatalf("alice's training after the press: %v, want already recorded", err)
	}
	// Recorded: the next day's pass sends her no "after the session" reminder.
	w.days(2)
	if rep := w.deliver(); rep.Sent != 0 {
		t.Fatalf("pass after the training = %+v, want nothing for alice", rep)
	}
}

func TestSnoozeTypedAfterAReminder(t *testing.T) {
	for _, tc := range []struct {
		name, locale, say string
		want              string
		days              int
	}{
		{"a week, in French", "fr", "Rappelle-moi dans une semaine", "je vous le rappellerai le mardi 18 mai 2027", 7},
		{"tomorrow, in French", "fr", "rappelle-moi demain", "le mercredi 12 mai 2027", 1},
		{"three days, in English", "en", "remind me in 3 days", "Noted: I will remind you on Friday, May 14, 2027.", 3},
		{"two weeks, politely", "en", "Remind me in two weeks please", "Tuesday, May 25, 2027", 14},
		{"a delay too long", "fr", "rappelle-moi dans 6 mois", "", 0},
		{"next week, in English", "en", "remind me next week", "Tuesday, May 18, 2027", 7},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, "2027-05-11", tc.locale)
			w.meet("alice")
			id := w.seedTraining()
			w.deliver()
			w.r.As("alice").Say(tc.say)
			if tc.want == "" {
				// Not read as a snooze: the help answers instead, nothing is snoozed.
				w.r.WantNot("remind you on")
			} else {
				w.r.Want(tc.want)
			}
			if err := w.r.Err(); err != nil {
				t.Fatal(err)
			}
			prefs, err := w.db.ReminderPrefs(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			if tc.days == 0 {
				if len(prefs) != 0 {
					t.Fatalf("prefs = %+v, want none", prefs)
				}
				return
			}
			wantUntil := w.clock.Now().AddDate(0, 0, tc.days)
			if len(prefs) != 1 || prefs[0].Kind != scheduler.Training || prefs[0].Subject != requests.Subject(id) ||
				prefs[0].Recipient != "terminal:alice" || !prefs[0].SnoozedUntil.Equal(wantUntil) {
				t.Fatalf("prefs = %+v, want alice's training reminder snoozed until %v", prefs, wantUntil)
			}
		})
	}
}

func TestSnoozeAndStopWithoutAReminder(t *testing.T) {
	w := newWorld(t, "2027-05-11", "fr")
	w.meet("alice")
	w.r.As("alice").Say("rappelle-moi dans une semaine").Want("aucun rappel")
	w.r.As("alice").Say("arrête ce rappel").Want("aucun rappel")
	w.r.As("alice").Say("rappelle-moi de manger").WantNot("aucun rappel", "rappellerai")
	if err := w.r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestStopWhereItMakesSense(t *testing.T) {
	w := newWorld(t, "2027-05-11", "fr")
	w.meet("alice", "rita")
	w.seedTraining()
	w.approved("terminal:rita", "", workflow.Approval{SystemName: "Copilot", Kind: "private", Hosting: "canada",
		EFVPNextReview: date("2027-05-18"), OwnerKey: "terminal:rita"})
	w.deliver()
	w.r.As("alice").Say("arrête ce rappel").Want("je ne vous enverrai plus ce rappel")
	w.r.As("rita").Say("Arrête ce rappel").Want("obligation de la procédure 30-02", "rappelle-moi dans une semaine")
	if err := w.r.Err(); err != nil {
		t.Fatal(err)
	}
	prefs, _ := w.db.ReminderPrefs(context.Background())
	if len(prefs) != 1 || !prefs[0].Stopped || prefs[0].Recipient != "terminal:alice" {
		t.Fatalf("prefs = %+v, want alice's training reminder stopped, rita's EFVP untouched", prefs)
	}
	// The stop holds: after her session, alice gets no "did you attend?" reminder.
	w.days(2)
	w.deliver()
	if strings.Contains(w.r.Last(), "→ alice") {
		t.Fatalf("alice reminded after stopping:\n%s", w.r.Last())
	}
}

func TestSnoozeButton(t *testing.T) {
	w := newWorld(t, "2027-05-11", "en")
	w.meet("alice")
	w.r.As("alice").Say("in English please") // reminders follow the language a person chose
	w.seedTraining()
	w.deliver()
	w.r.As("alice").Press("Remind me in a week", nil).Want("Noted: I will remind you on Tuesday, May 18, 2027.")
	if err := w.r.Err(); err != nil {
		t.Fatal(err)
	}
	replies, err := w.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "alice"},
		Conversation: console.DirectRef("alice"), Action: &bot.Action{Verb: scheduler.VerbStop, Subject: "efvp|system:copilot"}})
	if err != nil || len(replies) != 1 || !strings.Contains(replies[0].Text, "cannot stop it") {
		t.Fatalf("stop button on an EFVP reminder = %+v, %v; want a refusal", replies, err)
	}
}
