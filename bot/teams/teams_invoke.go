package teams

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards/adaptive"
	"github.com/infracloudio/msbotbuilder-go/schema"
)

// invokeAction is the invoke name of a Universal Action (an Action.Execute pressed).
const invokeAction = "adaptiveCard/action"

// The types of an adaptiveCard/action invoke response (Universal Actions for Adaptive
// Cards): the card to show in place of the one pressed, a message shown under it, or
// an error shown on it.
const (
	invokeCardType    = adaptive.ContentType
	invokeMessageType = "application/vnd.microsoft.activity.message"
	invokeErrorType   = "application/vnd.microsoft.error"
)

// DefaultInvokeBudget is how long a button press may take before its invoke is
// answered « en cours » and the turn finishes on its own, its replies posted: the
// person watches a spinner on the card meanwhile, and the Bot Framework's 15 s for
// the POST must never be reached.
const DefaultInvokeBudget = 4 * time.Second

// invokeResponse is the body of the HTTP 200 answering an adaptiveCard/action invoke.
type invokeResponse struct {
	StatusCode int    `json:"statusCode"`
	Type       string `json:"type"`
	Value      any    `json:"value"`
}

// invokeError is the value of an error response.
type invokeError struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

func cardResponse(card json.RawMessage) invokeResponse {
	return invokeResponse{StatusCode: http.StatusOK, Type: invokeCardType, Value: card}
}

func messageResponse(text string) invokeResponse {
	return invokeResponse{StatusCode: http.StatusOK, Type: invokeMessageType, Value: text}
}

func errorResponse(status int, message string) invokeResponse {
	return invokeResponse{StatusCode: status, Type: invokeErrorType,
		Value: invokeError{Code: strings.ReplaceAll(http.StatusText(status), " ", ""), Message: message}}
}

// writeInvoke answers the invoke's POST: always HTTP 200, the outcome is in the body.
func writeInvoke(w http.ResponseWriter, res invokeResponse) {
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(http.StatusOK)
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false)
	enc.Encode(res)
}

// onInvoke runs a Universal Action through the same engine path as an Action.Submit
// message (a bot.Action with the card's message id, so every check of the engine
// applies) and returns the invoke response:
//   - a reply that replaces the card (Reply.Replace with a card) → that card, which
//     is also written over the message for everyone, as for an Action.Submit;
//   - a person's view of the card (Reply.View) → that card, for them alone: nothing
//     is posted or written over;
//   - else a refused action (Reply.Refused) → an error response with its text, not
//     posted anywhere else;
//   - else a message response with the first line of the first text reply, every
//     reply being posted as for an Action.Submit.
//
// A refresh (trigger "automatic": Teams fetching a person's view of a card with a
// refresh) posts and updates nothing: its card is the response, or an error when the
// engine gives none.
//
// When the turn outlasts InvokeBudget the invoke is answered with a « being processed »
// message and the turn goes on, bounded by TurnTimeout, posting all its replies.
func (c *Channel) onInvoke(ctx context.Context, in *inbound) invokeResponse {
	t := c.turn(ctx, in, newRequestID())
	lang := c.lang(t.Locale)
	if t.Action == nil {
		return errorResponse(http.StatusBadRequest, i18n.T(lang, "core.action.unknown"))
	}
	turnCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.cfg.TurnTimeout)
	out := make(chan invokeResponse)
	gaveUp := make(chan struct{})
	go func() {
		defer cancel()
		replies, err := c.cfg.Handler.Handle(turnCtx, t)
		if err != nil {
			c.log.Error("teams turn failed", "request_id", t.RequestID, "error", err.Error())
			select {
			case out <- errorResponse(http.StatusInternalServerError, i18n.T(lang, "core.error")):
			case <-gaveUp:
				c.reply(turnCtx, in, t, []bot.Reply{{Text: i18n.T(lang, "core.error"), Private: true}})
			}
			return
		}
		for i := range replies {
			replies[i] = c.withMRIs(turnCtx, in.ServiceURL, in.Conversation.ID, replies[i])
		}
		res, rest, card, err := c.invokeAnswer(lang, replies, in.automatic())
		if err != nil {
			c.log.Error("teams card not rendered", "request_id", t.RequestID, "error", err.Error())
		}
		if in.automatic() {
			rest = nil // a view is fetched, nothing is said
		}
		c.reply(turnCtx, in, t, rest)
		select {
		case out <- res:
		case <-gaveUp:
			if card == nil && res.Type == invokeErrorType && !in.automatic() {
				// The refusal was to show on the card; it is a private message instead.
				c.reply(turnCtx, in, t, []bot.Reply{{Text: res.Value.(invokeError).Message, Private: true}})
			}
		}
	}()
	timer := time.NewTimer(c.cfg.InvokeBudget)
	defer timer.Stop()
	select {
	case res := <-out:
		return res
	case <-timer.C:
		close(gaveUp)
		c.log.Warn("teams invoke answered before its turn ended", "request_id", t.RequestID)
		return messageResponse(i18n.T(lang, "teams.invoke.working"))
	}
}

// invokeAnswer picks the invoke response among replies (see onInvoke) and returns the
// replies still to post. card is the rendered replacement card, when there is one.
func (c *Channel) invokeAnswer(lang i18n.Lang, replies []bot.Reply, refresh bool) (res invokeResponse, rest []bot.Reply, card json.RawMessage, err error) {
	for _, r := range replies {
		if r.Card != nil && (r.Replace || r.View || refresh) {
			if card, err = adaptive.Render(r.Card, adaptive.Lang(lang)); err != nil {
				return errorResponse(http.StatusInternalServerError, i18n.T(lang, "core.error")), withoutViews(replies), nil, err
			}
			return cardResponse(card), withoutViews(replies), card, nil
		}
	}
	for i, r := range replies {
		if r.Refused {
			rest = append(append(rest, replies[:i]...), replies[i+1:]...)
			return errorResponse(http.StatusBadRequest, plainLine(r.Text, false)), rest, nil, nil
		}
	}
	if refresh {
		// No view for this person: Teams keeps showing them the card as posted.
		return errorResponse(http.StatusBadRequest, i18n.T(lang, "core.action.unknown")), nil, nil, nil
	}
	for _, r := range replies {
		if r.Text != "" {
			return messageResponse(plainLine(r.Text, true)), replies, nil, nil
		}
	}
	return messageResponse(i18n.T(lang, "teams.invoke.done")), replies, nil, nil
}

// withoutViews drops the replies that are one person's view of a card: they are the
// invoke's answer only, never posted nor written over the shared message.
func withoutViews(replies []bot.Reply) []bot.Reply {
	var out []bot.Reply
	for _, r := range replies {
		if !r.View {
			out = append(out, r)
		}
	}
	return out
}

// plainLine is the engine's Markdown as plain text for an invoke response, which Teams
// shows unformatted: bold markers dropped, and with first, only the first paragraph.
func plainLine(s string, first bool) string {
	s = strings.ReplaceAll(strings.TrimSpace(s), "**", "")
	if first {
		if p, _, ok := strings.Cut(s, "\n"); ok {
			s = strings.TrimSpace(p)
		}
	}
	return s
}

// automatic reports a refresh invoke: Teams fetching a person's view of a card.
func (in *inbound) automatic() bool {
	trigger, _ := in.Value["trigger"].(string)
	return in.Type == schema.Invoke && trigger == "automatic"
}

// isInvoke reports an invoke the channel answers; other invokes get 501.
func (in *inbound) isInvoke() bool {
	return in.Type == schema.Invoke && in.Name == invokeAction
}
