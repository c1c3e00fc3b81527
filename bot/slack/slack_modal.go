package slack

import (
	"context"
	"encoding/json"
	"net/http"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards/blockkit"
	slackgo "github.com/slack-go/slack"
)

// Forms are modals (https://docs.slack.dev/surfaces/modals): a form reply (bot.Reply.Form)
// opens one with the turn's trigger, or updates the modal the turn came from. A
// trigger is good for 3 seconds, and a turn may wait in the queue longer, so what is
// known to open a form (« /iag demande », a button of Options.FormVerbs) opens a
// « un instant… » modal before the turn is queued, and the form replaces it. A
// modal's submission is answered in its acknowledgement: the next page (update), the
// fields' errors, or closing it.

// openTimeout bounds views.open: the trigger is dead after 3 s anyway.
const openTimeout = 2 * time.Second

// openLoading opens the « un instant… » modal with trigger and returns its id; ""
// when it could not be opened (the turn then answers in messages).
func (c *Channel) openLoading(ctx context.Context, trigger string, lang i18n.Lang) string {
	if trigger == "" {
		return ""
	}
	ctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), openTimeout)
	defer cancel()
	v := blockkit.Notice(i18n.T(lang, "slack.modal.title"), i18n.T(lang, "slack.modal.loading"), i18n.T(lang, "slack.modal.close"))
	res, err := c.api.OpenViewContext(ctx, trigger, *v)
	if err != nil {
		c.log.Warn("slack views.open failed", "request_id", trigger, "error", apiError("views.open", err).Error())
		return ""
	}
	if res == nil {
		return ""
	}
	return res.ID
}

// showForms shows the first form reply in a modal: the one the turn came from or
// opened (views.update), else a new one with the turn's trigger (views.open). It
// returns the replies still to deliver as messages: all of them when no modal could
// take the form (its card is posted instead). A modal left without a form (the
// loading one, or a form whose turn ended it) shows the first reply's text instead,
// which is also delivered.
func (c *Channel) showForms(ctx context.Context, in *inbound, lang i18n.Lang, replies []bot.Reply) []bot.Reply {
	if in.viewID == "" && in.triggerID == "" {
		return replies
	}
	for i, r := range replies {
		if r.Form == nil {
			continue
		}
		v, err := blockkit.Modal(r.Form)
		if err != nil {
			c.log.Error("slack form not rendered", "request_id", in.requestID, "error", err.Error())
			break
		}
		method := "views.update"
		if in.viewID != "" {
			_, err = c.api.UpdateViewContext(ctx, *v, "", "", in.viewID)
		} else {
			method = "views.open"
			var res *slackgo.ViewResponse
			if res, err = c.api.OpenViewContext(ctx, in.triggerID, *v); err == nil && res != nil {
				in.viewID = res.ID
			}
		}
		if err != nil {
			c.log.Warn("slack form not shown in a modal; posted instead", "request_id", in.requestID, "error", apiError(method, err).Error())
			break
		}
		return append(append([]bot.Reply(nil), replies[:i]...), replies[i+1:]...)
	}
	if in.viewID != "" {
		c.closeWith(ctx, in, lang, replies)
	}
	return replies
}

// closeWith replaces the modal of in with a notice: the first reply's text (« brouillon
// enregistré… »), or where the answer went.
func (c *Channel) closeWith(ctx context.Context, in *inbound, lang i18n.Lang, replies []bot.Reply) {
	if _, err := c.api.UpdateViewContext(ctx, *notice(lang, replies), "", "", in.viewID); err != nil {
		c.log.Warn("slack modal not updated", "request_id", in.requestID, "error", apiError("views.update", err).Error())
	}
}

// notice is a modal holding the first reply's text, or the card's title, or a word
// saying the answer is in the conversation.
func notice(lang i18n.Lang, replies []bot.Reply) *slackgo.ModalViewRequest {
	text := i18n.T(lang, "slack.modal.sent")
	for _, r := range replies {
		if t := strings.TrimSpace(r.Text); t != "" {
			text = t
			break
		}
		if r.Card != nil && r.Card.Title != "" {
			text = r.Card.Title + "\n\n" + i18n.T(lang, "slack.modal.sent")
			break
		}
	}
	return blockkit.Notice(i18n.T(lang, "slack.modal.title"), text, i18n.T(lang, "slack.modal.close"))
}

// submission is the part of a view_submission payload the channel reads.
type submission struct {
	ID string `json:"id"`
	// Type is "modal", or "home" for the App Home tab, whose buttons act as a card's.
	Type            string             `json:"type"`
	CallbackID      string             `json:"callback_id"`
	PrivateMetadata string             `json:"private_metadata"`
	State           *slackgo.ViewState `json:"state"`
}

// viewValues are a modal's inputs by cards.Input.ID.
func viewValues(v *submission) map[string]string {
	if v == nil || v.State == nil {
		return map[string]string{}
	}
	return blockkit.Values(&slackgo.BlockActionStates{Values: v.State.Values})
}

