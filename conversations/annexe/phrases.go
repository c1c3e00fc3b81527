package annexe

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/cssdgs/iagbot/bot/text"
	"github.com/cssdgs/iagbot/conversations"
)

// What people type, folded (text.FoldWords): commands are matched exactly, after
// polite openings are removed, so that an answer merely containing a word is never
// mistaken for a command.
var (
	politeOpenings = conversations.Phrases{"je veux", "je voudrais", "j aimerais", "je souhaite", "i want to", "i would like to",
		"i d like to", "id like to", "please", "svp", "s il vous plait", "stp", "let s", "lets", "on peut", "je dois"}.Compile()
	newPhrases = conversations.Phrases{"faire une demande", "nouvelle demande", "faire une demande d approbation",
		"demande d approbation", "nouvelle demande d approbation", "commencer une demande", "creer une demande",
		"soumettre une demande", "faire approuver un systeme", "new request", "start an approval request",
		"start a request", "approval request", "new approval request", "make a request", "make an approval request",
		"submit a request", "create a request", "request approval", "start a new request"}.Compile()
	resumePhrases = conversations.Phrases{"reprendre", "reprendre ma demande", "continuer", "continuer ma demande",
		"poursuivre", "poursuivre ma demande", "resume", "resume my request", "continue", "continue my request"}.Compile()
	listPhrases = conversations.Phrases{"mes demandes", "voir mes demandes", "liste de mes demandes", "mes demandes d approbation",
		"etat de mes demandes", "statut de mes demandes", "my requests", "show my requests", "list my requests",
		"status of my requests", "my approval requests"}.Compile()
	formPhrases = conversations.Phrases{"remplir le formulaire", "formulaire", "le formulaire", "ouvrir le formulaire",
		"remplir la demande en formulaire", "fill in the form", "fill out the form", "form", "open the form", "the form"}.Compile()
	helpPhrases    = conversations.Phrases{"aide", "help", "commandes", "commands", "options", "menu", "au secours"}
	pausePhrases   = conversations.Phrases{"pause", "plus tard", "later", "stop", "arreter", "arrete", "on arrete", "je reviendrai", "continue later", "continuer plus tard"}
	cancelPhrases  = conversations.Phrases{"annuler", "cancel", "abandonner", "annuler la demande", "annuler ma demande", "cancel the request", "cancel my request", "abandon"}
	summaryPhrases = conversations.Phrases{"resume", "summary", "recapitulatif", "recap", "sommaire", "voir le resume", "show summary", "overview"}
	backPhrases    = conversations.Phrases{"retour", "back", "precedent", "precedente", "question precedente", "go back", "previous", "revenir"}
	skipPhrases    = conversations.Phrases{"passer", "skip", "sauter", "suivant", "next", "passe", "je passe", "pass"}
	keepPhrases    = conversations.Phrases{"garder", "keep", "conserver", "inchange", "unchanged", "keep it", "pareil", "same"}
	submitPhrases  = conversations.Phrases{"soumettre", "submit", "confirmer", "confirm", "envoyer", "send", "soumettre la demande", "submit the request", "je confirme", "c est bon", "valider"}
	restartPhrases = conversations.Phrases{"recommencer", "nouvelle", "start over", "restart", "new", "abandonner et recommencer", "nouvelle demande"}
	yesPhrases     = conversations.Phrases{"oui", "o", "yes", "y", "oui svp", "yes please", "ok", "d accord", "bien sur", "absolument", "yep", "ouais"}
	noPhrases      = conversations.Phrases{"non", "n", "no", "non merci", "no thanks", "pas du tout", "nope", "aucunement", "jamais"}
	// A greeting or thanks is never an answer: someone coming back days later says hello.
	greetPhrases  = conversations.Phrases{"bonjour", "allo", "salut", "bonsoir", "hello", "hi", "hey", "good morning", "bon matin", "coucou"}
	thanksPhrases = conversations.Phrases{"merci", "merci beaucoup", "thanks", "thank you", "ok merci", "super merci", "parfait merci"}
	stiPhrases    = conversations.Phrases{"a completer avec le sti", "to complete with sti", "to complete with the sti", "sti",
		"avec le sti", "with sti", "with the sti", "a completer avec sti", "a completer", "to complete", "to be completed with sti",
		"to be completed with the sti", "voir avec le sti", "le sti", "check with sti", "ask sti", "tbd sti", "le sti completera",
		"a completer par le sti", "to be completed by the sti", "par le sti", "je sais pas", "je ne sais pas", "sais pas", "aucune idee",
		"i don t know", "i dont know", "don t know", "dont know", "not sure", "idk", "je ne sais pas trop", "a voir avec le sti"}

	// "modifier 7", "edit step 7", "changer la question 7"
	editItemRe = regexp.MustCompile(`^(?:modifier|modifie|changer|change|corriger|edit|edit step|edit item|update)\s+(?:la\s+|l\s+)?(?:question\s+|etape\s+|step\s+|item\s+|no\s+|n\s+)?(\d{1,3})$`)
	// "modifier ma demande 12", "edit my request 12", "reprendre la demande n° 12"
	editRequestRe = regexp.MustCompile(`^(?:modifier|modifie|reprendre|rouvrir|ouvrir|corriger|edit|reopen|open|resume|fix|update)\s+(?:ma\s+|my\s+|la\s+|the\s+)?(?:demande|request)\s+(?:no\s+|n\s+|number\s+)?(\d{1,9})$`)
)

// polite strips polite openings ("je voudrais …", "please …") from folded text.
func polite(folded string) string {
	for {
		rest, ok := politeOpenings.Prefix(folded)
		if !ok || rest == "" {
			return folded
		}
		folded = rest
	}
}

// number reads a folded text made of one number.
func number(folded string, re *regexp.Regexp) (int, bool) {
	m := re.FindStringSubmatch(folded)
	if m == nil {
		return 0, false
	}
	n, err := strconv.Atoi(m[1])
	return n, err == nil
}

// Question openings: a message that ends with "?" and starts like one of these is a
// question about the procedure, not an answer, and is handed back to the engine.
var questionOpenings = conversations.Phrases{"puis je", "est ce que", "est ce qu", "peut on", "peux tu", "pouvez vous",
	"ai je", "a t on", "dois je", "doit on", "faut il", "est il", "est elle", "y a t il", "quel", "quelle", "quels",
	"quelles", "qu est ce", "comment", "pourquoi", "quand", "ou", "combien", "qui", "can i", "may i", "can we", "may we",
	"could i", "should i", "do i", "do we", "does", "is it", "is there", "are", "am i", "what", "which", "how", "why",
	"when", "where", "who", "will", "must i", "est ce", "c est quoi", "on peut", "je peux", "j ai le droit"}.Compile()

// questionLike reports a policy question asked in the middle of the dialog.
func questionLike(s string) bool {
	if !strings.HasSuffix(strings.TrimSpace(s), "?") {
		return false
	}
	_, ok := questionOpenings.Prefix(text.FoldWords(s))
	return ok
}
