package review_test

import (
	"github.com/cssdgs/iagbot/bot"
	"slices"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
)

// withSystem puts ChatGPT in the inventory, approved, with summary permitted.
func (h *harness) withSystem() {
	h.t.Helper()
	err := h.db.UpsertSystem(h.ctx, inventory.System{ID: "chatgpt", Name: "ChatGPT", Aliases: []string{"chat gpt"},
		Kind: inventory.Public, Vendor: "OpenAI", Hosting: inventory.Foreign, Status: inventory.Approved,
		Permitted: []string{"summary"}})
	if err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) systemStatus() (status, reason string) {
	h.t.Helper()
	sys := h.inventory().System("chatgpt")
	return string(sys.Status), sys.StatusReason
}

// TestAdminSuspendsAndRestores: an administrator's change is confirmed (typed "oui"
// or the card's button), takes effect at once and is audited with its reason; others
// are refused.
func TestAdminSuspendsAndRestores(t *testing.T) {
	h := newHarness(t)
	h.withSystem()
	r := h.r
	r.As("alice").Say("suspendre ChatGPT — incident du 2026-11-20").Want("Seuls les administrateurs de l'inventaire")
	r.As("admin").Say("suspendre ChatGPT").Want("Indiquez la raison après un tiret")
	r.Say("suspendre Gemini — essai").Want("Je ne trouve pas « gemini » dans l'inventaire")
	r.Say("suspendre ChatGPT — incident du 2026-11-20").Want("SUSPENDRE CE SYSTÈME ?", "approuvé → suspendu",
		"incident du 2026-11-20", "[1] Confirmer", "[2] Annuler")
	if got, _ := h.systemStatus(); got != "approved" {
		t.Fatalf("status before confirmation = %s, want approved", got)
	}
	// A question in between is answered, then the change is recalled.
	r.Say("qui sont les approbateurs ?").Want("CODIR-IN", "Un changement attend toujours votre confirmation")
	r.Say("oui").Want("C'est fait : « ChatGPT » est maintenant suspendu (avant : approuvé) — incident du 2026-11-20")
	if got, reason := h.systemStatus(); got != "suspended" || reason != "incident du 2026-11-20" {
		t.Fatalf("status = %s (%q), want suspended with the reason", got, reason)
	}
	r.Say("oui").WantNot("C'est fait")
	r.Say("rétablir chat gpt — incident résolu").Want("RÉTABLIR CE SYSTÈME ?")
	card := r.Con.LastCard()
	r.Press("Confirmer", nil).Want("est maintenant approuvé (avant : suspendu) — incident résolu")
	// The same button again (a double click, a platform retry): nothing happens twice.
	if card == nil {
		t.Fatal("no confirmation card")
	}
	replies, err := h.click("admin", "review.admin_yes", card.Buttons[0].Subject, nil)
	if err != nil || !strings.Contains(texts(replies), "Cette confirmation n'est plus valide") {
		t.Fatalf("second confirmation = %q, %v; want no longer valid", texts(replies), err)
	}
	r.Say("retirer ChatGPT — remplacé par un système privé").Want("RETIRER CE SYSTÈME")
	r.Press("Annuler", nil).Want("rien n'a changé")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if got, _ := h.systemStatus(); got != "approved" {
		t.Errorf("status after cancel = %s, want approved", got)
	}
	log, _ := h.db.AuditLog(h.ctx)
	var got []string
	for _, e := range log {
		got = append(got, e.Action+" "+e.From+"→"+e.To+" "+e.Comment)
	}
	want := []string{"inventory.denied → suspend", "inventory.suspend approved→suspended incident du 2026-11-20",
		"inventory.restore suspended→approved incident résolu"}
	if !slices.Equal(got, want) {
		t.Errorf("audit = %q, want %q", got, want)
	}
}

