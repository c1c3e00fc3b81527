package scheduler

import (
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/cards"
)

// The card buttons of reminders; conversations/reminders handles them. Snooze and
// stop carry "<kind>|<subject>", trained the request's id.
const (
	VerbTrained = "remind.trained"
	VerbSnooze  = "remind.snooze"
	VerbStop    = "remind.stop"
)

// SnoozeSubject is the subject of the snooze and stop buttons of a reminder.
func SnoozeSubject(k Kind, subject string) string { return string(k) + "|" + subject }

// maxNames bounds the names listed in one line; the rest are counted.
const maxNames = 15

// render is the message of a reminder sent on its own.
func render(it Item, lang i18n.Lang) bot.Reply {
	t := func(id string, data ...any) string { return i18n.T(lang, id, data...) }
	d := map[string]any{"System": label(it, lang), "Date": FormatDate(lang, it.Date), "Request": it.Request,
		"Days": it.Days, "Example": it.Date.Format(dateLayout)}
	c := &cards.Card{}
	switch it.Kind {
	case EFVP:
		c.Title = t("reminders.efvp.title", d)
		switch {
		case it.Days > 0:
			c.Sections = append(c.Sections, cards.Section{Text: t("reminders.efvp.due_in", with(d, "Count", it.Days))})
		case it.Days == 0:
			c.Sections = append(c.Sections, cards.Section{Text: t("reminders.efvp.due_today", d)})
		default:
			c.Sections = append(c.Sections, cards.Section{Text: t("reminders.efvp.overdue", d)})
		}
		c.Sections = append(c.Sections, cards.Section{Text: t("reminders.efvp.why")}, cards.Section{Text: t("reminders.efvp.how", d)})
		c.Footer = t("reminders.efvp.footer")
	case Training:
		c.Title = t("reminders.training.title", d)
		c.Sections = []cards.Section{{Text: t("reminders.training."+it.Stage, d)}, {Text: t("reminders.training.why")}}
		c.Buttons = append(c.Buttons, cards.Button{Label: t("reminders.button.trained"), Verb: VerbTrained,
			Subject: strconv.FormatUint(uint64(it.Request), 10), Style: cards.StylePrimary})
	case Risk:
		c.Title = t("reminders.risk.title", d)
		c.Sections = []cards.Section{{Text: t("reminders.risk.text", d)}, {Text: t("reminders.risk.how")}}
		c.Footer = t("reminders.risk.footer")
	case Draft:
		// Drafts name their request, and their system only once it is given.
		c.Title = t("reminders.draft.title", d)
		c.Sections = []cards.Section{{Text: t("reminders.draft.text", with(d, "System", it.System))}}
	case DraftClose:
		return bot.Text(t("reminders.draft.closed", with(d, "System", it.System)))
	case Digest:
		return bot.Reply{Card: digestCard(it, lang)}
	}
	if it.Kind.Snoozable() {
		c.Buttons = append(c.Buttons, cards.Button{Label: t("reminders.button.snooze"), Verb: VerbSnooze,
			Subject: SnoozeSubject(it.Kind, it.Subject)})
	}
	if it.Kind.Stoppable() {
		c.Buttons = append(c.Buttons, cards.Button{Label: t("reminders.button.stop"), Verb: VerbStop,
			Subject: SnoozeSubject(it.Kind, it.Subject)})
	}
	return bot.Reply{Card: c}
}

// renderDaily is the one message a day of a manager or channel: a line per item.
// person adds how to snooze, which a channel cannot.
func renderDaily(items []Item, lang i18n.Lang, person bool) bot.Reply {
	var b strings.Builder
	b.WriteString(i18n.T(lang, "reminders.daily.title", map[string]any{"Date": FormatDate(lang, items[0].Due)}))
	b.WriteString("\n\n")
	for _, it := range items {
		b.WriteString("- ")
		b.WriteString(line(it, lang))
		b.WriteString("\n")
	}
	if person {
		b.WriteString("\n")
		b.WriteString(i18n.T(lang, "reminders.daily.snooze"))
	}
	return bot.Text(strings.TrimRight(b.String(), "\n"))
}

// line is one item of a daily message.
func line(it Item, lang i18n.Lang) string {
	d := map[string]any{"System": label(it, lang), "Date": FormatDate(lang, it.Date), "Request": it.Request,
		"Role": i18n.T(lang, "reminders.role."+it.Role), "Count": it.Days}
	switch it.Kind {
	case EFVPLate:
		return i18n.T(lang, "reminders.daily.efvp_late", d)
	case Review:
		if it.Votes > 0 {
			return i18n.T(lang, "reminders.daily.review", with(d, "System", it.System)) + " " +
				i18n.T(lang, "reminders.daily.review_votes", map[string]any{"Count": it.Votes})
		}
		return i18n.T(lang, "reminders.daily.review", with(d, "System", it.System))
	case ReviewLate:
		return i18n.T(lang, "reminders.daily.review_late", with(d, "System", it.System))
	case ReviewAway:
		if it.Quorum > 0 {
			return i18n.T(lang, "reminders.daily.review_no_quorum", with(d, "System", it.System, "Quorum", it.Quorum, "Able", it.Able))
		}
		return i18n.T(lang, "reminders.daily.review_away", with(d, "System", it.System))
	case Untrained:
		names := it.Names
		more := ""
		if len(names) > maxNames {
			more = " " + i18n.T(lang, "reminders.daily.more", map[string]any{"Count": len(names) - maxNames})
			names = names[:maxNames]
		}
		return i18n.T(lang, "reminders.daily.untrained", with(d, "Count", len(it.Names), "Total", it.Days,
			"Names", strings.Join(names, ", ")+more))
	}
	return ""
}

// label names the system of an item, or its request when the system has no name yet.
func label(it Item, lang i18n.Lang) string {
	if it.System != "" {
		return it.System
	}
	return i18n.T(lang, "reminders.request_n", map[string]any{"Request": it.Request})
}

// with returns a copy of d with more key-value pairs.
func with(d map[string]any, kv ...any) map[string]any {
	out := make(map[string]any, len(d)+len(kv)/2)
	for k, v := range d {
		out[k] = v
	}
	for i := 0; i+1 < len(kv); i += 2 {
		out[kv[i].(string)] = kv[i+1]
	}
	return out
}
