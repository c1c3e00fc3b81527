package slack

// origin is where a request says it comes from. The signature proves Slack sent it to
// this app's endpoints, but one signing secret answers for every workspace and org the
// app is installed in, and Slack Connect brings people of other organisations into a
// shared channel; so the workspace, org and app are checked too.
type origin struct {
	team, enterprise, app string
	// userTeam is the acting person's own workspace, when Slack says (Slack Connect).
	userTeam string
	// shared is an event from a channel shared with another organisation.
	shared bool
}

// foreign names why a request is not from this bot's workspace and app; "" when it is.
// With neither Options.TeamID nor Options.AppID set nothing is checked (tests of other
// behaviour); the application always sets both.
func (c *Channel) foreign(o origin) string {
	if c.opts.TeamID == "" && c.opts.AppID == "" {
		return ""
	}
	switch {
	case o.app != c.opts.AppID:
		return "app"
	case o.team != c.opts.TeamID:
		return "team"
	case o.enterprise != c.opts.EnterpriseID:
		return "enterprise"
	case o.shared:
		return "shared_channel"
	case o.userTeam != "" && o.userTeam != c.opts.TeamID:
		return "user_team"
	}
	return ""
}

// refuseForeign counts and logs a request from elsewhere, without its content; it is
// acknowledged (so that Slack does not send it again) and has no effect.
func (c *Channel) refuseForeign(kind, requestID, reason string) outcome {
	c.opts.Observe("foreign")
	c.log.Warn("slack request ignored", "kind", kind, "request_id", requestID, "reason", reason)
	return queued
}