// TestAdminChangesAUse: permit, restrict (with conditions) and forbid one use of one
// system, by id or label, in French and English.
func TestAdminChangesAUse(t *testing.T) {
	h := newHarness(t)
	h.withSystem()
	r := h.r
	for _, tc := range []struct {
		say, confirm, want string
	}{
		{"restreindre l'usage synthèse pour ChatGPT — sans renseignements personnels", "oui",
			"l'usage « Synthèse » est maintenant restreint pour « ChatGPT » (avant : permis)"},
		{"interdire l'usage de traduction pour ChatGPT — décision du CODIR-IN", "oui", "maintenant interdit pour « ChatGPT » (avant : non répertorié)"},
		{"allow use translation for ChatGPT — CODIR-IN decision", "yes", "the use \"Translation\" is now permitted for \"ChatGPT\" (before: forbidden)"},
		{"interdire l'usage cuisine pour ChatGPT — essai", "", "Je ne connais pas l'usage « cuisine »"},
	} {
		r.As("admin").Say(tc.say)
		if tc.confirm != "" {
			r.Say(tc.confirm)
		}
		r.Want(tc.want)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if rule, cond := h.rule("chatgpt", "summary"); rule != inventory.Restricted || cond.FR != "sans renseignements personnels" {
		t.Errorf("summary = %s %+v; want restricted with its conditions", rule, cond)
	}
	if rule, _ := h.rule("chatgpt", "translation"); rule != inventory.Permitted {
		t.Errorf("translation = %s; want permitted", rule)
	}
	if n := h.audited("inventory.use"); n != 3 {
		t.Errorf("inventory.use entries = %d, want 3", n)
	}
}

// TestReviewersAndChannels: who the reviewers are, from the configuration; only an
// administrator in a shared channel registers it.
func TestReviewersAndChannels(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("codir").Say("aide")
	r.As("alice").Say("qui sont les approbateurs ?").Want("CODIR-IN — statue sur toute demande", "codir, codir2",
		"CPRPSI — approuve", ": cprpsi", "STI — soutient")
	r.Say("who are the reviewers?").Want("decides on every request", "codir, codir2")
	r.In("codir").Say("enregistrer ce canal pour CODIR-IN").Want("Seuls les administrateurs")
	r.As("admin").Say("enregistrer ce canal pour CODIR-IN").Want("dans le canal partagé")
	r.In("codir").Say("enregistrer ce canal pour la direction").Want("Je ne connais pas le rôle")
	r.Say("register this channel for codir-in").Want("Done: CODIR-IN's requests to review")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	ref, err := h.db.RoleChannel(h.ctx, "codir-in")
	if err != nil || ref.ID != "ch:codir" || !ref.Group {
		t.Fatalf("role channel = %+v, %v; want ch:codir", ref, err)
	}
	if n := h.audited("role.channel"); n != 1 {
		t.Errorf("role.channel audit entries = %d, want 1", n)
	}
}

// TestPendingReviews lists what waits for the person's roles, and starts a request a
// failure left "submitted", so nothing is lost.
func TestPendingReviews(t *testing.T) {
	h := newHarness(t)
	r := h.r
	id := h.draft("alice", baseAnswers())
	if _, err := h.db.SubmitRequest(h.ctx, id, "terminal:alice", "alice"); err != nil {
		t.Fatal(err)
	}
	r.As("alice").Say("demandes à examiner").Want("Vous ne faites partie d'aucun rôle d'approbation")
	r.As("sti").Say("demandes à examiner").Want("Aucune demande n'attend votre décision")
	r.As("codir").Say("demandes à examiner").Want("1 demande attend votre décision", "DEMANDE D'APPROBATION N° 1", "[1] Approuver")
	r.Press("Refuser", map[string]string{"comment": "Doublon"}).Want("est refusée", "Refusée par codir")
	r.Say("in English please").Say("pending reviews").Want("No request is waiting")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestRegisterStoresTheChannelNotTheThread: a registration typed in a thread (a Slack
// mention answered in its thread, a Teams reply chain) registers the channel itself,
// so that review cards start at the top of the channel.
func TestRegisterStoresTheChannelNotTheThread(t *testing.T) {
	h := newHarness(t)
	conv := bot.ConversationRef{Channel: bot.Terminal, ID: "ch:codir", Group: true, ThreadID: "1700000000.000100"}
	replies, err := h.eng.Handle(h.ctx, bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "admin", Name: "admin"},
		Conversation: conv, Text: "enregistrer ce canal pour CODIR-IN"})
	if err != nil || len(replies) == 0 {
		t.Fatalf("register = %v, %v", replies, err)
	}
	ref, err := h.db.RoleChannel(h.ctx, "codir-in")
	if err != nil || ref.ID != "ch:codir" || ref.ThreadID != "" || !ref.Group {
		t.Fatalf("role channel = %+v, %v; want ch:codir without a thread", ref, err)
	}
}
