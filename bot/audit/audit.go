// Package audit is the vocabulary of the append-only audit log (procedure 30-02, 8):
// who did what to which subject, from which state to which, why, and on which
// sections it rests. Features build entries; the store only appends and reads them.
package audit

import "time"

// Actor is who did something. Key is the person's key (bot.User.Key), or "system".
type Actor struct {
	Key  string
	Name string
}

// System is the actor of what the bot does by itself (reminders, catch-ups).
var System = Actor{Key: "system"}

// Entry is one line of the audit log. Its JSON form is the contract of
// `iagbot audit export --format json`.
type Entry struct {
	ID        uint      `json:"id"`
	At        time.Time `json:"at"`
	ActorKey  string    `json:"actor"`
	ActorName string    `json:"actor_name,omitempty"`
	Action    string    `json:"action"`
	Subject   string    `json:"subject"`
	From      string    `json:"from,omitempty"`
	To        string    `json:"to,omitempty"`
	Comment   string    `json:"comment,omitempty"`
	Sections  []string  `json:"sections,omitempty"`
}
