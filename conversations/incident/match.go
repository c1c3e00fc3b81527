package incident

import (
	"slices"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations/internal/words"
)

// An incident message tells of personal or confidential data put into a GenAI tool,
// in the past: "j'ai mis par erreur des notes d'élèves dans ChatGPT". Questions about
// doing it ("puis-je mettre des notes dans ChatGPT ?") are the policy feature's, and
// so are messages about approval requests. The word lists are folded (text.FoldWords).
var (
	// declareIncident asks to report an incident; it is enough on its own.
	declareIncident = []string{"declarer un incident", "signaler un incident", "rapporter un incident", "report an incident",
		"report a breach", "report a privacy incident", "declarer une fuite", "signaler une fuite"}
	// explicitIncident names the incident: with something done, or told as a fact
	// rather than asked about (« quels sont les risques de fuite… ? » is a question).
	explicitIncident = []string{"incident de confidentialite", "incidents de confidentialite", "bris de confidentialite",
		"atteinte a la confidentialite", "fuite de donnees", "fuite de renseignements", "privacy incident", "privacy breach",
		"confidentiality incident", "data breach", "data leak"}
	// hypothetical and informational words make a message a question about what could
	// happen, not the telling of what did.
	hypothetical = []string{"si je", "si j", "si on", "si nous", "si un", "si une", "et si", "supposons", "imaginons", "admettons",
		"au cas ou", "what if", "if i", "if we", "if someone", "suppose", "supposing", "hypothetically", "hypothetiquement"}
	informational = []string{"quel", "quels", "quelle", "quelles", "comment", "qu est ce", "c est quoi", "pourquoi",
		"est ce que", "est ce qu", "risque*", "danger*", "definition", "definir", "explique*", "what", "how", "which",
		"why", "risk*", "define", "explain*", "is it"}
	// Subjects of a perfect tense, then the participles that may follow closely.
	frPerfect   = []string{"j ai", "jai", "je l ai", "je les ai", "j avais", "on a", "nous avons", "collegue a", "quelqu un a"}
	frPartciple = []string{"mis", "mise", "mises", "copie*", "colle", "collee*", "colles", "entre", "entree", "entrees",
		"entres", "saisi*", "televerse*", "partage", "partagee*", "partages", "envoye*", "donne", "donnes",
		"transmis*", "depose*", "inscrit*", "tape", "tapee*", "tapes", "ajoute*", "charge", "chargee*",
		"importe*", "inclus*", "fourni*", "glisse*", "divulgue*", "fait lire"}
	frJustNow    = []string{"je viens de", "viens de", "on vient de", "nous venons de"}
	frInfinitive = []string{"mettre", "copier", "coller", "entrer", "saisir", "televerser", "partager", "envoyer",
		"donner", "transmettre", "deposer", "ajouter", "importer", "glisser", "divulguer", "inscrire", "taper"}
	enSubject = []string{"i", "we", "someone", "colleague"}
	enPast    = []string{"pasted", "put", "entered", "typed", "uploaded", "shared", "copied", "sent", "gave", "given",
		"fed", "disclosed", "added", "dropped", "inserted", "included", "provided", "loaded", "imported", "leaked", "exposed"}
	// enModal before the subject makes it a question ("can I put…"), not a fact.
	enModal = []string{"can", "may", "could", "should", "would", "shall", "might", "must", "do", "will"}

	mistake = []string{"par erreur", "par accident", "accidentellement", "par megarde", "oups", "oops", "whoops",
		"sans faire expres", "sans le vouloir", "malencontreusement", "fait une erreur", "by mistake", "by accident",
		"accidentally", "mistakenly", "inadvertently", "made a mistake", "my bad"}
	// aiTarget names a GenAI tool without naming a system.
	aiTarget = []string{"ia", "iag", "l ia", "intelligence artificielle", "robot conversationnel", "agent conversationnel",
		"an ai", "the ai", "ai tool*", "ai chatbot*", "ai assistant*", "generative ai", "genai", "chatbot*", "llm"}
	// weakPersonal may or may not be personal ("mes notes de cours", "my email"): it
	// makes an incident only with a word of mistake.
	weakPersonal = []string{"notes", "courriel*", "email*", "e mail*", "adresse*", "address*", "telephone*", "phone*", "nom", "name"}
	// requestTalk is about an approval request ("j'ai envoyé ma demande pour ChatGPT").
	requestTalk = []string{"demande", "demandes", "request", "requests"}
)

