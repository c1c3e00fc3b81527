package slack

import (
	"context"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards/blockkit"
	slackgo "github.com/slack-go/slack"
)

// publishHome answers app_home_opened: the Home tab is published again each time the
// person opens it (views.publish), so it shows their requests as they are now.
func (c *Channel) publishHome(ctx context.Context, in inbound) {
	if c.opts.Home == nil {
		return
	}
	u, locale, err := c.users.get(ctx, in.userID)
	if err != nil {
		c.log.Error("slack users.info failed", "request_id", in.requestID, "error", err.Error())
		return
	}
	lang := c.lang(locale)
	home, err := c.opts.Home.Home(ctx, u, lang)
	if err != nil {
		c.log.Error("slack home failed", "request_id", in.requestID, "error", err.Error())
		return
	}
	blocks, err := blockkit.Home(home, func(n int) string {
		return i18n.T(lang, "slack.home.truncated", map[string]any{"Count": n})
	})
	if err != nil {
		c.log.Error("slack home failed", "request_id", in.requestID, "error", err.Error())
		return
	}
	view := slackgo.HomeTabViewRequest{Type: slackgo.VTHomeTab, Blocks: slackgo.Blocks{BlockSet: blocks}}
	err = c.retry(ctx, func() error {
		_, err := c.api.PublishViewContext(ctx, slackgo.PublishViewContextRequest{UserID: in.userID, View: view})
		if err != nil {
			return apiError("views.publish", err)
		}
		return nil
	})
	outcome := "ok"
	if err != nil {
		outcome = "error"
		c.log.Error("slack home failed", "request_id", in.requestID, "error", err.Error())
	}
	c.log.Info("slack turn", "kind", in.kind, "request_id", in.requestID, "outcome", outcome)
}
