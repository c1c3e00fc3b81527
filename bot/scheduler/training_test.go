package scheduler_test

import (
	"context"
	"slices"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/scheduler"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage/storagetest"
)

// TestTrainingBeforeDeployment follows one approved request through its training
// calendar: each person is reminded before their session and after it until they say
// they attended; a week before deployment the requester and their supervisor get the
// list of people not trained yet, the supervisor in one message with their other
// follow-ups of the day; a person the bot cannot reach is named in the digest.
func TestTrainingBeforeDeployment(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	h := newHarness(t, path, at("2027-05-10", 8, 0), p, testConfig(), nil)
	// rita's request for Gemini, approved on 20 April: tom owns it; he, uma and vic are
	// trained at the calendar's first session, before deployment on 20 May.
	gemini := h.approved(at("2027-04-20", 10, 0), "rita@x", "boss@x", map[requests.Tag]string{
		requests.TagDeploymentDate: "2027-05-20", requests.TagTrainingCalendar: "2027-05-12,2027-05-14"},
		workflow.Approval{SystemName: "Gemini", Kind: "private", Hosting: "canada", EFVPNextReview: far, OwnerKey: "tom@x",
			Trainees: []string{"uma@x", "vic@x"}, Training: []time.Time{*date("2027-05-12"), *date("2027-05-14")}})
	// Another system of the same supervisor, whose EFVP falls due on the 12th.
	h.approved(at("2026-05-01", 9, 0), "sam@x", "boss@x", nil, workflow.Approval{SystemName: "Mistral", Kind: "private",
		Hosting: "canada", EFVPNextReview: *date("2027-05-12"), OwnerKey: "sam@x"})
	meet(t, h.db, "rita@x", "boss@x", "tom@x", "uma@x", "sam@x") // vic never wrote to the bot
	channel(t, h.db, "codir-in")
	h.start()
	p.take() // the catch-up pass: Mistral's 30- and 7-day reminders fell due before

	want := map[string][]string{
		"2027-05-11": {"D-tom@x: Formation : Gemini", "D-uma@x: Formation : Gemini"},
		"2027-05-12": {"D-sam@x: Révision de l'EFVP : Mistral"},
		"2027-05-13": {"C-codir-in: **Suivis IAG du 13 mai 2027**", "D-boss@x: **Suivis IAG du 13 mai 2027**",
			"D-rita@x: **Suivis IAG du 13 mai 2027**", "D-sam@x: Révision de l'EFVP : Mistral", "D-uma@x: Formation : Gemini"}, // uma: before the second session; sam: Mistral's EFVP is late
		"2027-05-17": {"D-uma@x: Formation : Gemini"}, // uma: after the last session
	}
	var boss, digest string
	for _, day := range []string{"2027-05-10", "2027-05-11", "2027-05-12", "2027-05-13", "2027-05-14", "2027-05-17", "2027-05-18"} {
		if day == "2027-05-13" {
			// Tom attended on the 12th.
			if _, err := h.db.CompleteTraining(context.Background(), gemini.ID, "tom@x", at("2027-05-12", 16, 0)); err != nil {
				t.Fatal(err)
			}
		}
		h.pass(day)
		posts := p.take()
		for _, ps := range posts {
			if ps.to == "D-boss@x" {
				boss += ps.text
			}
			if ps.to == "C-codir-in" && day == "2027-05-17" {
				digest = ps.text
			}
			if ps.to == "D-tom@x" && !strings.Contains(ps.text, "[J'ai suivi la formation]") {
				t.Errorf("training card without its button: %q", ps.text)
			}
		}
		if g := got(posts); !slices.Equal(g, want[day]) {
			t.Errorf("%s: got %q, want %q", day, g, want[day])
		}
	}
	for _, w := range []string{"**Gemini** sera déployé le 20 mai 2027, mais 2 personnes sur 3 n'ont pas encore suivi la formation (section 7) : Uma, vic@x.",
		"L'EFVP de **Mistral** devait être révisée le 12 mai 2027 (1 jour de retard)"} {
		if !strings.Contains(boss, w) {
			t.Errorf("the supervisor's one message lacks %q:\n%s", w, boss)
		}
	}
	for _, w := range []string{"Gemini: 2 sur 3, déploiement le 20 mai 2027", "- vic@x", "Mistral: 12 mai 2027 (en retard)", "Approuvées: 2"} {
		if !strings.Contains(digest, w) {
			t.Errorf("the digest lacks %q:\n%s", w, digest)
		}
	}
	have, _ := h.db.RecentReminderDeliveries(context.Background(), at("2027-05-01", 0, 0))
	unreachable := 0
	for _, d := range have {
		if d.Recipient == "vic@x" && d.Status == scheduler.Unreachable {
			unreachable++
		}
	}
	if unreachable != 3 {
		t.Errorf("vic's deliveries recorded unreachable: %d, want 3 (before each of the two sessions, after the last)", unreachable)
	}
}

