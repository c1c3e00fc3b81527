package qa

import (
	"context"
	"strings"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/conversations"
)

// term is a term defined in section 3 of procedure 30-02, with the folded ways people
// write it, French and English.
type term struct {
	id, section string
	names       conversations.Phrases
}

var terms = []term{
	{"dng", "3.1", conversations.Phrases{"dng", "donnees numeriques gouvernementales", "donnee numerique gouvernementale", "government digital data"}},
	{"efvp", "3.2", conversations.Phrases{"efvp", "evaluation des facteurs relatifs a la vie privee", "pia", "privacy impact assessment"}},
	{"incident", "3.3", conversations.Phrases{"incident de confidentialite", "incidents de confidentialite", "privacy incident", "confidentiality incident"}},
	{"ai", "3.4", conversations.Phrases{"intelligence artificielle", "l ia", "ia", "artificial intelligence", "ai"}},
	{"genai", "3.5", conversations.Phrases{"iag", "intelligence artificielle generative", "l iag", "ia generative", "generative ai", "genai", "generative artificial intelligence"}},
	{"rp", "3.6", conversations.Phrases{"renseignement personnel", "renseignements personnels", "rp", "personal information", "personal data"}},
	{"open", "3.7", conversations.Phrases{"systeme ouvert", "systeme d iag ouvert", "systeme d intelligence artificielle generative ouvert", "open system", "open genai system", "open ai system"}},
	{"private", "3.8", conversations.Phrases{"systeme prive", "systeme prive securise", "systeme d iag prive", "systeme d iag prive securise", "prive securise", "private system", "private secured system", "secure private system", "private secure system"}},
	{"public", "3.9", conversations.Phrases{"systeme public", "systeme d iag public", "systemes publics", "public system", "public genai system", "public ai system"}},
	{"specialized", "3.10", conversations.Phrases{"systeme specialise", "systeme vertical", "systeme d iag specialise", "specialized system", "specialised system", "vertical system"}},
	{"user", "3.11", conversations.Phrases{"utilisateur", "utilisatrice", "user"}},
}

var generic = map[string]bool{"ai": true, "genai": true, "user": true, "rp": false}

// askDefinition opens a request for a definition: « c'est quoi », « qu'est-ce
// qu'un », « que veut dire », "what is", "what does … mean".
var askDefinition = conversations.Phrases{"c est quoi", "c quoi", "cest quoi", "qu est ce que", "qu est ce qu", "que veut dire",
	"que signifie", "definition de", "definition d", "definition", "definir", "defini", "ca veut dire quoi", "veut dire quoi",
	"what is", "what s", "what are", "whats", "define", "definition of", "meaning of", "what does"}.Compile()

// definitionOf returns the terms a definition question asks about, most specific
// (longest name) first: « c'est quoi une EFVP ? » → efvp.
func definitionOf(folded string) []term {
	if !askDefinition.Contains(folded) && !strings.HasPrefix(folded, "definition") {
		return nil
	}
	var out []term
	best := 0
	for _, t := range terms {
		for _, n := range t.names {
			if conversations.Phrases([]string{n}).Contains(folded) && len(n) >= best {
				if len(n) > best {
					out, best = out[:0], len(n)
				}
				out = append(out, t)
				break
			}
		}
	}
	// Only the longest name counts; a generic word (AI, user) only in a short question:
	// "what is the best AI tool for grading?" asks no definition.
	if len(out) > 1 {
		out = out[:1]
	}
	if len(out) == 1 && generic[out[0].id] && len(strings.Fields(folded)) > 8 {
		return nil
	}
	return out
}

// definition answers with the definition of section 3, its section, and what the
// procedure adds about the term when it is often asked (who does an EFVP).
func (f *Feature) definition(_ context.Context, s *conversations.Session) ([]bot.Reply, error) {
	t := definitionOf(s.Folded())[0]
	text := s.T("qa.def."+t.id, map[string]any{"Section": t.section})
	if extra := s.T("qa.def." + t.id + ".more"); extra != "qa.def."+t.id+".more" {
		text += "\n\n" + extra
	}
	return []bot.Reply{bot.Text(text)}, nil
}
