package app

import (
	"fmt"

	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/conversations/incident"
)

// addIncident registers the privacy incidents: what to do, and a report posted to
// the privacy committee's channel (3.3, section 8).
func (a *App) addIncident() error {
	f, err := incident.New(incident.Config{
		Store:         a.DB,
		Notify:        a.Notify,
		FormURL:       a.Cfg.File.IncidentFormURL,
		CommitteeRole: config.RoleCPRPSI,
		CommitteeLang: a.Cfg.Lang,
		Log:           a.Log,
	})
	if err != nil {
		return fmt.Errorf("incident: %w", err)
	}
	a.Engine.Register(f)
	return nil
}
