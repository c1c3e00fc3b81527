package annexe

import (
	"regexp"
	"sort"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
)

// msg is a message to show, by i18n id, with its template data.
type msg struct {
	id   string
	data map[string]any
}

func (m msg) in(lang i18n.Lang) string { return i18n.T(lang, m.id, m.data) }

// reading is an answer read and normalised, with notes on how it was understood.
type reading struct {
	answer requests.Answer
	notes  []msg
	// guess is set instead of answer when free words matched catalogue uses.
	guess []usePart
}

const maxTrainingDates = 30

var (
	// mentionRe is another person mentioned on Slack, as the channel writes it ("@U04ABCDEF").
	mentionRe = regexp.MustCompile(`^@([UW][A-Z0-9]{5,})$`)
)

// readPerson reads someone to keep informed: an e-mail address (found anywhere in the
// answer, "Marc Lapointe <marc.lapointe@…>") or a platform mention, which become their
// key for notifications. A name alone cannot reach anyone, so it is asked again.
func readPerson(answer string) (string, *msg) {
	if m := mentionRe.FindStringSubmatch(strings.TrimSpace(answer)); m != nil {
		return "slack:" + m[1], nil
	}
	if e := text.FindEmail(answer); e != "" {
		return e, nil
	}
	if strings.Contains(answer, "@") {
		return "", &msg{"annexe.error.email", nil}
	}
	return "", &msg{"annexe.error.person", nil}
}

// read checks text as an answer to it and normalises it for storage. r holds the other
// answers, for checks across items (training before deployment, EFVP done or planned).
func (f *Feature) read(v view, now time.Time, it Item, r requests.Request, answer string) (reading, *msg) {
	lang := v.lang
	answer = strings.TrimSpace(answer)
	folded := text.FoldWords(answer)
	if folded == "" {
		return reading{}, &msg{"annexe.error.empty", map[string]any{"Optional": !it.Required(r.Facts()), "STI": it.ForSTIAllowed()}}
	}
	if stiPhrases.Exact(folded) {
		if it.ForSTIAllowed() {
			return reading{answer: requests.Answer{ForSTI: true}}, nil
		}
		return reading{}, &msg{"annexe.error.sti_not_here", nil}
	}
	var (
		value string
		notes []msg
		bad   *msg
	)
	switch it.Kind {
	case KindShort:
		value, bad = checkLength(answer, 2, maxShort)
	case KindLong:
		value, bad = checkLength(answer, minLong, maxLong)
	case KindPerson:
		value, bad = readPerson(answer)
	case KindChoice:
		value, bad = readChoice(lang, it, folded)
	case KindYesNo:
		var detail bool
		if value, detail, bad = readYesNo(folded); detail {
			notes = append(notes, msg{"annexe.note.detail", map[string]any{"Answer": ChoiceLabel(lang, value)}})
		}
	case KindUses:
		var guess []usePart
		if value, notes, bad, guess = readUses(v.uses, v.match, answer); guess != nil {
			return reading{guess: guess}, nil
		}
	case KindDate:
		value, notes, bad = readDate(lang, now, it, r, answer)
	case KindDates:
		value, notes, bad = readTraining(lang, now, r, answer)
	case KindInterval:
		var days int
		if days, bad = parseInterval(answer); bad == nil {
			value = strconv.Itoa(days)
		}
	}
	if bad != nil {
		return reading{}, bad
	}
	return reading{answer: requests.Answer{Value: value}, notes: notes}, nil
}

func checkLength(text string, min, max int) (string, *msg) {
	n := utf8.RuneCountInString(text)
	switch {
	case n > max:
		return "", &msg{"annexe.error.too_long", map[string]any{"Max": max, "Len": n}}
	case n < min:
		return "", &msg{"annexe.error.too_short", map[string]any{"Min": min}}
	}
	return text, nil
}

// Words accepted for choices besides their number and label.
var choiceWords = map[string]conversations.Phrases{
	requests.KindPublic:    {"public", "publique", "grand public", "public version", "version publique"},
	requests.KindPrivate:   {"prive", "privee", "prive securise", "privee securisee", "private", "secured", "private secured", "secure", "securise"},
	requests.HostingQuebec: {"quebec", "au quebec", "in quebec", "qc", "province de quebec", "heberge au quebec", "hosted in quebec"},
	requests.HostingCanada: {"canada", "au canada", "in canada", "ailleurs au canada", "elsewhere in canada", "heberge au canada", "hosted in canada", "canada hors quebec", "ontario", "en ontario", "in ontario"},
	requests.HostingForeign: {"hors canada", "hors du canada", "a l etranger", "etranger", "outside canada", "outside of canada", "abroad", "foreign",
		"aux etats unis", "etats unis", "aux usa", "usa", "us", "in the us", "in the usa", "united states", "in the united states", "en europe", "europe", "in europe",
		"en france", "france", "en irlande", "ireland", "in ireland"},
	requests.EFVPDone:    {"faite", "fait", "realisee", "realise", "terminee", "complete", "completee", "deja faite", "done", "completed", "finished", "already done"},
	requests.EFVPPlanned: {"prevue", "prevu", "planifiee", "planifie", "a venir", "a faire", "pas encore", "planned", "scheduled", "to do", "not yet", "upcoming"},
}

