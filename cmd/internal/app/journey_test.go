package app

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/console/consoletest"
)

// frenchRequest is a complete request as a busy teacher types it: short answers,
// the items only the STI can answer deferred with one word.
var frenchRequest = []string{
	"faire une demande",
	"ChatGPT Edu",
	"OpenAI",
	"privé sécurisé",
	"au Québec",
	"non",
	"non",
	"synthèse de documents, traduction",
	// « Vous voulez dire : … Synthèse ? »: no, the words stay a proposed use, which
	// CODIR-IN maps on the approval form (playReview).
	"non",
	"non",
	"non",
	"direction.batisseurs@cssdgs.gouv.qc.ca",
	"Version de ChatGPT pour les écoles, accessible avec le compte du centre de services.",
	"Préparer des résumés de textes et traduire des communications aux parents.",
	"La préparation prend trop de temps aux enseignants.",
	"Environ deux heures par semaine par enseignant.",
	"Atelier de 90 minutes sur les biais et la confidentialité.",
	"Ne jamais saisir de renseignements personnels.",
	"le 3 mars 2027 et le 10 mars 2027",
	"1er avril 2027",
	"passer",
	"Projet pilote avec trois enseignants avant d'élargir.",
	"je sais pas", // the STI's part, left to the STI in one word
	"planifiée",
	"15 mars 2027",
	"soumettre",
}

// play says each line and returns the turns taken and the words the bot printed.
func play(r *consoletest.Runner, lines []string) (turns, words int) {
	for _, l := range lines {
		before := len(r.All())
		r.Say(l)
		words += len(strings.Fields(r.All()[before:]))
		turns++
	}
	return turns, words
}

// englishRequest is the same request typed in English.
var englishRequest = []string{
	"new request",
	"ChatGPT Edu",
	"OpenAI",
	"private",
	"in Québec",
	"no",
	"yes",
	"summary, translation",
	"no, only public documents",
	"no",
	"principal.builders@cssdgs.gouv.qc.ca",
	"The schools' edition of ChatGPT, reached with the school board account.",
	"Summarising texts and translating messages to parents.",
	"Preparing these takes teachers too long.",
	"About two hours a week per teacher.",
	"A 90-minute workshop on bias and privacy.",
	"Never type personal information.",
	"March 3, 2027 and March 10, 2027",
	"April 1, 2027",
	"skip",
	"A pilot with three teachers first.",
	"I don't know",
	"planned",
	"March 15, 2027",
	"submit",
}

// stiAnswers are what the STI fills in on its form.
func stiAnswers() map[string]string {
	vals := map[string]string{}
	for _, tag := range []string{"a1.sti.risks.organisational", "a1.sti.risks.causes", "a1.sti.risks.evaluation", "a1.sti.risks.mitigation",
		"a1.sti.risks.results", "a1.sti.risks.followup", "a1.sti.impacts.evaluation", "a1.sti.oversight.supervision",
		"a1.sti.oversight.explanations", "a1.sti.improvement", "a1.sti.dng.lifecycle", "a1.sti.dng.security_profile",
		"a1.sti.dng.classification", "a1.sti.dng.minimum_controls", "a1.sti.dng.access"} {
		vals["sti:"+tag] = "Évalué par le STI selon son gabarit habituel."
	}
	vals["sti:risk.review_interval"] = "à chaque étape"
	return vals
}

// playReview plays the STI and CODIR-IN through request 1: the STI completes its items and
// approves, CODIR-IN approves with the form's proposed values in one pass.
func playReview(r *consoletest.Runner) {
	r.As("sti").Say("demandes à examiner").Want("DEMANDE D'APPROBATION N° 1")
	r.Press("Compléter les éléments", nil).Want("ÉLÉMENTS À COMPLÉTER")
	r.Press("Enregistrer", stiAnswers()).Want("16 éléments enregistrés").WantNot("Il reste 0")
	r.Say("demandes à examiner").Press("Approuver", nil).Want("transmise au CODIR-IN")
	r.As("codir").Say("demandes à examiner").Want("DEMANDE D'APPROBATION N° 1", "Étape : décision du CODIR-IN", "Hébergement des données (5.1.12) : Québec", "Système ouvert (3.7) : non")
	r.Press("Approuver", nil).Want("APPROBATION DE LA DEMANDE N° 1")
	// Hosting is the one value the request does not give; the French request's free
	// words « synthèse de documents » are mapped to the taxonomy's use (#13).
	r.Press("Confirmer l'approbation", map[string]string{"hosting": "canada", "map:synthèse de documents": "Synthèse"}).Want("est approuvée")
}

