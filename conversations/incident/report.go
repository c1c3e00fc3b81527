package incident

import (
	"context"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/privacy"
	"github.com/cssdgs/iagbot/cards"
	"github.com/cssdgs/iagbot/conversations"
)

// send files the report, posts it to the privacy committee and acknowledges it. The
// report is filed first: once stored and audited, a committee channel that cannot be
// reached does not lose it, and the reporter is told to rely on the form.
func (in *incident) send(ctx context.Context, s *conversations.Session, st incidentState) ([]bot.Reply, error) {
	inc := privacy.Incident{ReporterKey: s.Key, System: st.System, DataKinds: st.Kinds, OccurredAt: st.When, Description: st.Details}
	id, err := in.cfg.Store.FileIncident(ctx, inc, s.Turn.User.Name)
	if err != nil {
		return nil, err
	}
	if err := s.ClearState(ctx, incidentDialog); err != nil {
		return nil, err
	}
	inc.ID = id
	data := map[string]any{"ID": id, "FormURL": in.cfg.FormURL}
	post := bot.Reply{Card: in.committeeCard(in.cfg.CommitteeLang, inc, s.Turn.User.Name, s.Now.Format(day))}
	if _, err := in.cfg.Notify.ToRole(ctx, in.cfg.CommitteeRole, post); err != nil {
		in.cfg.Log.Warn("incident report not delivered to the committee", "incident", id, "role", in.cfg.CommitteeRole, "error", err.Error())
		return []bot.Reply{s.Reply("incident.filed_undelivered", data)}, nil
	}
	return []bot.Reply{s.Reply("incident.filed", data)}, nil
}

// reportFacts are the facts of a report, in lang: the same for the reporter's summary
// and the committee's card, so that the reporter sees exactly what is sent.
func (in *incident) reportFacts(lang i18n.Lang, system, when string, kinds []string, details string) []cards.Fact {
	facts := []cards.Fact{
		{Label: i18n.T(lang, "incident.report.system"), Value: SystemLabel(lang, system)},
		{Label: i18n.T(lang, "incident.report.when"), Value: whenLabel(lang, when)},
		{Label: i18n.T(lang, "incident.report.kinds"), Value: KindsLabel(lang, kinds)},
	}
	if details != "" {
		facts = append(facts, cards.Fact{Label: i18n.T(lang, "incident.report.details"), Value: details})
	}
	return facts
}

// summaryCard shows the reporter what will be sent, with the buttons to send it.
func (in *incident) summaryCard(s *conversations.Session, st incidentState) *cards.Card {
	return &cards.Card{
		Title:    s.T("incident.summary.title"),
		Sections: []cards.Section{{Facts: in.reportFacts(s.Lang, st.System, st.When, st.Kinds, st.Details)}},
		Footer:   s.T("incident.summary.footer"),
		Buttons: []cards.Button{
			{Label: s.T("incident.summary.send"), Verb: VerbIncidentSend, Style: cards.StylePrimary},
			{Label: s.T("incident.summary.cancel"), Verb: VerbIncidentCancel},
		},
	}
}

// committeeCard is the report as the privacy committee receives it.
func (in *incident) committeeCard(lang i18n.Lang, inc privacy.Incident, reporter, reportedOn string) *cards.Card {
	who := inc.ReporterKey
	if reporter != "" && reporter != inc.ReporterKey {
		who = reporter + " (" + inc.ReporterKey + ")"
	}
	facts := append([]cards.Fact{{Label: i18n.T(lang, "incident.report.reporter"), Value: who}},
		in.reportFacts(lang, inc.System, inc.OccurredAt, inc.DataKinds, inc.Description)...)
	return &cards.Card{
		Title:    i18n.T(lang, "incident.report.title", map[string]any{"ID": inc.ID}),
		Subtitle: i18n.T(lang, "incident.report.subtitle", map[string]any{"Date": reportedOn}),
		Sections: []cards.Section{{Facts: facts}, {Text: i18n.T(lang, "incident.report.advised", map[string]any{"FormURL": in.cfg.FormURL})}},
		Footer:   i18n.T(lang, "incident.report.footer"),
	}
}

// SystemLabel names an incident's system in lang: a name the bot recognised, or
// "another system".
func SystemLabel(lang i18n.Lang, system string) string {
	if system == systemOther || system == "" {
		return i18n.T(lang, "incident.report.system_other")
	}
	return system
}

// KindsLabel names an incident's kinds of data in lang.
func KindsLabel(lang i18n.Lang, kinds []string) string {
	names := make([]string, len(kinds))
	for i, k := range kinds {
		names[i] = i18n.T(lang, "incident.kind."+k)
	}
	return strings.Join(names, ", ")
}

// whenLabel reads a parseWhen value in lang.
func whenLabel(lang i18n.Lang, when string) string {
	switch {
	case when == "unknown" || when == "":
		return i18n.T(lang, "incident.when.unknown")
	case strings.HasPrefix(when, "../"):
		return i18n.T(lang, "incident.when.before", map[string]any{"Date": strings.TrimPrefix(when, "../")})
	case strings.Contains(when, "/"):
		from, to, _ := strings.Cut(when, "/")
		return i18n.T(lang, "incident.when.between", map[string]any{"From": from, "To": to})
	}
	return when
}
