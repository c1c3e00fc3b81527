package review_test

import (
	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations/review"
	"github.com/jonboulle/clockwork"
)

// clocked puts the harness on a fake clock at day 10:00 in Québec: the engine, the
// database and the workflow's own clock all read it.
func clocked(t *testing.T, day string) (*harness, *clockwork.FakeClock) {
	t.Helper()
	h := newHarness(t)
	d, err := time.Parse(time.DateOnly, day)
	if err != nil {
		t.Fatal(err)
	}
	clock := clockwork.NewFakeClockAt(d.Add(15 * time.Hour))
	h.db.Now = clock.Now
	h.eng.SetClock(clock.Now)
	h.f.Now = clock.Now
	return h, clock
}

func (h *harness) decision(id uint, stage requests.Status) workflow.Decision {
	h.t.Helper()
	d, err := h.db.DecisionFor(h.ctx, id, 1, stage)
	if err != nil {
		h.t.Fatal(err)
	}
	return d
}

// auditNames are the actor names of the audit entries of action on subject.
func (h *harness) auditNames(action, subject string) []string {
	h.t.Helper()
	log, err := h.db.AuditLog(h.ctx)
	if err != nil {
		h.t.Fatal(err)
	}
	var out []string
	for _, e := range log {
		if e.Action == action && e.Subject == subject {
			out = append(out, e.ActorName+" | "+e.Comment)
		}
	}
	return out
}

