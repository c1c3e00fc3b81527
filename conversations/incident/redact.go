package incident

import (
	"strings"
	"sync"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/text"
)

const maxDescLength = 280 // runes kept of a description, after redaction

// detector is the one personal-information detector of bot/text, the verdicts' own
// rules; it knows the tools staff name in an incident.
var detector = sync.OnceValue(func() *text.Detector {
	return text.NewDetector("Claude", "Canva", "Grammarly", "DeepL", "Midjourney", "Khanmigo", "MagicSchool", "Brisk", "Gamma", "Suno")
})

// maskKinds name the kinds of masks in the incident dialog's messages
// ("incident.mask.<kind>").
var maskKinds = map[text.Kind]string{
	text.KindEmail: "email", text.KindCodePermanent: "permanent-code", text.KindPhone: "phone",
	text.KindSIN: "sin", text.KindPostalCode: "postal-code", text.KindBirthDate: "date", text.KindDate: "date",
	text.KindNumber: "number", text.KindGrades: "grade", text.KindName: "name", text.KindAddress: "address",
}

// redact masks in a description whatever the detector finds (e-mails, phone numbers,
// permanent codes, SINs, postal codes, dates, results, long numbers, names and every
// capitalised word that may be one), so that what is stored holds none of it. mark
// gives the marker of a kind ("[nom]"). It returns the redacted text, cut to
// maxDescLength, and the kind of every mask, in order. A lower-case name escapes it,
// which is why the bot asks for no names at all.
func redact(s string, mark func(kind string) string) (string, []string) {
	found := detector().Find(s)
	kinds := make([]string, 0, len(found))
	for _, f := range found {
		kinds = append(kinds, maskKinds[f.Kind])
	}
	if len(kinds) == 0 {
		kinds = nil
	}
	out := text.Redact(s, found, func(k text.Kind) string { return mark(maskKinds[k]) })
	return truncate(strings.TrimSpace(out), maxDescLength), kinds
}

func truncate(s string, n int) string {
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	return string([]rune(s)[:n-1]) + "…"
}
