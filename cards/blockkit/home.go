package blockkit

import (
	"errors"
	"fmt"

	"github.com/cssdgs/iagbot/cards"
	"github.com/slack-go/slack"
)

// MaxHomeBlocks is how many blocks a Home tab view holds, as a modal.
const MaxHomeBlocks = MaxViewBlocks

// Home returns the blocks of an App Home tab made of cs in order, a divider between
// two. A card that would take the view past MaxHomeBlocks is left out with those after
// it, for a line more(n) saying how many were. Buttons keep their verb and subject;
// their action_ids get the card's index, and each card's actions block an id of its
// own, so that the same button on two cards stays unique in the view.
func Home(cs []*cards.Card, more func(n int) string) ([]slack.Block, error) {
	var out []slack.Block
	for i, c := range cs {
		blocks, err := Render(c)
		if err != nil {
			return nil, fmt.Errorf("home card %d: %w", i, err)
		}
		for _, b := range blocks {
			a, ok := b.(*slack.ActionBlock)
			if !ok {
				continue
			}
			a.BlockID = fmt.Sprintf("home.%d", i)
			for _, e := range a.Elements.ElementSet {
				if btn, ok := e.(*slack.ButtonBlockElement); ok {
					btn.ActionID = cut(btn.ActionID, MaxID-6) + fmt.Sprintf(".%d", i)
				}
			}
		}
		if len(out) > 0 {
			blocks = append([]slack.Block{slack.NewDividerBlock()}, blocks...)
		}
		room := MaxHomeBlocks - len(out)
		if i < len(cs)-1 {
			room-- // for the line saying what was left out
		}
		if len(blocks) > room {
			return append(out, slack.NewContextBlock("", mrkdwn(Truncate(more(len(cs)-i), MaxSectionText)))), nil
		}
		out = append(out, blocks...)
	}
	return out, nil
}

// CheckHome reports every way a Home tab's blocks break Slack's limits: those of
// CheckLimits, with MaxHomeBlocks blocks.
func CheckHome(blocks []slack.Block) error {
	c := &checker{actionIDs: map[string]bool{}, blockIDs: map[string]bool{}}
	c.blocks(blocks, MaxHomeBlocks)
	return errors.Join(c.errs...)
}
