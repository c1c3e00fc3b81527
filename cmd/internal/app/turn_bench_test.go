package app

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/cmd/internal/loadtext"
)

// benchTurns runs b.N Teams personal-chat turns through the app's handler (guard and
// engine, SQLite file, no HTTP), person(i) sending turn i. It is the per-turn cost the
// load tool's server CPU figure is made of, without the channel around it:
//
//	go test ./cmd/internal/app -run '^$' -bench Turn -benchmem -cpu 1
func benchTurns(b *testing.B, texts []string, person func(i int) int) {
	a := newTestApp(b, nil)
	// The per-person limit would answer most of a fast sequential run « slow down ».
	a.Turns.(*guard).limit = newRateLimiter(time.Nanosecond, 1000)
	ctx := context.Background()
	turn := func(i, p int) bot.Turn {
		id := fmt.Sprintf("29:bench-%06d", p)
		return bot.Turn{Channel: bot.Teams, Locale: "fr-CA", Text: texts[i%len(texts)],
			User:         bot.User{ID: id, Name: "Bench " + id[3:], Email: fmt.Sprintf("bench%06d@example.org", p)},
			Conversation: bot.ConversationRef{Channel: bot.Teams, ID: "a:conv-" + id, UserID: id, ServiceURL: "https://smba.example/", TenantID: "t"}}
	}
	for i := range 200 { // warm caches and the database as the load's warm-up does
		if _, err := a.Turns.Handle(ctx, turn(i, 1_000_000+i/4)); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := range b.N {
		if _, err := a.Turns.Handle(ctx, turn(i, person(i))); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkTurnNewPeople: four turns per person, every person new, as the load tool
// sends them (sequentially here).
func BenchmarkTurnNewPeople(b *testing.B) {
	benchTurns(b, loadtext.Texts["mix"], func(i int) int { return i / 4 })
}

// BenchmarkTurnKnownPeople: 50 people who keep talking (the steady state).
func BenchmarkTurnKnownPeople(b *testing.B) {
	benchTurns(b, loadtext.Texts["mix"], func(i int) int { return i % 50 })
}

// BenchmarkTurnQuestions: policy questions only, four per person, every person new:
// the load tool's -text questions, issue #18's target.
func BenchmarkTurnQuestions(b *testing.B) {
	benchTurns(b, loadtext.Texts["questions"], func(i int) int { return i / 4 })
}
