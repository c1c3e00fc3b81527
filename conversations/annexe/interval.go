package annexe

import (
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
)

// Review intervals are kept within reason: at least weekly, at most every three years.
const (
	minIntervalDays = 7
	maxIntervalDays = 3 * 365
)

var (
	// Words for a period on their own ("annuellement", "every quarter"), in days.
	periodWords = []struct {
		days    int
		phrases conversations.Phrases
	}{
		{365, conversations.Phrases{"annuel", "annuelle", "annuellement", "chaque annee", "tous les ans", "une fois par an", "une fois par annee", "yearly", "annually", "annual", "every year", "once a year", "chaque annee scolaire", "a chaque rentree", "chaque rentree", "every school year"}},
		{182, conversations.Phrases{"semestriel", "semestrielle", "semestriellement", "deux fois par an", "deux fois par annee", "semi annual", "semiannual", "twice a year", "every semester", "chaque semestre", "deux fois par annee scolaire", "twice a school year"}},
		// The school year's three report-card terms (« étapes »): about every 91 days.
		{91, conversations.Phrases{"a chaque etape", "chaque etape", "a la fin de chaque etape", "a chaque bulletin", "chaque bulletin", "every term", "each term", "every report card", "trois fois par annee", "three times a year"}},
		{91, conversations.Phrases{"trimestriel", "trimestrielle", "trimestriellement", "chaque trimestre", "quarterly", "every quarter"}},
		{30, conversations.Phrases{"mensuel", "mensuelle", "mensuellement", "chaque mois", "tous les mois", "monthly", "every month"}},
		{7, conversations.Phrases{"hebdomadaire", "chaque semaine", "toutes les semaines", "weekly", "every week"}},
	}
	unitDays = map[string]int{
		"jour": 1, "jours": 1, "j": 1, "day": 1, "days": 1, "d": 1,
		"semaine": 7, "semaines": 7, "sem": 7, "week": 7, "weeks": 7, "wk": 7,
		"mois": 30, "month": 30, "months": 30,
		"an": 365, "ans": 365, "annee": 365, "annees": 365, "year": 365, "years": 365, "yr": 365,
	}
	numberWords = map[string]int{"un": 1, "une": 1, "one": 1, "a": 1, "deux": 2, "two": 2, "trois": 3, "three": 3,
		"quatre": 4, "four": 4, "cinq": 5, "five": 5, "six": 6, "huit": 8, "eight": 8, "neuf": 9, "nine": 9,
		"douze": 12, "twelve": 12, "dix": 10, "ten": 10, "eighteen": 18}
)

// ParseInterval reads how often something recurs, as the request's dialog does
// (« aux 6 mois », "quarterly", « à chaque étape »), in days; ok is false when it is not
// understood or out of reason. The STI's form reads its interval with it too.
func ParseInterval(s string) (days int, ok bool) {
	days, bad := parseInterval(s)
	return days, bad == nil
}

// parseInterval reads how often something recurs ("aux 6 mois", "every 90 days",
// "annuellement", "90") as a number of days.
func parseInterval(s string) (int, *msg) {
	folded := text.FoldWords(s)
	for _, p := range periodWords {
		if p.phrases.Contains(folded) {
			return p.days, nil
		}
	}
	words := strings.Fields(folded)
	days := 0
	for i, w := range words {
		n, err := strconv.Atoi(w)
		if err != nil {
			var ok bool
			if n, ok = numberWords[w]; !ok {
				continue
			}
		}
		if i+1 < len(words) {
			if u, ok := unitDays[words[i+1]]; ok {
				days = n * u
				break
			}
		}
		if err == nil && len(words) == 1 {
			days = n // a bare number is a number of days
		}
	}
	if days == 0 {
		if u, ok := unitDays[lastWord(words)]; ok && len(words) <= 3 {
			days = u // "chaque mois" is caught above; "par an" lands here
		}
	}
	switch {
	case days == 0:
		return 0, &msg{"annexe.error.interval", nil}
	case days < minIntervalDays || days > maxIntervalDays:
		return 0, &msg{"annexe.error.interval.range", map[string]any{"Days": days, "Min": minIntervalDays, "Max": maxIntervalDays}}
	}
	return days, nil
}

func lastWord(words []string) string {
	if len(words) == 0 {
		return ""
	}
	return words[len(words)-1]
}
