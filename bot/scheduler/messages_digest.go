package scheduler

import (
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// digestCard is the weekly digest to CODIR-IN's channel.
func digestCard(it Item, lang i18n.Lang) *cards.Card {
	t := func(id string, data ...any) string { return i18n.T(lang, id, data...) }
	d := it.Digest
	if d == nil {
		d = &DigestData{}
	}
	c := &cards.Card{Title: t("reminders.digest.title", map[string]any{"Date": FormatDate(lang, it.Date)}),
		Footer: t("reminders.digest.footer")}
	none := t("reminders.digest.none")

	counts := cards.Section{Heading: t("reminders.digest.requests")}
	for _, sc := range d.Counts {
		counts.Facts = append(counts.Facts, cards.Fact{Label: t("reminders.status." + string(sc.Status)),
			Value: strconv.Itoa(sc.Count)})
	}
	if len(counts.Facts) == 0 {
		counts.Text = none
	}

	efvp := cards.Section{Heading: t("reminders.digest.efvp")}
	for _, e := range d.EFVP {
		v := FormatDate(lang, e.Date)
		if e.Late {
			v = t("reminders.digest.late", map[string]any{"Date": v})
		}
		efvp.Facts = append(efvp.Facts, cards.Fact{Label: e.System, Value: v})
	}
	if len(efvp.Facts) == 0 {
		efvp.Text = none
	}

	training := cards.Section{Heading: t("reminders.digest.training")}
	for _, tc := range d.Training {
		data := map[string]any{"Untrained": tc.Untrained, "Total": tc.Total}
		id := "reminders.digest.untrained"
		if tc.Deployment != nil {
			id = "reminders.digest.untrained_by"
			data["Date"] = FormatDate(lang, *tc.Deployment)
		}
		training.Facts = append(training.Facts, cards.Fact{Label: tc.System, Value: t(id, data)})
	}
	if len(training.Facts) == 0 {
		training.Text = none
	}

	unreachable := cards.Section{Heading: t("reminders.digest.unreachable")}
	if len(d.Unreachable) == 0 {
		unreachable.Text = none
	} else {
		names := make([]string, len(d.Unreachable))
		for i, n := range d.Unreachable {
			if role, ok := strings.CutPrefix(n, RolePrefix); ok {
				n = t("reminders.digest.role_channel", map[string]any{"Role": t("reminders.role." + role)})
			}
			names[i] = "- " + n
		}
		unreachable.Text = strings.Join(names, "\n") + "\n\n" + t("reminders.digest.unreachable_how")
	}
	c.Sections = []cards.Section{counts, efvp, training, unreachable}
	return c
}