// TestFrenchRequestJourney: a complete French request in at most 40 turns, the STI's
// part left to it in one word, under 4,000 words printed by the bot; then the review,
// the approval form confirmed in one pass, and the requester told.
func TestFrenchRequestJourney(t *testing.T) {
	r := twoDialogs(t)
	r.As("julie@cssdgs.gouv.qc.ca")
	// A question in the middle, then the request resumes where it was.
	lines := append([]string{}, frenchRequest[:14]...)
	lines = append(lines, "Puis-je utiliser ChatGPT pour résumer un texte ?")
	lines = append(lines, frenchRequest[14:]...)
	turns, words := play(r, lines)
	if turns > 40 {
		t.Errorf("the request took %d turns, want at most 40", turns)
	}
	if words >= 4000 {
		t.Errorf("the bot printed %d words for the request, want under 4,000", words)
	}
	all := r.All()
	for _, w := range []string{"On reprend à l'étape 10", "le STI complétera ces 16 éléments", "18–33 : À compléter avec le STI", "est soumise pour analyse"} {
		if !strings.Contains(all, w) {
			t.Errorf("the request's transcript lacks %q", w)
		}
	}
	playReview(r)
	r.As("julie@cssdgs.gouv.qc.ca").Say("mes demandes").Want("Approuvée")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	t.Logf("request: %d turns, %d words", turns, words)
}

// TestEnglishRequesterFrenchReviewers: Bob writes in English, the reviewers in French;
// each reads the bot in their own language, whatever the request's.
func TestEnglishRequesterFrenchReviewers(t *testing.T) {
	r := twoDialogs(t)
	r.As("sti").Say("Bonjour, je suis au STI.")
	r.As("codir").Say("Bonjour, je suis à la direction.")
	r.As("bob@cssdgs.gouv.qc.ca")
	turns, words := play(r, englishRequest)
	if turns > 40 || words >= 4000 {
		t.Errorf("the English request took %d turns and %d words, want at most 40 and under 4,000", turns, words)
	}
	all := r.All()
	for _, w := range []string{"the STI will complete these 16 items", "I kept \"No\"", "is submitted"} {
		if !strings.Contains(all, w) {
			t.Errorf("the English transcript lacks %q", w)
		}
	}
	mark := len(r.All())
	playReview(r)
	reviewers := r.All()[mark:]
	for _, w := range []string{"APPROVAL REQUEST", "13 items remain", "Done: request"} {
		if strings.Contains(reviewers, w) {
			t.Errorf("a French reviewer read %q", w)
		}
	}
	if !strings.Contains(reviewers, "→ bob@cssdgs.gouv.qc.ca") || !strings.Contains(reviewers, "is approved") {
		t.Errorf("Bob was not told in English that his request is approved:\n%s", reviewers)
	}
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestRequesterSeesCommentsWhereSheEdits: the STI asks for changes with a comment;
// Julie reads it in « mes demandes » and again on « modifier ma demande 1 », above her
// answers.
func TestRequesterSeesCommentsWhereSheEdits(t *testing.T) {
	r := twoDialogs(t)
	r.As("julie@cssdgs.gouv.qc.ca")
	play(r, frenchRequest)
	r.As("sti").Say("demandes à examiner")
	r.Press("Demander des modifications", map[string]string{"comment": "Précisez qui suivra la formation."}).Want("→ julie@cssdgs.gouv.qc.ca")
	r.As("julie@cssdgs.gouv.qc.ca").Say("mes demandes").Want("Précisez qui suivra la formation.")
	r.Say("modifier ma demande 1").Want("Des modifications ont été demandées", "Précisez qui suivra la formation.", "[1] Soumettre la demande")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestSmallThings: the one-line fixes, each where it could fail.
func TestSmallThings(t *testing.T) {
	r := twoDialogs(t)
	// A 5,000-character paste is too long, not "not understood".
	r.As("julie").Say(strings.Repeat("Bla bla. ", 560)).Want("Message trop long").WantNot("Je n'ai pas compris")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
