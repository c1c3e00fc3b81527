package app

import (
	"context"
	"fmt"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/conversations/annexe"
	"github.com/cssdgs/iagbot/conversations/qa"
	"github.com/cssdgs/iagbot/storage"
)

// addAnnexe registers the Annexe 1 approval request dialog (6.3.1, 6.3.2). The usage
// types it offers are the inventory's, read from the database at each turn so that an
// inventory change shows at once. The review workflow, registered after it, sets its
// OnSubmit hook.
func (a *App) addAnnexe() error {
	f := annexe.New(countedDialogs{a.DB, a.Metrics})
	f.Catalog = dbUses{a.DB}
	// The Q&A feature's engine (registered before), so the inventory is indexed once.
	if a.questions == nil {
		return fmt.Errorf("annexe: the questions feature must be registered first")
	}
	f.Matcher = policyUses{a.questions}
	f.Log = a.Log
	a.Engine.Register(f)
	return nil
}

// dbUses offers the use taxonomy stored in the database (6.1).
type dbUses struct{ db *storage.DB }

func (u dbUses) Uses(ctx context.Context, lang i18n.Lang) ([]annexe.Choice, error) {
	labels, err := u.db.UseLabels(ctx)
	if err != nil {
		return nil, err
	}
	out := make([]annexe.Choice, len(labels))
	for i, l := range labels {
		label := l.LabelFR
		if (lang == i18n.EN && l.LabelEN != "") || label == "" {
			label = l.LabelEN
		}
		out[i] = annexe.Choice{ID: l.ID, Label: label}
	}
	return out, nil
}

// policyUses matches free words to the inventory's uses with the policy engine's
// keyword matcher (fr/en keywords, Snowball stems), the one Q&A uses for questions.
type policyUses struct{ qa *qa.Feature }

func (u policyUses) MatchUses(ctx context.Context, words string) ([]string, error) {
	e, err := u.qa.Engine(ctx)
	if err != nil {
		return nil, err
	}
	uses := e.Inventory().Uses
	var ids []string
	for _, i := range e.UsesNamed(words) {
		ids = append(ids, uses[i].ID)
	}
	return ids, nil
}
