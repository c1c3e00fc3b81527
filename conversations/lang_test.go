package conversations

import (
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
)

func TestPickLang(t *testing.T) {
	for _, tc := range []struct {
		name   string
		langs  bot.PersonLangs
		msg    string
		locale string
		want   i18n.Lang
	}{
		{"chosen wins over a clear sentence", bot.PersonLangs{Chosen: "en", Last: "fr"}, "Puis-je utiliser ChatGPT ?", "fr-CA", i18n.EN},
		{"a clear sentence wins over the last one", bot.PersonLangs{Last: "en"}, "Authentification à deux facteurs.", "en-US", i18n.FR},
		{"ok keeps the last language", bot.PersonLangs{Last: "fr"}, "ok", "en-US", i18n.FR},
		{"1 keeps the last language", bot.PersonLangs{Last: "fr"}, "1", "en-US", i18n.FR},
		{"clear keeps the last language", bot.PersonLangs{Last: "fr"}, "clear", "", i18n.FR},
		{"/in keeps the last language", bot.PersonLangs{Last: "fr"}, "/in", "", i18n.FR},
		{"help keeps the last language", bot.PersonLangs{Last: "fr"}, "help", "", i18n.FR},
		{"help from a stranger is English", bot.PersonLangs{}, "help", "fr-CA", i18n.EN},
		{"the locale comes last", bot.PersonLangs{}, "ok", "en-US", i18n.EN},
		{"the default without anything", bot.PersonLangs{}, "1", "", i18n.FR},
	} {
		guess, sure := text.Language(tc.msg)
		if got := PickLang(tc.langs, guess, sure, tc.locale, i18n.FR); got != tc.want {
			t.Errorf("%s: PickLang(%+v, %q, %q) = %s, want %s", tc.name, tc.langs, tc.msg, tc.locale, got, tc.want)
		}
	}
}
