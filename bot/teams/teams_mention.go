package teams

import (
	"regexp"
	"strings"
)

// atTag is Teams' mention markup in a message's text: "<at>Assistant IAG</at>".
var atTag = regexp.MustCompile(`(?s)<at>(.*?)</at>`)

// nbsp turns Teams' padding of a mention, a non-breaking space, sometimes as an HTML
// entity, into a space.
var nbsp = strings.NewReplacer("&nbsp;", " ", "\u00a0", " ")

// stripMentions returns the text a person meant for the bot: the bot's own @mentions,
// named by mention entities whose target is botID, are removed; other people's
// mentions keep their name without the markup. The result is trimmed; line breaks
// inside it are kept, since an answer to a dialog question may span lines.
func stripMentions(text, botID string, entities []entity) string {
	for _, e := range entities {
		if e.Type == "mention" && e.Text != "" && botID != "" && e.Mentioned.ID == botID {
			text = strings.ReplaceAll(text, e.Text, "")
		}
	}
	// Most messages mention no one: the regexp and the replacer run only when needed.
	if strings.Contains(text, "<at>") {
		text = atTag.ReplaceAllString(text, "$1")
	}
	if strings.Contains(text, "&nbsp;") || strings.Contains(text, "\u00a0") {
		text = nbsp.Replace(text)
	}
	return strings.TrimSpace(text)
}
