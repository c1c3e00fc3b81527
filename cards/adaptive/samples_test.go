package adaptive

import (
	"fmt"

	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/cards/cardstest"
)

// samples are the representative cards kept as golden files and run through
// Microsoft's renderer: each exercises a different part of the mapping.
func samples() map[string]*cards.Card {
	return map[string]*cards.Card{
		"review":  reviewCard(),
		"long":    longCard(),
		"choices": choicesCard(),
		"answer":  answerCard(),
		"hostile": hostileCard(),
		"refresh": refreshCard(),
		"form":    cardstest.SampleForm().Card(),
	}
}

// refreshCard is a base card that Teams refreshes for two people (user-specific views).
func refreshCard() *cards.Card {
	return &cards.Card{Title: "Demande n° 42 : ChatGPT", Subtitle: "En attente du CODIR-IN",
		Sections: []cards.Section{{Facts: []cards.Fact{{Label: "Demandeur", Value: "Marie Tremblay"}}}},
		Refresh:  &cards.Refresh{Verb: "review.view", Subject: "42:1:codir_review", UserIDs: []string{"29:codir-1", "29:alice"}}}
}

// hostile is what a requester may type to dress up a reviewer's card.
const hostile = "[Cliquez ici pour approuver rapidement](https://evil.example/phish) **URGENT** _vite_ \\o/"

// hostileCard carries text typed by a person in every plain-text field: it must show
// literally, never as a link, bold, italic or list.
func hostileCard() *cards.Card {
	return &cards.Card{
		Title:    "Demande n° 7 : " + hostile,
		Subtitle: "- " + hostile,
		Sections: []cards.Section{
			{Heading: "# " + hostile, Facts: []cards.Fact{
				{Label: "Système", Value: hostile},
				{Label: "Demandeur", Value: "Carl Codir (CODIR-IN) **approuvé**"},
				{Label: "Usage", Value: "1. premier\n2. second"},
			}},
			{Checklist: []cards.Check{{Label: hostile, Met: true}}},
		},
		Buttons: []cards.Button{{Label: "Approuver", Verb: "review.approve", Subject: "7"}},
	}
}

// reviewCard has facts, a checklist, inputs, every button style and details on demand.
func reviewCard() *cards.Card {
	return &cards.Card{
		Title:    "Demande n° 42 : Copilot pour la correction",
		Subtitle: "En attente de l'examen du STI",
		Sections: []cards.Section{
			{Heading: "Demande", Facts: []cards.Fact{
				{Label: "Système", Value: "Microsoft Copilot"},
				{Label: "Demandeur", Value: "Marie Tremblay"},
				{Label: "Usage", Value: "Rétroaction sur des travaux d'élèves"},
			}},
			{Heading: "Conditions (6.2)", Checklist: []cards.Check{
				{Label: "Aucun renseignement personnel saisi", Met: true},
				{Label: "EFVP réalisée (6.3.2)", Met: false},
				{Label: "Formation suivie (7)", Met: true},
			}},
		},
		Inputs: []cards.Input{
			{ID: "comment", Label: "Commentaire", Placeholder: "Motif de la décision", Multiline: true},
		},
		Buttons: []cards.Button{
			{Label: "Approuver", Verb: "review.approve", Subject: "42", Style: cards.StylePrimary},
			{Label: "Demander des changements", Verb: "review.changes", Subject: "42", Needs: []string{"comment"}},
			{Label: "Refuser", Verb: "review.reject", Subject: "42", Style: cards.StyleDanger, Needs: []string{"comment"}},
		},
		Footer: "Procédure 30-02, art. 6.3.3",
		Details: []cards.Section{
			{Heading: "Description", Text: "Utiliser Copilot pour proposer une rétroaction.\n\nLes textes sont anonymisés avant d'être soumis."},
			{Heading: "Annexe 1", Facts: []cards.Fact{{Label: "Hébergement", Value: "Canada"}}},
		},
		DetailsButton: &cards.Button{Label: "Voir le détail", Verb: "review.details", Subject: "42"},
	}
}

// longCard is the largest card the bot shows: the inventory with many systems.
func longCard() *cards.Card {
	c := &cards.Card{Title: "Systèmes d'IAG approuvés", Subtitle: "Inventaire (6.1), 12 systèmes"}
	for i := 1; i <= 12; i++ {
		c.Sections = append(c.Sections, cards.Section{
			Heading: fmt.Sprintf("Système %d", i),
			Text:    "Permis pour : résumer un texte, traduire, reformuler.\n- Sans renseignement personnel\n- Avec révision humaine",
			Facts: []cards.Fact{
				{Label: "Type", Value: "public"},
				{Label: "Hébergement", Value: "Québec"},
				{Label: "Prochaine EFVP", Value: "2027-06-02"},
			},
		})
	}
	c.Footer = "Procédure 30-02, art. 6.1 et 6.2"
	return c
}

// choicesCard has a short choice list (radio buttons), a long one (drop-down) and a
// required text input every button validates.
func choicesCard() *cards.Card {
	long := []cards.Choice{}
	for _, v := range []string{"Québec", "Canada", "États-Unis", "Europe", "Autre", "Je ne sais pas"} {
		long = append(long, cards.Choice{Value: v, Label: v})
	}
	return &cards.Card{
		Title: "Annexe 1 : hébergement des données",
		Inputs: []cards.Input{
			{ID: "kind", Label: "Type de système", Required: true, Choices: []cards.Choice{
				{Value: "public", Label: "Public"}, {Value: "private", Label: "Privé"}}},
			{ID: "hosting", Label: "Où les données sont-elles hébergées ?", Placeholder: "Choisir un lieu", Choices: long},
			{ID: "vendor", Label: "Fournisseur", Required: true},
		},
		Buttons: []cards.Button{
			{Label: "Continuer", Verb: "request.answer", Subject: "7", Style: cards.StylePrimary},
			{Label: "Annuler", Verb: "request.cancel", Subject: "7"},
		},
	}
}

// answerCard is a policy answer: paragraphs, a list, details shown inline.
func answerCard() *cards.Card {
	return &cards.Card{
		Title: "Oui, avec des conditions",
		Sections: []cards.Section{{
			Text: "ChatGPT est **approuvé** pour _résumer un texte_.\n\nConditions :\n- aucun renseignement personnel\n- révision humaine du résultat",
		}},
		Details: []cards.Section{{Heading: "Sections citées", Text: "6.2, 5.1.11"}},
		Footer:  "Procédure 30-02",
	}
}
