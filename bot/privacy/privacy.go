// Package privacy is what the bot knows and does about personal information as the
// law and procedure 30-02 frame it: privacy-incident reports (3.3, 8), and a person's
// right to see and erase what the bot keeps about them (5.1.8, 5.1.9). It is pure:
// the store fills these types, the features show them.
package privacy

import (
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/audit"
)

// Incident is a privacy-incident report (3.3) as the bot files it: which system, when,
// which kinds of data — never the data itself.
type Incident struct {
	ID uint
	// ReporterKey is the person who reported it (bot.User.Key); empty once they have
	// erased their data.
	ReporterKey string
	// System is a system name the bot recognised, or a neutral code for another one.
	System string
	// DataKinds are category codes (grades, health…), not the data.
	DataKinds []string
	// OccurredAt is when it happened: a date, an ISO 8601 interval, or "unknown".
	OccurredAt string
	// Description is the reporter's short account, already redacted by the caller.
	Description string
	CreatedAt   time.Time
}

// AuditIncidentReport is the audit action recorded with every incident report.
const AuditIncidentReport = "incident.report"

// IncidentEntry is the audit entry of filing inc as report id; actorName is the
// reporter's display name. The comment carries the system, time and category codes
// only: the description stays in the report, where erasing the reporter's link is
// possible.
func IncidentEntry(inc Incident, id uint, actorName string) audit.Entry {
	return audit.Entry{ActorKey: inc.ReporterKey, ActorName: actorName, Action: AuditIncidentReport,
		Subject: fmt.Sprintf("incident:%d", id), To: "reported",
		Comment:  fmt.Sprintf("system=%s; kinds=%s; occurred=%s", inc.System, strings.Join(inc.DataKinds, ","), inc.OccurredAt),
		Sections: []string{"3.3", "8"}}
}

// PersonData is everything the bot holds about one person, for "my data".
type PersonData struct {
	// Channels are where the person was seen, the most recent first.
	Channels []SeenChannel
	// Lang is the language the person chose, empty when none.
	Lang string
	// Dialogs are the kinds of conversation in progress.
	Dialogs []string
	// Requests are the approval requests they made, the most recent first.
	Requests []RequestBrief
	// Reminders are reminders addressed to them; NextReminder the earliest due.
	Reminders    int
	NextReminder *time.Time
	// Deliveries are reminder messages sent (or tried) to them.
	Deliveries int
	// Incidents are the privacy-incident reports they filed, newest first.
	Incidents []Incident
	// Trainings, OwnedSystems, AuditEntries and ReviewWork (votes, consultations and
	// opinions, delegations) are kept on erasure (see Erasure).
	Trainings    int
	OwnedSystems int
	AuditEntries int
	ReviewWork   int
}

// SeenChannel is one channel where the person was seen.
type SeenChannel struct {
	Channel  bot.Channel
	LastSeen time.Time
	// Direct is true when the bot keeps the 1:1 conversation reference there.
	Direct bool
}

// RequestBrief is one approval request, in short.
type RequestBrief struct {
	ID         uint
	SystemName string
	Status     string
	// Submitted is true once the request went to review: it is then kept on erasure.
	Submitted bool
	UpdatedAt time.Time
}

// Erasure counts what erasing a person's data removes and keeps. Removed: channels
// seen (people rows, with the language choice and conversation references), dialog
// state, requests never submitted (drafts, with their answers), reminders and
// deliveries addressed to them, and their link to incident reports they filed.
// Kept, for accountability (5.1.9): submitted requests, training records, systems
// they are responsible for, the audit log, which the database keeps append-only, and
// their work as a reviewer (votes, consultations, opinions, delegations).
type Erasure struct {
	People, Dialogs, Drafts, Reminders, Deliveries, Incidents int
	KeptRequests, KeptTrainings, KeptSystems, KeptAudit       int
	KeptReviewWork                                            int
}

// Removed is the number of records Erasure removes or unlinks.
func (e Erasure) Removed() int {
	return e.People + e.Dialogs + e.Drafts + e.Reminders + e.Deliveries + e.Incidents
}

// Plan returns what erasing d would do, so that the bot can show it before asking
// for confirmation.
func (d PersonData) Plan() Erasure {
	e := Erasure{People: len(d.Channels), Dialogs: len(d.Dialogs), Reminders: d.Reminders,
		Deliveries: d.Deliveries, Incidents: len(d.Incidents), KeptTrainings: d.Trainings,
		KeptSystems: d.OwnedSystems, KeptAudit: d.AuditEntries, KeptReviewWork: d.ReviewWork}
	for _, r := range d.Requests {
		if r.Submitted {
			e.KeptRequests++
		} else {
			e.Drafts++
		}
	}
	return e
}

// Empty reports whether the bot holds nothing about the person.
func (d PersonData) Empty() bool {
	p := d.Plan()
	return p.Removed() == 0 && p.KeptRequests+p.KeptTrainings+p.KeptSystems+p.KeptAudit+p.KeptReviewWork == 0
}
