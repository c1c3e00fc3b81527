package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"slices"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/cards/blockkit"
	slackgo "github.com/slack-go/slack"
)

// interaction holds the fields of an interactivity payload the channel reads
// (https://docs.slack.dev/reference/interaction-payloads/block_actions-payload).
type interaction struct {
	Type        string `json:"type"`
	TriggerID   string `json:"trigger_id"`
	ResponseURL string `json:"response_url"`
	APIAppID    string `json:"api_app_id"`
	Team        struct {
		ID string `json:"id"`
	} `json:"team"`
	Enterprise *struct {
		ID string `json:"id"`
	} `json:"enterprise"`
	User struct {
		ID     string `json:"id"`
		TeamID string `json:"team_id"`
	} `json:"user"`
	Channel struct {
		ID string `json:"id"`
	} `json:"channel"`
	Container struct {
		Type        string `json:"type"`
		MessageTS   string `json:"message_ts"`
		ThreadTS    string `json:"thread_ts"`
		ChannelID   string `json:"channel_id"`
		IsEphemeral bool   `json:"is_ephemeral"`
	} `json:"container"`
	Actions []struct {
		ActionID string `json:"action_id"`
		Type     string `json:"type"`
		Value    string `json:"value"`
	} `json:"actions"`
	State *slackgo.BlockActionStates `json:"state"`
	// View is the modal of a view_submission, or of a button pressed in a modal.
	View *submission `json:"view"`
}

func (c *Channel) serveInteractivity(w http.ResponseWriter, r *http.Request) {
	body, ok := c.readVerified(w, r, "interactivity")
	if !ok {
		return
	}
	form, err := url.ParseQuery(string(body))
	if err != nil || form.Get("payload") == "" {
		c.opts.Observe("bad_request")
		http.Error(w, "malformed form", http.StatusBadRequest)
		return
	}
	o, ack := c.acceptInteraction(r.Context(), []byte(form.Get("payload")))
	if ack != nil && o == queued {
		writeAck(w, ack)
		return
	}
	c.answer(w, o)
}

// acceptInteraction queues the turn of a card button, or runs that of a modal's
// submission and returns its acknowledgement (ack, nil for none). Other interactions
// (a select changed before the button is pressed, a modal closed) need no answer
// beyond the acknowledgement.
func (c *Channel) acceptInteraction(ctx context.Context, payload []byte) (outcome, any) {
	var p interaction
	if err := json.Unmarshal(payload, &p); err != nil {
		return malformed, nil
	}
	// Whatever its type (block_actions, view_submission, shortcut…), an interaction
	// from another workspace, org or app is refused before anything reads it.
	o := origin{team: p.Team.ID, app: p.APIAppID, userTeam: p.User.TeamID}
	if p.Enterprise != nil {
		o.enterprise = p.Enterprise.ID
	}
	if reason := c.foreign(o); reason != "" {
		return c.refuseForeign(kindAction, p.TriggerID, reason), nil
	}
	switch p.Type {
	case "view_submission":
		return c.acceptSubmission(ctx, p)
	case "block_actions":
	default:
		c.log.Info("slack interaction ignored", "type", p.Type)
		return queued, nil
	}
	in, ok := inboundFromAction(p)
	if !ok {
		return queued, nil
	}
	if in.viewID == "" && slices.Contains(c.opts.FormVerbs, in.action.Verb) {
		// Open first, then load: the trigger would be dead once the turn is out of the queue.
		in.viewID = c.openLoading(ctx, in.triggerID, c.opts.DefaultLang)
	}
	return c.enqueue(ctx, "", in), nil
}

// inboundFromAction converts the first card button of a block_actions payload; false
// when no action is a button this bot rendered.
func inboundFromAction(p interaction) (inbound, bool) {
	if p.User.ID == "" {
		return inbound{}, false
	}
	for _, a := range p.Actions {
		verb, subject, ok := blockkit.ParseButtonValue(a.Value)
		if a.Type != "button" || !ok {
			continue
		}
		channel := p.Container.ChannelID
		if channel == "" {
			channel = p.Channel.ID
		}
		in := inbound{kind: kindAction, userID: p.User.ID, requestID: p.TriggerID, triggerID: p.TriggerID,
			responseURL: p.ResponseURL, ephemeral: p.Container.IsEphemeral,
			action: &bot.Action{Verb: verb, Subject: subject, Values: blockkit.Values(p.State), MessageID: p.Container.MessageTS,
				Private: p.Container.IsEphemeral}}
		if p.Container.Type == "view" && p.View != nil && p.View.Type != "home" {
			// A button of a modal: the values are the modal's, the answer goes in it.
			in.viewID, in.action.Values, in.action.Private = p.View.ID, viewValues(p.View), true
			return in, true
		}
		if channel != "" {
			// Channel ids of direct conversations start with D.
			dm := strings.HasPrefix(channel, "D")
			in.conv = bot.ConversationRef{Channel: bot.Slack, ID: channel, Group: !dm, ThreadID: p.Container.ThreadTS}
			if dm {
				in.conv.UserID = p.User.ID
				in.conv.ThreadID = ""
			}
		}
		return in, true
	}
	return inbound{}, false
}
