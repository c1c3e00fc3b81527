// Package disclosure answers "comment divulguer ?" with the wording procedure 30-02
// asks for (5.1.7): a sentence saying a generative AI was used, and for what.
package disclosure

import (
	"context"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// Use is one use the 5.1.7 disclosure wording can name.
type Use struct {
	ID string
	// Words signal the use in a message, in either language: folded words.Words, a
	// trailing "*" for a stem ("resum*"), or phrases.
	Words []string
	// FR and EN fill the wording: « … a été utilisée pour la synthèse ».
	FR, EN string
}

// builtinUses are common uses, used when the configuration gives none. Their wording
// is the procedure's own examples (l'idéation, la reformulation, la synthèse) and
// the same form for the others.
var builtinUses = []Use{
	{"ideation", []string{"ideation", "idee*", "remue meninges", "brainstorm*", "inspiration", "idea", "ideas"}, "l'idéation", "ideation"},
	{"rewording", []string{"reformul*", "reecri*", "paraphras*", "simplif*", "vulgaris*", "reword*", "rephras*", "rewrit*"}, "la reformulation", "rewording"},
	{"summary", []string{"resum*", "synthes*", "synthet*", "summar*", "sum up", "key points", "points saillants"}, "la synthèse", "summarizing"},
	{"translation", []string{"tradu*", "translat*"}, "la traduction", "translation"},
	{"correction", []string{"correction*", "corrige*", "corriger", "revision linguistique", "proofread*", "correcting", "spelling"}, "la correction", "proofreading"},
	{"image", []string{"image*", "illustration*", "dessin*", "affiche*", "logo*", "picture*", "drawing*", "poster*"}, "la création d'images", "creating images"},
	{"exercises", []string{"exercice*", "questionnaire*", "quiz*", "exercise*", "worksheet*"}, "la création d'exercices", "creating exercises"},
	{"planning", []string{"planif*", "plan de cours", "plans de cours", "lesson plan*", "planning"}, "la planification de cours", "lesson planning"},
	{"drafting", []string{"redaction", "rediger", "redige*", "draft*", "writing"}, "la rédaction", "drafting"},
}

var (
	discloseStems  = []string{"divulg*", "disclos*"}
	disclosePhrase = []string{"mentionner l utilisation", "mentionner que j ai utilise", "indiquer que j ai utilise",
		"mention de l ia", "mention d utilisation", "citer l ia", "mentionner l ia", "credit ai", "cite ai",
		"mention ai", "acknowledge ai", "ai statement", "say i used ai", "mention that i used"}
	// permission asks whether something may be done: with personal data, "puis-je
	// divulguer des notes d'élèves à ChatGPT ?" is a policy question, not this one.
	permission = []string{"puis je", "je peux", "peut on", "on peut", "ai je le droit", "droit de", "est il permis",
		"can i", "may i", "can we", "allowed", "is it ok", "permitted"}
)

// The lists above compiled, for the matcher that runs on every turn.
var discloseL, disclosePhraseL, permissionL = words.NewList(discloseStems...), words.NewList(disclosePhrase...), words.NewList(permission...)

// New returns the disclosure feature, naming uses (the built-in ones when nil).
func New(uses []Use) conversations.Feature {
	if uses == nil {
		uses = builtinUses
	}
	return disclosure{uses: foldUses(uses)}
}

// disclosure answers "comment divulguer ?" with the wording of 5.1.7.
type disclosure struct{ uses []Use }

func (disclosure) Name() string { return "disclosure" }

func (d disclosure) Intents() []conversations.Intent {
	return []conversations.Intent{{Name: "disclosure", Priority: 60, Match: func(s *conversations.Session, f string) bool {
		w := words.Of(s, f)
		return (discloseL.In(w) || disclosePhraseL.In(w)) && !(permissionL.In(w) && words.PersonalList.In(w))
	}, Handle: d.handle}}
}

func (disclosure) Help(s *conversations.Session) []string {
	return []string{s.T("disclosure.help")}
}

// Wording returns the 5.1.7 disclosure sentence in lang for the uses named in folded
// text, joined ("la traduction et la synthèse"); ok is false when none is named and
// the sentence keeps the procedure's placeholder.
func (d disclosure) Wording(lang i18n.Lang, folded string) (sentence string, ok bool) {
	var names []string
	w := words.Split(folded)
	for _, u := range d.uses {
		if w.Has(u.Words...) {
			names = append(names, map[i18n.Lang]string{i18n.FR: u.FR, i18n.EN: u.EN}[lang])
		}
	}
	if len(names) == 0 {
		return i18n.T(lang, "disclosure.wording", map[string]any{"Use": i18n.T(lang, "disclosure.placeholder")}), false
	}
	return i18n.T(lang, "disclosure.wording", map[string]any{"Use": words.Join(lang, names)}), true
}

func (d disclosure) handle(_ context.Context, s *conversations.Session) ([]bot.Reply, error) {
	f := s.Folded()
	main, ok := d.Wording(s.Lang, f)
	other := i18n.FR
	if s.Lang == i18n.FR {
		other = i18n.EN
	}
	second, _ := d.Wording(other, f)
	var b strings.Builder
	b.WriteString(s.T("disclosure.title") + "\n\n" + main + "\n\n")
	b.WriteString(s.T("disclosure.other_lang", map[string]any{"Wording": second}) + "\n\n")
	b.WriteString(s.T("disclosure.note"))
	if !ok {
		b.WriteString("\n\n" + s.T("disclosure.ask_use"))
	}
	return []bot.Reply{bot.Text(b.String())}, nil
}

// foldUses folds the words of uses, keeping stem marks, so that matching compares
// folded text with folded words.
func foldUses(uses []Use) []Use {
	out := make([]Use, len(uses))
	for i, u := range uses {
		out[i] = u
		out[i].Words = make([]string, len(u.Words))
		for j, w := range u.Words {
			star := ""
			if strings.HasSuffix(w, "*") {
				star = "*"
			}
			out[i].Words[j] = text.FoldWords(w) + star
		}
	}
	return out
}
