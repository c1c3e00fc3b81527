package review

import (
	"regexp"
	"strconv"
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
)

// absence is « je serai absent du 2027-01-10 au 2027-01-24, déléguer à
// marie.roy@… » as typed: the person (empty for oneself) and the delegate as written
// (an e-mail or a name; empty when none), and the complete dates found, in order.
type absence struct {
	Person   string
	Delegate string
	Dates    []time.Time
}

var (
	// awayRe finds who will be away: « je serai absente », « Paul Roy sera absent »,
	// "I'll be away", "paul.roy@… will be on leave".
	awayRe = regexp.MustCompile(`(?i)^\s*(.*?)\s*(?:\b(?:serai|sera|will\s+be)|['’]ll\s+be)\s+(?:absente?s?|away|off|absent|en\s+cong[ée]|on\s+leave)\b`)
	// delegateRe finds the delegate: « déléguer à », « délégué à », « remplacé par »,
	// "delegate to", "replaced by", "covered by".
	delegateRe = regexp.MustCompile(`(?i)(?:\bd[ée]l[ée]guer?\s+(?:à|a)|\bd[ée]l[ée]gu[ée]e?s?\s+(?:à|a)|\bremplac[ée]e?\s+par|\bdelegate\s+to|\bdelegating\s+to|\breplaced\s+by|\bcovered\s+by)\s+(.+)$`)
	selfWords  = conversations.Phrases{"je", "j", "i", "moi je"}.Compile()
	// cancelSelf end one's own delegation; cancelOther an administrator's for someone.
	cancelSelf = conversations.Phrases{"annuler ma delegation", "annule ma delegation", "annuler mon absence",
		"je suis de retour", "fin de ma delegation", "cancel my delegation", "cancel my absence", "end my delegation",
		"i m back", "i am back"}.Compile()
	cancelOtherRe = regexp.MustCompile(`(?i)^\s*(?:annuler\s+la\s+d[ée]l[ée]gation\s+(?:de|d['’])\s*(.+?)|cancel\s+the\s+delegation\s+of\s+(.+?)|cancel\s+(.+?)['’]s\s+delegation)\s*[.!]?\s*$`)
)

// parseAbsence reads an absence; ok is false when text does not say someone will be
// away.
func parseAbsence(raw string, now time.Time) (absence, bool) {
	if strings.HasSuffix(strings.TrimSpace(raw), "?") || !mayBeAway(raw) {
		return absence{}, false
	}
	m := awayRe.FindStringSubmatchIndex(raw)
	if m == nil {
		return absence{}, false
	}
	var a absence
	who := strings.TrimSpace(raw[m[2]:m[3]])
	if !selfWords.Exact(text.FoldWords(who)) {
		// A name or an e-mail, not a sentence that happens to say « sera absent ».
		if who == "" || (text.FindEmail(who) == "" && len(strings.Fields(who)) > 4) {
			return absence{}, false
		}
		a.Person = who
	}
	rest := raw[m[1]:]
	if d := delegateRe.FindStringSubmatchIndex(rest); d != nil {
		a.Delegate = strings.TrimRight(strings.TrimSpace(rest[d[2]:d[3]]), ".,;!? ")
		if e := text.FindEmail(a.Delegate); e != "" {
			a.Delegate = e
		}
		rest = rest[:d[0]]
	}
	if e := text.FindEmail(a.Person); e != "" {
		a.Person = e
	}
	for _, d := range text.FindDates(text.FoldWords(rest), now.UTC()) {
		if !d.Invalid && !d.NoYear && (d.Form == text.DateISO || d.Form == text.DateWritten) {
			a.Dates = append(a.Dates, d.Time)
		}
	}
	return a, true
}

// parseCancel reads « annuler ma délégation » (person empty: oneself) or an
// administrator's « annuler la délégation de Paul Roy ».
func parseCancel(raw string) (person string, ok bool) {
	return parseCancelFolded(raw, text.FoldWords(raw))
}

// parseCancelFolded is parseCancel for a caller that has folded raw already
// (text.FoldWords(raw): the turn's Session.Folded).
func parseCancelFolded(raw, folded string) (person string, ok bool) {
	if cancelSelf.Exact(folded) {
		return "", true
	}
	if head := strings.TrimLeft(raw, "\t\n\f\r "); !hasPrefixFold(head, "annuler") && !hasPrefixFold(head, "cancel") {
		return "", false // what cancelOtherRe would say, without running it on every turn
	}
	m := cancelOtherRe.FindStringSubmatch(raw)
	if m == nil {
		return "", false
	}
	for _, g := range m[1:] {
		if g = strings.TrimSpace(g); g != "" {
			if e := text.FindEmail(g); e != "" {
				return e, true
			}
			return g, true
		}
	}
	return "", false
}

