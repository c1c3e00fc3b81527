package review

import (
	"encoding/json"
	"slices"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// defaults are the values the approval form proposes, from the request and the
// inventory: a use supporting a decision about a person is restricted to consent and
// human oversight (5.1.11); on a public system a use is restricted to data without
// personal or confidential information (6.2), and forbidden when the request declares
// such data (6.2: approving it takes an override). A new system gets the aliases
// derived from its name, the EFVP as the request states it (done or planned) and its
// next revision a year after it was done, or on its planned date (6.3.2).
func defaults(v view, today time.Time) map[string]string {
	f := v.req.Facts()
	out := map[string]string{}
	for _, u := range f.Uses() {
		rule, cond := "permitted", ""
		switch {
		case v.publicPersonal():
			rule = "forbidden"
		case v.uses[u].AutomatedDecision || f.AutomatedDecision():
			rule, cond = "restricted", v.t("review.default.cond_automated")
		case v.kind() == requests.KindPublic:
			rule, cond = "restricted", v.t("review.default.cond_public")
		}
		out[inputUse+u], out[inputCond+u] = rule, cond
	}
	if v.system != nil {
		out[inputHosting] = v.system.Hosting
	} else {
		out[inputAliases] = strings.Join(workflow.ProposedAliases(v.systemName()), ", ")
		out[inputHosting] = f.Hosting() // the requester's answer (step 3 b); empty when left to the STI
		out[inputEFVPDone] = "no"
		if f.EFVPDone() {
			out[inputEFVPDone] = "yes"
		}
	}
	year := today.AddDate(1, 0, 0)
	next := year
	if d, ok := f.EFVPDate(); ok {
		next = d
		if f.EFVPDone() {
			next = d.AddDate(1, 0, 0)
		}
		if !next.After(today) {
			next = year
		}
	}
	out[inputEFVPNext] = next.Format(requests.DateLayout)
	out[inputTraining] = v.days(f.TrainingDates())
	return out
}

// readForm checks the approval form's values, each field on its own: an empty field
// keeps the value the form proposed (a terminal user answers with Enter). It returns
// the ruling as JSON, the values to show again (what was typed, kept after an error),
// and what to correct, by input id. aliasTaken names the system of the inventory an
// alias already designates, or "".
func readForm(v view, in map[string]string, today time.Time, aliasTaken func(string) string) (details string, values map[string]string, problems map[string]string) {
	values = defaults(v, today)
	for k, val := range in {
		if val = strings.TrimSpace(val); val != "" {
			values[k] = val
		}
	}
	problems = map[string]string{}
	ru := ruling{Lang: string(v.lang), Existing: v.existing()}
	allowed := false
	for _, u := range v.req.Facts().Uses() {
		rule, ok := choiceValue(values[inputUse+u], "review.rule.", rules)
		if !ok {
			problems[inputUse+u] = v.t("review.form.bad_rule", map[string]any{"Use": v.useLabel(u)})
			continue
		}
		cond := strings.TrimSpace(values[inputCond+u])
		if rule == "restricted" && cond == "" {
			problems[inputCond+u] = v.t("review.form.need_conditions", map[string]any{"Use": v.useLabel(u)})
		}
		if rule != "restricted" {
			cond = ""
		}
		allowed = allowed || rule != "forbidden"
		ur := useRuling{Use: u, Rule: rule, Conditions: cond}
		if v.proposed(u) {
			id, nu := v.readMapping(u, values, problems)
			ur.Use, ur.Proposed, ur.New = id, u, nu
		}
		for _, id := range []string{"review.default.cond_public", "review.default.cond_automated"} {
			if cond != "" && cond == v.t(id) {
				ur.Default = id
			}
		}
		ru.Uses = append(ru.Uses, ur)
	}
	if len(v.req.Facts().Uses()) == 0 {
		problems[""] = v.t("review.form.no_uses")
	}
	// 6.2: personal information in a public system is forbidden; approving such a use
	// takes an explicit override with its reason, which the audit log keeps.
	if v.publicPersonal() && allowed {
		if ru.Override = strings.TrimSpace(values[inputOverride]); ru.Override == "" {
			problems[inputOverride] = v.t("review.form.need_override")
		}
	}
	if !v.existing() {
		readNewSystem(v, values, today, aliasTaken, &ru, problems)
	}
	if d, ok := v.req.Facts().DeploymentDate(); ok {
		ru.Deployment = d.Format(requests.DateLayout)
	}
	dates := splitList(values[inputTraining])
	for _, s := range dates {
		d, err := time.Parse(requests.DateLayout, s)
		if err != nil {
			addProblem(problems, inputTraining, v.t("review.form.bad_date", map[string]any{"Value": s}))
			continue
		}
		ru.Training = append(ru.Training, d.Format(requests.DateLayout))
	}
	if len(dates) == 0 {
		problems[inputTraining] = v.t("review.form.no_training")
	}
	// The people to train (7), by e-mail: that is how the bot knows them on any channel.
	for _, who := range splitList(values[inputTrainees]) {
		if !text.IsEmail(who) {
			addProblem(problems, inputTrainees, v.t("review.form.bad_email", map[string]any{"Value": who}))
			continue
		}
		if key := strings.ToLower(who); key != v.req.RequesterKey && !slices.Contains(ru.Trainees, key) {
			ru.Trainees = append(ru.Trainees, key)
		}
	}
	b, err := json.Marshal(ru)
	if err != nil {
		problems[""] = err.Error()
	}
	return string(b), values, problems
}

// readNewSystem reads what the form asks of a new system only: its aliases, hosting
// and EFVP (6.3.2).
func readNewSystem(v view, values map[string]string, today time.Time, aliasTaken func(string) string, ru *ruling, problems map[string]string) {
	seen := map[string]bool{}
	for _, a := range strings.FieldsFunc(values[inputAliases], func(r rune) bool { return r == ',' || r == ';' || r == '\n' }) {
		a = strings.TrimSpace(a)
		c := text.Compact(a)
		switch {
		case c == "" || seen[c]:
			continue
		case len([]rune(c)) < 3:
			addProblem(problems, inputAliases, v.t("review.form.alias_short", map[string]any{"Value": a}))
			continue
		}
		if other := aliasTaken(a); other != "" {
			addProblem(problems, inputAliases, v.t("review.form.alias_taken", map[string]any{"Value": a, "System": other}))
			continue
		}
		seen[c] = true
		ru.Aliases = append(ru.Aliases, a)
	}
	var ok bool
	if ru.Hosting, ok = choiceValue(values[inputHosting], "review.hosting.", hostings); !ok {
		problems[inputHosting] = v.t("review.form.bad_hosting")
	}
	done, ok := yesNoValue(values[inputEFVPDone])
	if !ok {
		problems[inputEFVPDone] = v.t("review.form.bad_yes_no")
	}
	ru.EFVPDone = &done
	// The EFVP's date is the request's: done on it, or planned for it (6.3.2).
	if d, has := v.req.Facts().EFVPDate(); has && ok {
		switch {
		case done && d.After(today):
			problems[inputEFVPDone] = v.t("review.form.efvp_done_future", map[string]any{"Date": d.Format(requests.DateLayout)})
		default:
			ru.EFVPDate = d.Format(requests.DateLayout)
		}
	} else if done {
		problems[inputEFVPDone] = v.t("review.form.efvp_no_date")
	}
	next, err := time.Parse(requests.DateLayout, values[inputEFVPNext])
	switch {
	case err != nil:
		problems[inputEFVPNext] = v.t("review.form.bad_date", map[string]any{"Value": values[inputEFVPNext]})
	case !next.After(today):
		problems[inputEFVPNext] = v.t("review.form.past_efvp")
	default:
		ru.EFVPNextReview = next.Format(requests.DateLayout)
	}
}

// yesNoValue reads yes or no typed or picked, in either language.
func yesNoValue(raw string) (bool, bool) {
	switch text.FoldWords(raw) {
	case "yes", "oui", "o", "y", "realisee", "done":
		return true, true
	case "no", "non", "n", "planifiee", "planned":
		return false, true
	}
	return false, false
}

// addProblem adds what to correct in one field after what was found there already.
func addProblem(problems map[string]string, id, msg string) {
	if p := problems[id]; p != "" {
		msg = p + " " + msg
	}
	problems[id] = msg
}
