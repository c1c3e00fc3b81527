package app

import (
	"context"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/console/consoletest"
	"github.com/cssdgs/iagbot/bot/requests"
)

// TestRequestThroughReview plays a whole request as people would in the terminal: the
// requester fills the Annexe 1 dialog leaving two items to the STI, the STI completes
// them and approves, CODIR-IN approves in its registered channel, and the system is in
// the inventory. It checks the wiring: the dialog's submission starts the review.
func TestRequestThroughReview(t *testing.T) {
	ctx := context.Background()
	cfg, err := config.Load(func(k string) string {
		return map[string]string{"IAGBOT_DB": filepath.Join(t.TempDir(), "a.db")}[k]
	})
	if err != nil {
		t.Fatal(err)
	}
	a, err := New(ctx, cfg, Options{Roles: config.DemoRoles()})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { a.Close() })
	now := time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC)
	a.DB.Now = func() time.Time { return now }
	a.Engine.SetClock(func() time.Time { return now })
	// The engine itself: the guarded handler would slow a script typing this fast.
	r := consoletest.New(t, a.Engine)
	a.Notify.Add(bot.Terminal, r.Con)

	r.As("admin").In("codir").Say("enregistrer ce canal pour CODIR-IN").Want("C'est fait")
	r.As("sti").Say("bonjour")
	r.As("alice").Say("faire une demande")
	for _, answer := range []string{
		"Copilot Éducation", "Microsoft", "public", "au Canada", "non", "oui", "synthèse de textes",
		"non", // « Vous voulez dire : … ? »: no, a proposed use for CODIR-IN (#13)
		"non", "non", "direction@example.org",
		"Assistant de rédaction intégré à la suite bureautique.", "Résumer des documents administratifs publics.",
		"Le personnel passe des heures à résumer des documents.", "Environ deux heures par semaine par personne.",
		"Capsule de sensibilisation aux risques de 30 minutes.", "Guide d'utilisation responsable remis à chacun.",
		"2026-09-15, 2026-09-22", "2026-10-01", "passer", "Accompagnement par les conseillers pédagogiques.",
		"Fuite d'information confidentielle par erreur.", "à compléter avec le STI", "Probabilité faible, impact moyen.",
		"Rappel des consignes et journalisation.", "Risque résiduel jugé acceptable.", "Revue annuelle du registre des risques.",
		"365 jours", "Sondage auprès des utilisateurs avant et après.", "Relecture humaine de chaque résumé.", "passer",
		"Bilan trimestriel de la qualité des résumés.", "Documents publics seulement, supprimés après usage.",
		"à compléter avec le STI", "Information publique, étiquette Public.", "Authentification multifacteur.",
		"Accès limité au personnel formé.", "réalisée", "2026-08-15",
	} {
		r.Say(answer)
	}
	r.Say("soumettre").Want("transmise au STI", "→ sti", "2 éléments restent à compléter")
	r.As("sti").Press("Compléter les éléments", nil).
		Press("Enregistrer", map[string]string{"sti:a1.sti.risks.causes": "Erreur humaine lors du copier-coller.",
			"sti:a1.sti.dng.security_profile": "Profil de base du CSSDGS."}).Want("Tous les éléments confiés au STI sont complétés").WantNot("Il reste 0 élément")
	r.Press("Approuver", nil).Want("transmise au CODIR-IN", "→ #codir", "COPILOT ÉDUCATION")
	r.As("codir").In("codir").Press("Approuver", nil).Press("Confirmer l'approbation", map[string]string{"hosting": "canada"}).
		Want("Usage proposé « synthèse de textes » : indiquez l'usage de l'inventaire auquel il correspond")
	r.Press("Confirmer l'approbation", map[string]string{"hosting": "canada", "map:synthèse de textes": "nouveau"}).
		Want("Nouvel usage pour « synthèse de textes » : donnez un identifiant")
	r.Press("Confirmer l'approbation", map[string]string{"hosting": "canada", "map:synthèse de textes": "nouveau",
		"new:synthèse de textes": "id: text-summary\nfr: Synthèse de textes\nen: Text summary\nmots-clés fr: synthèse de textes\n" +
			"mots-clés en: text summary\ndécision automatisée: non"}).
		Want("est approuvée", "→ alice", "Bonne nouvelle")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	sys, err := a.DB.FindSystem(ctx, "Copilot Éducation")
	if err != nil || sys.Status != "approved" || sys.Kind != "public" || sys.Hosting != "canada" {
		t.Fatalf("inventory entry = %+v, %v; want approved, public, canada", sys, err)
	}
	// The inventory the approval wrote is a valid one (6.1): the use CODIR-IN created for
	// the requester's free words is in the taxonomy as defined, the restriction has its
	// conditions in both languages.
	inv, err := a.DB.Inventory(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := inv.Validate(); err != nil {
		t.Errorf("inventory after the approval: %v", err)
	}
	if u := inv.Use("text-summary"); u == nil || u.Label.FR != "Synthèse de textes" || u.Label.EN != "Text summary" ||
		len(u.Keywords.EN) != 1 || u.Keywords.EN[0] != "text summary" {
		t.Errorf("the new use = %+v; want it as CODIR-IN defined it", u)
	}
	if u := inv.Use("synthese-de-textes"); u != nil {
		t.Error("a use was made from the request's words")
	}
	req, err := a.DB.Request(ctx, 1)
	if err != nil || req.Status != requests.Approved {
		t.Fatalf("request = %s, %v; want approved", req.Status, err)
	}
	_, metrics := get(t, a.Handler(), "/metrics")
	for _, want := range []string{`iagbot_dialogs_total{event="completed"} 1`,
		`iagbot_decisions_total{decision="approve",stage="sti_review"} 1`,
		`iagbot_decisions_total{decision="approve",stage="codir_review"} 1`} {
		if !strings.Contains(metrics, want) {
			t.Errorf("/metrics lacks %s", want)
		}
	}
}
