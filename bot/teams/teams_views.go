package teams

import (
	"context"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
)

// mriLookupBudget bounds the lookups of one card's refresh ids, so that a slow members
// API delays a card by little; the ids not found by then are left out (Teams still
// refreshes for everyone in a conversation of at most 60 people).
const mriLookupBudget = 3 * time.Second

// Per-person views (Card.Refresh) name people by the ids Teams gives them in the
// conversation ("29:…", MRIs), which no activity's AAD object id or e-mail is. The
// channel learns them from the activities people send and asks the members API for
// the others; the engine names people as it knows them.

// learnMRI remembers the sender's Teams id under their AAD object id.
func (c *Channel) learnMRI(in *inbound) {
	if aad := in.From.AadObjectID; aad != "" && strings.HasPrefix(in.From.ID, "29:") {
		c.mris.put(strings.ToLower(aad), in.From.ID, c.cfg.MemberTTL)
	}
}

// withMRIs returns r with its card's refresh ids made Teams ids of the conversation
// conv, leaving out those not found; r itself is not changed.
func (c *Channel) withMRIs(ctx context.Context, serviceURL, conv string, r bot.Reply) bot.Reply {
	if r.Card == nil || r.Card.Refresh == nil || len(r.Card.Refresh.UserIDs) == 0 {
		return r
	}
	ctx, cancel := context.WithTimeout(ctx, mriLookupBudget)
	defer cancel()
	var ids []string
	seen := map[string]bool{}
	for _, id := range r.Card.Refresh.UserIDs {
		if mri, ok := c.mri(ctx, serviceURL, conv, id); ok && !seen[mri] {
			seen[mri] = true
			ids = append(ids, mri)
		}
	}
	card := *r.Card
	rf := *card.Refresh
	rf.UserIDs = ids
	card.Refresh = &rf
	r.Card = &card
	return r
}

// mri is the Teams id of the person id names (an MRI, an AAD object id, a UPN) in conv.
func (c *Channel) mri(ctx context.Context, serviceURL, conv, id string) (string, bool) {
	if strings.HasPrefix(id, "29:") {
		return id, true
	}
	k := strings.ToLower(strings.TrimSpace(id))
	if k == "" {
		return "", false
	}
	if v, ok := c.mris.get(k); ok {
		return v, v != ""
	}
	if ctx.Err() != nil || serviceURL == "" || conv == "" {
		return "", false
	}
	m, err := c.cfg.Connector.GetMember(ctx, serviceURL, conv, id)
	if err != nil {
		c.log.Warn("teams member id lookup failed", "error", errKind(err))
		c.mris.put(k, "", memberFailTTL)
		return "", false
	}
	c.mris.put(k, m.ID, c.cfg.MemberTTL)
	if aad := strings.ToLower(m.AadObjectID); aad != "" {
		c.mris.put(aad, m.ID, c.cfg.MemberTTL)
	}
	return m.ID, true
}
