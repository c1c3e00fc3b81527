package config

import (
	"fmt"
	"io"
	"net/url"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot"
)

var errEOF = io.EOF

// The review roles of procedure 30-02.
const (
	RoleCODIRIN = "codir-in" // decides every request (6.3.3)
	RoleSTI     = "sti"      // prepares the risk and data parts (Annexe 1)
	RoleCPRPSI  = "cprpsi"   // privacy committee: automated decisions (5.1.11)
	RoleAdmin   = "admin"    // keeps the inventory
	// RoleSGC gives an opinion on ethics and law when a committee asks: it « est
	// responsable de toute analyse éthique et légale en lien avec l'IAG » (8).
	RoleSGC = "sgc"
	// RoleSPOA gives an opinion on data governance when a committee asks: it « élabore
	// et promeut la gouvernance des données utilisées avec l'IAG » (8).
	RoleSPOA = "spoa"
)

// RoleNames lists the roles in review order, the consulted roles after the deciding ones.
var RoleNames = []string{RoleSTI, RoleCODIRIN, RoleCPRPSI, RoleSGC, RoleSPOA, RoleAdmin}

// File is the YAML configuration file.
type File struct {
	// Roles maps a role to its members: e-mail addresses, platform user ids (Teams AAD
	// object id, Slack user id) or "terminal:NAME".
	Roles map[string][]string `yaml:"roles"`
	// IncidentFormURL is the privacy-incident declaration form on Maestro (section 8).
	IncidentFormURL string    `yaml:"incident_form_url"`
	Reminders       Reminders `yaml:"reminders"`
	Retention       Retention `yaml:"retention"`
	// Committees are the decision rules of the review roles (committees.go); a role
	// absent here decides by its first vote.
	Committees map[string]Committee `yaml:"committees"`
}

// Reminders are the schedule settings (time zone America/Toronto).
type Reminders struct {
	// At is the time of day reminders go out, "HH:MM".
	At string `yaml:"at"`
	// DigestDay is the weekly digest's day (monday…sunday).
	DigestDay string `yaml:"digest_day"`
	// PendingReviewDays is N: a stage waiting N business days nudges, 2N escalates.
	PendingReviewDays int `yaml:"pending_review_days"`
	// DraftRemindDays and DraftCloseDays: idle drafts are reminded, then closed.
	DraftRemindDays int `yaml:"draft_remind_days"`
	DraftCloseDays  int `yaml:"draft_close_days"`
	// Closures are extra non-business days (school calendar), "YYYY-MM-DD".
	Closures []string `yaml:"closures"`
}

// Retention is how long data lives (Annexe 1, DNG life cycle); 0 keeps forever.
type Retention struct {
	ClosedDraftDays     int `yaml:"closed_draft_days"`
	ConversationRefDays int `yaml:"conversation_ref_days"`
}

// Defaults is the configuration when no file is given.
func Defaults() File {
	return File{
		Roles:           map[string][]string{},
		IncidentFormURL: "https://maestro.cssdgs.gouv.qc.ca/formulaires/incident-confidentialite",
		Reminders: Reminders{At: "09:00", DigestDay: "monday", PendingReviewDays: 5,
			DraftRemindDays: 60, DraftCloseDays: 90},
		Retention: Retention{ClosedDraftDays: 365, ConversationRefDays: 730},
	}
}

// DemoRoles gives terminal users named after the roles those roles (CODIR-IN's is
// "codir"), so that `iagbot chat` can play a whole review without a configuration file.
func DemoRoles() map[string][]string {
	m := map[string][]string{}
	for _, r := range RoleNames {
		m[r] = []string{"terminal:" + r}
	}
	m[RoleCODIRIN] = []string{"terminal:codir"}
	return m
}

