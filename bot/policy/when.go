package policy

import (
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

// EvaluateAt is Evaluate on day today (its calendar date): a use the inventory
// approved with a deployment date, training sessions (7) or a system whose EFVP is
// only planned (6.3.2) is not plainly permitted before those are met. Until then it
// answers restricted with the conditions « à partir du 12 janvier 2027, après la
// formation (7) et la réalisation de l'EFVP (6.3.2) » before the use's own, and
// EffectiveFrom holds the date. From that date, once the last training session has
// passed and the EFVP is recorded done, the inventory's rule applies as it is.
func (e *Engine) EvaluateAt(question string, userLang i18n.Lang, today time.Time) Result {
	r := e.Evaluate(question, userLang)
	e.when(&r, today)
	return r
}

// EvaluateAnalysisAt is EvaluateAnalysis on day today (see EvaluateAt).
func (e *Engine) EvaluateAnalysisAt(a Analysis, userLang i18n.Lang, today time.Time) Result {
	r := e.EvaluateAnalysis(a, userLang)
	e.when(&r, today)
	return r
}

// EvaluateAssumingAt is EvaluateAssuming on day today (see EvaluateAt).
func (e *Engine) EvaluateAssumingAt(question string, userLang i18n.Lang, personal bool, today time.Time) Result {
	r := e.EvaluateAssuming(question, userLang, personal)
	e.when(&r, today)
	return r
}

func (e *Engine) when(r *Result, today time.Time) {
	if (r.Verdict != Permitted && r.Verdict != Restricted) || r.SystemID == "" || r.UseID == "" {
		return
	}
	s := e.inv.System(r.SystemID)
	if s == nil {
		return
	}
	eff, listed := s.EffectiveFor(r.UseID)
	day := inventory.Date{Year: today.Year(), Month: today.Month(), Day: today.Day()}
	notYet := func(d inventory.Date) bool { return !d.IsZero() && before(day, d) }
	var fr, en []string
	if listed && notYet(eff.From) {
		fr = append(fr, "à partir du "+frenchDate(eff.From))
		en = append(en, "from "+englishDate(eff.From))
		r.EffectiveFrom = fmt.Sprintf("%04d-%02d-%02d", eff.From.Year, eff.From.Month, eff.From.Day)
	}
	// The last session's day itself is still training day.
	training := listed && !eff.TrainingBy.IsZero() && !before(eff.TrainingBy, day)
	efvp := s.EFVP.Done.IsZero() && !s.EFVP.Planned.IsZero()
	var after []string
	var afterEN []string
	if training {
		after, afterEN = append(after, "la formation (7)"), append(afterEN, "the training (7)")
	}
	if efvp {
		after, afterEN = append(after, "la réalisation de l'EFVP (6.3.2)"), append(afterEN, "the EFVP is done (6.3.2)")
	}
	if len(after) > 0 {
		fr = append(fr, "après "+strings.Join(after, " et "))
		en = append(en, "after "+strings.Join(afterEN, " and "))
	}
	if len(fr) == 0 {
		return
	}
	cond := inventory.Text{FR: capitalise(strings.Join(fr, ", ")) + ".", EN: capitalise(strings.Join(en, ", ")) + "."}
	if r.Conditions.FR != "" || r.Conditions.EN != "" {
		cond = inventory.Text{FR: cond.FR + "; " + r.Conditions.FR, EN: cond.EN + "; " + r.Conditions.EN}
	}
	r.Conditions = cond
	r.step(r.Rule, "not_yet_effective", "7", "6.3.2")
	r.decide(Restricted, r.Rule)
	for _, sec := range []string{"7", "6.3.2"} {
		if !contains(r.Sections, sec) {
			r.Sections = append(r.Sections, sec)
		}
	}
}

func before(a, b inventory.Date) bool {
	return a.Year < b.Year || (a.Year == b.Year && (a.Month < b.Month || (a.Month == b.Month && a.Day < b.Day)))
}

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
	"octobre", "novembre", "décembre"}

func frenchDate(d inventory.Date) string {
	day := fmt.Sprint(d.Day)
	if d.Day == 1 {
		day = "1er"
	}
	return fmt.Sprintf("%s %s %d", day, frenchMonths[d.Month-1], d.Year)
}

func englishDate(d inventory.Date) string {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, time.UTC).Format("January 2, 2006")
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	r := []rune(s)
	return strings.ToUpper(string(r[0])) + string(r[1:])
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
