package text

// Word lists, in folded form (lower case, no accents, no apostrophes).

// StopWords are function words that phrase matching skips in both the question and
// the keywords. Content words ("plan", "notes", "code") must never be here.
var StopWords = set(
	// French
	"le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a",
	"et", "ou", "en", "dans", "sur", "sous", "pour", "par", "avec", "sans", "chez", "entre",
	"ce", "cet", "cette", "ces", "ca", "cela", "ceci", "mon", "ma", "mes", "ton", "ta", "tes",
	"son", "sa", "ses", "notre", "nos", "votre", "vos", "leur", "leurs",
	"je", "j", "tu", "il", "elle", "on", "nous", "vous", "ils", "elles", "me", "m", "te",
	"se", "s", "lui", "y", "que", "qu", "qui", "quoi", "dont", "ne", "n", "pas", "est",
	"sont", "etre", "ai", "as", "avons", "avez", "ont", "suis", "es", "etes", "peux", "peut",
	"puis", "pouvons", "pouvez", "peuvent", "puisse", "dois", "doit", "si", "tout", "tous",
	"toute", "toutes", "quel", "quelle", "quels", "quelles", "comme", "aussi", "bien", "tres",
	// English
	"the", "an", "of", "to", "for", "with", "in", "on", "at", "by", "from", "and", "or",
	"my", "our", "your", "his", "her", "their", "its", "this", "that", "these", "those",
	"i", "you", "we", "he", "she", "they", "it", "me", "us", "them", "is", "are", "am",
	"be", "was", "were", "can", "could", "may", "might", "should", "would", "will", "do",
	"does", "did", "have", "has", "had", "into", "about", "any", "some", "what", "which",
	"how", "please", "so", "if", "all", "also", "very", "not", "no",
)

// Negators cancel a personal-data mention that follows closely: "sans nom",
// "no names", "without any personal information", "n'inclut pas de notes".
var Negators = set(
	"sans", "aucun", "aucune", "aucuns", "aucunes", "pas", "jamais", "ni", "nul", "nulle",
	"no", "not", "without", "none", "never", "nor", "zero",
)

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}