// reassignment is « réassigner la demande 12 à marie.roy@… — motif : congé » or « …
// au rôle cprpsi — motif … » as typed.
type reassignment struct {
	ID     uint
	Member string // an e-mail or a name
	Role   string // a review role (config's name)
	Reason string
}

var (
	reassignRe   = regexp.MustCompile(`(?i)^\s*(?:r[ée]assigner|reassign)\s+(?:la\s+demande|the\s+request|request)\s*(?:n[°o]\s*)?#?\s*(\d+)\s+(?:à|a|au|to)\s+(.+)$`)
	reasonPrefix = conversations.Phrases{"motif", "raison", "reason", "because", "parce que", "car"}
	rolePrefix   = conversations.Phrases{"le role", "the role", "role de", "role du", "role", "comite"}
)

// parseReassign reads a reassignment; ok is false when text is not one. Member and
// Role may both be empty (a target not understood), Reason too (asked for).
func parseReassign(raw string) (reassignment, bool) {
	m := reassignRe.FindStringSubmatch(raw)
	if m == nil {
		return reassignment{}, false
	}
	id, err := strconv.ParseUint(m[1], 10, 32)
	if err != nil || id == 0 {
		return reassignment{}, false
	}
	out := reassignment{ID: uint(id)}
	target, reason := splitReassign(m[2])
	out.Reason = reason
	if e := text.FindEmail(target); e != "" {
		out.Member = e
		return out, true
	}
	folded := text.FoldWords(target)
	bare := strings.TrimSuffix(folded, " role")
	if rest, ok := rolePrefix.Prefix(bare); ok {
		bare = rest
	}
	for _, article := range []string{"the ", "du ", "de ", "la ", "le "} {
		bare = strings.TrimPrefix(bare, article)
	}
	if role, ok := roleNames[bare]; ok {
		out.Role = role
		return out, true
	}
	out.Member = strings.TrimSpace(target)
	return out, true
}

// splitReassign cuts « marie.roy@… — motif : congé » into the target and the reason:
// at a dash set apart, else at « motif » / "reason"; the e-mail's dots and a name's
// hyphen stay.
func splitReassign(s string) (target, reason string) {
	cut, width := -1, 0
	for _, sep := range []string{"—", "–", " - ", ";", ","} {
		if i := strings.Index(s, sep); i >= 0 && (cut < 0 || i < cut) {
			cut, width = i, len(sep)
		}
	}
	lower := strings.ToLower(s)
	for _, w := range []string{" motif", " raison", " reason"} {
		if i := strings.Index(lower, w); i >= 0 && (cut < 0 || i < cut) {
			cut, width = i, 0
		}
	}
	if cut < 0 {
		return strings.TrimSpace(s), ""
	}
	target, reason = strings.TrimSpace(s[:cut]), strings.TrimSpace(s[cut+width:])
	folded := text.FoldWords(reason)
	if rest, ok := reasonPrefix.Prefix(folded); ok && rest != folded {
		// Drop « motif : » and keep the reason as typed (its accents, its case).
		words := len(strings.Fields(folded)) - len(strings.Fields(rest))
		reason = strings.TrimSpace(strings.TrimLeft(dropWords(reason, words), " :—–-"))
	}
	return target, reason
}

// dropWords removes the first n words of s.
func dropWords(s string, n int) string {
	for range n {
		s = strings.TrimLeft(s, " :—–-")
		i := strings.IndexAny(s, " :")
		if i < 0 {
			return ""
		}
		s = s[i:]
	}
	return s
}

// mayBeAway is false when raw cannot match awayRe, which every turn would otherwise
// run (backtracking over the whole text): the expression needs « sera » (« serai »),
// "will" or "'ll", then one of the words of absence. (?i) matches letters by Unicode
// case folding, which for these letters adds only the long s (ſ) to ASCII case: a text
// holding one goes to the expression (TestFoldedLettersAreASCII).
func mayBeAway(raw string) bool {
	if strings.Contains(raw, "ſ") {
		return true
	}
	return (containsFold(raw, "sera") || containsFold(raw, "will") || containsFold(raw, "ll")) &&
		(containsFold(raw, "absent") || containsFold(raw, "away") || containsFold(raw, "off") ||
			containsFold(raw, "cong") || containsFold(raw, "leave"))
}

// containsFold reports whether s contains sub (lower-case ASCII letters and spaces)
// whatever the case.
func containsFold(s, sub string) bool {
	for i := 0; i+len(sub) <= len(s); i++ {
		if hasPrefixFold(s[i:], sub) {
			return true
		}
	}
	return false
}

// hasPrefixFold reports whether s starts with sub (lower-case ASCII) whatever the case.
func hasPrefixFold(s, sub string) bool {
	return len(s) >= len(sub) && strings.EqualFold(s[:len(sub)], sub)
}
