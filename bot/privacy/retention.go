package privacy

import (
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/requests"
)

// DialogIdle is how long a dialog state (a dialog's step, the last verdict kept for
// "pourquoi ?", a confirmation waiting) lives without being touched: past it the state
// is as if gone, and a purge deletes it. A draft request itself is kept (its answers
// are in the request); only the conversation about it starts again.
const DialogIdle = 30 * 24 * time.Hour

// Retention says how long data is kept (Annexe 1, DNG life cycle); zero keeps forever.
type Retention struct {
	ClosedDrafts     time.Duration
	ConversationRefs time.Duration
}

// Purge is what applying a retention at one moment removes. The audit log is never
// purged.
type Purge struct {
	// Drafts: requests in one of DraftStatuses, never submitted, untouched since
	// DraftsBefore, go with their answers. No draft goes when DraftsBefore is zero.
	DraftStatuses []requests.Status
	DraftsBefore  time.Time
	// Conversation references of people not seen since RefsBefore are forgotten (the
	// bot can no longer write to them first); none when RefsBefore is zero.
	RefsBefore time.Time
	// Dialog states untouched since DialogsBefore are deleted.
	DialogsBefore time.Time
	// Entry is the purge's audit entry.
	Entry audit.Entry
}

// Plan returns what applying r at now removes.
func (r Retention) Plan(now time.Time) Purge {
	p := Purge{DialogsBefore: now.Add(-DialogIdle),
		Entry: audit.Entry{ActorKey: audit.System.Key, Action: "data.purge", Subject: "retention",
			Comment: "applied retention settings", Sections: []string{"Annexe 1 (DNG)"}}}
	if r.ClosedDrafts > 0 {
		p.DraftStatuses = []requests.Status{requests.Closed, requests.Cancelled}
		p.DraftsBefore = now.Add(-r.ClosedDrafts)
	}
	if r.ConversationRefs > 0 {
		p.RefsBefore = now.Add(-r.ConversationRefs)
	}
	return p
}
