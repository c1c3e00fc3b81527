package text

// Word lists of the name detector, folded.

// personNouns introduce a person: « l'élève Léa », « Mme Tremblay », "my student Liam",
// « la mère de Léa ».
var personNouns = set(
	"eleve", "eleves", "etudiant", "etudiante", "enfant", "fils", "fille", "parent", "pere", "mere",
	"tuteur", "tutrice", "enseignant", "enseignante", "collegue", "employe", "employee",
	"directeur", "directrice", "mme", "madame", "m", "monsieur", "mlle", "mademoiselle",
	"student", "child", "son", "daughter", "kid", "mother", "father", "mom", "dad", "teacher",
	"colleague", "mr", "mrs", "ms", "miss", "dr", "dre", "docteur", "docteure", "named", "nomme", "nommee",
	"appele", "appelee", "prenomme", "prenommee", "frere", "soeur", "brother", "sister", "oncle", "tante",
	"uncle", "aunt", "cousin", "cousine", "grandmother", "grandfather", "guardian", "pupil", "prof",
	"professeur", "professeure", "intervenant", "intervenante", "orthopedagogue", "psychologue",
	"educatrice", "educateur", "technicienne", "technicien", "conseiller", "conseillere", "secretaire",
	"surveillant", "surveillante", "concierge", "coach", "entraineur", "entraineuse", "amie", "ami", "friend", "petit", "petite", "little", "secretary", "principal", "counsellor", "counselor",
	"nurse", "infirmiere", "infirmier", "librarian", "bibliothecaire", "coordonnatrice", "coordonnateur", "coordinator",
	"technician", "educator", "psychoeducatrice", "psychoeducateur", "adjoint", "adjointe", "superintendent", "caretaker",
	// Labels of a form: « Nom : Alexis Caron », "Student: Mia".
	"nom", "noms", "prenom", "prenoms", "name", "names", "surname", "firstname", "lastname",
)

// determiners before capitalised words make them a title or a place more often than a
// person: « le Moyen Âge », "the Middle Ages".
var determiners = set("le", "la", "les", "l", "un", "une", "des", "the", "an")

// nameIntroducers may come right before a person's name (« le bulletin de Léa
// Tremblay », "the parents of Emma Tremblay").
var nameIntroducers = set("de", "d", "du", "a", "pour", "chez", "avec", "par", "of", "for", "to", "with", "about", "from", "by")

// particles join the parts of a name: « Jean de Lafontaine », "Anna van der Berg".
var particles = set("de", "du", "des", "d", "la", "le", "van", "von", "der", "den", "da", "di", "del", "della", "dos", "st", "ste", "saint", "sainte", "mc", "mac", "bin", "ben", "el", "al")

// birthWords say that the date after them is a date of birth.
var birthWords = set("ne", "nee", "naissance", "ddn", "born", "birth", "birthdate", "dob", "birthday", "anniversaire")

// notNames are capitalised words that are not people's names: sentence openers,
// days and months, acronyms, the organisation's tools and the nouns a sentence about
// school starts with. A Detector adds the tool, vendor and keyword words it is given.
var notNames = set(
	// Openers, pronouns, interrogatives and common verbs.
	"je", "il", "elle", "on", "nous", "vous", "ils", "elles", "ce", "ca", "cela", "ceci", "voici", "voila",
	"et", "ou", "mais", "donc", "car", "puis", "ensuite", "alors", "quand", "lorsque", "si", "hier",
	"aujourd", "aujourdhui", "demain", "oui", "non", "oups", "bonjour", "allo", "salut", "merci", "desole", "desolee",
	"malheureusement", "accidentellement", "apres", "avant", "aucun", "aucune", "comment", "pourquoi",
	"combien", "quand", "est", "peux", "peut", "pourrais", "pourriez", "dois", "doit", "faut", "ai", "avais",
	"etait", "ici", "plusieurs", "quelques", "certains", "certaines", "bonne", "bon", "chers", "cher", "chere",
	"ecrire", "ecris", "ecrivez", "rediger", "redige", "redigez", "resumer", "resume", "resumez", "corriger",
	"corrige", "corrigez", "traduire", "traduis", "traduisez", "aide", "aidez", "aider", "creer", "cree", "creez",
	"generer", "genere", "generez", "faire", "fais", "faites", "utiliser", "utilise", "preparer", "prepare",
	"verifier", "verifie", "analyser", "analyse", "donne", "donnez", "propose", "proposez", "envoyer", "envoie",
	"objet", "sujet", "re", "tr", "fw", "fwd", "cc", "ps", "nb", "svp", "stp", "cp", "tel", "ddn", "dob", "ext", "app", "asap", "fyi", "note", "notes", "rappel", "important", "urgent",
	"i", "we", "you", "he", "she", "they", "it", "the", "a", "an", "this", "that", "these", "those", "my", "our",
	"your", "his", "her", "their", "and", "but", "so", "or", "then", "when", "if", "in", "on", "at", "by", "for",
	"with", "without", "yesterday", "today", "tomorrow", "oops", "sorry", "hello", "hi", "hey", "please",
	"thanks", "thank", "after", "before", "there", "here", "what", "how", "why", "who", "where", "which", "no",
	"yes", "unfortunately", "accidentally", "some", "several", "can", "could", "should", "would", "may", "might",
	"is", "are", "was", "do", "does", "did", "write", "draft", "summarize", "summarise", "translate", "correct",
	"help", "create", "generate", "make", "use", "using", "give", "prepare", "check", "send", "dear", "subject",
	// Days and months.
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "janvier", "fevrier", "mars", "avril",
	"mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december",
	// Acronyms and institutions.
	"ia", "iag", "ai", "genai", "sti", "codir", "cprpsi", "efvp", "rh", "hr", "ti", "it", "pdf", "ok", "cssdgs",
	"dpj", "clsc", "cisss", "ciusss", "ramq", "meq", "mels", "pi", "tdah", "tsa", "adhd", "iep", "nas", "sin",
	"sae", "pfeq", "cse", "tes", "ppt", "url", "faq", "ca", "cpe", "cegep", "ets", "uqam", "fse", "dg", "rprp",
	"lip", "lpj", "lprp", "loi", "article", "section", "procedure", "politique", "reglement", "annexe",
	"quebec", "canada", "montreal", "laval", "longueuil", "chateauguay", "monteregie", "ontario",
	// Tools of the trade.
	"teams", "slack", "microsoft", "google", "openai", "excel", "word", "outlook", "powerpoint", "onenote",
	"forms", "sharepoint", "onedrive", "classroom", "drive", "docs", "slides", "maestro", "mozaik", "gpi",
	"copilot", "chatgpt", "gemini", "gpt", "mistral", "perplexity", "deepseek", "grok", "notebooklm", "chat",
	// School subjects and nouns that open a sentence.
	"francais", "anglais", "english", "french", "mathematiques", "maths", "math", "sciences", "science",
	"histoire", "geographie", "univers", "social", "ecole", "secondaire", "primaire", "courriel", "email",
	"bulletin", "bulletins", "dossier", "dossiers", "classe", "class", "direction", "tableau", "liste", "list",
	"fichier", "file", "document", "texte", "text", "message", "copie", "capture", "photo", "rapport", "report",
	"students", "parents", "enseignants", "teachers", "plan", "projet", "reunion", "comite", "conseil", "service",
)
