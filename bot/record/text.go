package record

import (
	"strconv"
	"strings"
	"time"
	_ "time/tzdata" // dates in Québec time whatever the server's zone database
	"unicode"
	"unicode/utf8"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// The record as a sequence of blocks in its language, which Markdown and PDF lay out
// each their own way: the wording is written once.

type kind int

const (
	title kind = iota
	heading
	subheading
	para
	fact
	item  // a line under the fact before it (a vote under « Votes »)
	entry // a line of its own (a use as ruled)
)

// block is one line of the record. Label is the bot's own text; Value may hold what
// people typed (names, comments, reasons), which a renderer escapes.
type block struct {
	kind  kind
	label string
	value string
}

// quebec is the time zone dates are shown in.
var quebec = func() *time.Location {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		return time.UTC
	}
	return loc
}()

type writer struct {
	lang   i18n.Lang
	blocks []block
}

func (w *writer) t(id string, data ...any) string { return i18n.T(w.lang, id, data...) }

func (w *writer) add(k kind, label, value string) {
	w.blocks = append(w.blocks, block{k, label, value})
}

// fact adds "label: value" unless value is empty.
func (w *writer) fact(id, value string) {
	if strings.TrimSpace(value) != "" {
		w.add(fact, w.t(id), value)
	}
}

func (w *writer) when(t time.Time) string {
	t = t.In(quebec)
	if w.lang == i18n.EN {
		return t.Format("2006-01-02 at 15:04")
	}
	return t.Format("2006-01-02 à 15 h 04")
}

func (w *writer) yesNo(b bool) string {
	if b {
		return w.t("review.value.yes")
	}
	return w.t("review.value.no")
}

// blocks lays out rec.
func blocks(rec Record) []block {
	w := &writer{lang: rec.Lang}
	req := rec.Request
	w.add(title, w.t("record.title", map[string]any{"ID": req.ID}), req.System)
	w.add(para, w.t("record.intro"), "")
	outcome := capitalize(w.t("review.status." + string(rec.Outcome)))
	if rec.DecidedAt != nil {
		outcome = w.t("record.outcome_on", map[string]any{"Outcome": outcome, "When": w.when(*rec.DecidedAt)})
	}
	w.fact("record.fact.outcome", outcome)
	w.fact("record.fact.issued", w.when(rec.IssuedAt))

	w.add(heading, w.t("record.heading.request"), "")
	w.fact("review.fact.requester", requester(req.RequesterName, req.RequesterKey))
	system := req.System
	if req.Kind != "" {
		system += " (" + w.t("review.kind."+req.Kind) + ")"
	}
	w.fact("review.fact.system", system)
	w.fact("review.fact.vendor", req.Vendor)
	if req.Hosting != "" {
		w.fact("review.form.hosting", w.t("review.hosting."+req.Hosting))
	}
	w.fact("review.fact.uses", strings.Join(req.Uses, ", "))
	w.fact("review.fact.personal_data", w.yesNo(req.PersonalData))
	w.fact("review.fact.automated", w.yesNo(req.Automated))
	if req.EFVPDate != "" {
		id := "review.efvp.planned"
		if req.EFVPDone {
			id = "review.efvp.done"
		}
		w.fact("review.fact.efvp", w.t(id, map[string]any{"Date": req.EFVPDate}))
	}
	if req.SubmittedAt != nil {
		w.fact("review.fact.submitted", w.when(*req.SubmittedAt))
	}
	w.fact("record.fact.rounds", strconv.Itoa(req.Round))

	w.add(heading, w.t("record.heading.stages"), "")
	for _, s := range rec.Stages {
		w.stage(s)
	}
	if rec.Ruling != nil {
		w.ruling(*rec.Ruling)
	}
	w.add(heading, w.t("record.heading.opinions"), "")
	if len(rec.Opinions) == 0 {
		w.add(para, w.t("record.opinions.none"), "")
	}
	for _, o := range rec.Opinions {
		w.opinion(o)
	}
	w.add(heading, w.t("record.heading.sections"), "")
	w.add(para, w.t("record.sections", map[string]any{"Procedure": rec.Procedure}), strings.Join(rec.Sections, ", "))
	return w.blocks
}

