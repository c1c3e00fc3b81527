package review

import (
	"regexp"
	"strings"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
)

// A use the requester named that the taxonomy lacks is a proposed use: the approval
// form makes CODIR-IN map it to a use of the taxonomy or create one explicitly (id,
// labels and keywords in both languages, whether it supports a decision about a
// person), never a use made from the words of the request.

const (
	inputMap = "map:" // the taxonomy's use a proposed use is, or « nouveau »
	inputNew = "new:" // the definition of the use created for it
)

var (
	newWords  = map[string]bool{"nouveau": true, "nouvel usage": true, "new": true, "new use": true, "creer": true, "create": true}
	useIDRe   = regexp.MustCompile(`^[a-z0-9][a-z0-9_-]{0,63}$`)
	defLineRe = regexp.MustCompile(`^\s*([^:]+?)\s*:\s*(.*)$`)
)

// proposed reports whether the request's use u is not in the taxonomy.
func (v view) proposed(u string) bool {
	_, ok := v.uses[u]
	return !ok
}

// mapFields are the form's fields for proposed use u.
func (v view) mapFields(u string, values map[string]string, field func(cards.Input)) {
	field(cards.Input{ID: inputMap + u, Label: v.t("review.form.map", map[string]any{"Use": u}), Required: true,
		Placeholder: v.t("review.form.map_hint")})
	if newWords[text.FoldWords(values[inputMap+u])] {
		field(cards.Input{ID: inputNew + u, Label: v.t("review.form.new_use", map[string]any{"Use": u}), Multiline: true,
			Placeholder: v.t("review.form.new_use_hint")})
	}
}

// readMapping reads what proposed use u becomes: an existing use's id, or a new use.
// problem is what to correct, by input id.
func (v view) readMapping(u string, values map[string]string, problems map[string]string) (string, *workflow.NewUse) {
	raw := strings.TrimSpace(values[inputMap+u])
	switch {
	case raw == "":
		problems[inputMap+u] = v.t("review.form.need_map", map[string]any{"Use": u})
		return "", nil
	case newWords[text.FoldWords(raw)]:
		nu, msg := v.readNewUse(values[inputNew+u])
		if msg != "" {
			problems[inputNew+u] = v.t("review.form.bad_new_use", map[string]any{"Use": u, "Problem": msg})
			return "", nil
		}
		return nu.ID, nu
	}
	want := text.FoldWords(raw)
	for id, l := range v.uses {
		if want == text.FoldWords(id) || want == text.FoldWords(l.LabelFR) || want == text.FoldWords(l.LabelEN) {
			return id, nil
		}
	}
	problems[inputMap+u] = v.t("review.form.unknown_use", map[string]any{"Value": raw})
	return "", nil
}

// readNewUse reads a new use's definition, one « clé : valeur » per line: id, fr, en,
// mots-clés fr / keywords fr, mots-clés en / keywords en, décision automatisée /
// automated decision (oui/non). It returns what is wrong, or "".
func (v view) readNewUse(def string) (*workflow.NewUse, string) {
	nu := &workflow.NewUse{}
	auto := ""
	for _, line := range strings.Split(def, "\n") {
		m := defLineRe.FindStringSubmatch(line)
		if m == nil {
			continue
		}
		val := strings.TrimSpace(m[2])
		switch text.FoldWords(m[1]) {
		case "id":
			nu.ID = strings.ToLower(val)
		case "fr", "libelle fr", "label fr":
			nu.LabelFR = val
		case "en", "libelle en", "label en":
			nu.LabelEN = val
		case "mots cles fr", "keywords fr":
			nu.KeywordsFR = keywords(val)
		case "mots cles en", "keywords en":
			nu.KeywordsEN = keywords(val)
		case "decision automatisee", "automated decision", "automated":
			auto = val
		}
	}
	automated, okAuto := yesNoValue(auto)
	nu.AutomatedDecision = automated
	switch {
	case !useIDRe.MatchString(nu.ID):
		return nil, v.t("review.form.new_use_id")
	case v.uses[nu.ID].ID != "":
		return nil, v.t("review.form.new_use_taken", map[string]any{"ID": nu.ID})
	case nu.LabelFR == "" || nu.LabelEN == "":
		return nil, v.t("review.form.new_use_labels")
	case len(nu.KeywordsFR) == 0 || len(nu.KeywordsEN) == 0:
		return nil, v.t("review.form.new_use_keywords")
	case !okAuto:
		return nil, v.t("review.form.new_use_automated")
	}
	return nu, ""
}

func keywords(s string) []string {
	var out []string
	for _, k := range strings.Split(s, ",") {
		if k = strings.TrimSpace(k); k != "" {
			out = append(out, k)
		}
	}
	return out
}