// acceptSubmission runs the turn of a modal's submission and returns the
// acknowledgement that answers it: {"response_action":"errors"} with each field's
// message, "update" with the next page, or "clear" (the other replies go to the
// person's direct conversation). Past Options.SubmitBudget the modal says « en
// cours » and is updated when the turn ends. Submissions of other modals are
// acknowledged with nothing, which closes them.
func (c *Channel) acceptSubmission(ctx context.Context, p interaction) (outcome, any) {
	if p.View == nil || p.View.CallbackID != blockkit.ModalCallbackID || p.User.ID == "" {
		return queued, nil
	}
	verb, subject, ok := blockkit.ParseButtonValue(p.View.PrivateMetadata)
	if !ok {
		return queued, nil
	}
	in := inbound{kind: kindSubmit, userID: p.User.ID, requestID: p.TriggerID, viewID: p.View.ID,
		action: &bot.Action{Verb: verb, Subject: subject, Values: viewValues(p.View), Private: true}}
	turnCtx, cancel := context.WithTimeout(context.WithoutCancel(ctx), c.opts.TurnTimeout)
	// Unbuffered: once the acknowledgement has gone without it, the turn's outcome
	// is applied with views.update instead (late).
	out := make(chan any)
	gaveUp := make(chan struct{})
	go func() {
		defer cancel()
		res, lang, rest := c.submit(turnCtx, &in)
		select {
		case out <- res:
		case <-gaveUp:
			c.late(turnCtx, &in, lang, res)
		}
		if len(rest) > 0 {
			c.deliver(turnCtx, in, rest)
		}
	}()
	timer := time.NewTimer(c.opts.SubmitBudget)
	defer timer.Stop()
	select {
	case res := <-out:
		return queued, res
	case <-timer.C:
		close(gaveUp)
		lang := c.opts.DefaultLang
		c.log.Warn("slack submission answered before its turn ended", "request_id", in.requestID)
		return queued, slackgo.NewUpdateViewSubmissionResponse(blockkit.Notice(i18n.T(lang, "slack.modal.title"),
			i18n.T(lang, "slack.modal.working"), i18n.T(lang, "slack.modal.close")))
	}
}

// submit runs a submission's turn and returns the acknowledgement, the person's
// language and the replies to deliver as messages. It opens the person's direct
// conversation for those (in.conv).
func (c *Channel) submit(ctx context.Context, in *inbound) (*slackgo.ViewSubmissionResponse, i18n.Lang, []bot.Reply) {
	u, locale, err := c.users.get(ctx, in.userID)
	lang := c.lang(locale)
	if err != nil {
		c.log.Error("slack users.info failed", "request_id", in.requestID, "error", err.Error())
		return c.noticeResponse(lang, []bot.Reply{c.apology(lang)}), lang, nil
	}
	turn := bot.Turn{Channel: bot.Slack, User: u, Locale: locale, Action: in.action, RequestID: in.requestID}
	if in.conv, err = c.OpenDirect(ctx, in.userID); err == nil {
		turn.Conversation = in.conv
	}
	replies, err := c.h.Handle(ctx, turn)
	if err != nil {
		c.log.Error("slack turn failed", "kind", in.kind, "request_id", in.requestID, "error", err.Error())
		return c.noticeResponse(lang, []bot.Reply{c.apology(lang)}), lang, nil
	}
	c.log.Info("slack turn", "kind", in.kind, "request_id", in.requestID, "replies", len(replies))
	for i, r := range replies {
		rest := append(append([]bot.Reply(nil), replies[:i]...), replies[i+1:]...)
		switch {
		case r.Form != nil && r.Form.HasErrors():
			if errs := blockkit.ModalErrors(r.Form); errs != nil {
				return slackgo.NewErrorsViewSubmissionResponse(errs), lang, rest
			}
		case r.Form != nil:
			v, err := blockkit.Modal(r.Form)
			if err != nil {
				c.log.Error("slack form not rendered", "request_id", in.requestID, "error", err.Error())
				return c.noticeResponse(lang, []bot.Reply{c.apology(lang)}), lang, nil
			}
			return slackgo.NewUpdateViewSubmissionResponse(v), lang, rest
		case r.Refused:
			// Not carried out (a page of a request submitted meanwhile): said in the modal.
			return c.noticeResponse(lang, []bot.Reply{r}), lang, rest
		}
	}
	if in.conv.ID == "" {
		return c.noticeResponse(lang, replies), lang, nil
	}
	return slackgo.NewClearViewSubmissionResponse(), lang, replies
}

func (c *Channel) noticeResponse(lang i18n.Lang, replies []bot.Reply) *slackgo.ViewSubmissionResponse {
	return slackgo.NewUpdateViewSubmissionResponse(notice(lang, replies))
}

// late applies an acknowledgement that came too late to be one: the modal (now « en
// cours ») is updated with the next page, the page and its errors, or a notice.
func (c *Channel) late(ctx context.Context, in *inbound, lang i18n.Lang, res *slackgo.ViewSubmissionResponse) {
	var v *slackgo.ModalViewRequest
	switch res.ResponseAction {
	case slackgo.RAUpdate:
		v = res.View
	default:
		// The page's errors cannot be shown on fields any more: Slack keeps what was
		// typed only on the page it still shows. The person finds it in their draft.
		v = blockkit.Notice(i18n.T(lang, "slack.modal.title"), i18n.T(lang, "slack.modal.sent"), i18n.T(lang, "slack.modal.close"))
		if res.ResponseAction == slackgo.RAErrors {
			v = blockkit.Notice(i18n.T(lang, "slack.modal.title"), i18n.T(lang, "slack.modal.late_errors"), i18n.T(lang, "slack.modal.close"))
		}
	}
	if _, err := c.api.UpdateViewContext(ctx, *v, "", "", in.viewID); err != nil {
		c.log.Warn("slack modal not updated", "request_id", in.requestID, "error", apiError("views.update", err).Error())
	}
}

// writeAck writes an interaction's acknowledgement: its body when it has one.
func writeAck(w http.ResponseWriter, body any) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(body)
}
