package review_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/delivery"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/qa"
	"github.com/cssdgs/iagbot/conversations/review"
	"github.com/cssdgs/iagbot/storage"
)

// committeeHarness is a harness whose CODIR-IN has five members deciding by rule,
// with the Q&A feature to ask about what they approved.
func committeeHarness(t *testing.T, rule config.Committee) *harness {
	t.Helper()
	ctx := context.Background()
	db, err := storage.Open(ctx, ":memory:")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	db.Now = func() time.Time { return now }
	cfg := &config.File{Roles: map[string][]string{
		config.RoleCODIRIN: {"terminal:c1", "terminal:c2", "terminal:c3", "terminal:c4", "terminal:c5"},
		config.RoleAdmin:   {"terminal:admin"},
	}, Committees: map[string]config.Committee{config.RoleCODIRIN: rule}}
	eng := conversations.New(db, cfg, nil)
	eng.SetClock(func() time.Time { return now })
	r := consoletest.New(t, nil)
	notify := delivery.New(db, map[bot.Channel]bot.Messenger{bot.Terminal: r.Con})
	notify.Members = cfg.Members
	f := review.New(review.Deps{Store: db, Notify: notify, Members: cfg.Members, Items: testItems,
		Committee: func(role string) workflow.Rule { return workflow.RuleOf(cfg.CommitteeOf(role)) }})
	eng.Register(f)
	eng.Register(submitter{db: db, hook: f.OnSubmit})
	eng.Register(qa.New(db))
	r.Con.SetHandler(eng)
	use := func(id, fr, en string) inventory.Use {
		return inventory.Use{ID: id, Label: inventory.Text{FR: fr, EN: en}, Keywords: inventory.Keywords{FR: []string{fr}, EN: []string{en}}}
	}
	err = db.ReplaceInventory(ctx, &inventory.Inventory{Version: inventory.Version, Uses: []inventory.Use{
		use("summary", "Synthèse", "Summary"), use("translation", "Traduction", "Translation")}})
	if err != nil {
		t.Fatal(err)
	}
	h := &harness{t: t, ctx: ctx, db: db, eng: eng, r: r, f: f}
	r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN").Want("C'est fait")
	return h
}

// form is CODIR-IN's ruling on the approval form.
var form = map[string]string{"use:summary": "permis", "use:translation": "restreint", "cond:translation": "Relire la traduction",
	"hosting": "canada"}

func with(m map[string]string, kv ...string) map[string]string {
	out := map[string]string{}
	for k, v := range m {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i]] = kv[i+1]
	}
	return out
}

// cast clicks as user and wants every want in the replies.
func (h *harness) cast(user, verb string, id uint, values map[string]string, want ...string) string {
	h.t.Helper()
	replies, err := h.click(user, verb, ref(id, 1, requests.CODIRReview), values)
	if err != nil {
		h.t.Fatalf("%s %s: %v", user, verb, err)
	}
	got := texts(replies)
	for _, w := range want {
		if !strings.Contains(got, w) {
			h.t.Fatalf("%s %s: replies lack %q:\n%s", user, verb, w, got)
		}
	}
	return got
}

