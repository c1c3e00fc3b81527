package policy

import (
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// TestEverydayPhrasings is the verdict part of issue #15's table: new phrasings of the
// families that went wrong (personal information in all its shapes, school levels,
// English negation, people named like tools, products sharing a brand), French,
// English, Québec colloquial and typed without accents. The conversation part
// (definitions, small talk, incidents, dialogs) is in cmd/internal/app.
func TestEverydayPhrasings(t *testing.T) {
	e := testEngine(t)
	type want struct {
		system  string
		verdict Verdict
		pd      bool
	}
	forbiddenPD := func(sys string) want { return want{sys, Forbidden, true} }
	for _, tc := range []struct {
		q string
		w want
	}{
		// Personal information in all its shapes, on the public system.
		{"résumer un signalement à la DPJ concernant un élève avec Copilot", forbiddenPD("copilot-chat")},
		{"resumer un signalement a la DPJ concernant un eleve avec copilot", forbiddenPD("copilot-chat")},
		{"Copilot pour résumer le dossier DPJ d'un élève ?", forbiddenPD("copilot-chat")},
		{"Puis-je traduire avec Copilot une lettre aux parents qui inclut le nom de chaque enfant ?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to translate a letter to parents including each child's name?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to write a letter to parents including each child's name?", forbiddenPD("copilot-chat")},
		{"Copilot pour résumer le dossier de ROYJ 1234 5678 ?", forbiddenPD("copilot-chat")},
		{"un courriel à la mère de jean tremblay au sujet de son suivi en orthophonie, avec Copilot", forbiddenPD("copilot-chat")},
		{"Puis-je utiliser Copilot pour écrire un courriel à la mère de jean tremblay au sujet de son suivi en orthophonie ?", forbiddenPD("copilot-chat")},
		{"Je peux-tu utiliser Copilot pour résumer le plan d'intervention de mon élève ?", forbiddenPD("copilot-chat")},
		{"Est-ce correct de mettre le code de difficulté de mon élève dans Copilot pour le résumer ?", forbiddenPD("copilot-chat")},
		{"Copilot pour traduire le dossier d'aide particulière d'un élève ?", forbiddenPD("copilot-chat")},
		{"Puis-je résumer avec Copilot les absences de l'élève Jacob ?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to summarize my student's custody court order?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to translate a refugee student's immigration papers?", forbiddenPD("copilot-chat")},
		{"Puis-je utiliser Copilot pour résumer le rapport de suspension d'un élève de ma classe ?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to summarize the sick leave file of my colleague Julie?", forbiddenPD("copilot-chat")},
		{"Copilot pour résumer l'évaluation de probation de ma collègue ?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to summarize the diagnosis of my student liam?", forbiddenPD("copilot-chat")},
		{"Puis-je traduire avec Copilot la fiche santé de Léa T. du groupe 302 ?", forbiddenPD("copilot-chat")},
		{"Puis-je utiliser Copilot pour rédiger un texte sur L.T. du groupe 302 et ses retards ?", forbiddenPD("copilot-chat")},
		{"Copilot pour résumer le mandat de négociation de la convention collective ?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to summarize the bids received in the call for tenders?", forbiddenPD("copilot-chat")},
		{"Puis-je utiliser Copilot pour résumer l'avis juridique de nos avocats ?", forbiddenPD("copilot-chat")},
		{"Copilot pour résumer le procès-verbal du huis clos du conseil ?", forbiddenPD("copilot-chat")},
		{"Can I use Copilot to rewrite the alarm code instructions for the school?", forbiddenPD("copilot-chat")},
		{"Puis-je traduire avec Copilot le numéro 450\u200b555\u200b1234 de la mère de Léa ?", forbiddenPD("copilot-chat")},
		{"Supposons que je colle le dossier de l'élève Noah Roy dans Copilot pour le résumer, c'est permis ?", forbiddenPD("copilot-chat")},
		{"What if I paste Emma Roy's IEP into Copilot to summarize it?", forbiddenPD("copilot-chat")},
		// The private system: personal information is reported, not forbidden for that.
		{"Puis-je utiliser l'Assistant IAG pour traduire une lettre aux parents qui inclut le nom de chaque enfant ?", want{"assistant-iag", Permitted, true}},
		{"Can I use the CSSDGS assistant to summarize a youth protection report about a student?", want{"assistant-iag", Permitted, true}},
		{"l'assistant iag pour résumer le plan d'intervention de léa tremblay", want{"assistant-iag", Restricted, true}},
		// School levels are not grading.
		{"Is Copilot OK for making a quiz on fractions for grade 6?", want{"copilot-chat", Permitted, false}},
		{"Can I use Copilot to make a quiz for my 6th grade class?", want{"copilot-chat", Permitted, false}},
		{"Copilot pour faire un quiz de 5e année sur les fractions ?", want{"copilot-chat", Permitted, false}},
		{"Copilot pour créer des exercices de secondaire 3 ?", want{"copilot-chat", Permitted, false}},
		{"copilot pour un quiz de 2e annee", want{"copilot-chat", Permitted, false}},
		{"Can I use Copilot to plan a lesson for grade 4 students?", want{"copilot-chat", Permitted, false}},
		{"Can Copilot help me create exercises at a grade 9 level?", want{"copilot-chat", Permitted, false}},
		{"Copilot pour adapter un texte au niveau de lecture de 3e année ?", want{"copilot-chat", Permitted, false}},
		// A negated mention is no disclosure, in English too.
		{"I'll brainstorm with Copilot. No student names or personal info.", want{"copilot-chat", Permitted, false}},
		{"Can I brainstorm with Copilot without student names or personal information?", want{"copilot-chat", Permitted, false}},
		{"Can I use Copilot to summarize a text that has no names, no grades and no personal data?", want{"copilot-chat", Permitted, false}},
		{"Copilot pour résumer un texte, sans nom ni renseignement personnel", want{"copilot-chat", Permitted, false}},
		{"Copilot pour trouver des idées, pas de noms d'élèves ni de notes", want{"copilot-chat", Permitted, false}},
		{"I won't include any student names; can I use Copilot to summarize the article?", want{"copilot-chat", Permitted, false}},
		{"Copilot pour résumer un texte. Noms d'élèves : non. Renseignements personnels : aucun.", want{"copilot-chat", Permitted, false}},
		{"Can I use Copilot to summarize a text? Student names: no. Personal information: none.", want{"copilot-chat", Permitted, false}},
		{"Copilot pour résumer un texte. Renseignements personnels : oui.", forbiddenPD("copilot-chat")},
		// People named like tools.
		{"Mon collègue Claude m'a dit que je pouvais utiliser Copilot pour résumer", want{"copilot-chat", Permitted, false}},
		{"Ma directrice Gemini m'a dit d'utiliser Copilot pour résumer un texte", want{"copilot-chat", Permitted, false}},
		{"My colleague Claude says I can use Copilot to summarize an article", want{"copilot-chat", Permitted, false}},
		{"Claude m'a dit que Copilot était correct pour résumer un texte", want{"copilot-chat", Permitted, false}},
		{"Claude pense que je peux utiliser Copilot pour traduire un texte", want{"copilot-chat", Permitted, false}},
		// Products that share a brand: the product named, not the brand.
		{"GitHub Copilot pour programmer un site", want{"", NotApproved, false}},
		{"Puis-je utiliser GitHub Copilot pour coder ?", want{"", NotApproved, false}},
		{"Can I use Copilot Studio to build a chatbot?", want{"", NotApproved, false}},
		{"Puis-je utiliser Microsoft 365 Copilot dans Word pour résumer ?", want{"", NotApproved, false}},
		{"Can I use M365 Copilot to summarize a document?", want{"", NotApproved, false}},
		{"Puis-je utiliser Gemini dans Gmail pour rédiger un courriel ?", want{"", NotApproved, false}},
		{"Can I use DeepL Write to proofread my text?", want{"", NotApproved, false}},
		{"Puis-je utiliser DeepL pour traduire une lettre ?", want{"", NotApproved, false}},
		{"Can I use Grammarly to fix my spelling?", want{"", NotApproved, false}},
		{"Perplexity pour faire une recherche ?", want{"", NotApproved, false}},
		{"Puis-je utiliser Claude pour résumer un texte ?", want{"", NotApproved, false}},
		{"Mistral Le Chat pour traduire ?", want{"", NotApproved, false}},
		{"Can I use Khanmigo with my students?", want{"", NotApproved, false}},
		{"MagicSchool pour créer des exercices ?", want{"", NotApproved, false}},
		{"Can I use Brisk to give feedback?", want{"", NotApproved, false}},
		{"Canva Magic Studio pour faire une affiche ?", want{"", NotApproved, false}},
		{"Adobe Firefly pour générer une image ?", want{"", NotApproved, false}},
		{"Midjourney pour une illustration ?", want{"", NotApproved, false}},
		{"Suno pour faire une chanson avec ma classe ?", want{"", NotApproved, false}},
		{"NotebookLM pour résumer mes notes de cours ?", want{"", NotApproved, false}},
		{"Antidote pour corriger mon texte ?", want{"", NotApproved, false}},
		{"Copilot Chat pour résumer un texte ?", want{"copilot-chat", Permitted, false}},
		{"Microsoft Copilot Chat pour traduire un texte ?", want{"copilot-chat", Permitted, false}},
	} {
		r := e.Evaluate(tc.q, i18n.FR)
		if r.SystemID != tc.w.system || r.Verdict != tc.w.verdict || r.PersonalData != tc.w.pd {
			t.Errorf("%q: %q %s pd=%v %v (tool %q), want %q %s pd=%v", tc.q, r.SystemID, r.Verdict, r.PersonalData, r.PersonalDataKinds, r.Tool, tc.w.system, tc.w.verdict, tc.w.pd)
		}
	}
}

// TestAmbiguousUseSaysWhatItAssumed: a question that fits two uses equally is answered
// for the strictest, and the answer says so and how to ask otherwise.
func TestAmbiguousUseSaysWhatItAssumed(t *testing.T) {
	e := testEngine(t)
	r := e.Evaluate("can copilot translate my newsletter", i18n.EN)
	if r.UseID != "parent-communication" || len(r.OtherUses) != 1 || r.OtherUses[0].EN != "Translation" {
		t.Fatalf("use %s, others %v; want parent-communication, then Translation", r.UseID, r.OtherUses)
	}
	for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
		if a := Answer(r, lang); !strings.Contains(a, r.OtherUses[0].In(string(lang))) {
			t.Errorf("%s answer does not name the other use %q:\n%s", lang, r.OtherUses[0].In(string(lang)), a)
		}
	}
}
