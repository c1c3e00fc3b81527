package app

import (
	"fmt"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/conversations/companion"
)

// addCompanion registers the procedure companion: privacy incidents reported to the
// privacy committee's channel (3.3, section 8), the disclosure wording (5.1.7), how
// the bot works (5.1.8, 5.1.9), and the person's own data.
func (a *App) addCompanion() error {
	feats, err := companion.New(companion.Config{
		Store:         a.DB,
		Notify:        a.Notify,
		FormURL:       a.Cfg.File.IncidentFormURL,
		CommitteeRole: config.RoleCPRPSI,
		CommitteeLang: a.Cfg.Lang,
		Retention: companion.Retention{
			ClosedDraftDays:     a.Cfg.File.Retention.ClosedDraftDays,
			ConversationRefDays: a.Cfg.File.Retention.ConversationRefDays,
		},
		Log: a.Log,
	})
	if err != nil {
		return fmt.Errorf("companion: %w", err)
	}
	for _, f := range feats {
		a.Engine.Register(f)
	}
	return nil
}
