package scheduler

import "github.com/cssdgs/iagbot/bot/reminder"

// The vocabulary of reminders lives in bot/reminder, where the store reads it too;
// these names keep the scheduler's code short.

// Kind is a kind of reminder.
type Kind = reminder.Kind

// The kinds of reminder (see bot/reminder).
const (
	EFVP       = reminder.EFVP
	EFVPLate   = reminder.EFVPLate
	Training   = reminder.Training
	Untrained  = reminder.Untrained
	Review     = reminder.Review
	ReviewLate = reminder.ReviewLate
	ReviewAway = reminder.ReviewAway
	Risk       = reminder.Risk
	Digest     = reminder.Digest
	Draft      = reminder.Draft
	DraftClose = reminder.DraftClose
	gate       = reminder.Gate
)

// Status is what became of a delivery.
type Status = reminder.Status

// The statuses of a delivery (see bot/reminder).
const (
	Pending     = reminder.Pending
	Sent        = reminder.Sent
	Failed      = reminder.Failed
	Unreachable = reminder.Unreachable
	Skipped     = reminder.Skipped
)

type (
	// Claim is a delivery about to be made.
	Claim = reminder.Claim
	// Delivery is a recorded delivery.
	Delivery = reminder.Delivery
	// Pref is a recipient's choice about one reminder.
	Pref = reminder.Pref
	// System is an inventory system with an EFVP review date.
	System = reminder.System
	// TrainingRecord is one person to train for one approved request (7).
	TrainingRecord = reminder.TrainingRecord
	// Sources is the database state reminders are derived from.
	Sources = reminder.Sources
)

// ParseKey splits a delivery key into its parts; ok is false for a malformed key.
func ParseKey(key string) (kind Kind, subject, occurrence, recipient string, ok bool) {
	return reminder.ParseKey(key)
}
