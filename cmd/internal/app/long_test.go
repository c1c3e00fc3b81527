package app

import (
	"context"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/conversations"
)

// megabyte is a question followed by a 1 MB text pasted with it, in lang.
func megabyte(lang i18n.Lang) string {
	q, filler := "Puis-je utiliser ChatGPT pour résumer ce texte ? ", "Les notes de Jean Tremblay sont dans le document que je vous ai envoyé hier pour la rencontre. "
	if lang == i18n.EN {
		q, filler = "May I use ChatGPT to summarize this text? ", "The meeting with the parents went well yesterday. "
	}
	return q + strings.Repeat(filler, (1<<20)/len(filler))
}

// TestLongMessageIsRefusedCheaply: a message over the engine's cap gets « message trop
// long », in the language of its beginning, and nothing of it is analysed or kept.
func TestLongMessageIsRefusedCheaply(t *testing.T) {
	a := newTestApp(t, nil)
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		replies, err := a.Turns.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "long-" + string(lang)},
			Text: megabyte(lang)})
		if err != nil {
			t.Fatal(err)
		}
		if len(replies) != 1 || replies[0].Text != i18n.T(lang, "core.too_long") {
			t.Errorf("%s: replies = %+v, want core.too_long", lang, replies)
		}
	}
	// Just under the cap is read as usual.
	q := "Puis-je utiliser ChatGPT pour résumer un texte ?"
	replies, err := a.Turns.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "short"},
		Text: q + strings.Repeat(" ", conversations.MaxTextBytes-len(q))})
	if err != nil || len(replies) == 0 || replies[0].Text == i18n.T(i18n.FR, "core.too_long") {
		t.Fatalf("a message of exactly the cap = %+v, %v; want an answer", replies, err)
	}
	// A card input over the cap too.
	replies, err = a.Turns.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "short"},
		Action: &bot.Action{Verb: "review.approve", Subject: "1", Values: map[string]string{"comment": megabyte(i18n.FR)}}})
	if err != nil || len(replies) != 1 || replies[0].Text != i18n.T(i18n.FR, "core.too_long") {
		t.Fatalf("a 1 MB card input = %+v, %v; want core.too_long", replies, err)
	}
}

// BenchmarkMegabyteMessage is the cost of a 1 MB message through the whole engine
// (target: under 50 ms).
func BenchmarkMegabyteMessage(b *testing.B) {
	a := newTestApp(b, nil)
	text := megabyte(i18n.FR)
	ctx := context.Background()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if _, err := a.Turns.Handle(ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "bench"}, Text: text}); err != nil {
			b.Fatal(err)
		}
	}
}
