package console_test

import (
	"context"
	"io"
	"path/filepath"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/console"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/storage"
)

// echoCard is a feature that shows a card and reports who pressed which button.
type echoCard struct{}

func (echoCard) Name() string { return "echo" }

func (echoCard) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "card", Priority: 100,
		Match: func(_ *conversations.Session, f string) bool { return f == "carte" },
		Handle: func(context.Context, *conversations.Session) ([]bot.Reply, error) {
			return []bot.Reply{{Card: &cards.Card{Title: "Test",
				Inputs:  []cards.Input{{ID: "comment", Label: "Commentaire"}},
				Buttons: []cards.Button{{Label: "Oui", Verb: "echo.yes", Subject: "7"}, {Label: "Non", Verb: "echo.no", Subject: "7", Needs: []string{"comment"}}}}}}, nil
		}}}
}

func (echoCard) Actions() map[string]conversations.Handler {
	h := func(_ context.Context, s *conversations.Session) ([]bot.Reply, error) {
		a := s.Turn.Action
		return []bot.Reply{{Text: s.Turn.User.ID + " pressed " + a.Verb + " on " + a.Subject + " comment=" + a.Values["comment"], Replace: true,
			Card: &cards.Card{Title: "Décidé"}}}, nil
	}
	return map[string]conversations.Handler{"echo.yes": h, "echo.no": h}
}

func newEngine(t *testing.T) *conversations.Engine {
	db, err := storage.Open(context.Background(), filepath.Join(t.TempDir(), "c.db"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	e := conversations.New(db, nil, nil)
	e.Register(echoCard{})
	return e
}

func TestRunnerPlaysSeveralUsers(t *testing.T) {
	r := consoletest.New(t, newEngine(t))
	r.As("alice").Say("aide").Want("Voici ce que vous pouvez me demander")
	r.As("bob").Say("help").Want("Here is what you can ask me")
	r.As("carl").Say("procédure 30-02").Want("Procédure 30-02", "art. 6.2", "art. 5.1.11")
	r.As("alice").In("codir").Say("carte").Want("[1] Oui", "[2] Non")
	// bob joins the same channel and presses the button on alice's card.
	r.As("bob").In("codir").Press("Non", map[string]string{"comment": "trop risqué"}).
		Want("bob pressed echo.no on 7 comment=trop risqué", "DÉCIDÉ")
	// bob's last sentence was English: a message in no clear language gets English,
	// and a one-word "help" never set it.
	r.Say("Can you help me with this?").Want("Here is what you can ask me")
	r.Say("quoi").Want("I did not understand")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestRunAsksInputsAndExitsOnEOF(t *testing.T) {
	var out strings.Builder
	c := console.New(newEngine(t), &out, "zoe", "fr")
	err := c.Run(context.Background(), strings.NewReader("carte\n2\nà revoir\n/as max\naide\n"))
	if err != nil {
		t.Fatalf("Run = %v, want nil at end of input", err)
	}
	got := out.String()
	for _, want := range []string{"zoe> ", "Commentaire : ", "zoe pressed echo.no on 7 comment=à revoir", "max> ", "Voici ce que"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
}

// TestButtonNamingNoInputAsksNone: on a card whose buttons name their inputs, the one
// naming none (approve, « Compléter les éléments ») is pressed without questions; a
// comment is asked only by the button that needs it.
func TestButtonNamingNoInputAsksNone(t *testing.T) {
	var out strings.Builder
	c := console.New(newEngine(t), &out, "zoe", "fr")
	if err := c.Run(context.Background(), strings.NewReader("carte\n1\n")); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	if strings.Contains(got, "Commentaire : ") || !strings.Contains(got, "zoe pressed echo.yes on 7 comment=") {
		t.Errorf("pressing Oui asked for the comment or did not press:\n%s", got)
	}
}

// TestConsoleCommandsAreConfirmed: /as and /in say what they did; /in alone leaves the
// channel.
func TestConsoleCommandsAreConfirmed(t *testing.T) {
	var out strings.Builder
	c := console.New(newEngine(t), &out, "zoe", "fr")
	if err := c.Run(context.Background(), strings.NewReader("/as max\n/in codir\n/in\n")); err != nil {
		t.Fatal(err)
	}
	got := out.String()
	for _, want := range []string{"(vous êtes maintenant max)", "(vous êtes dans le canal codir", "(vous êtes de retour dans votre conversation privée)"} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	if !strings.HasSuffix(strings.TrimSpace(got), "max>") {
		t.Errorf("after /in alone the prompt is not max's own:\n%s", got)
	}
}

// TestCtrlCEndsTheChatAtOnce: a cancelled context (Ctrl-C) ends Run while it waits for
// a line, without the Enter key.
func TestCtrlCEndsTheChatAtOnce(t *testing.T) {
	pr, pw := io.Pipe()
	defer pw.Close()
	ctx, cancel := context.WithCancel(context.Background())
	var out strings.Builder
	c := console.New(newEngine(t), &out, "zoe", "fr")
	ended := make(chan error, 1)
	go func() { ended <- c.Run(ctx, pr) }()
	cancel()
	if err := <-ended; err != nil {
		t.Fatalf("Run after Ctrl-C = %v, want nil", err)
	}
}

// ruleCard shows a card with a choice input, as the approval form does for a use's rule.
type ruleCard struct{}

func (ruleCard) Name() string { return "rule" }

func (ruleCard) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "rule", Priority: 100,
		Match: func(_ *conversations.Session, f string) bool { return f == "regle" },
		Handle: func(context.Context, *conversations.Session) ([]bot.Reply, error) {
			return []bot.Reply{{Card: &cards.Card{Title: "Règle",
				Inputs: []cards.Input{{ID: "rule", Label: "Règle", Choices: []cards.Choice{
					{Value: "permitted", Label: "permis"}, {Value: "restricted", Label: "restreint"}, {Value: "forbidden", Label: "interdit"}}}},
				Buttons: []cards.Button{{Label: "Confirmer", Verb: "rule.set", Subject: "1"}}}}}, nil
		}}}
}

func (ruleCard) Actions() map[string]conversations.Handler {
	return map[string]conversations.Handler{"rule.set": func(_ context.Context, s *conversations.Session) ([]bot.Reply, error) {
		return []bot.Reply{{Text: "rule=" + s.Turn.Action.Values["rule"]}}, nil
	}}
}

// TestChoicesShowLabelsOnly: a choice input lists its labels, numbered, in the
// reader's language, never the feature's values ("permitted=permis"); the number, the
// label or the value all choose it.
func TestChoicesShowLabelsOnly(t *testing.T) {
	for _, tc := range []struct{ typed, want string }{
		{"2", "rule=restricted"},
		{"Interdit", "rule=forbidden"},
		{"permitted", "rule=permitted"},
		{"peut-être", "rule=peut-être"}, // left for the feature to refuse
	} {
		t.Run(tc.typed, func(t *testing.T) {
			var out strings.Builder
			e := newEngine(t)
			e.Register(ruleCard{})
			c := console.New(e, &out, "zoe", "fr")
			if err := c.Run(context.Background(), strings.NewReader("regle\n1\n"+tc.typed+"\n")); err != nil {
				t.Fatal(err)
			}
			got := out.String()
			if !strings.Contains(got, "Règle (1. permis, 2. restreint, 3. interdit)") || strings.Contains(got, "permitted=") {
				t.Errorf("choices not shown as numbered labels:\n%s", got)
			}
			if !strings.Contains(got, tc.want) {
				t.Errorf("typed %q: output lacks %q:\n%s", tc.typed, tc.want, got)
			}
		})
	}
}
