package storage

import "time"

// The rows below are the whole schema. Each feature's methods live in their own file
// (inventory.go, dialogs.go, requests.go, reviews.go, reminders.go, audit.go…); the
// rows are gathered here so that the schema can be read at once. The schema itself is
// made by the numbered migrations (migrations/, see migrate.go): a field added here
// needs one, and TestModelsMatchMigratedSchema fails until it has it.

// UseRow is one type of use in the inventory's taxonomy (6.1).
type UseRow struct {
	ID                string `gorm:"primaryKey;size:64"`
	LabelFR           string
	LabelEN           string
	KeywordsFR        string // JSON array
	KeywordsEN        string // JSON array
	AutomatedDecision bool
	Media             bool   // generates images, video or audio (5.1.6)
	DisclosureFR      string // noun phrase for the 5.1.7 disclosure wording
	DisclosureEN      string
	Position          int // order in the file, so that an export re-imports unchanged
}

// SystemRow is one GenAI system of the inventory (6.1).
type SystemRow struct {
	ID             string `gorm:"primaryKey;size:64"`
	Name           string
	Aliases        string // JSON array
	Kind           string `gorm:"size:16"` // public | private
	Open           *bool
	Specialized    *bool
	Vendor         string
	Hosting        string `gorm:"size:16"` // quebec | canada | foreign
	Status         string `gorm:"size:16"` // approved | suspended | withdrawn
	StatusReason   string
	EFVPDone       *time.Time
	EFVPNextReview *time.Time
	EFVPPlanned    *time.Time // an EFVP not done yet is planned then (6.3.2)
	// OwnerKey is the person who asked for it (bot.User.Key); EFVP reminders go there.
	OwnerKey  string
	RequestID *uint // the approval request that added it, if any
	Position  int
	UpdatedAt time.Time
}

// SystemUseRow says whether one use is permitted, restricted or forbidden on one system.
type SystemUseRow struct {
	SystemID     string `gorm:"primaryKey;size:64"`
	UseID        string `gorm:"primaryKey;size:64"`
	Rule         string `gorm:"size:16"` // permitted | restricted | forbidden
	ConditionsFR string
	ConditionsEN string
	Position     int
	// EffectiveFrom and TrainingBy say when an approved use comes into effect: from
	// the deployment date, after the last training session (7).
	EffectiveFrom *time.Time
	TrainingBy    *time.Time
}

// PersonRow is someone the bot has met on a channel.
type PersonRow struct {
	ID      uint   `gorm:"primaryKey"`
	Key     string `gorm:"uniqueIndex:idx_person_key_channel;size:255"` // bot.User.Key
	Channel string `gorm:"uniqueIndex:idx_person_key_channel;size:16"`
	UserID  string `gorm:"index;size:255"`
	Name    string
	Email   string `gorm:"index;size:255"`
	// Lang is the language the person chose ("in English please"); empty follows the
	// platform locale.
	Lang string `gorm:"size:8"`
	// LastLang is the language of the person's last message that could be told.
	LastLang string `gorm:"size:8"`
	// DirectRef is the 1:1 conversation reference (JSON bot.ConversationRef) used for
	// proactive messages.
	DirectRef string
	// LastSeenAt has an index on PostgreSQL only (SQLite's went with migration 00006).
	LastSeenAt time.Time
	CreatedAt  time.Time
}

// RoleChannelRow is the conversation where a role's review cards go (registered by an
// admin in that channel).
type RoleChannelRow struct {
	Role         string `gorm:"primaryKey;size:32"`
	Ref          string // JSON bot.ConversationRef
	RegisteredBy string
	UpdatedAt    time.Time
}

// DialogRow is the state of a person's ongoing conversation flow (the Annexe 1 dialog,
// a pending confirmation). One per person and kind; saved after every answer.
type DialogRow struct {
	PersonKey string `gorm:"primaryKey;size:255"`
	Kind      string `gorm:"primaryKey;size:32"`
	State     string // JSON, owned by the dialog
	// UpdatedAt has an index on PostgreSQL only (SQLite's went with migration 00006).
	UpdatedAt time.Time
}

// RequestRow is an approval request (6.3.1, Annexe 1), from draft to decision.
type RequestRow struct {
	ID            uint   `gorm:"primaryKey"`
	RequesterKey  string `gorm:"index;size:255"`
	RequesterName string
	Lang          string `gorm:"size:8"`
	Status        string `gorm:"index;size:32"` // draft, submitted, sti_review, codir_review, privacy_review, changes_requested, approved, rejected, cancelled, closed
	// Round counts submissions: a resubmission after changes starts a new round, so
	// each stage can be decided once per round.
	Round         int
	SystemName    string
	SupervisorKey string
	StageSince    *time.Time // when the current review stage began (pending-review reminders)
	SubmittedAt   *time.Time
	DecidedAt     *time.Time
	CreatedAt     time.Time
	UpdatedAt     time.Time   `gorm:"index"`
	Answers       []AnswerRow `gorm:"foreignKey:RequestID;constraint:OnDelete:CASCADE"`
}

