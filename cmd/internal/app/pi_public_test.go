package app

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestPersonalDataOnAPublicSystem (#13, 6.2): an English request declaring a public
// system with personal information is flagged to the requester at submission and in
// red on the CODIR-IN card and form; the form forbids the use by default and permits
// it only with an override's reason, audited; Q&A still answers forbidden for a
// question with personal information on that system.
func TestPersonalDataOnAPublicSystem(t *testing.T) {
	ctx := context.Background()
	a, r := newScriptedApp(t, time.Date(2026, 12, 2, 15, 0, 0, 0, time.UTC))
	r.As("alice").Say("in English please")
	r.As("codir").Say("in English please")
	req := storagetest.Draft(t, a.DB, "terminal:alice", "en", map[requests.Tag]string{
		requests.TagSystemName: "Brisk Teaching", requests.TagSystemVendor: "Brisk", requests.TagSystemKind: "public",
		requests.TagUses: "feedback", requests.TagPersonalData: "yes", requests.TagAutomatedDecision: "no",
		requests.TagSupervisor: "direction@example.org", requests.TagEFVPDate: "2026-11-15", requests.TagEFVPStatus: "done",
		requests.TagTrainingCalendar: "2026-11-20", requests.TagDeploymentDate: "2026-11-25",
	})
	if _, err := a.DB.SubmitRequest(ctx, req.ID, "terminal:alice", "alice"); err != nil {
		t.Fatal(err)
	}
	r.As("codir").Say("pending reviews").Want("⚠ Personal information in a public system (6.2)", "The procedure forbids it (6.2)")
	r.Press("Approve", nil).Want("⚠ Personal information in a public system (6.2)", "Feedback on student work : forbidden")
	r.Press("Confirm approval", map[string]string{"use:feedback": "permitted", "hosting": "foreign"}).
		Want("give the reason for the override")
	r.Press("Confirm approval", map[string]string{"use:feedback": "restricted", "cond:feedback": "First names only",
		"hosting": "foreign", "override_62": "Pilot with first names only, approved by the CPRPSI on 2026-11-30"}).
		Want("is approved", "→ alice")
	r.As("alice").Say("May I use Brisk Teaching to give feedback on Emma Tremblay's essay?").Want("No", "6.2")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	log, err := a.DB.AuditLog(ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range log {
		found = found || (e.Action == "review.override_6.2" && e.Comment == "Pilot with first names only, approved by the CPRPSI on 2026-11-30" &&
			e.ActorKey == "terminal:codir")
	}
	if !found {
		t.Error("the override is not in the audit log")
	}
}
