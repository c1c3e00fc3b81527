package reminders

import (
	"context"
	"errors"
	"strconv"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// trained records that the person who pressed « J'ai suivi la formation » completed
// the training of the request on the button, if they are one of the people to train
// for it: the button never records anyone else's training. The card loses its
// buttons.
func (f *Feature) trained(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	id, err := strconv.ParseUint(s.Turn.Action.Subject, 10, 64)
	if err != nil {
		return private(s, "core.action.unknown"), nil
	}
	system, err := f.store.CompleteTraining(ctx, uint(id), s.Key, s.Now)
	switch {
	case errors.Is(err, bot.ErrNotFound):
		return private(s, "reminders.trained.not_yours"), nil
	case errors.Is(err, bot.ErrConflict):
		return private(s, "reminders.trained.already"), nil
	case err != nil:
		return nil, err
	}
	data := map[string]any{"System": system, "Date": scheduler.FormatDate(s.Lang, s.Now)}
	card := &cards.Card{Title: s.T("reminders.training.title", data),
		Sections: []cards.Section{{Text: s.T("reminders.trained.done", data)}}, Footer: s.T("reminders.trained.footer")}
	return []bot.Reply{{Card: card, Replace: true}}, nil
}
