package inventory

import (
	"encoding/csv"
	"fmt"
	"io"
	"strings"

	"github.com/cssdgs/iagbot/bot/inert"
)

// Column headers of the published tables: French first (the intranet's language).
var headers = map[string][2]string{
	"system_id":   {"id du système", "system id"},
	"system":      {"Système", "System"},
	"kind":        {"Type", "Kind"},
	"vendor":      {"Fournisseur", "Vendor"},
	"hosting":     {"Hébergement", "Hosting"},
	"status":      {"Statut", "Status"},
	"efvp_done":   {"EFVP réalisée", "PIA done"},
	"efvp_next":   {"Prochaine révision de l'EFVP", "Next PIA review"},
	"use_id":      {"id de l'usage", "use id"},
	"use":         {"Usage", "Use"},
	"rule":        {"Règle", "Rule"},
	"conditions":  {"Conditions", "Conditions"},
	"title":       {"Inventaire des systèmes d'IAG approuvés (procédure 30-02, art. 6.1)", "Inventory of approved GenAI systems (Procedure 30-02, s. 6.1)"},
	"systems":     {"Systèmes", "Systems"},
	"unlisted":    {"Tout usage qui ne figure pas dans la liste d'un système est interdit (art. 6.1).", "Any use not listed for a system is forbidden (s. 6.1)."},
	"none":        {"Aucun usage répertorié.", "No use listed."},
	"specialized": {"spécialisé", "specialized"},
	"open":        {"ouvert", "open"},
}

func h(key, lang string) string { return label(lang, key, headers) }

// ruleRow is one system-use pair, in the order the system lists them.
type ruleRow struct {
	use        *Use
	id         string
	rule       Rule
	conditions Text
}

func (inv *Inventory) rows(s System) []ruleRow {
	var out []ruleRow
	for l := range s.Listings() {
		out = append(out, ruleRow{use: inv.Use(l.Use), id: l.Use, rule: l.Rule, conditions: l.Conditions})
	}
	return out
}

func (inv *Inventory) useLabel(r ruleRow, lang string) string {
	if r.use == nil {
		return r.id
	}
	return r.use.Label.In(lang)
}

// kindLabel adds "specialized" and "open" to the kind, since publishing them matters
// for 3.7 and 3.10 and they need no column of their own.
func kindLabel(s System, lang string) string {
	k := s.Kind.Label(lang)
	if s.Specialized != nil && *s.Specialized {
		k += ", " + h("specialized", lang)
	}
	if s.Open != nil && *s.Open {
		k += ", " + h("open", lang)
	}
	return k
}

// WriteCSV writes one row per system and use (a system without uses gets one row), with
// headers in lang ("fr" or "en"), for a spreadsheet or the intranet.
func (inv *Inventory) WriteCSV(w io.Writer, lang string) error {
	cw := csv.NewWriter(w)
	cols := []string{"system_id", "system", "kind", "vendor", "hosting", "status", "efvp_done", "efvp_next", "use_id", "use", "rule", "conditions"}
	head := make([]string, len(cols))
	for i, c := range cols {
		head[i] = h(c, lang)
	}
	if err := cw.Write(inert.Cells(head)); err != nil {
		return err
	}
	for _, s := range inv.Systems {
		base := []string{s.ID, s.Name, kindLabel(s, lang), s.Vendor, s.Hosting.Label(lang), s.Status.Label(lang), s.EFVP.Done.String(), s.EFVP.NextReview.String()}
		rows := inv.rows(s)
		if len(rows) == 0 {
			if err := cw.Write(inert.Cells(append(append([]string(nil), base...), "", "", "", ""))); err != nil {
				return err
			}
		}
		for _, r := range rows {
			rec := append(append([]string(nil), base...), r.id, inv.useLabel(r, lang), r.rule.Label(lang), r.conditions.In(lang))
			if err := cw.Write(inert.Cells(rec)); err != nil {
				return err
			}
		}
	}
	cw.Flush()
	return cw.Error()
}

// WriteMarkdown writes a summary table of the systems, then one table of uses per
// system, with headers in lang ("fr" or "en"), for publishing on the intranet.
func (inv *Inventory) WriteMarkdown(w io.Writer, lang string) error {
	var b strings.Builder
	fmt.Fprintf(&b, "# %s\n\n## %s\n\n", h("title", lang), h("systems", lang))
	row(&b, h("system", lang), h("kind", lang), h("vendor", lang), h("hosting", lang), h("status", lang), h("efvp_done", lang), h("efvp_next", lang))
	row(&b, "---", "---", "---", "---", "---", "---", "---")
	for _, s := range inv.Systems {
		row(&b, s.Name, kindLabel(s, lang), s.Vendor, s.Hosting.Label(lang), s.Status.Label(lang), s.EFVP.Done.String(), s.EFVP.NextReview.String())
	}
	for _, s := range inv.Systems {
		fmt.Fprintf(&b, "\n## %s (%s)\n\n", inert.Markdown(s.Name), s.Status.Label(lang))
		rows := inv.rows(s)
		if len(rows) == 0 {
			b.WriteString(h("none", lang) + "\n")
			continue
		}
		row(&b, h("use", lang), h("rule", lang), h("conditions", lang))
		row(&b, "---", "---", "---")
		for _, r := range rows {
			row(&b, inv.useLabel(r, lang), r.rule.Label(lang), r.conditions.In(lang))
		}
	}
	fmt.Fprintf(&b, "\n_%s_\n", h("unlisted", lang))
	_, err := io.WriteString(w, b.String())
	return err
}

func row(b *strings.Builder, cells ...string) {
	b.WriteString("|")
	for _, c := range cells {
		b.WriteString(" " + cell(c) + " |")
	}
	b.WriteString("\n")
}

// cell is a table cell: what people typed (names, vendors, conditions) escaped so that
// it shows as typed, on one line; the "---" separators stay Markdown.
func cell(s string) string {
	if s == "---" {
		return s
	}
	return inert.Markdown(s)
}
