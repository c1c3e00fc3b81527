package inventory

import (
	"io"
	"strconv"

	"gopkg.in/yaml.v3"
)

// yamlHeader opens every exported file, so that a reader knows what it holds.
const yamlHeader = "# Inventaire des systèmes d'IAG du CSSDGS (procédure 30-02, art. 6.1).\n" +
	"# GenAI systems inventory of the CSSDGS (procedure 30-02, s. 6.1).\n"

// WriteYAML writes the inventory in the file format that Parse reads: Parse of the
// output yields an inventory equal to inv, and writing that again yields the same bytes.
// Optional fields that are unset are left out.
func (inv *Inventory) WriteYAML(w io.Writer) error {
	root := mapping(false,
		"version", &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!int", Value: strconv.Itoa(inv.Version)},
		"uses", useNodes(inv.Uses),
		"systems", systemNodes(inv.Systems),
	)
	if _, err := io.WriteString(w, yamlHeader); err != nil {
		return err
	}
	enc := yaml.NewEncoder(w)
	enc.SetIndent(2)
	if err := enc.Encode(root); err != nil {
		return err
	}
	return enc.Close()
}

func useNodes(uses []Use) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, u := range uses {
		kw := mapping(false)
		if len(u.Keywords.FR) > 0 {
			add(kw, "fr", list(u.Keywords.FR))
		}
		if len(u.Keywords.EN) > 0 {
			add(kw, "en", list(u.Keywords.EN))
		}
		m := mapping(false, "id", plain(u.ID), "label", textNode(u.Label, true))
		if len(kw.Content) > 0 {
			add(m, "keywords", kw)
		}
		if u.AutomatedDecision {
			add(m, "automated_decision", boolean(true))
		}
		if u.Media {
			add(m, "media", boolean(true))
		}
		if !u.Disclosure.IsZero() {
			add(m, "disclosure", textNode(u.Disclosure, true))
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}

func systemNodes(systems []System) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode}
	for _, s := range systems {
		m := mapping(false, "id", plain(s.ID), "name", quoted(s.Name))
		if len(s.Aliases) > 0 {
			add(m, "aliases", list(s.Aliases))
		}
		add(m, "kind", plain(string(s.Kind)))
		if s.Open != nil {
			add(m, "open", boolean(*s.Open))
		}
		if s.Specialized != nil {
			add(m, "specialized", boolean(*s.Specialized))
		}
		if s.Vendor != "" {
			add(m, "vendor", quoted(s.Vendor))
		}
		add(m, "hosting", plain(string(s.Hosting)), "status", plain(string(s.Status)))
		if s.StatusReason != "" {
			add(m, "status_reason", quoted(s.StatusReason))
		}
		if s.EFVP != (EFVP{}) {
			e := mapping(true)
			if !s.EFVP.Done.IsZero() {
				add(e, "done", date(s.EFVP.Done))
			}
			if !s.EFVP.NextReview.IsZero() {
				add(e, "next_review", date(s.EFVP.NextReview))
			}
			if !s.EFVP.Planned.IsZero() {
				add(e, "planned", date(s.EFVP.Planned))
			}
			add(m, "efvp", e)
		}
		if len(s.Permitted) > 0 {
			add(m, "permitted", ids(s.Permitted))
		}
		if len(s.Restricted) > 0 {
			rs := &yaml.Node{Kind: yaml.SequenceNode}
			for _, r := range s.Restricted {
				rs.Content = append(rs.Content, mapping(false, "use", plain(r.Use), "conditions", textNode(r.Conditions, false)))
			}
			add(m, "restricted", rs)
		}
		if len(s.Forbidden) > 0 {
			add(m, "forbidden", ids(s.Forbidden))
		}
		if len(s.Effective) > 0 {
			es := &yaml.Node{Kind: yaml.SequenceNode}
			for _, ef := range s.Effective {
				n := mapping(true, "use", plain(ef.Use))
				if !ef.From.IsZero() {
					add(n, "from", date(ef.From))
				}
				if !ef.TrainingBy.IsZero() {
					add(n, "training_by", date(ef.TrainingBy))
				}
				es.Content = append(es.Content, n)
			}
			add(m, "effective", es)
		}
		seq.Content = append(seq.Content, m)
	}
	return seq
}

func mapping(flow bool, kv ...any) *yaml.Node {
	m := &yaml.Node{Kind: yaml.MappingNode}
	if flow {
		m.Style = yaml.FlowStyle
	}
	add(m, kv...)
	return m
}

// add appends key/value pairs (a string key, then a *yaml.Node value) to a mapping.
func add(m *yaml.Node, kv ...any) {
	for i := 0; i+1 < len(kv); i += 2 {
		m.Content = append(m.Content, plain(kv[i].(string)), kv[i+1].(*yaml.Node))
	}
}

// plain is an id, an enum or a key: written bare, quoted only if YAML needs it.
func plain(s string) *yaml.Node { return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s} }

// quoted is free text, always double-quoted so that accents and colons read safely.
func quoted(s string) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!str", Value: s, Style: yaml.DoubleQuotedStyle}
}

func boolean(b bool) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!bool", Value: strconv.FormatBool(b)}
}

func date(d Date) *yaml.Node {
	return &yaml.Node{Kind: yaml.ScalarNode, Tag: "!!timestamp", Value: d.String()}
}

func textNode(t Text, flow bool) *yaml.Node {
	return mapping(flow, "fr", quoted(t.FR), "en", quoted(t.EN))
}

func list(items []string) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		seq.Content = append(seq.Content, quoted(s))
	}
	return seq
}

func ids(items []string) *yaml.Node {
	seq := &yaml.Node{Kind: yaml.SequenceNode, Style: yaml.FlowStyle}
	for _, s := range items {
		seq.Content = append(seq.Content, plain(s))
	}
	return seq
}
