package main

import (
	"context"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// seedReminders makes a database with one system whose EFVP is due on 2 June 2027,
// owned by rita@x, and one reminder that could not be delivered on 1 May.
func seedReminders(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "r.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	key := "training|request:5|2027-05-03/before|vic@x"
	at := time.Date(2027, 5, 1, 13, 0, 0, 0, time.UTC)
	if _, err := db.ClaimReminders(ctx, nil, []scheduler.Claim{{Key: key, Kind: scheduler.Training, Recipient: "vic@x"}}, 3, at); err != nil {
		t.Fatal(err)
	}
	if err := db.FinishReminders(ctx, []string{key}, scheduler.Unreachable, "bot: unreachable", at); err != nil {
		t.Fatal(err)
	}
	storagetest.Approved(t, db, "rita@x", nil, workflow.Approval{SystemName: "Copilot", Kind: "private", Hosting: "canada",
		EFVPNextReview: time.Date(2027, 6, 2, 0, 0, 0, 0, time.UTC), OwnerKey: "rita@x"})
	// A request at CODIR-IN's stage whose card reached no one.
	d := storagetest.Draft(t, db, "sam@x", "fr", map[requests.Tag]string{requests.TagSystemName: "Gemini", requests.TagEFVPStatus: requests.EFVPPlanned, requests.TagEFVPDate: "2027-09-01"})
	storagetest.InReview(t, db, d.ID, requests.CODIRReview)
	return path
}

var spaces = regexp.MustCompile(` {2,}`)

func TestRemindersList(t *testing.T) {
	path := seedReminders(t)
	for _, tc := range []struct {
		name string
		env  map[string]string
		args []string
		code int
		want []string
		not  []string
	}{
		{"French, a month from 3 May", map[string]string{"IAGBOT_DB": path},
			[]string{"reminders", "list", "--from", "2027-05-03", "--days", "31"}, 0,
			[]string{"Rappels prévus du 3 mai 2027 au 3 juin 2027", "à 09:00 (America/Toronto)",
				"2027-05-03 09:00 efvp system:copilot rita@x 2027-06-02/30",
				"2027-05-26 09:00 efvp system:copilot rita@x 2027-06-02/7",
				"2027-06-02 09:00 efvp system:copilot rita@x 2027-06-02/0",
				"2027-06-03 09:00 efvp-late system:copilot role:codir-in 2027-06-02/late/2027-06-03",
				"2027-05-25 09:00 digest week role:codir-in 2027-05-24", // Patriotes: Tuesday
				"Envois non aboutis des 7 derniers jours :",
				"2027-05-01 09:00 unreachable training request:5 vic@x bot: unreachable",
				"Demandes dont la carte d'approbation n'a été remise à personne (en attente de livraison) :", "— Gemini — codir_review"},
			[]string{"2027-05-24 09:00"}},
		{"English, a week later: the 30-day reminder still to send, nothing failed", map[string]string{"IAGBOT_DB": path, "IAGBOT_LANG": "en"},
			[]string{"reminders", "list", "--from", "2027-05-20", "--days", "7"}, 0,
			[]string{"Reminders planned from May 20, 2027 to May 27, 2027", "WHEN KIND SUBJECT RECIPIENT OCCURRENCE",
				"2027-05-20 09:00 efvp system:copilot rita@x 2027-06-02/30",
				"2027-05-26 09:00 efvp system:copilot rita@x 2027-06-02/7",
				"Deliveries that did not go through in the last 7 days:\nNone."},
			[]string{"2027-06-02/0"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errOut := runCLI(t, tc.env, "", tc.args...)
			if code != tc.code {
				t.Fatalf("exit = %d, want %d: %s", code, tc.code, errOut)
			}
			out = spaces.ReplaceAllString(out, " ") // column widths are tabwriter's business
			for _, w := range tc.want {
				if !strings.Contains(out, w) {
					t.Errorf("no %q in:\n%s", w, out)
				}
			}
			for _, w := range tc.not {
				if strings.Contains(out, w) {
					t.Errorf("%q in:\n%s", w, out)
				}
			}
		})
	}
}

func TestRemindersUsage(t *testing.T) {
	for _, tc := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"reminders"}, 2, "Usage: iagbot reminders list"},
		{[]string{"reminders", "send"}, 2, "Usage: iagbot reminders list"},
		{[]string{"reminders", "--help"}, 0, "Usage: iagbot reminders list"},
		{[]string{"reminders", "list", "--help"}, 0, "--days"},
		{[]string{"reminders", "list", "--from", "3 mai"}, 2, "want YYYY-MM-DD"},
		{[]string{"reminders", "list", "--days", "0"}, 2, "want 1 to 366"},
	} {
		t.Run(strings.Join(tc.args, " "), func(t *testing.T) {
			env := map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "u.db")}
			code, _, errOut := runCLI(t, env, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Fatalf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
	if code, out, _ := runCLI(t, nil, "", "--help"); code != 0 || !strings.Contains(out, "reminders") {
		t.Fatalf("--help does not list reminders:\n%s", out)
	}
}

func TestOneLine(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"", ""},
		{"bot: unreachable", "bot: unreachable"},
		{"m: bot: unreachable\nm: bot: unreachable\nrole sti: bot: unreachable", "m: bot: unreachable; role sti: bot: unreachable"},
	} {
		if got := oneLine(tc.in); got != tc.want {
			t.Errorf("oneLine(%q) = %q, want %q", tc.in, got, tc.want)
		}
	}
}
