package disclosure

import (
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

func TestDisclosureWording(t *testing.T) {
	d := New(nil).(disclosure)
	for _, tc := range []struct {
		lang   i18n.Lang
		text   string
		want   string
		wantOK bool
	}{
		{i18n.FR, "comment divulguer une synthèse ?",
			"L'intelligence artificielle générative a été utilisée pour la synthèse. Le contenu a été vérifié et validé.", true},
		{i18n.FR, "Comment divulguer un résumé", "L'intelligence artificielle générative a été utilisée pour la synthèse. Le contenu a été vérifié et validé.", true},
		{i18n.FR, "divulguer l'idéation", "L'intelligence artificielle générative a été utilisée pour l'idéation. Le contenu a été vérifié et validé.", true},
		{i18n.FR, "comment divulguer une reformulation et une traduction",
			"L'intelligence artificielle générative a été utilisée pour la reformulation et la traduction. Le contenu a été vérifié et validé.", true},
		{i18n.FR, "divulgation pour des images générées",
			"L'intelligence artificielle générative a été utilisée pour la création d'images. Le contenu a été vérifié et validé.", true},
		{i18n.FR, "comment divulguer ?",
			"L'intelligence artificielle générative a été utilisée pour [motif, ex. : l'idéation/la reformulation/la synthèse]. Le contenu a été vérifié et validé.", false},
		{i18n.EN, "how do I disclose a summary?", "Generative artificial intelligence was used for summarizing. The content was reviewed and validated.", true},
		{i18n.EN, "how do I disclose brainstorming, translating and proofreading",
			"Generative artificial intelligence was used for ideation, translation and proofreading. The content was reviewed and validated.", true},
		{i18n.EN, "how do I disclose?", "Generative artificial intelligence was used for [purpose, e.g. ideation/rewording/summarizing]. The content was reviewed and validated.", false},
	} {
		t.Run(string(tc.lang)+" "+tc.text, func(t *testing.T) {
			got, ok := d.Wording(tc.lang, text.FoldWords(tc.text))
			if got != tc.want || ok != tc.wantOK {
				t.Errorf("Wording(%s, %q) =\n  %q, %v\nwant\n  %q, %v", tc.lang, tc.text, got, ok, tc.want, tc.wantOK)
			}
		})
	}
}