// AnswerRow is the answer to one Annexe 1 item of a request.
type AnswerRow struct {
	RequestID uint   `gorm:"primaryKey"`
	Item      string `gorm:"primaryKey;size:64"` // the item's tag, e.g. "A1.demandeur.description"
	Value     string
	// ForSTI marks an item the requester left for the STI to complete during review.
	ForSTI    bool
	UpdatedAt time.Time
}

// DecisionRow is one review decision. The unique index makes a stage decidable once
// per round, whatever the number of clicks, reviewers or replicas.
type DecisionRow struct {
	ID        uint   `gorm:"primaryKey"`
	RequestID uint   `gorm:"uniqueIndex:idx_decision_once"`
	Round     int    `gorm:"uniqueIndex:idx_decision_once"`
	Stage     string `gorm:"uniqueIndex:idx_decision_once;size:32"`
	Decision  string `gorm:"size:32"` // approve | reject | changes
	ActorKey  string
	ActorName string
	// ForKey and ForName: whom the actor stood in for (a delegation), else empty.
	ForKey    string
	ForName   string
	Comment   string
	Details   string // JSON: uses confirmed, EFVP date, training calendar…
	CreatedAt time.Time
}

// PostedCardRow remembers where a request's card was posted, to update it in place.
type PostedCardRow struct {
	ID        uint   `gorm:"primaryKey"`
	RequestID uint   `gorm:"index"`
	Stage     string `gorm:"size:32"`
	Ref       string // JSON bot.MessageRef
	CreatedAt time.Time
}

// ReminderRow is a scheduled reminder derived from the database state (an EFVP date, a
// training session, a pending review). Snooze and stop are per recipient.
type ReminderRow struct {
	ID           uint      `gorm:"primaryKey"`
	Kind         string    `gorm:"uniqueIndex:idx_reminder_subject;size:32"`
	Subject      string    `gorm:"uniqueIndex:idx_reminder_subject;size:128"`
	RecipientKey string    `gorm:"uniqueIndex:idx_reminder_subject;size:255"`
	DueAt        time.Time `gorm:"index"`
	SnoozedUntil *time.Time
	Stopped      bool
	Data         string // JSON, owned by the reminder kind
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// DeliveryRow records one sent reminder. Its key (reminder, recipient, occurrence) is
// unique: inserting it first is what makes a delivery exactly-once across restarts
// and replicas.
type DeliveryRow struct {
	Key          string `gorm:"primaryKey;size:400"`
	Kind         string `gorm:"size:32;index"`
	RecipientKey string `gorm:"size:255;index"`
	Status       string `gorm:"size:16"` // pending | sent | failed | unreachable
	Attempts     int
	LastError    string
	CreatedAt    time.Time
	SentAt       *time.Time
}

// TrainingRow is one person's training for one approved request (section 7).
type TrainingRow struct {
	RequestID   uint   `gorm:"primaryKey"`
	PersonKey   string `gorm:"primaryKey;size:255"`
	SessionAt   *time.Time
	CompletedAt *time.Time
}

// AuditRow is one entry of the append-only audit log. Nothing updates or deletes it:
// the database refuses it (triggers of migration 1).
type AuditRow struct {
	ID        uint      `gorm:"primaryKey"`
	At        time.Time `gorm:"index"`
	ActorKey  string    `gorm:"size:255"`
	ActorName string
	Action    string `gorm:"size:64;index"` // request.submit, review.approve, inventory.suspend…
	Subject   string `gorm:"size:128;index"`
	FromState string `gorm:"size:32"`
	ToState   string `gorm:"size:32"`
	Comment   string
	Sections  string // comma-separated sections of procedure 30-02 it rests on
}

// IncidentRow is a privacy-incident report (3.3): what kind of data, which system,
// when; never the data itself.
type IncidentRow struct {
	ID          uint   `gorm:"primaryKey"`
	ReporterKey string `gorm:"index;size:255"`
	System      string
	DataKinds   string // comma-separated categories
	OccurredAt  string
	Description string // redacted
	CreatedAt   time.Time
}

// InboundEventRow records a platform event already accepted (a Slack event_id, a Teams
// activity id), so that a retried delivery is processed once, whichever replica gets
// it, or something claimed once for good (a "once:" key). Platforms retry for minutes
// only, so old event keys are deleted (PruneInboundEvents). On SQLite the table is
// WITHOUT ROWID and has no index on At (migration 00006); PostgreSQL keeps one.
type InboundEventRow struct {
	Key string `gorm:"primaryKey;size:200"`
	At  time.Time
}

func allRows() []any {
	return []any{
		&UseRow{}, &SystemRow{}, &SystemUseRow{}, &PersonRow{}, &RoleChannelRow{},
		&DialogRow{}, &RequestRow{}, &AnswerRow{}, &DecisionRow{}, &PostedCardRow{},
		&ReminderRow{}, &DeliveryRow{}, &TrainingRow{}, &AuditRow{}, &IncidentRow{}, &InventoryRevRow{},
		&InboundEventRow{}, &VoteRow{}, &DelegationRow{}, &AssignmentRow{},
		&ConsultationRow{},
	}
}
