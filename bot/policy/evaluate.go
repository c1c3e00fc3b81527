package policy

import (
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

// Evaluate answers a question. The rules apply in this order, the first that decides
// ending the evaluation:
//
//  1. no GenAI tool recognised → needs_clarification (the approved tools are listed);
//  2. the tool is in the inventory with a status other than approved → not_approved (6.1);
//  3. the tool is not in the inventory but in the Catalogue → not_approved (6.1, 8);
//  4. personal or confidential data with a public system → forbidden (6.2), whatever the use;
//  5. no use recognised → needs_clarification (the system's uses are listed);
//  6. the use is forbidden on the system → forbidden (6.1);
//  7. the use is restricted → restricted, with its conditions (6.1);
//  8. the use is permitted → permitted, but restricted for an automated decision (5.1.11);
//  9. a known use the system does not list → forbidden (6.1).
//
// Personal data with a private system does not block (6.2) but is recorded in the path.
// userLang is the answer language when the question's own language cannot be told.
// Evaluate is safe for concurrent use.
//
// A question that names several tools is answered for each (the object of its verb
// first, see tools): the strictest answer is given, so that a "permitted" for one
// never hides a "forbidden" for another, and the others are listed in Others.
func (e *Engine) Evaluate(question string, userLang i18n.Lang) Result {
	return e.EvaluateAnalysis(e.Analyze(question), userLang)
}

// EvaluateAnalysis is Evaluate on a question this engine has already analysed (its
// Analyze): a caller that analysed the question to decide whether it is one (the Q&A's
// intent matcher) does not read it a second time.
func (e *Engine) EvaluateAnalysis(a Analysis, userLang i18n.Lang) Result {
	r := e.evaluate(a, userLang)
	if len(a.others) == 0 {
		return r
	}
	all := []Result{r}
	for _, m := range a.others {
		b := a
		e.setTool(&b, m)
		if b.Tool == r.Tool {
			continue
		}
		all = append(all, e.evaluate(b, userLang))
	}
	best := 0
	for i, x := range all {
		if strictness(x.Verdict) > strictness(all[best].Verdict) {
			best = i
		}
	}
	r = all[best]
	for i, x := range all {
		if i != best && x.Tool != r.Tool {
			r.Others = append(r.Others, OtherTool{Tool: x.Tool, SystemID: x.SystemID, Verdict: x.Verdict})
		}
	}
	return r
}

// strictness orders verdicts from the most permissive to the strictest.
func strictness(v Verdict) int {
	switch v {
	case Permitted:
		return 1
	case Restricted:
		return 2
	case NotApproved:
		return 3
	case Forbidden:
		return 4
	}
	return 0
}

func (e *Engine) evaluate(a Analysis, userLang i18n.Lang) Result {
	r := Result{
		Intent: a.Intent, Lang: a.Lang, Tool: a.Tool, ToolTypo: a.Typo, Redacted: a.Redacted,
		PersonalData: len(a.Personal) > 0, PersonalDataKinds: a.Personal,
	}
	if r.Lang == "" {
		r.Lang = i18n.Parse(string(userLang))
	}
	if len(a.Uses) > 1 {
		if a.System >= 0 {
			a.Use = e.strictest(&e.inv.Systems[a.System], a.Uses)
		} else {
			a.Use = e.leastAllowed(a.Uses)
		}
	}
	for _, u := range a.Uses {
		if u != a.Use && len(a.Uses) > 1 {
			r.OtherUses = append(r.OtherUses, e.inv.Uses[u].Label)
		}
	}
	var use *inventory.Use
	if a.Use >= 0 {
		use = &e.inv.Uses[a.Use]
		r.UseID, r.Use, r.Disclosure = use.ID, use.Label, use.Disclosure
		r.AutomatedDecision, r.Media = use.AutomatedDecision, use.Media
	}
	e.decide(&r, a, use)
	e.doubt(&r, a, use)
	r.Sections = sections(&r)
	return r
}

// EvaluateAssuming answers a question as Evaluate does, but with the person's own
// answer to the doubt (« Votre texte contient-il des renseignements sur une personne
// identifiable ? »): personal makes it a question with personal information, !personal
// one without, and no doubt is left either way.
func (e *Engine) EvaluateAssuming(question string, userLang i18n.Lang, personal bool) Result {
	r := e.Evaluate(question, userLang)
	if r.Doubt || personal != r.PersonalData {
		a := e.Analyze(question)
		a.Doubt = nil
		if personal && len(a.Personal) == 0 {
			a.Personal = []PIIKind{PIIPersonalInfo}
		}
		if !personal {
			a.Personal = nil
		}
		r = e.evaluate(a, userLang)
	}
	return r
}

// doubt turns an allowed answer on a public system into a restricted one when the
// question shows weak signals of personal information only (6.2: in doubt, abstain
// or ask): the use is allowed only without personal information, the private systems
// that allow it are named, and the person is asked.
func (e *Engine) doubt(r *Result, a Analysis, use *inventory.Use) {
	if len(a.Doubt) == 0 || r.PersonalData || r.Kind != inventory.Public || r.SystemID == "" ||
		(r.Verdict != Permitted && r.Verdict != Restricted) {
		return
	}
	r.Doubt, r.DoubtReasons = true, a.Doubt
	r.step(r.Rule, "doubt", "6.2")
	r.decide(Restricted, r.Rule)
	if r.Conditions.FR == "" && r.Conditions.EN == "" {
		r.Conditions = DoubtCondition
	} else {
		r.Conditions = inventory.Text{FR: r.Conditions.FR + " " + DoubtCondition.FR, EN: r.Conditions.EN + " " + DoubtCondition.EN}
	}
	r.Alternatives = e.approvedFor(use, true, r.SystemID)
}

func (r *Result) step(rule int, code string, sections ...string) {
	r.Path = append(r.Path, Step{Rule: rule, Code: code, Sections: sections})
}

func (r *Result) decide(v Verdict, rule int) { r.Verdict, r.Rule = v, rule }

func (e *Engine) decide(r *Result, a Analysis, use *inventory.Use) {
	switch {
	case a.Tool == "": // rule 1
		r.step(1, "no_tool", "6.1")
		r.decide(NeedsClarification, 1)
		r.Approved = e.approvedFor(use, r.PersonalData, "")
		return
	case a.System < 0: // rule 3: a known public tool absent from the inventory
		r.Kind = inventory.Public
		r.step(1, "tool_catalogue", "6.1")
		r.step(3, "not_in_inventory", "6.1", "8")
		r.decide(NotApproved, 3)
		r.Alternatives = e.approvedFor(use, r.PersonalData, "")
		return
	}
	s := &e.inv.Systems[a.System]
	r.SystemID, r.Kind, r.Hosting, r.Status, r.StatusReason = s.ID, s.Kind, s.Hosting, s.Status, s.StatusReason
	r.step(1, "tool_inventory", "6.1")
	if s.Status != inventory.Approved { // rule 2
		r.step(2, "status_"+string(s.Status), "6.1")
		r.decide(NotApproved, 2)
		r.Alternatives = e.approvedFor(use, r.PersonalData, s.ID)
		return
	}
	r.step(2, "status_approved", "6.1")
	if r.PersonalData { // rule 4
		if s.Kind != inventory.Private {
			r.step(4, "personal_public", "6.2")
			r.decide(Forbidden, 4)
			r.Alternatives = e.approvedFor(use, true, s.ID)
			return
		}
		r.step(4, "personal_private", "6.2", "3.8")
	}
	if use == nil { // rule 5
		r.step(5, "no_use", "6.1")
		r.decide(NeedsClarification, 5)
		r.Uses = e.systemUses(s)
		return
	}
	rule, cond, listed := s.RuleFor(use.ID)
	switch {
	case listed && rule == inventory.Forbidden: // rule 6
		r.step(6, "use_forbidden", "6.1")
		r.decide(Forbidden, 6)
		r.Alternatives = e.approvedFor(use, r.PersonalData, s.ID)
	case listed && rule == inventory.Restricted: // rule 7
		r.step(7, "use_restricted", "6.1")
		r.decide(Restricted, 7)
		r.Conditions = cond
		if use.AutomatedDecision {
			r.step(7, "automated_decision", "5.1.11", "8")
		}
	case listed && rule == inventory.Permitted: // rule 8
		r.step(8, "use_permitted", "6.1")
		r.decide(Permitted, 8)
		if use.AutomatedDecision {
			r.step(8, "automated_decision", "5.1.11", "8")
			r.decide(Restricted, 8)
		}
	default: // rule 9: 6.1, a use outside the authorised types is forbidden
		r.step(9, "use_unlisted", "6.1")
		r.decide(Forbidden, 9)
		r.Alternatives = e.approvedFor(use, r.PersonalData, s.ID)
	}
}

// sections gathers the sections of the path, then those the answer adds: disclosure
// (5.1.7) and sobriety (5.1.6) for an allowed use, the approval request (6.3.1) for a
// tool not approved, and the duty to ask and abstain when in doubt (6.2).
func sections(r *Result) []string {
	var out []string
	add := func(ss ...string) {
		for _, s := range ss {
			dup := false
			for _, o := range out {
				dup = dup || o == s
			}
			if !dup {
				out = append(out, s)
			}
		}
	}
	// The deciding rule first, then the rest of the path.
	for i := len(r.Path) - 1; i >= 0; i-- {
		if r.Path[i].Rule == r.Rule {
			add(r.Path[i].Sections...)
		}
	}
	for _, st := range r.Path {
		add(st.Sections...)
	}
	if r.PersonalData {
		add("6.2")
	}
	switch r.Verdict {
	case Permitted, Restricted:
		add("5.1.7")
		if r.Media {
			add("5.1.6")
		}
	case NotApproved:
		if r.Rule == 3 {
			add("6.3.1")
		}
	case NeedsClarification:
		add("6.2")
	}
	return out
}

// Approved lists the approved systems, private ones first.
func (e *Engine) Approved() []SystemRef { return e.approvedFor(nil, false, "") }
