package annexe_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
	"github.com/cssdgs/iagbot/bot/policy"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations/annexe"
)

// sampleTaxonomy is the sample inventory's uses, matched by the policy engine's
// keywords, as the app offers them.
type sampleTaxonomy struct {
	inv *inventory.Inventory
	e   *policy.Engine
}

func newSampleTaxonomy() sampleTaxonomy {
	inv := inventory.Sample()
	return sampleTaxonomy{inv, policy.NewEngine(inv)}
}

func (s sampleTaxonomy) Uses(_ context.Context, lang i18n.Lang) ([]annexe.Choice, error) {
	var out []annexe.Choice
	for _, u := range s.inv.Uses {
		label := u.Label.FR
		if lang == i18n.EN {
			label = u.Label.EN
		}
		out = append(out, annexe.Choice{ID: u.ID, Label: label})
	}
	return out, nil
}

func (s sampleTaxonomy) MatchUses(_ context.Context, words string) ([]string, error) {
	var ids []string
	for _, i := range s.e.UsesNamed(words) {
		ids = append(ids, s.inv.Uses[i].ID)
	}
	return ids, nil
}

// stepThreeBD answers hosting, open and specialized (3 b–d), by the opening phrase.
var stepThreeBD = map[string][]string{"faire une demande": {"au Québec", "non", "non"}, "new request": {"in Quebec", "no", "no"}}

// TestUsesConfirmation: free words matched to the taxonomy are confirmed with yes,
// kept as proposed uses with no, or replaced by numbers; a part that matches nothing
// stays a proposed use on every path.
func TestUsesConfirmation(t *testing.T) {
	const fr = "Vous voulez dire : 6. Création d'exercices et de questionnaires, 19. Différenciation pédagogique ? (oui / non / numéros)"
	for _, tc := range []struct {
		name, lang, words, prompt, reply, want string
	}{
		{"oui", "faire une demande", "créer des exercices de lecture différenciés, tutorat", fr, "oui",
			"exercise-generation,differentiation,tutorat"},
		{"non", "faire une demande", "créer des exercices de lecture différenciés, tutorat", fr, "non",
			"créer des exercices de lecture différenciés,tutorat"},
		{"numbers", "faire une demande", "créer des exercices de lecture différenciés, tutorat", fr, "19",
			"differentiation,tutorat"},
		{"english", "new request", "tutoring students in math, and lesson planning, plan my lessons",
			"Do you mean: 5. Lesson planning? (yes / no / numbers)", "yes", "tutoring students in math,lesson-planning"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.f.Catalog = newSampleTaxonomy()
			e.f.Matcher = newSampleTaxonomy()
			user := "u-" + tc.name
			e.r.As(user).Say(tc.lang)
			e.r.Say("ChatGPT Edu")
			e.r.Say("OpenAI")
			e.r.Say("1")
			for _, l := range stepThreeBD[tc.lang] {
				e.r.Say(l)
			}
			e.r.Say(tc.words).Want(tc.prompt)
			// Help in between asks the same confirmation again.
			if tc.lang == "faire une demande" {
				e.r.Say("aide").Want(tc.prompt)
			}
			e.r.Say(tc.reply).WantNot(tc.prompt)
			e.done()
			if got := e.draftOf("terminal:" + user).Answers[requests.TagUses].Value; got != tc.want {
				t.Errorf("stored uses %q, want %q", got, tc.want)
			}
		})
	}
}

// TestUsesConfirmationOther: any other answer is read afresh as the uses.
func TestUsesConfirmationOther(t *testing.T) {
	e := newEnv(t)
	e.f.Catalog = newSampleTaxonomy()
	e.f.Matcher = newSampleTaxonomy()
	e.r.As("u").Say("faire une demande")
	for _, l := range append([]string{"ChatGPT Edu", "OpenAI", "1"}, stepThreeBD["faire une demande"]...) {
		e.r.Say(l)
	}
	e.r.Say("planifier mes cours").Want("Vous voulez dire : 5. Planification de cours ?")
	e.r.Say("3").Want(step(5)) // « 3 » picks the taxonomy's use 3
	e.done()
	if got := e.draftOf("terminal:u").Answers[requests.TagUses].Value; got != "summary" {
		t.Errorf("stored uses %q, want summary", got)
	}
}
