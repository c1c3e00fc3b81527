package blockkit

import (
	"fmt"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/cards"
	"github.com/slack-go/slack"
)

// TestHomeWithinLimits: thirty cards with the same buttons fit in 100 blocks, the
// ones left out counted on the last line, every id unique.
func TestHomeWithinLimits(t *testing.T) {
	var cs []*cards.Card
	for i := range 30 {
		cs = append(cs, &cards.Card{Title: fmt.Sprintf("Demande n° %d", i+1), Subtitle: "Étape : décision du CODIR-IN",
			Sections: []cards.Section{{Facts: []cards.Fact{{Label: "Système", Value: "ChatGPT"}}}},
			Buttons:  []cards.Button{{Label: "Approuver", Verb: "review.approve", Subject: fmt.Sprintf("%d:1:codir_review", i+1)}}})
	}
	blocks, err := Home(cs, func(n int) string { return fmt.Sprintf("… et %d autres", n) })
	if err != nil {
		t.Fatal(err)
	}
	if err := CheckHome(blocks); err != nil {
		t.Fatalf("CheckHome: %v", err)
	}
	// Each card takes 5 blocks and a divider before it: 16 cards fit with the last line.
	last, ok := blocks[len(blocks)-1].(*slack.ContextBlock)
	if len(blocks) != 96 || !ok || !strings.Contains(last.ContextElements.Elements[0].(*slack.TextBlockObject).Text, "… et 14 autres") {
		t.Errorf("%d blocks ending with %#v; want 96, the last saying 14 more", len(blocks), blocks[len(blocks)-1])
	}
	// Everything fits: no line.
	blocks, err = Home(cs[:3], func(int) string { t.Error("more asked for"); return "" })
	if err != nil || len(blocks) != 17 {
		t.Errorf("three cards: %d blocks, %v; want 17", len(blocks), err)
	}
	// CheckHome counts to 100.
	if err := CheckHome(make([]slack.Block, 0, 101)); err != nil {
		t.Errorf("no blocks: %v", err)
	}
	many := make([]slack.Block, 101)
	for i := range many {
		many[i] = slack.NewDividerBlock()
	}
	if err := CheckHome(many); err == nil {
		t.Error("CheckHome accepted 101 blocks")
	}
}
