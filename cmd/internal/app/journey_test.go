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
	"synthèse de documents, traduction",
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

func TestFrenchRequestJourney(t *testing.T) {
	r := twoDialogs(t)
	r.As("julie@cssdgs.gouv.qc.ca")
	turns, words := play(r, frenchRequest)
	t.Logf("%d turns, %d words\n%s", turns, words, r.All())
}
