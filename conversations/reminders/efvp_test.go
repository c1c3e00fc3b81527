package reminders_test

import (
	"context"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// seedSystems: rita owns Copilot (revised 2026-06-02, due 2027-06-02, also called
// "copilot chat") and Mistral (due 2027-07-01, last revision unknown); sam owns Claude.
func (w *world) seedSystems() {
	w.t.Helper()
	done := date("2026-06-02")
	approve := func(owner, name string, done *time.Time, next string) {
		w.approved(owner, "", workflow.Approval{SystemName: name, Kind: "private", Hosting: "canada", EFVPDone: done,
			EFVPNextReview: date(next), OwnerKey: owner})
	}
	approve("terminal:rita", "Copilot", &done, "2027-06-02")
	approve("terminal:rita", "Mistral", nil, "2027-07-01")
	approve("terminal:sam", "Claude", nil, "2027-08-01")
	inv, err := w.db.Inventory(context.Background())
	if err != nil {
		w.t.Fatal(err)
	}
	copilot := *inv.System("copilot")
	copilot.Aliases = []string{"copilot chat"}
	if err := w.db.UpsertSystem(context.Background(), copilot); err != nil {
		w.t.Fatal(err)
	}
}

func TestEFVPRevised(t *testing.T) {
	for _, tc := range []struct {
		name, locale, who, say string
		want                   string
		system                 string // whose dates change; "" when none does
		done, next             string
	}{
		{"owner names the system", "fr", "rita", "EFVP de Copilot révisée le 2027-05-10",
			"l'EFVP de Copilot a été révisée le 10 mai 2027. Prochaine révision : le 10 mai 2028",
			"copilot", "2027-05-10", "2028-05-10"},
		{"by an alias, in words, with the next date", "fr", "rita", "EFVP copilot chat révisée le 1er mai 2027, prochaine révision le 1er novembre 2027",
			"Prochaine révision : le 1er novembre 2027", "copilot", "2027-05-01", "2027-11-01"},
		{"unknown period: a year", "en", "rita", "EFVP of Mistral revised on May 3, 2027",
			"Next revision: May 3, 2028", "mistral", "2027-05-03", "2028-05-03"},
		{"owner of two, none named", "fr", "rita", "EFVP révisée le 2027-05-10",
			"De quel système s'agit-il ? Écrivez par exemple « EFVP de Copilot révisée le 2027-05-10 ». Systèmes : Copilot, Mistral.", "", "", ""},
		{"owner of one, none named", "fr", "sam", "EFVP révisée le 2027-05-10",
			"l'EFVP de Claude a été révisée le 10 mai 2027", "claude", "2027-05-10", "2028-05-10"},
		{"someone else's system", "fr", "sam", "EFVP de Copilot révisée le 2027-05-10",
			"Seul le responsable d'un système, ou un administrateur", "", "", ""},
		{"someone who owns none", "fr", "bob", "EFVP révisée le 2027-05-10",
			"Je ne trouve aucun système d'IAG dont vous êtes responsable", "", "", ""},
		{"an administrator", "fr", "admin", "EFVP de Claude révisée le 2027-05-10",
			"l'EFVP de Claude a été révisée", "claude", "2027-05-10", "2028-05-10"},
		{"an administrator, none named", "en", "admin", "EFVP revised on 2027-05-10",
			"Which system is it? Type for example \"EFVP of Copilot revised on 2027-05-10\". Systems: Copilot, Mistral, Claude.", "", "", ""},
		{"a date to come", "fr", "rita", "EFVP de Copilot révisée le 2027-05-12",
			"Cette date est dans le futur", "", "", ""},
		{"no date", "fr", "rita", "EFVP de Copilot révisée",
			"À quelle date l'EFVP a-t-elle été révisée ?", "", "", ""},
		{"next before done", "fr", "rita", "EFVP de Copilot révisée le 2027-05-10, prochaine révision le 2027-01-01",
			"La prochaine révision doit venir après", "", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			w := newWorld(t, "2027-05-11", tc.locale)
			w.seedSystems()
			w.r.As(tc.who).Say(tc.say).Want(tc.want)
			if err := w.r.Err(); err != nil {
				t.Fatal(err)
			}
			systems, err := w.db.EFVPSystems(context.Background())
			if err != nil {
				t.Fatal(err)
			}
			original := map[string]string{"copilot": "2027-06-02", "mistral": "2027-07-01", "claude": "2027-08-01"}
			for _, s := range systems {
				next := s.NextReview.Format(time.DateOnly)
				switch {
				case s.ID == tc.system && (next != tc.next || s.Done == nil || s.Done.Format(time.DateOnly) != tc.done):
					t.Errorf("%s: done %v, next %s; want %s, %s", s.ID, s.Done, next, tc.done, tc.next)
				case s.ID != tc.system && next != original[s.ID]:
					t.Errorf("%s changed to %s", s.ID, next)
				}
			}
			log, _ := w.db.AuditLog(context.Background())
			var revised []audit.Entry
			for _, e := range log {
				if e.Action == "efvp.revise" {
					revised = append(revised, e)
				}
			}
			if (tc.system != "") != (len(revised) == 1) {
				t.Errorf("audit = %+v, want one efvp.revise entry only when a date was recorded", revised)
			}
		})
	}
}

// TestEFVPRevisedStopsThePastDuePings: the pings to the supervisor stop once the owner
// records the revision, picked from the last reminder they got.
func TestEFVPRevisedStopsThePastDuePings(t *testing.T) {
	w := newWorld(t, "2027-06-03", "fr")
	w.meet("rita", "boss")
	w.approved("terminal:rita", "terminal:boss", workflow.Approval{SystemName: "Gemini", Kind: "private",
		Hosting: "canada", EFVPNextReview: date("2027-06-02"), OwnerKey: "terminal:rita"})
	w.approved("terminal:rita", "", workflow.Approval{SystemName: "Mistral", Kind: "private", Hosting: "canada",
		EFVPNextReview: date("2028-01-10"), OwnerKey: "terminal:rita"})
	w.days(-1)
	w.deliver() // 2 June: rita is told Gemini's EFVP is due today
	w.days(1)
	if rep := w.deliver(); rep.Sent < 1 {
		t.Fatalf("3 June: %+v, want the supervisor pinged", rep)
	}
	// Rita owns two systems and names none: the last reminder she got says which.
	w.r.As("rita").Say("EFVP révisée le 2027-06-03").Want("l'EFVP de Gemini a été révisée le 3 juin 2027")
	if err := w.r.Err(); err != nil {
		t.Fatal(err)
	}
	w.days(7)
	w.r.As("boss")
	mark := len(w.r.All())
	w.deliver()
	if got := w.r.All()[mark:]; len(got) > 0 {
		t.Fatalf("a week later the pings go on:\n%s", got)
	}
}
