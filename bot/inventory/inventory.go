package inventory

import (
	"iter"
	"strings"
)

// Version is the only file version this package reads and writes.
const Version = 1

// Text is a short text in French and English.
type Text struct {
	FR string
	EN string
}

// In returns the text in lang ("en" for English, anything else French), falling back
// to the other language when that one is empty.
func (t Text) In(lang string) string {
	if strings.HasPrefix(lang, "en") {
		if t.EN != "" {
			return t.EN
		}
		return t.FR
	}
	if t.FR != "" {
		return t.FR
	}
	return t.EN
}

// IsZero reports whether both languages are empty.
func (t Text) IsZero() bool { return t.FR == "" && t.EN == "" }

// Keywords are the words and phrases that signal a use, per language.
type Keywords struct {
	FR []string
	EN []string
}

// Use is one type of use of the taxonomy.
type Use struct {
	ID       string
	Label    Text
	Keywords Keywords
	// AutomatedDecision marks a use that supports or makes a decision about a person:
	// it needs the privacy committee's approval, consent and human oversight (5.1.11).
	AutomatedDecision bool
	// Media marks the generation of images, video or audio, whose footprint calls for
	// the sobriety note of 5.1.6.
	Media bool
	// Disclosure is the noun phrase that fills the 5.1.7 wording ("la synthèse"); empty
	// means the label is quoted instead.
	Disclosure Text
}

// Restriction is a use allowed only under conditions.
type Restriction struct {
	Use        string
	Conditions Text
}

// System is one generative-AI system.
type System struct {
	ID           string
	Name         string
	Aliases      []string
	Kind         Kind
	Open         *bool // nil: not stated
	Specialized  *bool // nil: not stated
	Vendor       string
	Hosting      Hosting
	Status       Status
	StatusReason string
	EFVP         EFVP
	Permitted    []string
	Restricted   []Restriction
	Forbidden    []string
	// Effective lists uses approved but not yet in effect: before their date, their
	// training (7) or the system's EFVP (6.3.2), a permitted use answers restricted.
	Effective []Effective
}

// Effective says when a use of a system comes into effect: from a date (the
// deployment), after the last training session (7); a system whose EFVP is only
// planned (EFVP.Planned without Done) waits for it too (6.3.2). Zero dates are unset.
type Effective struct {
	Use        string
	From       Date
	TrainingBy Date
}

// EffectiveFor returns when the system's use comes into effect; ok is false when it
// has no such entry.
func (s *System) EffectiveFor(useID string) (Effective, bool) {
	for _, e := range s.Effective {
		if e.Use == useID {
			return e, true
		}
	}
	return Effective{}, false
}

// EFVP holds the dates of the privacy impact assessment (6.3.2); zero dates are unset.
type EFVP struct {
	Done       Date
	NextReview Date
	// Planned is the date an EFVP not done yet is planned for: the system's uses wait
	// for it (6.3.2).
	Planned Date
}

// Inventory is the whole file: the use taxonomy and the systems, in file order.
type Inventory struct {
	Version int
	Uses    []Use
	Systems []System
}

// Use returns the use with id, or nil.
func (inv *Inventory) Use(id string) *Use {
	for i := range inv.Uses {
		if inv.Uses[i].ID == id {
			return &inv.Uses[i]
		}
	}
	return nil
}

// System returns the system with id, or nil.
func (inv *Inventory) System(id string) *System {
	for i := range inv.Systems {
		if inv.Systems[i].ID == id {
			return &inv.Systems[i]
		}
	}
	return nil
}

// RuleFor returns how the system treats a use: its rule and, when restricted, the
// conditions. ok is false when the system does not list the use.
func (s *System) RuleFor(useID string) (rule Rule, conditions Text, ok bool) {
	for l := range s.Listings() {
		if l.Use == useID {
			return l.Rule, l.Conditions, true
		}
	}
	return "", Text{}, false
}

// Listing is one use a system lists, with its rule and, when restricted, the
// conditions.
type Listing struct {
	Use        string
	Rule       Rule
	Conditions Text
}

// Listings yields the uses the system lists in the inventory's order: permitted,
// restricted, then forbidden, each list in its own order. What shows or stores a
// system's rules follows it, so that they read and round-trip in one order.
func (s *System) Listings() iter.Seq[Listing] {
	return func(yield func(Listing) bool) {
		for _, u := range s.Permitted {
			if !yield(Listing{Use: u, Rule: Permitted}) {
				return
			}
		}
		for _, r := range s.Restricted {
			if !yield(Listing{Use: r.Use, Rule: Restricted, Conditions: r.Conditions}) {
				return
			}
		}
		for _, u := range s.Forbidden {
			if !yield(Listing{Use: u, Rule: Forbidden}) {
				return
			}
		}
	}
}

// Clone returns a deep copy, so that a caller can change it without touching an
// inventory that an engine or another goroutine reads.
func (inv *Inventory) Clone() *Inventory {
	out := &Inventory{Version: inv.Version}
	out.Uses = make([]Use, len(inv.Uses))
	for i, u := range inv.Uses {
		u.Keywords.FR = cloneStrings(u.Keywords.FR)
		u.Keywords.EN = cloneStrings(u.Keywords.EN)
		out.Uses[i] = u
	}
	out.Systems = make([]System, len(inv.Systems))
	for i, s := range inv.Systems {
		out.Systems[i] = s.Clone()
	}
	if len(inv.Uses) == 0 {
		out.Uses = nil
	}
	if len(inv.Systems) == 0 {
		out.Systems = nil
	}
	return out
}

// Clone returns a deep copy of the system.
func (s System) Clone() System {
	s.Aliases = cloneStrings(s.Aliases)
	s.Permitted = cloneStrings(s.Permitted)
	s.Forbidden = cloneStrings(s.Forbidden)
	if s.Effective != nil {
		s.Effective = append([]Effective(nil), s.Effective...)
	}
	if s.Restricted != nil {
		s.Restricted = append([]Restriction(nil), s.Restricted...)
	}
	if s.Open != nil {
		v := *s.Open
		s.Open = &v
	}
	if s.Specialized != nil {
		v := *s.Specialized
		s.Specialized = &v
	}
	return s
}

func cloneStrings(s []string) []string {
	if s == nil {
		return nil
	}
	return append([]string(nil), s...)
}
