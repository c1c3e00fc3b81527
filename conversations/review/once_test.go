package review_test

import (
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
)

// submitted drafts and submits alice's request through the engine.
func (h *harness) submitted(answers map[requests.Tag]string) uint {
	h.t.Helper()
	h.r.As("codir").Say("aide")
	h.r.As("codir2").Say("aide")
	id := h.draft("alice", answers)
	h.r.As("alice").Say("soumettre 1")
	if err := h.r.Err(); err != nil {
		h.t.Fatal(err)
	}
	return id
}

// TestConcurrentClicksDecideOnce: two CODIR-IN members press at the same time, on a
// real SQLite file; one decision is taken, the other member is told who took it.
func TestConcurrentClicksDecideOnce(t *testing.T) {
	for _, tc := range []struct {
		name   string
		verb   string
		values map[string]string
		want   requests.Status
	}{
		{"reject", "review.reject", map[string]string{"comment": "Un système privé existe"}, requests.Rejected},
		{"approve with the form", "review.confirm", map[string]string{"hosting": "canada"}, requests.Approved},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarnessOn(t, filepath.Join(t.TempDir(), "review.db"))
			id := h.submitted(baseAnswers())
			var wg sync.WaitGroup
			replies := make([][]bot.Reply, 2)
			errs := make([]error, 2)
			for i, user := range []string{"codir", "codir2"} {
				wg.Add(1)
				go func() {
					defer wg.Done()
					replies[i], errs[i] = h.click(user, tc.verb, ref(id, 1, requests.CODIRReview), tc.values)
				}()
			}
			wg.Wait()
			var decided, told int
			for i := range replies {
				if errs[i] != nil {
					t.Fatalf("click %d: %v", i, errs[i])
				}
				got := texts(replies[i])
				switch {
				case strings.Contains(got, "C'est noté"):
					decided++
				case strings.Contains(got, "Cette étape a déjà été décidée par codir") && strings.Contains(got, "le 2026-09-01 à 10 h 00"):
					told++
				default:
					t.Errorf("click %d answered %q", i, got)
				}
			}
			if decided != 1 || told != 1 {
				t.Fatalf("%d decided and %d told already decided, want 1 and 1", decided, told)
			}
			if n := h.decisions(id, 1); n != 1 {
				t.Errorf("decisions = %d, want 1", n)
			}
			if n := len(h.inventory().Systems); tc.want == requests.Approved && n != 1 {
				t.Errorf("systems = %d, want 1", n)
			}
			if got := h.request(id); got.Status != tc.want {
				t.Errorf("status = %s, want %s", got.Status, tc.want)
			}
			if n := h.audited("review.late"); n != 1 {
				t.Errorf("review.late audit entries = %d, want 1 (every attempt is audited)", n)
			}
		})
	}
}

// TestLateClicks: a double click, a platform retry and a click on an old card after
// the request moved on change nothing and say why.
func TestLateClicks(t *testing.T) {
	h := newHarness(t)
	id := h.submitted(baseAnswers())
	reject := map[string]string{"comment": "non"}
	for _, tc := range []struct {
		name, user, verb, subject string
		want                      string
	}{
		{"first click", "codir", "review.reject", ref(id, 1, requests.CODIRReview), "est refusée"},
		{"double click", "codir", "review.reject", ref(id, 1, requests.CODIRReview), "déjà été décidée par codir"},
		{"retry of another verb", "codir2", "review.changes", ref(id, 1, requests.CODIRReview), "déjà été décidée par codir"},
		{"stage never reached", "cprpsi", "review.approve", ref(id, 1, requests.PrivacyReview), "n'est plus à jour"},
		{"unknown request", "codir", "review.approve", ref(99, 1, requests.CODIRReview), "Je ne trouve pas la demande n° 99"},
		{"forged subject", "codir", "review.approve", "1:1:approved", "Ce bouton n'est plus valide"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			replies, err := h.click(tc.user, tc.verb, tc.subject, reject)
			if err != nil {
				t.Fatal(err)
			}
			if got := texts(replies); !strings.Contains(got, tc.want) {
				t.Errorf("got %q, want %q", got, tc.want)
			}
			// Only the click that decided is no refusal (bot.Reply.Refused).
			refused := len(replies) > 0 && replies[0].Refused
			if want := tc.name != "first click"; refused != want {
				t.Errorf("Refused = %v, want %v", refused, want)
			}
		})
	}
	if n := h.decisions(id, 1); n != 1 {
		t.Errorf("decisions = %d, want 1", n)
	}
}

