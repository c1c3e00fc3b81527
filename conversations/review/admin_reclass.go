package review

import (
	"context"
	"errors"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// An administrator changes a system's classification with « reclasser ChatGPT : privé
// sécurisé, hébergé au Canada — motif » (English: "reclassify ChatGPT: private secured
// — reason"): an approval never does (workflow.PlanApproval). Like every change of the
// inventory it is confirmed, applies at once and is audited, here with every field of
// the classification before and after.

// reclassWords are the first words of the command.
var reclassWords = map[string]bool{"reclasser": true, "reclassify": true, "reclassifier": true}

// classWords are the classification a folded phrase sets.
var classWords = []struct {
	phrases conversations.Phrases
	set     func(*workflow.Classification)
}{
	{conversations.Phrases{"prive securise", "prive", "systeme prive", "private", "private secured", "secured private"},
		func(c *workflow.Classification) { c.Kind = "private" }},
	{conversations.Phrases{"public", "systeme public"}, func(c *workflow.Classification) { c.Kind = "public" }},
	{conversations.Phrases{"heberge au quebec", "hebergement au quebec", "hebergement quebec", "quebec", "hosted in quebec"},
		func(c *workflow.Classification) { c.Hosting = "quebec" }},
	{conversations.Phrases{"heberge au canada", "hebergement au canada", "hebergement canada", "canada", "hosted in canada"},
		func(c *workflow.Classification) { c.Hosting = "canada" }},
	{conversations.Phrases{"heberge hors canada", "hebergement hors canada", "hors canada", "outside canada", "hosted outside canada", "foreign"},
		func(c *workflow.Classification) { c.Hosting = "foreign" }},
	{conversations.Phrases{"ouvert", "modele ouvert", "open", "open model"}, func(c *workflow.Classification) { c.Open = ptr(true) }},
	{conversations.Phrases{"ferme", "modele ferme", "non ouvert", "closed", "closed model", "not open"},
		func(c *workflow.Classification) { c.Open = ptr(false) }},
	{conversations.Phrases{"specialise", "vertical", "specialized", "specialised"}, func(c *workflow.Classification) { c.Specialized = ptr(true) }},
	{conversations.Phrases{"general", "generaliste", "non specialise", "general purpose", "not specialized"},
		func(c *workflow.Classification) { c.Specialized = ptr(false) }},
}

func ptr[T any](v T) *T { return &v }

// parseReclass reads « reclasser X : champs — motif ». ok is false when the text is
// not that command; bad lists the pieces not understood.
func parseReclass(raw string) (cmd adminCmd, bad []string, ok bool) {
	first, rest, _ := strings.Cut(strings.TrimSpace(raw), " ")
	if !reclassWords[text.FoldWords(first)] {
		return adminCmd{}, nil, false
	}
	system, fields, found := strings.Cut(rest, ":")
	if !found {
		return adminCmd{Op: "reclassify", System: strings.TrimSpace(rest)}, nil, true
	}
	var reason string
	for _, sep := range []string{"—", "–", " - "} {
		if i := strings.Index(fields, sep); i >= 0 {
			fields, reason = fields[:i], strings.TrimSpace(fields[i+len(sep):])
			break
		}
	}
	cmd = adminCmd{Op: "reclassify", System: strings.TrimSpace(system), Reason: reason, Class: &workflow.Classification{}}
	for _, piece := range strings.Split(fields, ",") {
		piece = strings.TrimSpace(piece)
		folded := text.FoldWords(piece)
		if folded == "" {
			continue
		}
		if v, isVendor := vendorOf(piece); isVendor {
			cmd.Class.Vendor = v
			continue
		}
		matched := false
		for _, w := range classWords {
			if w.phrases.Exact(folded) {
				w.set(cmd.Class)
				matched = true
				break
			}
		}
		if !matched {
			bad = append(bad, piece)
		}
	}
	return cmd, bad, true
}

// vendorOf reads « fournisseur X » or "vendor X", keeping X as typed.
func vendorOf(piece string) (string, bool) {
	first, rest, _ := strings.Cut(piece, " ")
	switch text.FoldWords(first) {
	case "fournisseur", "vendor":
		rest = strings.TrimSpace(rest)
		return rest, rest != ""
	}
	return "", false
}

// reclassCheck says what is missing from a « reclasser » command, or "".
func reclassCheck(s *conversations.Session, cmd adminCmd, bad []string) string {
	switch {
	case len(bad) > 0:
		return s.T("review.reclass.unknown", map[string]any{"Words": strings.Join(bad, ", ")})
	case cmd.Class == nil || cmd.Class.Empty():
		return s.T("review.reclass.need_fields")
	case cmd.Reason == "":
		return s.T("review.admin.need_reason.reclassify")
	}
	return ""
}

// classFacts shows every field of the classification, before → after.
func classFacts(v view, from, to workflow.Classification) []cards.Fact {
	yn := func(p *bool) string {
		if p == nil {
			return v.t("review.value.unknown")
		}
		return v.yesNo(*p)
	}
	hosting := func(h string) string {
		if h == "" {
			return v.t("review.value.unknown")
		}
		return v.t("review.hosting." + h)
	}
	arrow := func(a, b string) string {
		if a == b {
			return a
		}
		return a + " → " + b
	}
	return []cards.Fact{
		{Label: v.t("review.fact.kind"), Value: arrow(v.kindLabel(from.Kind), v.kindLabel(to.Kind))},
		{Label: v.t("review.reclass.open"), Value: arrow(yn(from.Open), yn(to.Open))},
		{Label: v.t("review.reclass.specialized"), Value: arrow(yn(from.Specialized), yn(to.Specialized))},
		{Label: v.t("review.fact.vendor"), Value: arrow(orNone(v, from.Vendor), orNone(v, to.Vendor))},
		{Label: v.t("review.form.hosting"), Value: arrow(hosting(from.Hosting), hosting(to.Hosting))},
	}
}

// applyReclass carries out a confirmed « reclasser ».
func (f *Feature) applyReclass(ctx context.Context, s *conversations.Session, cmd adminCmd) (string, error) {
	from, err := f.Store.Reclassify(ctx, cmd.SystemID, *cmd.Class, cmd.Reason, actor(s))
	data := map[string]any{"System": cmd.SystemName, "Reason": cmd.Reason}
	switch {
	case errors.Is(err, bot.ErrConflict):
		return s.T("review.admin.unchanged", data), nil
	case errors.Is(err, bot.ErrNotFound):
		return s.T("review.admin.no_system", data), nil
	case err != nil:
		return "", err
	}
	v := view{lang: s.Lang}
	to := workflow.ClassificationOf(cmd.Class.Apply(workflow.System{Kind: from.Kind, Hosting: from.Hosting, Vendor: from.Vendor,
		Open: from.Open, Specialized: from.Specialized}))
	var lines []string
	for _, fact := range classFacts(v, from, to) {
		lines = append(lines, fact.Label+sepFor(s.Lang)+fact.Value)
	}
	data["Changes"] = bullets(lines)
	return s.T("review.reclass.done", data), nil
}

func sepFor(lang i18n.Lang) string {
	if lang == i18n.EN {
		return ": "
	}
	return " : "
}
