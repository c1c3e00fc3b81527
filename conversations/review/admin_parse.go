package review

import (
	"strings"
	"time"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/conversations"
)

// adminCmd is an administrator's change to the inventory (6.1, 8), as typed and then
// resolved; it waits in the dialog state until confirmed.
type adminCmd struct {
	Op string `json:"op"` // suspend | withdraw | restore | permit | restrict | forbid
	// System and Use are as typed; SystemID, SystemName and UseID once resolved.
	System     string `json:"system"`
	Use        string `json:"use,omitempty"`
	SystemID   string `json:"system_id,omitempty"`
	SystemName string `json:"system_name,omitempty"`
	UseID      string `json:"use_id,omitempty"`
	// Reason is why; for a restriction it is also the conditions.
	Reason string `json:"reason"`
	// Class is what « reclasser » sets.
	Class *workflow.Classification `json:"class,omitempty"`
	// Delegation and Assign are what « je serai absent … » and « réassigner la
	// demande … » record once confirmed (ops "delegate", "reassign"; #19).
	Delegation *workflow.Delegation `json:"delegation,omitempty"`
	Assign     *workflow.Assignment `json:"assign,omitempty"`
	Nonce      string               `json:"nonce"`
	At         time.Time            `json:"at"`
}

// statusOps are the commands on a system, by their first word, and the status each sets.
var (
	statusOps = map[string]string{"suspendre": "suspend", "suspend": "suspend", "retirer": "withdraw",
		"withdraw": "withdraw", "retablir": "restore", "reactiver": "restore", "restore": "restore", "reinstate": "restore"}
	opStatus = map[string]string{"suspend": "suspended", "withdraw": "withdrawn", "restore": "approved"}
	useOps   = []struct {
		phrases conversations.Phrases
		op      string
	}{
		{conversations.Phrases{"interdire l usage", "interdire l utilisation", "forbid use", "forbid the use"}, "forbid"},
		{conversations.Phrases{"permettre l usage", "permettre l utilisation", "autoriser l usage", "autoriser l utilisation",
			"allow use", "allow the use", "permit use", "permit the use"}, "permit"},
		{conversations.Phrases{"restreindre l usage", "restreindre l utilisation", "restrict use", "restrict the use"}, "restrict"},
	}
	opRule = map[string]string{"forbid": "forbidden", "permit": "permitted", "restrict": "restricted"}
	// useSeparators split "U pour X": the last one wins, since use labels may hold them.
	useSeparators = []string{" pour ", " for ", " dans ", " in ", " avec ", " with ", " sur ", " on "}
)

// parseAdmin reads an administrator's command: "suspendre ChatGPT — incident du
// 2026-11-20", "retirer X — raison", "rétablir X — raison", "interdire / permettre /
// restreindre l'usage U pour X — raison ou conditions", and their English forms. The
// reason follows a dash, a colon or a semicolon; it may be missing here (the handler
// asks for it). ok is false when the text is not such a command.
func parseAdmin(cmd string) (adminCmd, bool) {
	if c, _, ok := parseReclass(cmd); ok {
		return c, c.System != ""
	}
	head, reason := splitReason(cmd)
	folded := text.FoldWords(head)
	for _, u := range useOps {
		for _, p := range u.phrases {
			rest, ok := conversations.Phrases{p}.Prefix(folded)
			if !ok || rest == "" {
				continue
			}
			use, system, ok := splitLast(rest)
			if !ok {
				return adminCmd{}, false
			}
			for _, article := range []string{"de ", "du ", "des ", "d ", "of ", "the "} {
				use = strings.TrimPrefix(use, article)
			}
			return adminCmd{Op: u.op, Use: use, System: system, Reason: reason}, true
		}
	}
	first, rest, _ := strings.Cut(folded, " ")
	op, ok := statusOps[first]
	if !ok || strings.TrimSpace(rest) == "" {
		return adminCmd{}, false
	}
	return adminCmd{Op: op, System: strings.TrimSpace(rest), Reason: reason}, true
}

// splitReason cuts text at the first dash, colon or semicolon set apart as such (not
// the hyphens of a date or a name).
func splitReason(text string) (head, reason string) {
	cut := -1
	width := 0
	for _, sep := range []string{"—", "–", " - ", ":", ";"} {
		if i := strings.Index(text, sep); i >= 0 && (cut < 0 || i < cut) {
			cut, width = i, len(sep)
		}
	}
	if cut < 0 {
		return text, ""
	}
	return text[:cut], strings.TrimSpace(text[cut+width:])
}

// splitLast cuts folded "U pour X" at the last separator.
func splitLast(s string) (use, system string, ok bool) {
	best := -1
	width := 0
	for _, sep := range useSeparators {
		if i := strings.LastIndex(" "+s+" ", sep); i > best {
			best, width = i, len(sep)
		}
	}
	padded := " " + s + " "
	if best < 0 {
		return "", "", false
	}
	use, system = strings.TrimSpace(padded[:best]), strings.TrimSpace(padded[best+width:])
	return use, system, use != "" && system != ""
}
