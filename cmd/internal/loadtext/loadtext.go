// Package loadtext holds the messages of the load tool's scenarios, shared with the
// benchmarks that measure a turn without the network around it, so that both measure
// the same turns.
package loadtext

// Texts are what the load tool's simulated staff write (cmd/iagbot-load -text), and
// what the turn benchmarks of cmd/internal/app send. "mix": policy questions, help,
// a request dialog started (stored as dialog state) and a language choice (stored on
// the person), so that the load makes the bot store what it stores in real use.
// "questions": policy questions only, each person in French or in English — issue
// #18's target is set for a policy question.
var Texts = map[string][]string{
	"mix": {
		"Puis-je utiliser ChatGPT pour résumer un texte ?",
		"aide",
		"Est-ce que je peux utiliser Copilot avec des données d'élèves ?",
		"demande",
		"in English please",
		"statut",
		"Can I use Gemini to translate a letter to parents?",
		"bonjour",
	},
	// Four per person in the load tool, who asks them in one language.
	"questions": {
		"Puis-je utiliser ChatGPT pour résumer un texte ?",
		"Est-ce que je peux utiliser Copilot avec des données d'élèves ?",
		"Puis-je utiliser Gemini pour traduire une lettre aux parents ?",
		"Puis-je utiliser ChatGPT pour corriger les copies de mes élèves ?",
		"Can I use Gemini to translate a letter to parents?",
		"May I use ChatGPT to summarise a report?",
		"Can I use Copilot with my students' grades?",
		"Is Claude allowed to draft an email to a colleague?",
	},
}
