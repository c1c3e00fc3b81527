package app

import (
	"net/http"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/teams"
	"github.com/cssdgs/iagbot/bot/teams/bfauth"
	"github.com/cssdgs/iagbot/bot/teams/connector"
)

// mountTeams builds the Teams channel from a.Cfg.Teams, adds it to the proactive
// dispatcher and serves it on POST /api/messages.
//
// Without MICROSOFT_APP_ID there is no token to check. The channel then runs for the
// Bot Framework Emulator, unauthenticated, only when IAGBOT_ADDR is a loopback address,
// with a warning; on any other address it is not mounted at all (Slack-only
// deployments have no app id either), and the log says how to enable it.
func (a *App) mountTeams(mux *http.ServeMux) {
	t := a.Cfg.Teams
	client, err := connector.New(connector.Config{AppID: t.AppID, AppPassword: t.AppPassword,
		TenantID: t.TenantID, TokenURL: t.TokenURL})
	if err != nil {
		a.Log.Error("Teams channel off: bad Bot Connector settings (MICROSOFT_APP_*, BOTFRAMEWORK_TOKEN_URL)", "error", err.Error())
		return
	}
	cfg := teams.Config{Handler: a.Turns, Connector: client, Store: a.DB, AppID: t.AppID, TenantID: t.TenantID,
		DefaultLang: a.Cfg.Lang, Log: a.Log,
		Observe: func(outcome string) { a.Metrics.Inbound.WithLabelValues(string(bot.Teams), outcome).Inc() }}
	switch {
	case t.AppID != "":
		v, err := bfauth.New(bfauth.Config{AppID: t.AppID, OpenIDMetadataURL: t.OpenIDMetadataURL})
		if err != nil {
			a.Log.Error("Teams channel off: bad token validation settings", "error", err.Error())
			return
		}
		cfg.Validator = v
	case teams.Loopback(a.Cfg.Addr):
		cfg.Emulator = true
		a.Log.Warn("TEAMS AUTHENTICATION IS OFF: MICROSOFT_APP_ID is not set, so /api/messages accepts " +
			"unsigned activities (Bot Framework Emulator mode). This is allowed only because IAGBOT_ADDR=" +
			a.Cfg.Addr + " is a loopback address. Never expose this server.")
	default:
		a.Log.Warn("Teams channel off: MICROSOFT_APP_ID is not set and IAGBOT_ADDR=" + a.Cfg.Addr +
			" is not a loopback address. Set MICROSOFT_APP_ID, MICROSOFT_APP_PASSWORD and MICROSOFT_APP_TENANT_ID " +
			"for Teams, or listen on 127.0.0.1 to use the Bot Framework Emulator without authentication.")
		return
	}
	ch, err := teams.New(cfg)
	if err != nil {
		a.Log.Error("Teams channel off", "error", err.Error())
		return
	}
	a.Notify.Add(bot.Teams, ch)
	mux.Handle("POST /api/messages", ch)
}
