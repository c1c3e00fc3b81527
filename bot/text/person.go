package text

// PersonRef reports whether toks speak of one particular person without naming them:
// « un élève », « l'élève », « mon fils », « sa mère », "a student", "my colleague",
// « un de mes élèves », "one of my students". With a sensitive matter (Topics) such a
// mention makes it personal information (« un signalement à la DPJ concernant un élève »).
func PersonRef(toks []Token) bool {
	for i, t := range toks {
		if !onePerson[t.Fold] && !(t.Elision == "l" && onePerson[t.Fold]) {
			continue
		}
		if t.Elision == "l" || t.Elision == "d" && i > 0 && one[toks[i-1].Fold] {
			return true
		}
		for j := i - 1; j >= 0 && j >= i-2; j-- {
			if singular[toks[j].Fold] {
				return true
			}
			// One word may qualify the person: « une petite élève », "a refugee student".
			if j < i-1 || StopWords[toks[j].Fold] && !adjectives[toks[j].Fold] {
				break
			}
		}
	}
	// « un de mes élèves », "one of my students".
	for i := 0; i+3 < len(toks); i++ {
		if one[toks[i].Fold] && (toks[i+1].Fold == "de" || toks[i+1].Fold == "of" || toks[i+1].Fold == "d") &&
			possessive[toks[i+2].Fold] && people[toks[i+3].Fold] {
			return true
		}
	}
	return false
}

// onePerson are nouns for one person; people are their plurals.
var (
	onePerson = set("eleve", "etudiant", "etudiante", "enfant", "fils", "fille", "garcon", "parent", "pere", "mere",
		"employe", "employee", "collegue", "enseignant", "enseignante", "tuteur", "tutrice", "adolescent", "adolescente",
		"student", "child", "kid", "son", "daughter", "boy", "girl", "employee", "colleague", "teacher", "mother",
		"father", "pupil", "teen", "teenager", "guardian", "membre", "personne", "person", "jeune")
	people = set("eleves", "etudiants", "etudiantes", "enfants", "employes", "employees", "collegues", "enseignants",
		"enseignantes", "students", "children", "kids", "employees", "colleagues", "teachers", "pupils", "jeunes")
	singular = set("un", "une", "le", "la", "mon", "ma", "ton", "ta", "son", "sa", "cet", "cette", "ce", "notre", "votre",
		"leur", "a", "an", "the", "my", "this", "that", "his", "her", "our", "your", "their", "one", "certain", "certaine",
		// Each one is one particular person: « les besoins de chaque élève », "each student's results".
		"chaque", "each", "every")
	one        = set("un", "une", "one", "certains", "certaines", "some")
	possessive = set("mes", "nos", "ses", "vos", "leurs", "my", "our", "his", "her", "your", "their", "the", "les", "des")
	adjectives = set("petit", "petite", "jeune", "nouvel", "nouveau", "nouvelle", "autre", "meme", "young", "new", "other",
		"same", "little", "certain", "certaine")
)
