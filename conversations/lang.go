package conversations

import (
	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
)

// PickLang is the language of a turn: the one the person chose ("english please",
// « en français ») first; then the language of this message when it is a clear
// sentence; then the language of their last clear sentence, so that "ok", "1" or a
// button press never switches it; then this message's weaker hint ("help" from
// someone the bot does not know yet); then the client's locale; then def.
func PickLang(langs bot.PersonLangs, guess string, sure bool, locale string, def i18n.Lang) i18n.Lang {
	switch {
	case i18n.Valid(langs.Chosen):
		return i18n.Lang(langs.Chosen)
	case sure && i18n.Valid(guess):
		return i18n.Lang(guess)
	case i18n.Valid(langs.Last):
		return i18n.Lang(langs.Last)
	case i18n.Valid(guess):
		return i18n.Lang(guess)
	case locale != "":
		return i18n.Parse(locale)
	}
	return def
}
