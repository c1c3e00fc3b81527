package cardstest

import "github.com/cssdgs/iagbot/cards"

// SampleForm is a form page with every kind of field, a server-side error on one of
// them and the three navigation buttons, so that each renderer's golden shows the
// whole mapping of cards.Form.
func SampleForm() *cards.Form {
	return &cards.Form{
		Title:    "Demande n° 12 — Annexe 1 du formulaire d'approbation", // longer than a modal title
		Heading:  "Usages — 2 de 6",
		Sections: []cards.Section{{Text: "Ce que vous ferez avec le système, et avec quelles données (art. 6.1, 6.2)."}},
		Inputs: []cards.Input{
			{ID: "a1.system.uses", Label: "Types d'usage", Required: true, Multi: true, Value: "summary,translation",
				Choices: []cards.Choice{{Value: "summary", Label: "Synthèse"}, {Value: "translation", Label: "Traduction"},
					{Value: "drafting", Label: "Rédaction"}, {Value: "grading", Label: "Correction"}, {Value: "images", Label: "Images"}},
				RequiredError: "Choisissez au moins un usage."},
			{ID: "a1.system.kind", Label: "Type de système", Required: true, Value: "private",
				Choices: []cards.Choice{{Value: "public", Label: "Public"}, {Value: "private", Label: "Privé sécurisé"}}},
			{ID: "a1.requester.intended_use", Label: "Utilisation prévue", Multiline: true, MaxLength: 2000, Required: true,
				Value: "trop court", Error: "Au moins 10 caractères, s'il vous plaît.", Hint: "Qui l'utilisera, pour quoi, à quelle fréquence."},
			{ID: "a1.requester.training.deployment_date", Label: "Date de déploiement", Type: cards.InputDate, Required: true, Value: "2027-01-12"},
			{ID: "sti_part", Label: "Laisser cette partie à la STI", Type: cards.InputToggle, Value: cards.ToggleOn},
			{ID: "a1.system.supervisor", Label: "Supérieur immédiat", Placeholder: "prenom.nom@cssdgs.gouv.qc.ca", MaxLength: 150},
		},
		Submit: cards.Button{Label: "Suivant", Verb: "annexe.form.next", Subject: "12:usages", Style: cards.StylePrimary},
		Buttons: []cards.Button{
			{Label: "Précédent", Verb: "annexe.form.back", Subject: "12:usages", NoInputs: true},
			{Label: "Enregistrer et quitter", Verb: "annexe.form.save", Subject: "12:usages"},
		},
		Close: "Fermer",
	}
}
