package workflow

import (
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
)

// ConditionKind is one of the procedure's usual conditions on an approval, or Other
// for a condition typed by the committee.
type ConditionKind string

// The usual conditions of an approval with conditions, each resting on its section.
const (
	CondNoPersonal  ConditionKind = "no_personal"  // no personal information nor confidential data (6.2)
	CondHumanReview ConditionKind = "human_review" // outputs reviewed by a person (5.1.9, 5.1.11)
	CondDisclosure  ConditionKind = "disclosure"   // the use is disclosed (5.1.7)
	CondPrivateOnly ConditionKind = "private_only" // in a private secured system only (6.2)
	CondTrainedOnly ConditionKind = "trained_only" // by trained users only (7)
	CondEFVPBy      ConditionKind = "efvp_by"      // the EFVP revised by Date (6.3.2)
	CondPilot       ConditionKind = "pilot"        // a pilot in Schools until Date
	CondOther       ConditionKind = "other"        // typed: TextFR and TextEN
)

// ConditionKinds lists the kinds in the order forms offer them.
var ConditionKinds = []ConditionKind{CondNoPersonal, CondHumanReview, CondDisclosure, CondPrivateOnly, CondTrainedOnly,
	CondEFVPBy, CondPilot, CondOther}

var conditionSections = map[ConditionKind][]string{
	CondNoPersonal: {"6.2"}, CondHumanReview: {"5.1.9", "5.1.11"}, CondDisclosure: {"5.1.7"},
	CondPrivateOnly: {"6.2"}, CondTrainedOnly: {"7"}, CondEFVPBy: {"6.3.2"}, CondPilot: {"6.3.3"},
}

// Condition is one condition of an approval, as data: its kind and what the kind
// needs (a date, the schools of a pilot, or the typed text in French and English).
type Condition struct {
	Kind    ConditionKind `json:"kind"`
	Date    string        `json:"date,omitempty"` // YYYY-MM-DD: efvp_by, pilot
	Schools []string      `json:"schools,omitempty"`
	TextFR  string        `json:"fr,omitempty"`
	TextEN  string        `json:"en,omitempty"`
}

// Why a condition is refused.
var (
	ErrConditionKind    = errors.New("workflow: unknown condition")
	ErrConditionDate    = errors.New("workflow: the condition needs a date YYYY-MM-DD")
	ErrConditionSchools = errors.New("workflow: a pilot names its schools")
	ErrConditionText    = errors.New("workflow: a typed condition needs its text")
)

// Validate reports what the condition lacks, or nil.
func (c Condition) Validate() error {
	switch c.Kind {
	case CondNoPersonal, CondHumanReview, CondDisclosure, CondPrivateOnly, CondTrainedOnly:
		return nil
	case CondEFVPBy, CondPilot:
		if _, err := time.Parse(requests.DateLayout, c.Date); err != nil {
			return fmt.Errorf("%s: %w", c.Kind, ErrConditionDate)
		}
		if c.Kind == CondPilot && len(c.Schools) == 0 {
			return ErrConditionSchools
		}
		return nil
	case CondOther:
		if strings.TrimSpace(c.TextFR) == "" && strings.TrimSpace(c.TextEN) == "" {
			return ErrConditionText
		}
		return nil
	}
	return fmt.Errorf("%q: %w", c.Kind, ErrConditionKind)
}

// Text is the condition's wording in lang. A typed condition given in one language
// only is shown as typed in the other, rather than machine-translated.
func (c Condition) Text(lang i18n.Lang) string {
	if c.Kind == CondOther {
		fr, en := strings.TrimSpace(c.TextFR), strings.TrimSpace(c.TextEN)
		if (lang == i18n.EN && en != "") || fr == "" {
			return en
		}
		return fr
	}
	return i18n.T(lang, "votes.condition."+string(c.Kind), map[string]any{"Date": c.Date,
		"Schools": strings.Join(c.Schools, ", ")})
}

// Sections are the sections of procedure 30-02 the condition rests on.
func (c Condition) Sections() []string { return append([]string(nil), conditionSections[c.Kind]...) }

func (c Condition) key() string {
	return strings.Join([]string{string(c.Kind), c.Date, strings.Join(c.Schools, ","), c.TextFR, c.TextEN}, "\x00")
}

// ConditionsText is conditions in lang, separated by semicolons, as the inventory
// stores a restricted use's conditions.
func ConditionsText(conds []Condition, lang i18n.Lang) string {
	parts := make([]string, 0, len(conds))
	for _, c := range conds {
		if t := c.Text(lang); t != "" {
			parts = append(parts, t)
		}
	}
	return strings.Join(parts, " ; ")
}

// UnionConditions is every condition of lists once, in the order first met: the
// conditions of a committee's approval are those of all its members who approved
// with conditions.
func UnionConditions(lists ...[]Condition) []Condition {
	seen := map[string]bool{}
	var out []Condition
	for _, l := range lists {
		for _, c := range l {
			if k := c.key(); !seen[k] {
				seen[k] = true
				out = append(out, c)
			}
		}
	}
	return out
}
