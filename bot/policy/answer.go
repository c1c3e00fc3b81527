package policy

import (
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

// Answer writes the reply to a question in lang (normally r.Lang, the language of the
// question): the verdict in plain words and why, the conditions, the next step
// (alternatives, approval request, disclosure wording, sobriety note, duty to ask when
// in doubt), then the sections of procedure 30-02 it rests on. The text uses the
// Markdown subset of bot.Reply.
func Answer(r Result, lang i18n.Lang) string {
	w := writer{lang: i18n.Parse(string(lang)), r: r}
	switch {
	case r.Intent == IntentWhy && r.Tool == "" && r.UseID == "":
		return w.t("policy.why.nothing")
	case r.Intent == IntentApprovedTools && r.Tool == "":
		w.approvedTools()
	case r.Intent == IntentSystemUses && r.Verdict == NeedsClarification && r.Rule == 5:
		w.systemUses()
	default:
		w.verdict()
	}
	w.para(w.references())
	return w.String()
}

// writer accumulates paragraphs in one language.
type writer struct {
	lang  i18n.Lang
	r     Result
	paras []string
	// usual is the data of every message (see t), made once per answer: an answer
	// writes a dozen messages or more, each of which recomputed it.
	usual map[string]any
}

func (w *writer) String() string { return strings.Join(w.paras, "\n\n") }

func (w *writer) para(lines ...string) {
	var keep []string
	for _, l := range lines {
		if l != "" {
			keep = append(keep, l)
		}
	}
	if len(keep) > 0 {
		w.paras = append(w.paras, strings.Join(keep, "\n"))
	}
}

// t translates id with the result's usual fields filled in.
func (w *writer) t(id string, extra ...map[string]any) string {
	if w.usual == nil {
		w.usual = map[string]any{
			"Tool":  w.r.Tool,
			"Use":   w.useNoun(),
			"Kinds": w.kinds(),
		}
	}
	if len(extra) == 0 {
		return i18n.T(w.lang, id, w.usual) // read only: shared by the messages
	}
	data := make(map[string]any, len(w.usual)+len(extra[0]))
	for k, v := range w.usual {
		data[k] = v
	}
	for _, e := range extra {
		for k, v := range e {
			data[k] = v
		}
	}
	return i18n.T(w.lang, id, data)
}

// useNoun is the use as a noun phrase ("la synthèse"), or its label in quotes.
func (w *writer) useNoun() string {
	if d := w.r.Disclosure.In(string(w.lang)); d != "" {
		return d
	}
	if l := w.r.Use.In(string(w.lang)); l != "" {
		return i18n.T(w.lang, "policy.use_quoted", map[string]any{"Label": l})
	}
	return ""
}

// kinds lists the personal-data categories found, in words.
func (w *writer) kinds() string {
	s := make([]string, len(w.r.PersonalDataKinds))
	for i, k := range w.r.PersonalDataKinds {
		s[i] = i18n.T(w.lang, "policy.pii."+string(k))
	}
	return w.join(s)
}

// join writes "a, b et c" / "a, b and c".
func (w *writer) join(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + i18n.T(w.lang, "policy.and") + items[len(items)-1]
}

func (w *writer) references() string {
	if len(w.r.Sections) == 0 {
		return ""
	}
	return i18n.T(w.lang, "policy.sections", map[string]any{"List": w.join(w.r.Sections), "Count": len(w.r.Sections)})
}

// systemLine is one system in a list: name, kind, hosting and, for the use asked
// about, whether conditions apply.
func (w *writer) systemLine(s SystemRef) string {
	line := "- " + w.t("policy.system_line", map[string]any{
		"Name":    s.Name,
		"Kind":    i18n.T(w.lang, "policy.kind."+string(s.Kind)),
		"Hosting": i18n.T(w.lang, "policy.hosting."+string(s.Hosting)),
	})
	if s.Rule == inventory.Restricted {
		line += " " + i18n.T(w.lang, "policy.with_conditions")
	}
	return line
}

func (w *writer) systemList(intro string, list []SystemRef) string {
	lines := []string{intro}
	for _, s := range list {
		lines = append(lines, w.systemLine(s))
	}
	return strings.Join(lines, "\n")
}

// conditions lists restriction conditions, one per line when written as sentences
// separated by semicolons.
func (w *writer) conditions(c inventory.Text) string {
	text := strings.TrimSpace(c.In(string(w.lang)))
	if text == "" {
		return ""
	}
	var lines []string
	for _, part := range strings.Split(text, ";") {
		if p := strings.TrimSpace(part); p != "" {
			lines = append(lines, "- "+p)
		}
	}
	return strings.Join(lines, "\n")
}

// approvedTools answers "which tools are approved?" (for a use, when one is named).
func (w *writer) approvedTools() {
	switch {
	case len(w.r.Approved) == 0 && w.r.UseID != "":
		w.para(w.t("policy.approved.none_for_use"))
	case len(w.r.Approved) == 0:
		w.para(w.t("policy.approved.none"))
	case w.r.UseID != "":
		w.para(w.systemList(w.t("policy.approved.title_for_use"), w.r.Approved))
	default:
		w.para(w.systemList(w.t("policy.approved.title"), w.r.Approved))
	}
	w.para(w.t("policy.approved.others"))
	w.personalReminder()
}

// systemUses answers "what can I do with X?".
func (w *writer) systemUses() {
	w.para(w.t("policy.system_uses.title", map[string]any{
		"Kind":    i18n.T(w.lang, "policy.kind."+string(w.r.Kind)),
		"Hosting": i18n.T(w.lang, "policy.hosting."+string(w.r.Hosting)),
	}))
	w.useLists(true)
	w.para(w.t("policy.uses.unlisted"))
	w.personalPrivate()
}

// useLists lists the system's uses by rule; forbidden ones only when asked for the
// whole picture.
func (w *writer) useLists(withForbidden bool) {
	groups := []struct {
		rule inventory.Rule
		id   string
	}{{inventory.Permitted, "policy.uses.permitted"}, {inventory.Restricted, "policy.uses.restricted"}, {inventory.Forbidden, "policy.uses.forbidden"}}
	for _, g := range groups {
		if g.rule == inventory.Forbidden && !withForbidden {
			continue
		}
		lines := []string{w.t(g.id)}
		for _, u := range w.r.Uses {
			if u.Rule != g.rule {
				continue
			}
			l := "- " + u.Label.In(string(w.lang))
			if u.Rule == inventory.Restricted {
				if c := strings.TrimSpace(u.Conditions.In(string(w.lang))); c != "" {
					l += " : " + c
					if w.lang == i18n.EN {
						l = "- " + u.Label.In(string(w.lang)) + ": " + c
					}
				}
			}
			if u.AutomatedDecision && u.Rule != inventory.Forbidden {
				l += " " + i18n.T(w.lang, "policy.uses.automated")
			}
			lines = append(lines, l)
		}
		if len(lines) > 1 {
			w.para(lines...)
		}
	}
}