func readChoice(lang i18n.Lang, it Item, folded string) (string, *msg) {
	for i, c := range it.Choices {
		if folded == strconv.Itoa(i+1) || folded == c || choiceWords[c].Exact(folded) || folded == text.FoldWords(ChoiceLabel(lang, c)) {
			return c, nil
		}
	}
	return "", &msg{"annexe.error.choice", map[string]any{"Max": len(it.Choices)}}
}

// readYesNo reads yes or no; "non, seulement des textes publics" is no with a
// detail (detail is set), which the item has no room for.
func readYesNo(folded string) (value string, detail bool, bad *msg) {
	switch {
	case folded == "1" || yesPhrases.Exact(folded):
		return requests.Yes, false, nil
	case folded == "2" || noPhrases.Exact(folded):
		return requests.No, false, nil
	}
	if first, rest, ok := strings.Cut(folded, " "); ok && rest != "" {
		switch first {
		case "oui", "yes":
			return requests.Yes, true, nil
		case "non", "no":
			return requests.No, true, nil
		}
	}
	return "", false, &msg{"annexe.error.yesno", nil}
}

func readDate(lang i18n.Lang, now time.Time, it Item, r requests.Request, text string) (string, []msg, *msg) {
	found, bad := findDates(text)
	switch {
	case bad != nil:
		return "", nil, bad
	case len(found) == 0:
		return "", nil, &msg{"annexe.error.date.none", nil}
	case len(found) > 1:
		return "", nil, &msg{"annexe.error.date.one", nil}
	}
	d, today := found[0].t, day(now)
	facts := r.Facts()
	switch it.Tag {
	case requests.TagDeploymentDate:
		if d.Before(today) {
			return "", nil, &msg{"annexe.error.deployment.past", nil}
		}
		if ts := facts.TrainingDates(); len(ts) > 0 && d.Before(ts[len(ts)-1]) {
			return "", nil, &msg{"annexe.error.deployment.before_training", map[string]any{"Last": formatDate(lang, ts[len(ts)-1]), "Step": stepOf(requests.TagTrainingCalendar)}}
		}
	case requests.TagEFVPDate:
		if facts.EFVPDone() && d.After(today) {
			return "", nil, &msg{"annexe.error.efvp.done_future", map[string]any{"Step": stepOf(requests.TagEFVPStatus)}}
		}
		if facts.EFVPPlanned() && d.Before(today) {
			return "", nil, &msg{"annexe.error.efvp.planned_past", map[string]any{"Step": stepOf(requests.TagEFVPStatus)}}
		}
		if dep, ok := facts.DeploymentDate(); ok && d.After(dep) {
			// The EFVP should come before deployment (6.3.2): said, not refused.
			notes := append(dateNotes(lang, found), msg{"annexe.warn.efvp.after_deployment", map[string]any{"Deployment": formatDate(lang, dep)}})
			return requests.FormatDate(d), notes, nil
		}
	}
	return requests.FormatDate(d), dateNotes(lang, found), nil
}

func readTraining(lang i18n.Lang, now time.Time, r requests.Request, text string) (string, []msg, *msg) {
	found, bad := findDates(text)
	switch {
	case bad != nil:
		return "", nil, bad
	case len(found) == 0:
		return "", nil, &msg{"annexe.error.date.none", nil}
	case len(found) > maxTrainingDates:
		return "", nil, &msg{"annexe.error.date.too_many", map[string]any{"Max": maxTrainingDates}}
	}
	seen := map[string]bool{}
	var dates []string
	for _, fd := range found {
		if s := requests.FormatDate(fd.t); !seen[s] {
			seen[s] = true
			dates = append(dates, s)
		}
	}
	sort.Strings(dates) // YYYY-MM-DD sorts as dates do
	if dep, ok := r.Facts().DeploymentDate(); ok && dates[len(dates)-1] > requests.FormatDate(dep) {
		return "", nil, &msg{"annexe.error.training.after_deployment", map[string]any{"Deployment": formatDate(lang, dep), "Step": stepOf(requests.TagDeploymentDate)}}
	}
	notes := dateNotes(lang, found)
	if first, _ := time.Parse(requests.DateLayout, dates[0]); first.Before(day(now)) {
		// A warning, not a refusal: a session already given still counts.
		notes = append(notes, msg{"annexe.warn.training.past", map[string]any{"Date": formatDate(lang, first)}})
	}
	return strings.Join(dates, ","), notes, nil
}

// dateNotes tells how numeric dates were read: 03/04/2027 is ambiguous.
func dateNotes(lang i18n.Lang, found []foundDate) []msg {
	var notes []msg
	for _, fd := range found {
		if !fd.numeric {
			continue
		}
		id := "annexe.note.date.dmy"
		if fd.monthFirst {
			id = "annexe.note.date.mdy"
		}
		notes = append(notes, msg{id, map[string]any{"Raw": fd.raw, "Date": formatDate(lang, fd.t)}})
	}
	return notes
}

// efvpDateFits reports whether the EFVP date agrees with its status: a date done is
// not in the future, a planned date not in the past. No date yet fits.
func efvpDateFits(r requests.Request, now time.Time) bool {
	f := r.Facts()
	d, ok := f.EFVPDate()
	if !ok {
		return true
	}
	return !(f.EFVPDone() && d.After(day(now))) && !(f.EFVPPlanned() && d.Before(day(now)))
}
