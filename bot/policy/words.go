package policy

// Word lists, in folded form (lower case, no accents, no apostrophes).

func set(words ...string) map[string]bool {
	m := make(map[string]bool, len(words))
	for _, w := range words {
		m[w] = true
	}
	return m
}

// anonymised words cancel a personal-data mention that precedes them closely:
// "des notes anonymisées", "anonymized grades".
var anonymised = set(
	"anonyme", "anonymes", "anonymise", "anonymisee", "anonymises", "anonymisees",
	"depersonnalise", "depersonnalisee", "depersonnalises", "depersonnalisees", "fictif",
	"fictive", "fictifs", "fictives", "anonymous", "anonymized", "anonymised",
	"deidentified", "fictional", "fake", "invente", "inventes", "inventee", "inventees",
	"generique", "generiques", "generic", "anonymize", "anonymise",
)

// typoExcluded are real words one letter away from a catalogued tool name, which must
// not be taken for a misspelt tool ("gamme" is not Gamma, "clause" is not Claude).
var typoExcluded = set(
	"gamme", "gammes", "canvas", "clause", "clauses", "brise", "brick", "bris", "perplexite",
	"claudes", "grammar", "mistrals",
)

// breakers are function words that phrases do not span: "students in grade 5" is not
// "student grades". Phrase matching keeps them as words in both the question and the
// keywords, so a keyword that contains one ("écrire en anglais") still matches.
var breakers = set("in", "into", "dans", "en")

// coordinators join the items of a list a negation carries over.
var coordinators = set("or", "and", "nor", "ou", "et", "ni")
