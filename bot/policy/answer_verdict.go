package policy

import (
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

// verdict writes the answer to "may I use X for Y?", by the rule that decided.
func (w *writer) verdict() {
	r := w.r
	if r.ToolTypo {
		w.para(w.t("policy.typo"))
	}
	switch r.Rule {
	case 1:
		w.para(w.t("policy.no_tool"), w.t("policy.ask_tool"))
		w.approvedList()
		w.personalReminder()
		w.para(w.t("policy.doubt"))
	case 2:
		w.para(w.t("policy.status."+string(r.Status)), w.reason())
		w.alternatives()
		w.personalReminder()
	case 3:
		w.para(w.t("policy.not_approved"))
		w.alternatives()
		w.personalReminder()
		w.para(w.t("policy.request"))
	case 4:
		w.para(w.t("policy.personal_public"))
		w.privateAlternatives()
	case 5:
		w.para(w.t("policy.no_use"))
		w.useLists(false)
		w.para(w.t("policy.uses.unlisted"), w.t("policy.ask_use"))
		w.personalPrivate()
		w.para(w.t("policy.doubt"))
	case 6, 9:
		id := "policy.use_forbidden"
		if r.Rule == 9 {
			id = "policy.use_unlisted"
		}
		w.para(w.t(id))
		w.personalPrivate()
		w.alternatives()
	case 7, 8:
		w.allowed()
	}
	if len(r.OtherUses) > 0 && r.UseID != "" {
		others := make([]string, len(r.OtherUses))
		for i, u := range r.OtherUses {
			others[i] = w.t("policy.quoted", map[string]any{"Text": u.In(string(w.lang))})
		}
		w.para(w.t("policy.assumed", map[string]any{"Use": r.Use.In(string(w.lang)), "Others": w.join(others)}))
	}
	for _, o := range r.Others {
		w.para(w.t("policy.others", map[string]any{"Other": o.Tool,
			"Verdict": i18n.T(w.lang, "policy.verdict."+string(o.Verdict))}))
	}
}

// allowed writes a permitted or restricted answer, with the 5.1.11 requirements for
// an automated decision, then disclosure (5.1.7) and sobriety (5.1.6).
func (w *writer) allowed() {
	r := w.r
	switch {
	case r.Rule == 8 && r.AutomatedDecision:
		w.para(w.t("policy.automated"), w.t("policy.automated.conditions"))
	case r.Doubt:
		w.para(w.t("policy.doubt.why." + string(firstReason(r.DoubtReasons))))
		w.para(w.t("policy.restricted"), w.conditions(r.Conditions))
		w.privateAlternatives()
	case r.Verdict == Restricted:
		w.para(w.t("policy.restricted"), w.conditions(r.Conditions))
		if r.AutomatedDecision {
			w.para(w.t("policy.automated.also"), w.t("policy.automated.conditions"))
		}
	default:
		w.para(w.t("policy.permitted"))
	}
	w.personalPrivate()
	purpose := w.useNoun()
	w.para(w.t("policy.disclosure", map[string]any{"Purpose": purpose}))
	if r.Media {
		w.para(w.t("policy.sobriety"))
	}
	if r.Verdict == Restricted {
		w.para(w.t("policy.restricted.doubt"))
	}
	if r.Doubt {
		w.para(w.t("policy.doubt.ask"))
	}
}

func firstReason(rs []DoubtReason) DoubtReason {
	if len(rs) == 0 {
		return DoubtName
	}
	return rs[0]
}

func (w *writer) reason() string {
	if w.r.StatusReason == "" {
		return ""
	}
	return w.t("policy.status.reason", map[string]any{"Reason": strings.TrimSpace(w.r.StatusReason)})
}

// approvedList lists approved systems when no tool was named.
func (w *writer) approvedList() {
	switch {
	case len(w.r.Approved) > 0 && w.r.UseID != "":
		w.para(w.systemList(w.t("policy.approved.title_for_use"), w.r.Approved))
	case len(w.r.Approved) > 0:
		w.para(w.systemList(w.t("policy.approved.title"), w.r.Approved))
	case w.r.UseID != "":
		w.para(w.t("policy.approved.none_for_use"))
	}
}

// alternatives offers approved systems allowing the use (or any approved system
// when the use is unknown).
func (w *writer) alternatives() {
	alts := w.r.Alternatives
	switch {
	case len(alts) == 0 && w.r.UseID != "":
		w.para(w.t("policy.alternatives.none_for_use"))
	case len(alts) == 0:
	case w.r.PersonalData:
		w.para(w.systemList(w.t("policy.alternatives.private"), alts))
	case w.r.UseID != "":
		w.para(w.systemList(w.t("policy.alternatives.for_use"), alts))
	default:
		w.para(w.systemList(w.t("policy.alternatives.any"), alts))
	}
}

// privateAlternatives answers a forbidden use of personal data in a public system
// with the private secured systems that allow the use (6.2).
func (w *writer) privateAlternatives() {
	if len(w.r.Alternatives) == 0 {
		w.para(w.t("policy.private.none"))
		return
	}
	w.para(w.systemList(w.t("policy.private.intro"), w.r.Alternatives))
}

// personalReminder warns about personal data when no private system was involved.
func (w *writer) personalReminder() {
	if w.r.PersonalData {
		w.para(w.t("policy.personal_reminder"))
	}
}

// personalPrivate reminds that personal data is allowed only because the system is
// private and secured (6.2).
func (w *writer) personalPrivate() {
	if w.r.PersonalData && w.r.Kind == inventory.Private {
		w.para(w.t("policy.personal_private"))
	}
}

// Why explains a verdict step by step: each rule applied, with its section, and the
// conclusion. The chat engine shows it when the user asks "pourquoi ?" after an answer.
func Why(r Result, lang i18n.Lang) string {
	w := writer{lang: i18n.Parse(string(lang)), r: r}
	if len(r.Path) == 0 {
		return w.t("policy.why.nothing")
	}
	lines := []string{w.t("policy.why.title")}
	for i, st := range r.Path {
		text := w.t("policy.why."+st.Code, map[string]any{
			"Kind":   i18n.T(w.lang, "policy.kind."+string(r.Kind)),
			"Status": r.Status.Label(string(w.lang)),
		})
		ref := i18n.T(w.lang, "policy.why.ref", map[string]any{"List": w.join(st.Sections), "Count": len(st.Sections)})
		lines = append(lines, strconv.Itoa(i+1)+". "+strings.TrimSuffix(text, ".")+" "+ref+".")
	}
	w.para(lines...)
	w.para(w.t("policy.why.conclusion", map[string]any{"Verdict": i18n.T(w.lang, "policy.verdict."+string(r.Verdict))}))
	return w.String()
}
