package review_test

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/requests"
)

// TestExistingSystemKeepsItsClassification: a request naming ChatGPT (with a typo)
// for a new use, answered "private" with another vendor: CODIR-IN sees the inventory
// and the request side by side, the form asks nothing of the system's classification,
// and the approval changes the ruled use only, audited as such.
func TestExistingSystemKeepsItsClassification(t *testing.T) {
	h := newHarness(t)
	h.withSystem()
	r := h.r
	r.As("codir").Say("aide")
	a := baseAnswers()
	a[requests.TagSystemName], a[requests.TagSystemKind], a[requests.TagSystemVendor] = "ChatGTP", "private", "Fournisseur local"
	a[requests.TagUses] = "translation"
	id := h.draft("alice", a)
	r.As("alice").Say("soumettre 1").Want("→ codir", "⚠ ChatGPT est déjà à l'inventaire",
		"Système : Inventaire : ChatGPT · Demande : ChatGTP", "Type de système : Inventaire : public · Demande : privé sécurisé",
		"Fournisseur : Inventaire : OpenAI · Demande : Fournisseur local", "reclasser ChatGPT : privé sécurisé — motif")
	r.As("codir").Press("Approuver", nil).Want("ChatGPT est déjà à l'inventaire : pour chaque usage demandé")
	if c := r.Con.LastCard(); c != nil {
		for _, in := range c.Inputs {
			if in.ID == "hosting" || in.ID == "efvp_next" || in.ID == "aliases" || in.ID == "efvp_done" {
				t.Errorf("the form for an existing system asks %s", in.ID)
			}
		}
	}
	r.Press("Confirmer l'approbation", nil).Want("est approuvée")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	sys := h.inventory().System("chatgpt")
	if sys.Kind != inventory.Public || sys.Vendor != "OpenAI" || sys.Hosting != inventory.Foreign || len(h.inventory().Systems) != 1 {
		t.Errorf("ChatGPT = %+v; want its classification kept", sys)
	}
	if got := h.system("ChatGPT"); got.OwnerKey != "" || got.EFVPNextReview != nil {
		t.Errorf("owner %q, EFVP %v; want unchanged (none)", got.OwnerKey, got.EFVPNextReview)
	}
	if rule, cond := h.rule("chatgpt", "translation"); rule != inventory.Restricted || !strings.Contains(cond.FR, "Aucun renseignement personnel") {
		t.Errorf("translation = %s %+v; want restricted as on a public system", rule, cond)
	}
	if h.audited("inventory.approve", "system:chatgpt") != 1 {
		t.Error("the approval is not audited on ChatGPT")
	}
	if got := h.trainings(id); len(got) != 1 {
		t.Errorf("trainings = %v; want the requester's", got)
	}
}

// TestReclassify: « reclasser » is the administrators' way to change a system's
// classification: fields understood or refused with a message, a reason required, a
// confirmation showing every field before → after, then the change and its audit.
func TestReclassify(t *testing.T) {
	h := newHarness(t)
	h.withSystem()
	r := h.r
	r.As("alice").Say("reclasser ChatGPT : privé sécurisé — test").Want("Seuls les administrateurs")
	r.As("admin").Say("reclasser ChatGPT : violet — test").Want("Je ne comprends pas « violet »")
	r.Say("reclasser ChatGPT : privé sécurisé").Want("Indiquez le motif après un tiret")
	r.Say("reclasser ChatGPT").Want("Indiquez la nouvelle classification")
	r.Say("reclasser ChatGPT : privé sécurisé, hébergé au Canada, fournisseur Microsoft Azure — décision du CODIR-IN du 2026-12-01").
		Want("RECLASSER CE SYSTÈME", "Type de système : public → privé sécurisé", "Hébergement des données (5.1.12) : hors Canada → Canada",
			"Fournisseur : OpenAI → Microsoft Azure", "Modèle ouvert (3.7) : non précisé", "[1] Confirmer")
	r.Say("oui").Want("est reclassé — décision du CODIR-IN du 2026-12-01", "Type de système : public → privé sécurisé")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	sys := h.inventory().System("chatgpt")
	if sys.Kind != inventory.Private || sys.Hosting != inventory.Canada || sys.Vendor != "Microsoft Azure" {
		t.Errorf("ChatGPT = %+v; want private, canada, Microsoft Azure", sys)
	}
	log, err := h.db.AuditLog(h.ctx)
	if err != nil {
		t.Fatal(err)
	}
	var found bool
	for _, e := range log {
		if e.Action == "inventory.reclassify" {
			found = e.From == "public" && e.To == "private" && e.Comment == "décision du CODIR-IN du 2026-12-01 — kind: public → private, "+
				"open: - → -, specialized: - → -, vendor: OpenAI → Microsoft Azure, hosting: foreign → canada" && e.ActorKey == "terminal:admin"
			if !found {
				t.Errorf("audit = %+v", e)
			}
		}
	}
	if !found {
		t.Error("no inventory.reclassify in the audit log")
	}
	if h.audited("inventory.denied", "system:ChatGPT") != 1 {
		t.Errorf("alice's attempt is not audited: %d", h.audited("inventory.denied", "system:ChatGPT"))
	}
}

// TestSubmissionFlagsPersonalDataOnAPublicSystem: the requester is told of 6.2 when
// the request is submitted, and the card is red for the reviewers.
func TestSubmissionFlagsPersonalDataOnAPublicSystem(t *testing.T) {
	h := newHarness(t)
	r := h.r
	r.As("codir").Say("aide")
	a := baseAnswers()
	a[requests.TagPersonalData] = "yes"
	h.draft("alice", a)
	r.As("alice").Say("soumettre 1").Want("transmise au CODIR-IN", "⚠ Attention (6.2)", "pour ChatGPT Édu, un système public",
		"→ codir", "⚠ Renseignements personnels dans un système public (6.2)")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
