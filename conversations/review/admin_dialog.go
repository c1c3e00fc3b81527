package review

import (
	"context"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// DialogKind implements conversations.DialogProvider: an administrator's change
// waiting for "oui" or "non".
func (f *Feature) DialogKind() string { return adminDialog }

// Continue takes "oui"/"non" for the change waiting for confirmation. Another command
// of an administrator replaces it; anything else goes back to the engine, and Reprompt
// then recalls the change.
func (f *Feature) Continue(ctx context.Context, s *conversations.Session) ([]bot.Reply, bool, error) {
	cmd, ok, err := pendingAdmin(ctx, s)
	if err != nil || !ok {
		return nil, false, err
	}
	folded := s.Folded()
	switch {
	case yesWords.Exact(folded):
		text, err := f.apply(ctx, s, cmd)
		return []bot.Reply{bot.Text(text)}, true, err
	case noWords.Exact(folded):
		return []bot.Reply{bot.Text(s.T("review.admin.cancelled"))}, true, s.ClearState(ctx, adminDialog)
	}
	if _, isCmd := parseAdmin(s.Turn.Text); isCmd {
		replies, err := f.adminCommand(ctx, s)
		return replies, true, err
	}
	return nil, false, nil
}

// Reprompt recalls the change waiting for confirmation.
func (f *Feature) Reprompt(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	cmd, ok, err := pendingAdmin(ctx, s)
	if err != nil || !ok {
		return nil, err
	}
	return []bot.Reply{bot.Text(s.T("review.admin.still_pending", map[string]any{"Title": s.T("review.admin.title." + cmd.Op),
		"System": cmd.SystemName}))}, nil
}

// onAdminYes confirms the change the card names; a card already answered, replaced or
// expired changes nothing.
func (f *Feature) onAdminYes(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	cmd, ok, err := pendingAdmin(ctx, s)
	if err != nil {
		return nil, err
	}
	if !ok || cmd.Nonce != s.Turn.Action.Subject {
		return []bot.Reply{private(s.T("review.admin.stale"))}, nil
	}
	text, err := f.apply(ctx, s, cmd)
	if err != nil {
		return nil, err
	}
	return closeConfirm(s, cmd, text), nil
}

// onAdminNo drops the change the card names.
func (f *Feature) onAdminNo(ctx context.Context, s *conversations.Session) ([]bot.Reply, error) {
	cmd, ok, err := pendingAdmin(ctx, s)
	if err != nil {
		return nil, err
	}
	if !ok || cmd.Nonce != s.Turn.Action.Subject {
		return []bot.Reply{private(s.T("review.admin.stale"))}, nil
	}
	if err := s.ClearState(ctx, adminDialog); err != nil {
		return nil, err
	}
	return closeConfirm(s, cmd, s.T("review.admin.cancelled")), nil
}

// closeCard answers text and, when the card came from a message, replaces it with
// the outcome so that its buttons are gone.
func closeCard(s *conversations.Session, text string) []bot.Reply {
	if s.Turn.Action.MessageID == "" {
		return []bot.Reply{bot.Text(text)}
	}
	return []bot.Reply{{Card: &cards.Card{Title: s.T("review.admin.closed"), Sections: []cards.Section{{Text: text}}}, Replace: true}}
}