// TestPendingReviewNudgeThenEscalate: a request waits at the STI stage; after five
// business days (a holiday and a closure day do not count) the STI's members are
// nudged, after ten the request escalates to CODIR-IN's channel and the requester's
// supervisor.
func TestPendingReviewNudgeThenEscalate(t *testing.T) {
	path := dbPath(t)
	p := &platform{}
	cfg := testConfig()
	cfg.Closures = []string{"2027-05-28"}
	h := newHarness(t, path, at("2027-05-19", 11, 0), p, cfg, map[string][]string{"sti": {"sti1@x", "STI2@x"}})
	var r requests.Request
	h.then(at("2027-05-01", 9, 0), func() {
		r = storagetest.Draft(t, h.db, "rita@x", "fr", map[requests.Tag]string{requests.TagSystemName: "Gemini",
			requests.TagSupervisor: "boss@x", requests.TagEFVPDate: "2027-04-01", requests.TagEFVPStatus: requests.EFVPDone})
	})
	h.then(at("2027-05-19", 10, 0), func() { storagetest.InReview(t, h.db, r.ID, requests.STIReview) })
	meet(t, h.db, "sti1@x", "boss@x") // sti2 never wrote to the bot
	channel(t, h.db, "codir-in")
	h.start()
	sent := map[string][]string{}
	day := at("2027-05-20", 9, 0)
	for day.Before(at("2027-06-08", 0, 0)) {
		d := day.Format("2006-01-02")
		h.pass(d)
		for _, ps := range p.take() {
			if !strings.Contains(ps.text, "Bilan hebdomadaire") {
				sent[d] = append(sent[d], ps.to+": "+lastLine(ps.text))
			}
		}
		day = day.AddDate(0, 0, 1)
	}
	want := map[string][]string{
		"2027-05-27": {"D-sti1@x: Pour reporter ces rappels, écrivez « rappelle-moi dans une semaine »."},
		"2027-06-04": {"C-codir-in: - **Escalade** : la demande nº " + strconv.Itoa(int(r.ID)) + " (**Gemini**) attend une décision du STI depuis 10 jours ouvrables, le double du délai prévu.",
			"D-boss@x: Pour reporter ces rappels, écrivez « rappelle-moi dans une semaine »."},
	}
	if len(sent) != len(want) {
		t.Errorf("sent on %d days, want %d: %q", len(sent), len(want), sent)
	}
	for d, w := range want {
		slices.Sort(sent[d])
		if !slices.Equal(sent[d], w) {
			t.Errorf("%s: got %q, want %q", d, sent[d], w)
		}
	}
	have, _ := h.db.RecentReminderDeliveries(context.Background(), at("2027-05-01", 0, 0))
	for _, d := range have {
		if d.Kind == scheduler.Review && d.Recipient == "sti2@x" && d.Status != scheduler.Unreachable {
			t.Errorf("sti2's nudge: %s, want unreachable", d.Status)
		}
	}
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}
