package incident

import (
	"slices"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// dataKinds are the categories an incident report names instead of the data itself,
// in the order the dialog lists them, with the folded words that signal each.
var dataKinds = []struct {
	code  string
	words []string
}{
	{"grades", []string{"notes", "note", "resultat*", "bulletin*", "evaluation*", "grade*", "mark", "marks", "report card*", "score*", "result*"}},
	{"student-file", []string{"dossier*", "plan* d intervention", "suivi*", "comportement*", "file", "files", "record*", "iep", "behavio*"}},
	{"health", []string{"sante", "medica*", "diagnos*", "handicap*", "tdah", "autis*", "allerg*", "medicament*", "psycholog*", "health", "disabilit*", "adhd"}},
	{"names", []string{"nom", "noms", "prenom*", "liste*", "name", "names", "class list*", "roster*"}},
	{"contact", []string{"courriel*", "adresse*", "telephone*", "cellulaire*", "coordonnees", "email*", "e mail*", "address*", "phone*", "contact*"}},
	{"identifiers", []string{"code* permanent*", "nas", "assurance sociale", "assurance maladie", "date* de naissance", "numero* de fiche",
		"identifiant*", "sin", "social insurance", "date* of birth", "birthdate*", "student number*", "health card*", "permanent code*", "identifier*"}},
	{"hr", []string{"rh", "employe*", "salaire*", "paie", "rendement", "absence*", "collegue*", "hr", "employee*", "salar*", "payroll",
		"performance review*", "colleague*", "staff"}},
	{"confidential", []string{"confidentiel*", "strategique*", "contrat*", "confidential", "contract*", "internal"}},
	{"other", []string{"autre*", "other*"}},
}

// kindCodes lists the codes in dialog order.
func kindCodes() []string {
	out := make([]string, len(dataKinds))
	for i, k := range dataKinds {
		out[i] = k.code
	}
	return out
}

// parseKinds returns the data categories w names, in dialog order.
func parseKinds(w words.Words) []string {
	var out []string
	for _, k := range dataKinds {
		if w.Has(k.words...) {
			out = append(out, k.code)
		}
	}
	// "Le dossier d'une employée" is an HR file, not a student's.
	if slices.Contains(out, "hr") && !w.Has("eleve*", "student*", "pupil*") {
		out = slices.DeleteFunc(out, func(c string) bool { return c == "student-file" })
	}
	// "Other" with a named category adds nothing.
	if len(out) > 1 {
		out = slices.DeleteFunc(out, func(c string) bool { return c == "other" })
	}
	return out
}

// Times of an incident, relative to the day it is reported.
var (
	whenUnknown   = []string{"je ne sais pas", "sais pas", "aucune idee", "je ne sais plus", "sais plus", "don t know", "dont know", "not sure", "unknown", "idk", "no idea"}
	whenToday     = []string{"maintenant", "a l instant", "tantot", "aujourd hui", "ce matin", "cet apres midi", "ce soir", "tout a l heure", "minute*", "heure*", "now", "today", "this morning", "this afternoon", "tonight", "earlier today", "hour*"}
	whenDayBefore = []string{"avant hier", "day before yesterday"}
	whenYesterday = []string{"hier", "yesterday"}
	whenEarlier   = []string{"plus tot", "semaine derniere", "semaine passee", "mois dernier", "mois passe", "longtemps", "plus d une semaine", "earlier", "last week", "last month", "long ago", "more than a week", "a while ago"}
	whenWeek      = []string{"cette semaine", "quelques jours", "this week", "few days", "couple of days", "couple days"}
)

const day = "2006-01-02"

// parseWhen reads when an incident happened, relative to now, as a date
// ("2026-06-10"), an ISO 8601 interval ("2026-06-04/2026-06-10"), an open interval
// ending on a date ("../2026-06-03"), or "unknown". ok is false when w says no time
// the bot recognises, or a date in the future.
func parseWhen(w words.Words, now time.Time) (string, bool) {
	today := time.Date(now.Year(), now.Month(), now.Day(), 0, 0, 0, 0, now.Location())
	if d, ok := dateIn(w, today); ok {
		if d.After(today) {
			return "", false
		}
		return d.Format(day), true
	}
	switch {
	case w.Has(whenUnknown...):
		return "unknown", true
	case w.Has(whenDayBefore...):
		return today.AddDate(0, 0, -2).Format(day), true
	case w.Has(whenYesterday...):
		return today.AddDate(0, 0, -1).Format(day), true
	case w.Has(whenEarlier...):
		return "../" + today.AddDate(0, 0, -7).Format(day), true
	case w.Has(whenWeek...):
		return today.AddDate(0, 0, -6).Format(day) + "/" + today.Format(day), true
	case w.Has(whenToday...):
		return today.Format(day), true
	}
	return "", false
}

// dateIn finds a date in w with bot/text: "2026-06-05" (folded to "2026 06 05"), « 5 juin »,
// « le 1er juin », "June 5", "5 June", « il y a 3 jours », "3 days ago", « hier ». A
// date without a year is the last such day up to today; ok is false for an impossible
// date (« 31 juin »).
func dateIn(w words.Words, today time.Time) (time.Time, bool) {
	found := text.FindDates(strings.Join(w, " "), today)
	if len(found) == 0 {
		return time.Time{}, false
	}
	d := found[0]
	switch {
	case d.Invalid:
		return time.Time{}, false
	case d.NoYear && d.Time.After(today):
		return d.Time.AddDate(-1, 0, 0), true
	}
	return d.Time, true
}