func (w *writer) stage(s Stage) {
	w.add(subheading, capitalize(w.t("review.status."+string(s.Stage)))+" · "+w.t("record.round", map[string]any{"Round": s.Round}), "")
	if !s.Decided {
		w.fact("record.fact.decision", w.t("record.pending"))
	} else {
		w.fact("record.fact.decision", w.t("review.decision."+string(s.Decision)))
		w.fact("review.fact.by", requester(s.ByName, s.ByKey))
		if s.At != nil {
			w.fact("review.fact.at", w.when(*s.At))
		}
		w.fact("review.fact.comment", s.Comment)
	}
	w.fact("record.fact.sections", strings.Join(s.Sections, ", "))
	if len(s.Votes) == 0 {
		return
	}
	w.add(fact, w.t("record.fact.votes"), strconv.Itoa(len(s.Votes)))
	for _, v := range s.Votes {
		val := requester(v.Name, v.Key) + sep(w.lang)
		if v.Choice == "" {
			val += w.t("record.vote.hidden")
		} else {
			val += w.t("record.choice." + string(v.Choice))
		}
		if c := strings.TrimSpace(v.Comment); c != "" {
			val += " — " + c
		}
		if len(v.Conditions) > 0 {
			val += " — " + w.t("record.vote.conditions") + sep(w.lang) + strings.Join(v.Conditions, " ; ")
		}
		val += " (" + w.when(v.At) + ")"
		w.add(item, "", val)
	}
}

func (w *writer) ruling(r Ruling) {
	w.add(heading, w.t("record.heading.ruling"), "")
	for _, u := range r.Uses {
		val := u.Use + sep(w.lang) + w.t("review.rule."+u.Rule)
		if u.Conditions != "" {
			val += " — " + u.Conditions
		}
		w.add(entry, "", val)
	}
	for _, c := range r.Conditions {
		w.add(entry, w.t("record.condition")+sep(w.lang), c)
	}
	if r.Hosting != "" {
		w.fact("review.form.hosting", w.t("review.hosting."+r.Hosting))
	}
	w.fact("record.fact.efvp_next", r.EFVPNextReview)
	w.fact("review.fact.training", strings.Join(r.Training, ", "))
	w.fact("review.fact.deployment", r.Deployment)
}

func (w *writer) opinion(o Opinion) {
	role := w.t("review.role." + o.Role)
	w.add(subheading, w.t("record.opinion.heading", map[string]any{"Role": role, "Stage": w.t("review.status." + string(o.Stage)),
		"Round": o.Round}), "")
	w.fact("consult.fact.asked_by", requester(o.AskedByName, o.AskedByKey))
	w.fact("consult.fact.asked_at", w.when(o.AskedAt))
	w.fact("consult.fact.question", o.Question)
	if o.Opinion == "" || o.At == nil {
		w.fact("consult.fact.opinion", w.t("record.opinion.awaited"))
	} else {
		w.fact("consult.fact.opinion", w.t("consult.opinion."+string(o.Opinion)))
		w.fact("consult.fact.by", requester(o.ByName, o.ByKey))
		w.fact("consult.fact.at", w.when(*o.At))
		w.fact("consult.fact.text", o.Text)
	}
	switch {
	case o.AfterDecision && o.At != nil:
		w.fact("consult.fact.timing", w.t("record.opinion.after"))
	case o.AfterDecision:
		w.fact("consult.fact.timing", w.t("record.opinion.without"))
	case o.At != nil:
		w.fact("consult.fact.timing", w.t("record.opinion.before"))
	}
	w.fact("record.fact.sections", strings.Join(o.Sections, ", "))
}

// requester shows a person as "Name — key", or the key alone.
func requester(name, key string) string {
	if n := strings.TrimSpace(name); n != "" && !strings.EqualFold(n, key) {
		return n + " — " + key
	}
	return key
}

// sep is the colon between a label and its value: French puts a space before it.
func sep(lang i18n.Lang) string {
	if lang == i18n.EN {
		return ": "
	}
	return " : "
}

func capitalize(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	return string(unicode.ToUpper(r)) + s[n:]
}
