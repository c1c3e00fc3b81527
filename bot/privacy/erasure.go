package privacy

import (
	"fmt"

	"github.com/cssdgs/iagbot/bot/audit"
)

// Record is a kind of record the bot holds about a person.
type Record string

// The records the bot holds about a person.
const (
	// Channels are the people rows: where the person was seen, their language choice
	// and conversation references.
	Channels Record = "channels"
	// Dialogs are conversation states in progress.
	Dialogs Record = "dialogs"
	// Drafts are requests never submitted, with their answers.
	Drafts Record = "drafts"
	// Reminders and Deliveries are reminders addressed to the person and the messages
	// sent (or tried) for them.
	Reminders  Record = "reminders"
	Deliveries Record = "deliveries"
	// IncidentLinks link the incident reports the person filed to them.
	IncidentLinks Record = "incident_links"
	// SubmittedRequests are requests that went to review.
	SubmittedRequests Record = "requests"
	// Trainings are the person's training records (7).
	Trainings Record = "trainings"
	// OwnedSystems are the systems the person is responsible for (6.1).
	OwnedSystems Record = "systems"
	// AuditEntries are the audit log's entries of what the person did (8).
	AuditEntries Record = "audit"
	// ReviewWork is what the person did or was named for as a reviewer: committee
	// votes, consultations asked and opinions given, delegations made to or by them
	// (6.3.3, 8). It shows who decided what, for whom, as the decision record does.
	ReviewWork Record = "review_work"
)

// Fate is what erasing a person's data does to one kind of record.
type Fate int

const (
	// Remove deletes the records.
	Remove Fate = iota + 1
	// Unlink keeps the records but removes who they belong to.
	Unlink
	// Keep leaves the records, for accountability (5.1.9); they are counted.
	Keep
)

// ErasureRule is the fate of one kind of record.
type ErasureRule struct {
	Record Record
	Fate   Fate
}

// ErasurePolicy is what a person may have erased and what must be kept (5.1.8,
// 5.1.9), in the order the store applies it: drafts first, so that the submitted
// requests counted as kept are what remains of the person's requests.
func ErasurePolicy() []ErasureRule {
	return []ErasureRule{
		{Drafts, Remove},
		{Channels, Remove},
		{Dialogs, Remove},
		{Reminders, Remove},
		{Deliveries, Remove},
		{IncidentLinks, Unlink},
		{SubmittedRequests, Keep},
		{Trainings, Keep},
		{OwnedSystems, Keep},
		{AuditEntries, Keep},
		{ReviewWork, Keep},
	}
}

// Set records that erasing removed, unlinked or kept n records of r.
func (e *Erasure) Set(r Record, n int) {
	switch r {
	case Channels:
		e.People = n
	case Dialogs:
		e.Dialogs = n
	case Drafts:
		e.Drafts = n
	case Reminders:
		e.Reminders = n
	case Deliveries:
		e.Deliveries = n
	case IncidentLinks:
		e.Incidents = n
	case SubmittedRequests:
		e.KeptRequests = n
	case Trainings:
		e.KeptTrainings = n
	case OwnedSystems:
		e.KeptSystems = n
	case AuditEntries:
		e.KeptAudit = n
	case ReviewWork:
		e.KeptReviewWork = n
	default:
		panic(fmt.Sprintf("privacy: unknown record %q", r))
	}
}

// AuditErasure is the audit action recorded when a person erases their data.
const AuditErasure = "mydata.erase"

// Entry is the audit entry of erasing the data of the person key: counts only.
func (e Erasure) Entry(key string) audit.Entry {
	return audit.Entry{ActorKey: key, Action: AuditErasure, Subject: "person",
		Comment: fmt.Sprintf("removed people=%d dialogs=%d drafts=%d reminders=%d deliveries=%d incident_links=%d; kept requests=%d trainings=%d systems=%d review_work=%d",
			e.People, e.Dialogs, e.Drafts, e.Reminders, e.Deliveries, e.Incidents, e.KeptRequests, e.KeptTrainings, e.KeptSystems, e.KeptReviewWork),
		Sections: []string{"5.1.9"}}
}