func (f *File) validate() error {
	for role, members := range f.Roles {
		if !known(role) {
			return fmt.Errorf("roles.%s: unknown role (want one of %s)", role, strings.Join(RoleNames, ", "))
		}
		for i, m := range members {
			if strings.TrimSpace(m) == "" {
				return fmt.Errorf("roles.%s[%d]: empty member", role, i)
			}
			if !validMember(m) {
				return fmt.Errorf("roles.%s[%d]: %q is neither an e-mail nor CHANNEL:ID (slack:U04ABCDEF, teams:<AAD object id>, terminal:NAME)", role, i, m)
			}
		}
	}
	if _, err := time.Parse("15:04", f.Reminders.At); err != nil {
		return fmt.Errorf("reminders.at: %q is not HH:MM", f.Reminders.At)
	}
	if _, ok := weekdays[strings.ToLower(f.Reminders.DigestDay)]; !ok {
		return fmt.Errorf("reminders.digest_day: %q is not a day of the week", f.Reminders.DigestDay)
	}
	if f.Reminders.PendingReviewDays < 1 {
		return fmt.Errorf("reminders.pending_review_days: must be at least 1")
	}
	if f.Reminders.DraftRemindDays < 1 || f.Reminders.DraftCloseDays <= f.Reminders.DraftRemindDays {
		return fmt.Errorf("reminders.draft_close_days: must be greater than draft_remind_days (≥ 1)")
	}
	for i, d := range f.Reminders.Closures {
		if _, err := time.Parse("2006-01-02", d); err != nil {
			return fmt.Errorf("reminders.closures[%d]: %q is not YYYY-MM-DD", i, d)
		}
	}
	if u, err := url.Parse(f.IncidentFormURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") {
		return fmt.Errorf("incident_form_url: %q is not an http(s) URL", f.IncidentFormURL)
	}
	if f.Retention.ClosedDraftDays < 0 || f.Retention.ConversationRefDays < 0 {
		return fmt.Errorf("retention: days must not be negative")
	}
	return f.validateCommittees()
}

var weekdays = map[string]time.Weekday{"sunday": time.Sunday, "monday": time.Monday, "tuesday": time.Tuesday,
	"wednesday": time.Wednesday, "thursday": time.Thursday, "friday": time.Friday, "saturday": time.Saturday}

// DigestWeekday returns the digest day.
func (r Reminders) DigestWeekday() time.Weekday { return weekdays[strings.ToLower(r.DigestDay)] }

// validMember reports an e-mail or a platform id with its channel prefix; a bare
// platform id is refused, since it could be anyone's id on another channel.
func validMember(m string) bool {
	m = strings.TrimSpace(m)
	if ch, id, ok := strings.Cut(m, ":"); ok && id != "" {
		switch bot.Channel(ch) {
		case bot.Teams, bot.Slack, bot.Terminal:
			return true
		}
	}
	at := strings.LastIndex(m, "@")
	return at > 0 && at < len(m)-1 && !strings.ContainsAny(m, " :")
}

func known(role string) bool {
	for _, r := range RoleNames {
		if r == role {
			return true
		}
	}
	return false
}

// RolesOf returns the roles of u seen on ch, matching members by e-mail
// (case-insensitive) or "<channel>:<id>" ("slack:U04ABCDEF", "teams:<AAD object id>",
// "terminal:NAME"). A bare id matches nobody: the same string may be anyone's id on
// another channel.
func (f *File) RolesOf(u bot.User, ch bot.Channel) []string {
	var out []string
	for _, role := range RoleNames {
		for _, m := range f.Roles[role] {
			if matches(m, u, ch) {
				out = append(out, role)
				break
			}
		}
	}
	return out
}

// Members returns the configured members of role.
func (f *File) Members(role string) []string { return f.Roles[role] }

func matches(member string, u bot.User, ch bot.Channel) bool {
	m := strings.TrimSpace(member)
	switch {
	case u.Email != "" && strings.EqualFold(m, u.Email):
		return true
	case u.ID != "" && m == string(ch)+":"+u.ID:
		return true
	}
	return false
}
