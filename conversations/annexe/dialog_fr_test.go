package annexe_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations"
)

// frScript answers every question in French, in order, with what must be stored.
var frScript = []answer{
	{"ChatGPT Edu", requests.TagSystemName, "ChatGPT Edu", false},
	{"passer", requests.TagSystemVendor, "", false},
	{"privé sécurisé", requests.TagSystemKind, "private", false},
	{"au Québec", requests.TagHosting, "quebec", false},
	{"je sais pas", requests.TagSystemOpen, "", true},
	{"oui", requests.TagSystemSpecialized, "yes", false},
	{"synthèse de documents, rédaction de courriels aux parents", requests.TagUses, "synthèse de documents,rédaction de courriels aux parents", false},
	{"oui", requests.TagPersonalData, "yes", false},
	{"2", requests.TagAutomatedDecision, "no", false},
	{"Direction.Ecole@cssdgs.gouv.qc.ca", requests.TagSupervisor, "Direction.Ecole@cssdgs.gouv.qc.ca", false},
	{"Édition de ChatGPT pour les écoles, accessible par le Web.", "a1.requester.system_description", "Édition de ChatGPT pour les écoles, accessible par le Web.", false},
	{"Préparer des activités d'apprentissage.", "a1.requester.intended_use", "Préparer des activités d'apprentissage.", false},
	{"Six heures par semaine de préparation.", "a1.requester.justification", "Six heures par semaine de préparation.", false},
	{"Trois heures gagnées par semaine.", "a1.requester.expected_gains", "Trois heures gagnées par semaine.", false},
	{"Atelier de 90 minutes par le STI.", "a1.requester.training.risk_awareness", "Atelier de 90 minutes par le STI.", false},
	{"Aucun renseignement personnel saisi.", "a1.requester.training.responsible_use", "Aucun renseignement personnel saisi.", false},
	{"le 10 mars 2027 et le 3 mars 2027", requests.TagTrainingCalendar, "2027-03-03,2027-03-10", false},
	{"1er avril 2027", requests.TagDeploymentDate, "2027-04-01", false},
	{"passer", "a1.requester.training.monitoring", "", false},
	{"Projet pilote avec trois conseillères.", "a1.requester.change_management", "Projet pilote avec trois conseillères.", false},
	{"Fuite de renseignements personnels.", "a1.sti.risks.organisational", "Fuite de renseignements personnels.", false},
	{"à compléter avec le STI", "a1.sti.risks.causes", "", true},
	{"sti", "a1.sti.risks.evaluation", "", true},
	{"Filtrage des données (STI, mars 2027).", "a1.sti.risks.mitigation", "Filtrage des données (STI, mars 2027).", false},
	{"Risque résiduel faible.", "a1.sti.risks.results", "Risque résiduel faible.", false},
	{"Revue du registre des risques.", "a1.sti.risks.followup", "Revue du registre des risques.", false},
	{"aux 6 mois", requests.TagRiskReviewInterval, "180", false},
	{"Sondage avant et après le déploiement.", "a1.sti.impacts.evaluation", "Sondage avant et après le déploiement.", false},
	{"Chaque contenu est relu par une personne.", "a1.sti.oversight.supervision", "Chaque contenu est relu par une personne.", false},
	{"passer", "a1.sti.oversight.explanations", "", false},
	{"Tests trimestriels de fiabilité.", "a1.sti.improvement", "Tests trimestriels de fiabilité.", false},
	{"Documents pédagogiques publics, détruits après 30 jours.", "a1.sti.dng.lifecycle", "Documents pédagogiques publics, détruits après 30 jours.", false},
	{"À compléter avec le STI.", "a1.sti.dng.security_profile", "", true},
	{"Classification faible, étiquette Public.", "a1.sti.dng.classification", "Classification faible, étiquette Public.", false},
	{"Authentification à deux facteurs.", "a1.sti.dng.minimum_controls", "Authentification à deux facteurs.", false},
	{"Groupe de sécurité des utilisateurs formés.", "a1.sti.dng.access", "Groupe de sécurité des utilisateurs formés.", false},
	{"prévue", requests.TagEFVPStatus, "planned", false},
	{"15/02/2027", requests.TagEFVPDate, "2027-02-15", false},
}

func TestCompleteDialogInFrench(t *testing.T) {
	e := newEnv(t)
	var handed []uint
	e.f.OnSubmit = func(_ context.Context, _ *conversations.Session, id uint) ([]bot.Reply, error) {
		handed = append(handed, id)
		return []bot.Reply{bot.Text("TRANSMISE AU STI")}, nil
	}
	e.r.As("alice").Say("Je voudrais faire une demande").Want("Demande d'approbation d'un système d'IAG — n° 1", step(1),
		"Système et usages", "art. 6.3.1", "Une bonne réponse", "Exemple")
	for i, a := range frScript {
		e.r.Say(a.say)
		if i+1 < len(frScript) {
			e.r.Want(stepOfScript(frScript, i+1, step))
		}
	}
	e.r.Want("J'ai lu « 15/02/2027 » au format jour/mois/année : 15 février 2027",
		"Toutes les questions de la demande n° 1 ont une réponse", "DEMANDE D'APPROBATION N° 1 — CHATGPT EDU",
		"1. Nom du système d'IAG : ChatGPT Edu", "3 b. Hébergement : Québec", "3 c. Système ouvert : À compléter avec le STI", "3 d. Système spécialisé : Oui",
		"19. Causes et conséquences des risques : À compléter avec le STI",
		"14. Calendrier de formation : 3 mars 2027 · 10 mars 2027", "15. Date de déploiement prévue : 1er avril 2027",
		"24. Fréquence de revue des risques : 180 jours", "[1] Soumettre la demande")
	r := e.draftOf("terminal:alice")
	checkStored(t, r, frScript)
	e.r.Say("soumettre").Want("La demande n° 1 (ChatGPT Edu) est soumise pour analyse (art. 6.3.3)", "TRANSMISE AU STI")
	e.done()
	got := e.request(r.ID)
	if got.Status != requests.Submitted || got.Round != 1 || got.SubmittedAt == nil {
		t.Errorf("after submit: status %s round %d, want submitted round 1", got.Status, got.Round)
	}
	if len(handed) != 1 || handed[0] != r.ID {
		t.Errorf("OnSubmit got %v, want [%d]", handed, r.ID)
	}
	log, _ := e.db.AuditLog(context.Background())
	if len(log) != 1 || log[0].Action != "request.submit" || log[0].ActorKey != "terminal:alice" {
		t.Errorf("audit log = %+v, want one request.submit by terminal:alice", log)
	}
	// The dialog is over: the next message goes to the intents again.
	e.r.Say("mes demandes").Want("n° 1 — ChatGPT Edu — Soumise").WantNot(step(1))
	e.done()
}
