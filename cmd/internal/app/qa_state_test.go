package app

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/privacy"
)

// TestQuestionsAreNotKept: what the bot keeps for « pourquoi ? » holds the verdict and
// its rules, not the question (even one where the detector found nothing); « pourquoi ? »
// still answers, and « mes données » names that state in plain words.
func TestQuestionsAreNotKept(t *testing.T) {
	a := newTestApp(t, nil)
	ctx := context.Background()
	u := bot.User{ID: "marie"}
	say := func(text string) string {
		replies, err := a.Turns.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: u, Locale: "fr", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		for _, r := range replies {
			b.WriteString(r.Text + "\n")
			if r.Card != nil {
				for _, s := range r.Card.Sections {
					b.WriteString(s.Heading + "\n" + s.Text + "\n")
				}
			}
		}
		return b.String()
	}
	say("Puis-je utiliser ChatGPT pour résumer le suivi en orthophonie de zébulon quatrepattes ?")
	state, err := a.DB.LoadDialog(ctx, u.Key(bot.Terminal), "policy.last")
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range []string{"orthophonie", "zébulon", "quatrepattes", "résumer le suivi"} {
		if strings.Contains(strings.ToLower(string(state)), w) {
			t.Errorf("the kept state holds %q: %s", w, state)
		}
	}
	if why := say("pourquoi ?"); strings.Contains(why, i18n.T(i18n.FR, "qa.why.none")) {
		t.Errorf("« pourquoi ? » lost the last verdict: %s", why)
	}
	mine := say("mes données")
	if strings.Contains(mine, "policy.last") || !strings.Contains(mine, i18n.T(i18n.FR, "mydata.dialog.policy.last")) {
		t.Errorf("« mes données » does not name the kept state in plain words:\n%s", mine)
	}
}

// TestIdleDialogStateExpires: a dialog state untouched for longer than
// privacy.DialogIdle is gone, and iagbot purge deletes it.
func TestIdleDialogStateExpires(t *testing.T) {
	a := newTestApp(t, nil)
	ctx := context.Background()
	start := time.Now()
	a.DB.Now = func() time.Time { return start }
	if err := a.DB.SaveDialog(ctx, "terminal:marie", "policy.last", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	a.DB.Now = func() time.Time { return start.Add(privacy.DialogIdle + time.Hour) }
	if _, err := a.DB.LoadDialog(ctx, "terminal:marie", "policy.last"); err == nil {
		t.Error("an idle dialog state is still loaded")
	}
	rep, err := a.DB.Purge(ctx, privacy.Retention{})
	if err != nil || rep.IdleDialogs != 1 {
		t.Fatalf("Purge = %+v, %v; want one idle dialog state deleted", rep, err)
	}
}