// TestDelegationStartsAndEndsByTheClock: codir, on CODIR-IN, is away from 10 to 24
// January 2027 and delegates to marie (no role of her own). Before the 10th marie
// cannot decide; from the 10th she gets the cards and decides « marie (pour codir) »,
// never on codir's own request; on the 25th it is over by itself.
func TestDelegationStartsAndEndsByTheClock(t *testing.T) {
	h, clock := clocked(t, "2027-01-07")
	r := h.r
	r.As("marie").Say("bonjour")
	r.As("alice").Say("bonjour")
	r.As("codir").Say("je serai absent du 2027-01-10 au 2027-01-24, déléguer à marie").
		Want("ENREGISTRER CETTE ABSENCE ?", "Personne absente : codir", "Rôles : CODIR-IN", "Du : 2027-01-10",
			"Au (inclus) : 2027-01-24", "Déléguée à : marie")
	r.Say("oui").Want("C'est noté : du 2027-01-10 au 2027-01-24, les approbations de codir vont à marie.", "→ marie",
		"codir vous a confié les approbations de codir du 2027-01-10 au 2027-01-24")
	first := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "→ codir").WantNot("→ marie")
	if got := texts(h.clickAs("marie", review.VerbReject, ref(first, 1, requests.CODIRReview), "Non")); !strings.Contains(got, "seuls les membres") {
		t.Fatalf("marie before the delegation starts: %s", got)
	}

	clock.Advance(3 * 24 * time.Hour) // Sunday 10 January: the delegation has started
	second := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 2").Want("→ codir", "→ marie")
	own := h.draft("codir", baseAnswers())
	r.As("codir").Say("soumettre 3")
	if got := texts(h.clickAs("marie", review.VerbReject, ref(own, 1, requests.CODIRReview), "Non")); !strings.Contains(got, "propre demande") {
		t.Fatalf("marie on codir's own request: %s", got)
	}
	got := texts(h.clickAs("marie", review.VerbReject, ref(first, 1, requests.CODIRReview), "Un système privé existe"))
	if !strings.Contains(got, "refusée") || !strings.Contains(h.r.All(), "Refusée par marie (pour codir)") {
		t.Fatalf("marie decides for codir: %s", got)
	}
	if d := h.decision(first, requests.CODIRReview); d.ActorKey != "terminal:marie" || d.ForKey != "terminal:codir" || d.ForName != "codir" {
		t.Fatalf("decision = %+v, want marie for codir", d)
	}
	if names := h.auditNames("review.reject", requests.Subject(first)); len(names) != 1 || !strings.HasPrefix(names[0], "marie (pour codir) |") {
		t.Fatalf("audit = %q, want « marie (pour codir) »", names)
	}
	r.As("marie").Say("demandes à examiner").Want("DEMANDE D'APPROBATION N° 2")

	clock.Advance(15 * 24 * time.Hour) // Monday 25 January: over by itself
	if got := texts(h.clickAs("marie", review.VerbApprove, ref(second, 1, requests.CODIRReview), "")); !strings.Contains(got, "seuls les membres") {
		t.Fatalf("marie the day after the delegation: %s", got)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestDelegationCancelledEarly: « annuler ma délégation » ends it at once.
func TestDelegationCancelledEarly(t *testing.T) {
	h, _ := clocked(t, "2027-01-12")
	r := h.r
	r.As("marie").Say("bonjour")
	r.As("codir").Say("I'll be away from 2027-01-10 to 2027-01-24, delegate to marie").Want("RECORD THIS ABSENCE?", "Delegated to : marie")
	r.Press("Confirm", nil).Want("Noted: from 2027-01-10 to 2027-01-24, codir's approvals go to marie.")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1")
	r.As("codir").Say("cancel my delegation").Want("Done: your delegation has ended")
	r.Say("annuler ma délégation").Want("Vous n'avez aucune délégation en cours ou à venir.")
	if got := texts(h.clickAs("marie", review.VerbApprove, ref(id, 1, requests.CODIRReview), "")); !strings.Contains(got, "seuls les membres") {
		t.Fatalf("marie after the cancellation: %s", got)
	}
	if n := h.audited("delegation.end", "person:terminal:codir"); n != 1 {
		t.Fatalf("%d delegation.end entries, want 1", n)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestDelegationRefusals: someone else's absence is an administrator's; a delegate
// away on those days, or a person without a review role, is refused.
func TestDelegationRefusals(t *testing.T) {
	h, _ := clocked(t, "2027-01-05")
	r := h.r
	r.As("marie").Say("bonjour")
	r.As("codir2").Say("bonjour")
	r.As("bob").Say("codir2 sera absent du 2027-01-10 au 2027-01-24, déléguer à marie").Want("Seuls les administrateurs")
	r.As("bob").Say("je serai absent du 2027-01-10 au 2027-01-24").Want("Vous n'avez aucun rôle d'approbation")
	r.As("admin").Say("codir2 sera absent du 2027-01-10 au 2027-01-24, déléguer à marie").Want("Personne absente : codir2")
	r.Say("oui").Want("les approbations de codir2 vont à marie", "→ codir2", "admin a enregistré votre absence")
	r.As("codir").Say("je serai absent du 2027-01-20 au 2027-01-30, déléguer à codir2").Want("codir2 est aussi absent(e)")
	r.As("codir").Say("je serai absent du 2027-01-20, déléguer à marie").Want("Indiquez les deux dates")
	r.As("codir").Say("je serai absent du 2027-01-20 au 2027-01-30, déléguer à personne.inconnue").Want("Je ne connais personne nommé")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if n := h.audited("delegation.denied"); n != 1 {
		t.Fatalf("%d delegation.denied entries, want 1", n)
	}
}

// TestDelegateVotesInTheMembersSeat: under a majority, marie stands in for c1 (away):
// her vote is c1's seat, shown « marie (pour c1) », audited as marie's; c1's own vote
// would replace it, never count twice.
func TestDelegateVotesInTheMembersSeat(t *testing.T) {
	h := committeeHarness(t, config.Committee{Rule: config.RuleMajority, Quorum: 3})
	h.f.Now = func() time.Time { return now }
	r := h.r
	r.As("marie").Say("bonjour")
	r.As("c1").Say("je serai absent du 2026-08-25 au 2026-09-10, déléguer à marie")
	r.Say("oui").Want("les approbations de c1 vont à marie")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("→ marie")
	h.cast("marie", review.VerbReject, id, map[string]string{"comment": "Non"}, "1 / 3 votes requis")
	h.cast("c1", review.VerbReject, id, map[string]string{"comment": "Non, moi-même"}, "est modifié", "1 / 3 votes requis")
	h.cast("marie", review.VerbChanges, id, map[string]string{"comment": "Précisez"}, "est modifié", "1 / 3 votes requis")
	if out := r.All(); !strings.Contains(out, "marie (pour c1) : Demander des modifications") {
		t.Errorf("the card does not show marie's vote for c1:\n%s", out)
	}
	log, err := h.db.AuditLog(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var votes []string
	for _, e := range log {
		if e.Action == "review.vote" {
			votes = append(votes, e.ActorKey+" "+e.Comment)
		}
	}
	want := []string{"terminal:marie vote on codir_review round 1 for terminal:c1",
		"terminal:c1 vote on codir_review round 1 (changed)", "terminal:marie vote on codir_review round 1 (changed) for terminal:c1"}
	if strings.Join(votes, "|") != strings.Join(want, "|") {
		t.Errorf("audited votes %q, want %q", votes, want)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestAdminCancelsSomeonesDelegation: « annuler la délégation de codir » is an
// administrator's; codir's delegate is told it ended.
func TestAdminCancelsSomeonesDelegation(t *testing.T) {
	h, _ := clocked(t, "2027-01-12")
	r := h.r
	r.As("marie").Say("bonjour")
	r.As("codir").Say("je serai absent du 2027-01-10 au 2027-01-24, déléguer à marie")
	r.Say("oui")
	r.As("bob").Say("annuler la délégation de codir").Want("Seuls les administrateurs")
	r.As("admin").Say("cancel codir's delegation").Want("Done: codir's delegation has ended.", "→ marie",
		"La délégation des approbations de codir a pris fin.")
	r.As("admin").Say("annuler la délégation de codir").Want("codir n'a aucune délégation en cours ou à venir.")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestDelegateSeesTheButtonsOnTheChannelCard: Teams asks for each viewer's version of
// the card in CODIR-IN's channel: codir's delegate gets the buttons, someone else the
// summary.
func TestDelegateSeesTheButtonsOnTheChannelCard(t *testing.T) {
	h, _ := clocked(t, "2027-01-12")
	r := h.r
	r.As("marie").Say("bonjour")
	r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN")
	r.As("codir").Say("je serai absent du 2027-01-10 au 2027-01-24, déléguer à marie")
	r.Say("oui")
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("→ #codir")
	posted, err := h.db.PostedCards(h.ctx, id, 1, requests.CODIRReview)
	if err != nil || len(posted) == 0 {
		t.Fatalf("posted = %+v, %v", posted, err)
	}
	view := func(user string) int {
		replies, err := h.eng.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: user, Name: user}, Locale: "fr",
			Conversation: posted[0].Conversation, Action: &bot.Action{Verb: review.VerbView, Subject: ref(id, 1, requests.CODIRReview),
				MessageID: posted[0].MessageID}})
		if err != nil || len(replies) == 0 || replies[0].Card == nil {
			t.Fatalf("view as %s: %v %v", user, texts(replies), err)
		}
		return len(replies[0].Card.Buttons)
	}
	if n := view("marie"); n < 3 {
		t.Errorf("marie (for codir) sees %d buttons, want the decisions", n)
	}
	if n := view("bob"); n > 1 {
		t.Errorf("bob sees %d buttons, want a summary", n)
	}
}