// TestOnlyTheStageRoleDecides: someone outside the role, and a member deciding on
// their own request, are refused privately, and their attempts are audited.
func TestOnlyTheStageRoleDecides(t *testing.T) {
	h := newHarness(t)
	h.r.As("codir").Say("aide")
	own := h.draft("codir2", baseAnswers())
	h.r.As("codir2").Say("soumettre 1")
	for _, tc := range []struct {
		name, user, verb string
		want             string
	}{
		{"not a member", "carol", "review.approve", "seuls les membres du CODIR-IN le peuvent"},
		{"the STI", "sti", "review.reject", "seuls les membres du CODIR-IN le peuvent"},
		{"own request", "codir2", "review.approve", "Vous ne pouvez pas statuer sur votre propre demande"},
		{"own request, other verb", "codir2", "review.changes", "Vous ne pouvez pas statuer sur votre propre demande"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			replies, err := h.click(tc.user, tc.verb, ref(own, 1, requests.CODIRReview), map[string]string{"comment": "x"})
			if err != nil {
				t.Fatal(err)
			}
			if len(replies) != 1 || !replies[0].Private || !strings.Contains(replies[0].Text, tc.want) {
				t.Errorf("got %q (private %v), want a private %q", texts(replies), len(replies) == 1 && replies[0].Private, tc.want)
			}
			// Teams shows a refusal as the pressed action's error (Universal Actions).
			if len(replies) == 1 && !replies[0].Refused {
				t.Errorf("the refusal is not marked Refused")
			}
		})
	}
	if n := h.audited("review.denied", requests.Subject(own)); n != 4 {
		t.Errorf("review.denied entries = %d, want 4", n)
	}
	if got := h.request(own); got.Status != requests.CODIRReview {
		t.Errorf("status = %s, want codir_review unchanged", got.Status)
	}
	// Another member decides it.
	replies, err := h.click("codir", "review.reject", ref(own, 1, requests.CODIRReview), map[string]string{"comment": "Hors mandat"})
	if err != nil || !strings.Contains(texts(replies), "est refusée") {
		t.Fatalf("codir rejects = %q, %v", texts(replies), err)
	}
}

// TestDetails: the requester and reviewers see every Annexe 1 answer; others do not.
func TestDetails(t *testing.T) {
	h := newHarness(t)
	h.submitted(baseAnswers())
	for _, tc := range []struct {
		user, want string
	}{
		{"alice", "Assistant conversationnel pour résumer des textes."},
		{"codir2", "Fuite d'information si des données confidentielles sont saisies."},
		{"carol", "Seuls le demandeur, les approbateurs et les administrateurs"},
	} {
		t.Run(tc.user, func(t *testing.T) {
			replies, err := h.click(tc.user, "review.details", "1", nil)
			if err != nil {
				t.Fatal(err)
			}
			var got strings.Builder
			for _, r := range replies {
				got.WriteString(r.Text)
				if r.Card != nil {
					for _, s := range r.Card.Sections {
						for _, f := range s.Facts {
							got.WriteString(f.Label + ": " + f.Value + "\n")
						}
					}
				}
			}
			if !strings.Contains(got.String(), tc.want) {
				t.Errorf("details for %s = %q, want %q", tc.user, got.String(), tc.want)
			}
		})
	}
}
