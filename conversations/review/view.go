package review

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
	_ "time/tzdata" // dates are shown in Québec time whatever the server's zone database

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
)

// view is everything a card of a request shows, gathered once so that the card
// builders are pure functions (and golden-tested as such).
type view struct {
	lang i18n.Lang
	loc  *time.Location
	req  requests.Request
	// uses are the inventory's use labels by id.
	uses map[string]workflow.UseLabel
	// system is the inventory's entry for the requested system, when it has one.
	system *workflow.System
	// decisions are the decisions of the request's current round, oldest first.
	decisions []workflow.Decision
	// history are the decisions of every round, oldest first: who decided what, when,
	// with what comment (every card shows them, so a stage sees why it came back).
	history []workflow.Decision
	// items is the Annexe 1 catalogue, in the annex's order.
	items []Item
	// rules gives a stage's committee rule and its number of members; votes are the
	// committee votes of the current round, every stage.
	rules func(requests.Status) (workflow.Rule, int)
	votes []workflow.Vote
	// consults are the request's consultations of the SGC and the SPOA, every round,
	// oldest first.
	consults []workflow.Consultation
}

// view gathers what the cards of r show, in lang.
func (f *Feature) view(ctx context.Context, lang i18n.Lang, r requests.Request) (view, error) {
	v := view{lang: lang, loc: f.Location, req: r, uses: map[string]workflow.UseLabel{}}
	if f.Items != nil {
		v.items = f.Items()
	}
	labels, err := f.Store.UseLabels(ctx)
	if err != nil {
		return v, fmt.Errorf("use labels: %w", err)
	}
	for _, u := range labels {
		v.uses[u.ID] = u
	}
	if name := r.Facts().SystemName(); name != "" {
		sys, err := f.Store.FindSystem(ctx, name)
		switch {
		case err == nil:
			v.system = &sys
		case !errors.Is(err, bot.ErrNotFound):
			return v, fmt.Errorf("find system: %w", err)
		}
	}
	if v.history, err = f.history(ctx, r.ID, r.Round); err != nil {
		return v, fmt.Errorf("decisions: %w", err)
	}
	for _, d := range v.history {
		if d.Round == r.Round {
			v.decisions = append(v.decisions, d)
		}
	}
	v.rules = f.committee
	if v.votes, err = f.Store.Votes(ctx, r.ID, r.Round, ""); err != nil {
		return v, fmt.Errorf("votes: %w", err)
	}
	if v.consults, err = f.Store.Consultations(ctx, r.ID); err != nil {
		return v, err
	}
	return v, nil
}

// history returns the decisions on request id from round 1 to round, oldest first.
func (f *Feature) history(ctx context.Context, id uint, round int) ([]workflow.Decision, error) {
	var out []workflow.Decision
	for n := 1; n <= round; n++ {
		ds, err := f.Store.Decisions(ctx, id, n)
		if err != nil {
			return nil, err
		}
		out = append(out, ds...)
	}
	return out, nil
}

// ruling is CODIR-IN's ruling the privacy committee approves: the current round's,
// or that of an earlier round when the committee asked for changes (workflow.FirstStage).
func (v view) ruling() (workflow.Decision, bool) { return workflow.Ruling(v.history) }

func (v view) t(id string, data ...any) string { return i18n.T(v.lang, id, data...) }

// useLabel is a use's label in the view's language, the id itself for a free label.
func (v view) useLabel(id string) string {
	u, ok := v.uses[id]
	if !ok {
		return id
	}
	if v.lang == i18n.EN && u.LabelEN != "" {
		return u.LabelEN
	}
	if u.LabelFR != "" {
		return u.LabelFR
	}
	return id
}

// usesText lists the requested uses by label.
func (v view) usesText() string {
	var labels []string
	for _, u := range v.req.Facts().Uses() {
		labels = append(labels, v.useLabel(u))
	}
	if len(labels) == 0 {
		return v.t("review.value.none")
	}
	return strings.Join(labels, ", ")
}

func (v view) yesNo(b bool) string {
	if b {
		return v.t("review.value.yes")
	}
	return v.t("review.value.no")
}

// requester names the requester for a card: the display name they chose, which anyone
// can set to "Carl Codir (CODIR-IN)", next to who they really are — the e-mail their
// platform verified (the key, when known) or their platform id ("slack:U04…",
// "teams:<AAD>", "terminal:NAME").
func (v view) requester() string {
	id := v.req.RequesterKey
	if n := strings.TrimSpace(v.req.RequesterName); n != "" && !strings.EqualFold(n, id) {
		return n + " — " + id
	}
	return id
}

// systemName is the requested system's name, with a placeholder when missing.
func (v view) systemName() string {
	if n := v.req.Facts().SystemName(); n != "" {
		return n
	}
	return v.t("review.value.unnamed")
}

// day formats a calendar date (answers are dates without time zone).
func (v view) day(t time.Time) string { return t.Format(requests.DateLayout) }

// when formats an instant in Québec time.
func (v view) when(t time.Time) string { return formatWhen(v.lang, t.In(v.loc)) }

func formatWhen(lang i18n.Lang, t time.Time) string {
	if lang == i18n.EN {
		return t.Format("2006-01-02 at 15:04")
	}
	return t.Format("2006-01-02 à 15 h 04")
}

// statusLabel is a request status in words.
func statusLabel(lang i18n.Lang, st requests.Status) string {
	return i18n.T(lang, "review.status."+string(st))
}

// decisionLabel is a decision in words ("approuvée").
func decisionLabel(lang i18n.Lang, decision workflow.Action) string {
	return i18n.T(lang, "review.decision."+string(decision))
}

// quebec is the time zone of the CSSDGS; UTC if the zone database were unusable.
func quebec() *time.Location {
	loc, err := time.LoadLocation("America/Toronto")
	if err != nil {
		return time.UTC
	}
	return loc
}

// HistoryLines are the decisions on r, every round, one line each in lang, oldest
// first: the stage, the decision, who, when and the comment. The Annexe 1 dialog shows
// them in « mes demandes » (annexe.Feature.History).
func (f *Feature) HistoryLines(ctx context.Context, lang i18n.Lang, r requests.Request) ([]string, error) {
	ds, err := f.history(ctx, r.ID, r.Round)
	if err != nil {
		return nil, err
	}
	v := view{lang: lang, loc: f.Location, req: r, history: ds}
	sep := " : " // French typography; English has no space before the colon
	if lang == i18n.EN {
		sep = ": "
	}
	var out []string
	for _, fact := range v.historyFacts() {
		out = append(out, fact.Label+sep+fact.Value)
	}
	// The opinions of the SGC and the SPOA, once given, follow the decisions.
	cs, err := f.Store.Consultations(ctx, r.ID)
	if err != nil {
		return nil, err
	}
	for _, c := range cs {
		if !c.Answered() {
			continue
		}
		line := v.t("consult.line.label", map[string]any{"Role": v.t("review.role." + c.Role)}) + sep +
			v.t("consult.history.line", map[string]any{"Opinion": opinionLabel(v, c.Opinion), "Name": nameOr(c.ByName, c.ByKey),
				"When": v.when(*c.AnsweredAt)})
		for _, d := range ds {
			if c.AfterDecision(d) {
				line += " " + v.t("consult.line.after")
			}
		}
		out = append(out, line)
	}
	return out, nil
}
