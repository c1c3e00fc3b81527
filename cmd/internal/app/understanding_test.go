package app

import (
	"fmt"
	"strings"
	"testing"
)

// TestUnderstandsWhatStaffType is the conversation part of issue #15's table (the
// verdict part is bot/policy's TestEverydayPhrasings): definitions from section 3 of
// the procedure, general "may I use AI" questions, small talk, the short help and its
// detail, questions about incidents that are no incident, and answers inside a dialog
// that name an incident. Each row is a new person, so no row leans on another.
func TestUnderstandsWhatStaffType(t *testing.T) {
	r := twoDialogs(t)
	const report, reportEN = "[1] Préparer le rapport", "[1] Prepare the report"
	for i, tc := range []struct {
		say      string
		want     []string
		wantNot  []string
		maxLines int
	}{
		// Definitions, with their section.
		{say: "c'est quoi des DNG ?", want: []string{"3.1", "données numériques gouvernementales"}},
		{say: "c'est quoi une EFVP ? qui la fait ?", want: []string{"3.2", "6.3.2", "Qui la fait"}},
		{say: "qu'est-ce qu'un système public ?", want: []string{"3.9", "Copilot"}},
		{say: "Qu'est-ce qu'un système privé sécurisé ?", want: []string{"3.8"}},
		{say: "c quoi l'IAG", want: []string{"3.5"}},
		{say: "cest quoi l ia", want: []string{"3.4"}},
		{say: "c'est quoi un renseignement personnel ?", want: []string{"3.6"}},
		{say: "définition incident de confidentialité", want: []string{"3.3"}, wantNot: []string{report}},
		{say: "que veut dire DNG", want: []string{"3.1"}},
		{say: "qu'est-ce qu'un système spécialisé ?", want: []string{"3.10"}},
		{say: "c'est quoi un utilisateur selon la procédure ?", want: []string{"3.11"}},
		{say: "What is a private system?", want: []string{"s. 3.8", "private secured"}},
		{say: "what does PIA mean?", want: []string{"s. 3.2"}},
		{say: "What is generative AI?", want: []string{"s. 3.5"}},
		{say: "what is an open system?", want: []string{"s. 3.7"}},
		{say: "What is a public system?", want: []string{"s. 3.9"}},
		// General "may I use AI" questions: the short rule and a tool to name.
		{say: "Est-ce que j'ai le droit d'utiliser l'IA avec mes élèves ?", want: []string{"En bref", "6.1", "6.2", "5.1.7"}},
		{say: "Ai-je le droit d'utiliser l'IA en classe ?", want: []string{"En bref"}},
		{say: "j'ai tu le droit d'utiliser l'ia ?", want: []string{"En bref"}},
		{say: "Est-ce que je peux utiliser l'intelligence artificielle au travail ?", want: []string{"En bref"}},
		{say: "peut-on utiliser l'IA generative avec les eleves ?", want: []string{"En bref"}},
		{say: "Can I use AI with my students?", want: []string{"In short", "6.1"}},
		{say: "Am I allowed to use generative AI at work?", want: []string{"In short"}},
		{say: "Is it ok to use AI tools for my job?", want: []string{"In short"}},
		// Small talk: one line, not the help.
		{say: "merci", want: []string{"Avec plaisir"}, maxLines: 1},
		{say: "Merci beaucoup !", want: []string{"Avec plaisir"}, maxLines: 1},
		{say: "ok", maxLines: 1, wantNot: []string{"Je n'ai pas compris"}},
		{say: "parfait", maxLines: 1, wantNot: []string{"Je n'ai pas compris"}},
		{say: "d'accord", maxLines: 1, wantNot: []string{"Je n'ai pas compris"}},
		{say: "bonne journée", maxLines: 1, wantNot: []string{"Je n'ai pas compris"}},
		{say: "👍", maxLines: 1, wantNot: []string{"Je n'ai pas compris"}},
		{say: "😀🎉", maxLines: 1, wantNot: []string{"Je n'ai pas compris"}},
		{say: "thanks!", maxLines: 1, wantNot: []string{"I did not understand"}},
		{say: "allo", want: []string{"Bonjour"}, maxLines: 1},
		// Help on one screen, detail on demand.
		{say: "aide", want: []string{"aide demande", "aide approbation"}, maxLines: 10},
		{say: "help", want: []string{"help request", "help approval"}, maxLines: 10},
		{say: "aide demande", want: []string{"faire une demande", "reprendre", "mes demandes"}},
		{say: "aide approbation", want: []string{"approbateurs"}},
		{say: "help request", want: []string{"new request"}},
		{say: "aide incident", want: []string{"par erreur"}},
		// Questions about incidents, hypotheticals and definitions are no incident.
		{say: "Quels sont les risques de fuite de renseignements avec ChatGPT ?", wantNot: []string{report}},
		{say: "Si je mettais des notes d'élèves dans ChatGPT, est-ce que ce serait un incident de confidentialité ?", wantNot: []string{report}},
		{say: "What are the risks of a data leak with Copilot?", wantNot: []string{reportEN}},
		{say: "What if I pasted a student's grades into ChatGPT?", wantNot: []string{reportEN}},
		{say: "c'est quoi un incident de confidentialité ?", want: []string{"3.3"}, wantNot: []string{report}},
		{say: "Supposons que je colle un bulletin dans Copilot, c'est grave ?", wantNot: []string{report}},
		// Incidents that did happen still are.
		{say: "j'ai mis par erreur des notes d'élèves dans ChatGPT", want: []string{report}},
		{say: "I pasted a parent's email into Gemini by mistake", want: []string{reportEN}},
		{say: "je veux signaler un incident de confidentialité", want: []string{report}},
		{say: "Oups, j'ai collé le bulletin de Julie dans Copilot ce matin", want: []string{report}},
	} {
		got := r.As(fmt.Sprintf("u%d", i)).Say(tc.say).Last()
		for _, w := range tc.want {
			if !strings.Contains(got, w) {
				t.Errorf("%q: want %q in\n%s", tc.say, w, got)
			}
		}
		for _, w := range tc.wantNot {
			if strings.Contains(got, w) {
				t.Errorf("%q: did not want %q in\n%s", tc.say, w, got)
			}
		}
		if n := replyLines(got); tc.maxLines > 0 && n > tc.maxLines {
			t.Errorf("%q: %d lines, want at most %d:\n%s", tc.say, n, tc.maxLines, got)
		}
	}
	// Inside a dialog, an answer is an answer, even when it names an incident.
	r.As("dialog").Say("faire une demande").Want("Quel système d'IAG")
	r.Say("Incident de confidentialité").Want("C'est noté", "Étape 2").WantNot(report)
	r.As("dialog2").Say("faire une demande").Want("Quel système d'IAG")
	r.Say("fuite de renseignements").Want("C'est noté").WantNot(report)
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// replyLines counts the non-empty lines of a reply.
func replyLines(s string) int {
	n := 0
	for _, l := range strings.Split(strings.TrimSpace(s), "\n") {
		if strings.TrimSpace(l) != "" {
			n++
		}
	}
	return n
}
