package review

import (
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/cards"
)

// criteria are the elements CODIR-IN weighs under 6.3.3, checked from the request and,
// for what the request does not say (open model, specialised system, hosting), from
// the inventory's entry for the system when it has one. What neither says is left
// unchecked and marked "to verify", never guessed.
func criteria(v view) []cards.Check {
	f := v.req.Facts()
	kind := v.kind()
	public := kind == requests.KindPublic
	var open, specialized *bool
	hosting := ""
	if v.system != nil {
		open, specialized, hosting = v.system.Open, v.system.Specialized, v.system.Hosting
	}
	// What the inventory does not say, the requester may have (Annexe 1, step 3 b–d).
	if o, ok := f.Open(); ok && open == nil {
		open = &o
	}
	if sp, ok := f.Specialized(); ok && specialized == nil {
		specialized = &sp
	}
	if hosting == "" {
		hosting = f.Hosting()
	}
	check := func(id string, met bool, unknown bool) cards.Check {
		label := v.t("review.check." + id)
		if unknown {
			label += " " + v.t("review.check.unknown")
		}
		return cards.Check{Label: label, Met: met && !unknown}
	}
	_, hasEFVP := f.EFVPDate()
	out := []cards.Check{
		check("efvp", hasEFVP && f.EFVPDone(), false),
		check("private", kind == requests.KindPrivate, kind == ""),
		check("no_pi_public", !(public && f.PersonalData()), kind == ""),
		check("specialized", specialized != nil && *specialized, specialized == nil),
	}
	if f.AutomatedDecision() {
		out = append(out, check("open", open != nil && *open, open == nil))
	}
	if f.PersonalData() {
		out = append(out, check("hosting", hosting == "quebec" || hosting == "canada", hosting == ""))
	}
	return append(out, check("training", trainingBeforeDeployment(f), false))
}

// trainingBeforeDeployment reports a training calendar whose sessions all come before
// the planned deployment (7, Annexe 1).
func trainingBeforeDeployment(f requests.Facts) bool {
	dates := f.TrainingDates()
	if len(dates) == 0 {
		return false
	}
	deploy, ok := f.DeploymentDate()
	return !ok || !dates[len(dates)-1].After(deploy)
}

// days lists calendar dates.
func (v view) days(ds []time.Time) string {
	out := make([]string, len(ds))
	for i, d := range ds {
		out[i] = v.day(d)
	}
	return strings.Join(out, ", ")
}
