package annexe

import (
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
)

// FuzzReadAnswer reads arbitrary text as the answer to every Annexe 1 item (dates,
// choices, intervals, uses, free text): it must either be accepted or explained, and
// never panic.
func FuzzReadAnswer(f *testing.F) {
	for _, s := range []string{"3 mars 2027", "2027-03-03", "March 3, 2027", "03/04/2027", "04/13/2027",
		"2027-02-30", "oui", "non", "privé", "tous les 6 mois", "every 2 weeks", "synthèse, traduction",
		"à compléter avec le STI", "", "  ", "31/12/99999", "1er janvier 2027 et 15 février 2027"} {
		f.Add(s)
	}
	feat := New(nil)
	v := view{lang: i18n.FR, uses: []Choice{{ID: "summary", Label: "Synthèse"}, {ID: "translation", Label: "Traduction"}}}
	now := time.Date(2026, 11, 27, 10, 0, 0, 0, time.UTC)
	items := Items()
	r := requests.Request{Answers: map[requests.Tag]requests.Answer{}}
	f.Fuzz(func(t *testing.T, text string) {
		for _, it := range items {
			got, bad := feat.read(v, now, it, r, text)
			if bad == nil && got.answer.Value == "" && !got.answer.ForSTI && it.Required(r.Facts()) {
				t.Fatalf("item %s accepted %q as an empty answer", it.Tag, text)
			}
		}
	})
}
