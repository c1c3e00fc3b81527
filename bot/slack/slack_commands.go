package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
)

// command is a slash command (/iag), from an HTTP form or a Socket Mode payload; the
// field names are Slack's (https://docs.slack.dev/interactivity/implementing-slash-commands).
type command struct {
	Command      string `json:"command"`
	Text         string `json:"text"`
	UserID       string `json:"user_id"`
	ChannelID    string `json:"channel_id"`
	ResponseURL  string `json:"response_url"`
	TriggerID    string `json:"trigger_id"`
	TeamID       string `json:"team_id"`
	EnterpriseID string `json:"enterprise_id"`
	APIAppID     string `json:"api_app_id"`
}

func (c *Channel) serveCommands(w http.ResponseWriter, r *http.Request) {
	body, ok := c.readVerified(w, r, "commands")
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil {
		c.opts.Observe("bad_request")
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	cmd := command{Command: form.Get("command"), Text: form.Get("text"), UserID: form.Get("user_id"),
		ChannelID: form.Get("channel_id"), ResponseURL: form.Get("response_url"), TriggerID: form.Get("trigger_id"),
		TeamID: form.Get("team_id"), EnterpriseID: form.Get("enterprise_id"), APIAppID: form.Get("api_app_id")}
	switch c.acceptCommand(r.Context(), cmd) {
	case malformed:
		c.opts.Observe("bad_request")
		http.Error(w, "malformed command", http.StatusBadRequest)
	case busy:
		// Slack does not retry a command: say so to the person instead.
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(c.busyMessage())
	default:
		// An empty 200 acknowledges without showing anything; the answer follows
		// through response_url.
		w.WriteHeader(http.StatusOK)
	}
}

// busyMessage is the ephemeral answer to a command refused for a full queue. The
// person's locale is unknown at that point: the team's language is used.
func (c *Channel) busyMessage() map[string]string {
	return map[string]string{"response_type": "ephemeral", "text": i18n.T(c.opts.DefaultLang, "slack.busy")}
}

// acceptCommand queues a command's turn; its replies go back through response_url,
// seen by the person only, wherever they typed it.
func (c *Channel) acceptCommand(ctx context.Context, cmd command) outcome {
	if cmd.UserID == "" || cmd.ResponseURL == "" {
		return malformed
	}
	if reason := c.foreign(origin{team: cmd.TeamID, enterprise: cmd.EnterpriseID, app: cmd.APIAppID}); reason != "" {
		return c.refuseForeign(kindCommand, cmd.TriggerID, reason)
	}
	in := inbound{kind: kindCommand, userID: cmd.UserID, requestID: cmd.TriggerID, responseURL: cmd.ResponseURL,
		conv: bot.ConversationRef{Channel: bot.Slack, ID: cmd.ChannelID, UserID: cmd.UserID, Group: true},
		text: commandText(cmd.Text)}
	if form, lang, ok := formCommand(cmd.Text); ok {
		// « /iag demande » opens the request's form in a modal: opened now, while the
		// trigger lives, filled when the turn has run.
		if in.viewID = c.openLoading(ctx, cmd.TriggerID, lang); in.viewID != "" {
			in.text = form
		}
	}
	if strings.HasPrefix(cmd.ChannelID, "D") {
		// A direct conversation, maybe with someone else: the turn is the person's own
		// direct conversation with the bot (conversations.open finds it), never a
		// channel — a role cannot be registered there — and never that other DM, which
		// the bot cannot write to.
		in.conv = bot.ConversationRef{}
	}
	return c.enqueue(ctx, "", in)
}

// commandText maps /iag's keywords to the phrases the engine understands, in the
// keyword's language; anything else is a question, passed as typed.
func commandText(text string) string {
	t := plainText(text, nil)
	switch strings.ToLower(t) {
	case "", "aide":
		return "aide"
	case "help":
		return "help"
	case "demande", "nouvelle demande":
		return "faire une demande"
	case "request", "new request":
		return "new request"
	case "statut", "état", "etat", "mes demandes":
		return "mes demandes"
	case "status", "my requests":
		return "my requests"
	}
	return t
}

// formCommand tells the /iag keywords that open the request's form, and the phrase
// and language the engine reads them in.
func formCommand(text string) (phrase string, lang i18n.Lang, ok bool) {
	switch strings.ToLower(plainText(text, nil)) {
	case "demande", "nouvelle demande", "formulaire":
		return "remplir le formulaire", i18n.FR, true
	case "request", "new request", "form":
		return "fill in the form", i18n.EN, true
	}
	return "", "", false
}