// The lists above compiled, for the matchers that run on every turn.
var (
	hypotheticalL, declareIncidentL, explicitIncidentL = words.NewList(hypothetical...), words.NewList(declareIncident...), words.NewList(explicitIncident...)
	informationalL, mistakeL, aiTargetL                = words.NewList(informational...), words.NewList(mistake...), words.NewList(aiTarget...)
	weakPersonalL, requestTalkL, dialogAnswerL         = words.NewList(weakPersonal...), words.NewList(requestTalk...), words.NewList(dialogAnswer...)
	frPerfectL, frPartcipleL, frJustNowL               = words.NewList(frPerfect...), words.NewList(frPartciple...), words.NewList(frJustNow...)
	frInfinitiveL, enPastL, misAJour                   = words.NewList(frInfinitive...), words.NewList(enPast...), words.NewList("mis a jour")
)

// isIncident reports whether the words of a message (folded) tell of a privacy
// incident.
func (in *incident) isIncident(w words.Words) bool {
	if hypotheticalL.In(w) {
		return false // « si je mettais… », "what if I pasted…": a question, answered as such
	}
	if declareIncidentL.In(w) {
		return true
	}
	entered := enteredData(w)
	oops := mistakeL.In(w)
	if explicitIncidentL.In(w) && (entered || oops || !informationalL.In(w)) && !dialogAnswerL.In(w) {
		return true
	}
	target := aiTargetL.In(w) || in.systems.find(w) != ""
	strong, weak := words.PersonalList.In(w), weakPersonalL.In(w)
	if requestTalkL.In(w) && !oops {
		return false
	}
	switch {
	case entered && target && strong:
		return true
	case oops && (strong || weak) && (entered || target):
		return true
	}
	return false
}

// toldNow reports an incident told in the first person and the past, or a request to
// report one: what interrupts a dialog.
func (in *incident) toldNow(w words.Words) bool {
	if hypotheticalL.In(w) {
		return false
	}
	return declareIncidentL.In(w) || enteredData(w) && in.isIncident(w)
}

// dialogAnswer are the labels of an answer to the Annexe 1 risk question (« Cause :
// formation insuffisante. Conséquence : incident de confidentialité »): an answer
// that names an incident as a risk, not an incident.
var dialogAnswer = []string{"cause", "consequence", "consequences", "risque", "risques", "impact", "probabilite", "mesure", "mesures", "mitigation", "likelihood"}

// enteredData reports a past act of putting something somewhere: "j'ai collé", "je viens
// de mettre", "I pasted". "J'ai mis à jour" is not one.
func enteredData(w words.Words) bool {
	for i := range w {
		if frPerfectL.At(w, i, func(n int) bool {
			end := i + n - 1
			for j := end + 1; j <= end+4 && j < len(w); j++ {
				if frPartcipleL.MatchesAt(w, j) && !misAJour.MatchesAt(w, j) {
					return true
				}
			}
			return false
		}) {
			return true
		}
		if frJustNowL.At(w, i, func(n int) bool { return frInfinitiveL.After(w, i+n-1, 3) }) {
			return true
		}
		if slices.Contains(enSubject, w[i]) && (i == 0 || !slices.Contains(enModal, w[i-1])) && enPastL.After(w, i, 3) {
			return true
		}
	}
	return false
}

// systemNames are common public GenAI systems (3.9), with the folded ways of writing them.
var systemNames = []struct {
	name  string
	forms []string
}{
	{"ChatGPT", []string{"chatgpt", "chat gpt", "gpt*", "openai"}},
	{"Microsoft Copilot", []string{"copilot", "copilote", "copilot chat", "bing chat"}},
	{"Google Gemini", []string{"gemini", "bard"}},
	{"Claude", []string{"claude"}},
	{"Meta AI", []string{"meta ai", "llama"}},
	{"Mistral Le Chat", []string{"mistral", "le chat mistral"}},
	{"Perplexity", []string{"perplexity"}},
	{"DeepSeek", []string{"deepseek", "deep seek"}},
	{"Grok", []string{"grok"}},
	{"NotebookLM", []string{"notebooklm", "notebook lm"}},
}

// isPublic reports whether name is one of the common public systems above (the
// inventory's own systems may be private: they are not said to be public).
func isPublic(name string) bool {
	for _, sn := range systemNames {
		if sn.name == name {
			return true
		}
	}
	return false
}

// systems recognises system names in messages.
type systems struct {
	names []string
	forms []*words.List
}

func newSystems(extra []string) systems {
	var s systems
	// The inventory's names first: a school's own system is named more precisely there.
	for _, n := range extra {
		if f := text.FoldWords(n); f != "" {
			s.names, s.forms = append(s.names, n), append(s.forms, words.NewList(f))
		}
	}
	for _, sn := range systemNames {
		s.names, s.forms = append(s.names, sn.name), append(s.forms, words.NewList(sn.forms...))
	}
	return s
}

// find returns the name of the first system w mentions, or "".
func (s systems) find(w words.Words) string {
	for i, forms := range s.forms {
		if forms.In(w) {
			return s.names[i]
		}
	}
	return ""
}