// TestCommitteeSecretMajority: five CODIR-IN members, a majority with a quorum of 3,
// secret. Votes are counted, a member changes theirs, the card shows who voted but not
// what until the stage closes, the requester hears only the outcome, and the approval
// with conditions restricts the uses in the inventory and in Q&A answers, in French
// and English.
func TestCommitteeSecretMajority(t *testing.T) {
	h := committeeHarness(t, config.Committee{Rule: config.RuleMajority, Quorum: 3, Secret: true})
	r := h.r
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "[1] Approuver", "[2] Approuver avec conditions",
		"[3] Demander des modifications", "[4] Refuser", "0 / 3 votes requis", "quorum de 3 sur 5 membres")
	submitted := len(r.All())

	h.cast("c1", review.VerbReject, id, map[string]string{"comment": "Trop tôt"}, "Votre vote sur la demande n° 1 est enregistré : Refuser",
		"1 / 3 votes requis · vote secret")
	h.cast("c2", review.VerbApprove, id, nil, "Approbation de la demande n° 1")
	h.cast("c2", review.VerbConfirm, id, form, "est enregistré : Approuver", "2 / 3 votes requis")
	// « demandes à examiner » tells a member who voted, not one who did not.
	r.As("c2").Say("demandes à examiner").Want("Vous avez voté sur la demande n° 1 : Approuver.")
	r.As("c4").Say("demandes à examiner").Want("1 demande").WantNot("Vous avez voté")
	// c1 changes their vote to an approval with conditions.
	h.cast("c1", review.VerbConditions, id, nil, "Approuver avec conditions")
	h.cast("c1", review.VerbConfirmConditions, id, with(form, "conds", "human_review,disclosure"),
		"est modifié : Approuver avec conditions", "2 / 3 votes requis")
	out := r.All()
	if !strings.Contains(out, "c1 : a voté") || !strings.Contains(out, "c2 : a voté") || strings.Contains(out, "Trop tôt") {
		t.Fatalf("the open secret vote's card shows what was voted, or not who:\n%s", r.Last())
	}
	if strings.Contains(out[submitted:], "→ alice") {
		t.Fatalf("the requester was told before the stage closed")
	}
	if got := h.request(id).Status; got != requests.CODIRReview {
		t.Fatalf("status after two votes = %s", got)
	}

	// The third vote reaches the quorum: 2 for (one with conditions), 1 against.
	h.cast("c3", review.VerbReject, id, map[string]string{"comment": "Risque de fuite"}, "est approuvée")
	if got := h.request(id).Status; got != requests.Approved {
		t.Fatalf("status = %s, want approved", got)
	}
	out = r.All()
	for _, want := range []string{"Approuvée par CODIR-IN", "3 / 3 votes requis · 1 pour, 1 pour avec conditions, 1 contre",
		"c3 : Refuser — « Risque de fuite »", "→ alice", "Bonne nouvelle",
		"Conditions de l'approbation (chaque usage non interdit devient restreint) : chaque résultat est vérifié par une personne"} {
		if !strings.Contains(out, want) {
			t.Errorf("after the close, no %q in:\n%s", want, out)
		}
	}
	// A vote after the close changes nothing.
	h.cast("c4", review.VerbApprove, id, nil, "déjà été décidée")

	sys := h.system("ChatGPT Édu")
	rule, cond := h.rule(sys.ID, "summary")
	wantFR := "chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11) ; l'usage de l'IAG est divulgué (5.1.7)"
	if rule != inventory.Restricted || cond.FR != wantFR ||
		cond.EN != "every output is reviewed by a person before use (5.1.9, 5.1.11) ; the use of GenAI is disclosed (5.1.7)" {
		t.Fatalf("summary = %s %+v", rule, cond)
	}
	if rule, cond := h.rule(sys.ID, "translation"); rule != inventory.Restricted || !strings.HasPrefix(cond.FR, "Relire la traduction ; chaque") {
		t.Errorf("translation = %s %+v", rule, cond)
	}
	r.As("bob").Say("Puis-je utiliser ChatGPT Édu pour faire une synthèse ?").Want("sous conditions", "- chaque résultat est vérifié par une personne avant usage (5.1.9, 5.1.11)", "- l'usage de l'IAG est divulgué (5.1.7)")
	r.As("bob").Say("May I use ChatGPT Édu to write a summary?").Want("with conditions", "- every output is reviewed by a person before use (5.1.9, 5.1.11)", "- the use of GenAI is disclosed (5.1.7)")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if n := h.audited("review.vote", requests.Subject(id)); n != 4 {
		t.Errorf("%d vote entries in the audit log, want 4", n)
	}
}

// TestCommitteeTie: an open majority vote shows the tally as it goes; 2 for, 1 for
// changes and 2 against once all five voted is a tie, which sends the request back
// for changes, saying why.
func TestCommitteeTie(t *testing.T) {
	h := committeeHarness(t, config.Committee{Rule: config.RuleMajority, Quorum: 3})
	r := h.r
	id := h.draft("alice", baseAnswers())
	r.As("alice").Say("soumettre 1").Want("0 / 3 votes requis")
	h.cast("c1", review.VerbConfirm, id, form, "1 / 3 votes requis · 1 pour")
	h.cast("c2", review.VerbReject, id, map[string]string{"comment": "Non"}, "2 / 3 votes requis · 1 pour, 1 contre")
	h.cast("c3", review.VerbChanges, id, map[string]string{"comment": "Précisez"}, "3 / 3 votes requis · 1 pour, 1 demande de modifications, 1 contre")
	h.cast("c4", review.VerbConfirm, id, form, "4 / 3 votes requis · 2 pour, 1 demande de modifications, 1 contre")
	if out := h.r.All(); !strings.Contains(out, "c2 : Refuser — « Non »") {
		t.Errorf("an open vote that is not secret shows each choice:\n%s", out)
	}
	if got := h.request(id).Status; got != requests.CODIRReview {
		t.Fatalf("status after four votes without a majority = %s", got)
	}
	h.cast("c5", review.VerbReject, id, map[string]string{"comment": "Non plus"}, "renvoyée au demandeur")
	got := h.request(id)
	if got.Status != requests.ChangesRequested {
		t.Fatalf("status = %s, want changes_requested", got.Status)
	}
	d, err := h.db.DecisionFor(h.ctx, id, 1, requests.CODIRReview)
	if err != nil || d.Decision != workflow.RequestChanges || !strings.HasPrefix(d.Comment, "Égalité") || d.ActorName != "CODIR-IN" {
		t.Fatalf("decision = %+v, %v", d, err)
	}
	if out := r.All(); !strings.Contains(out, "→ alice") || !strings.Contains(out, "Égalité : tous les membres ont voté sans majorité") {
		t.Errorf("the requester is not told of the tie:\n%s", out)
	}
}

// TestCommitteeUnanimousReject: under unanimity a member's second click changes their
// vote, and one rejection closes the stage at once.
func TestCommitteeUnanimousReject(t *testing.T) {
	h := committeeHarness(t, config.Committee{Rule: config.RuleUnanimous})
	id := h.draft("alice", baseAnswers())
	h.r.As("alice").Say("soumettre 1").Want("0 / 5 votes requis", "unanimité des 5 membres")
	h.cast("c1", review.VerbConfirm, id, form, "1 / 5 votes requis")
	h.cast("c1", review.VerbConfirm, id, form, "est modifié")
	h.cast("c2", review.VerbReject, id, map[string]string{"comment": "Hors mandat"}, "est refusée")
	if got := h.request(id).Status; got != requests.Rejected {
		t.Fatalf("status = %s, want rejected", got)
	}
}
