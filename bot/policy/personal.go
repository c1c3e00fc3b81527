package policy

import "regexp"

// PIIKind is a category of personal information (3.6) or confidential data that must
// not go into a public system (6.2).
type PIIKind string

// The categories, in the order answers list them.
const (
	PIIName          PIIKind = "name"
	PIIGrades        PIIKind = "grades"
	PIIStudentFile   PIIKind = "student_file"
	PIISupportPlan   PIIKind = "support_plan"
	PIIHealth        PIIKind = "health"
	PIIPhoto         PIIKind = "photo"
	PIIAddress       PIIKind = "address"
	PIIPhone         PIIKind = "phone"
	PIIEmail         PIIKind = "email"
	PIIBirthDate     PIIKind = "birth_date"
	PIICodePermanent PIIKind = "code_permanent"
	PIISIN           PIIKind = "sin"
	PIIPostalCode    PIIKind = "postal_code"
	PIIHRFile        PIIKind = "hr_file"
	PIIConfidential  PIIKind = "confidential"
	PIIPersonalInfo  PIIKind = "personal_info"
)

// PIIKinds lists every category in display order.
var PIIKinds = []PIIKind{PIIName, PIIGrades, PIIStudentFile, PIISupportPlan, PIIHealth, PIIPhoto,
	PIIAddress, PIIPhone, PIIEmail, PIIBirthDate, PIICodePermanent, PIISIN, PIIPostalCode,
	PIIHRFile, PIIConfidential, PIIPersonalInfo}

// piiPhrases are the words and phrases that mention personal or confidential data, per
// category and language. They are matched like use keywords (stems, function words
// skipped). A plain "élèves" or "parents" is deliberately absent: mentioning students
// is not disclosing information about one.
var piiPhrases = map[PIIKind][2][]string{
	PIIName: {
		{"nom de l'élève", "noms des élèves", "nom d'un élève", "nom du parent", "noms des parents", "nom de l'enseignant", "nom complet", "prénom", "prénoms", "nom de famille", "noms des employés", "liste de classe", "liste des élèves"},
		{"student name", "student names", "names of students", "name of the student", "parent name", "parents names", "names of parents", "full name", "first name", "last name", "first names", "class list", "class roster", "staff names", "employee names"},
	},
	PIIGrades: {
		{"notes des élèves", "notes de l'élève", "notes d'un élève", "résultats des élèves", "résultats de l'élève", "résultats scolaires", "relevé de notes", "bulletin", "bulletins", "moyenne de l'élève", "notes d'examen", "résultats d'évaluation"},
		{"student grades", "grades of students", "grades of the student", "report card", "report cards", "transcript", "transcripts", "test scores", "exam results", "student marks", "marks of students", "student results", "gradebook", "grade book"},
	},
	PIIStudentFile: {
		{"dossier de l'élève", "dossier d'élève", "dossiers des élèves", "dossier scolaire", "dossier d'aide particulière", "dossier d'aide", "fiche de l'élève", "fiche d'élève", "dossier de mon élève"},
		{"student file", "student files", "student record", "student records", "cumulative file", "school record", "student profile"},
	},
	PIISupportPlan: {
		{"plan d'intervention", "plans d'intervention"},
		{"iep", "individualized education plan", "individual education plan", "intervention plan"},
	},
	PIIHealth: {
		{"santé", "état de santé", "santé mentale", "dossier médical", "médical", "médicale", "diagnostic", "diagnostique", "tdah", "autisme", "allergie", "allergies", "médicament", "médication", "handicap", "dyslexie", "trouble d'apprentissage", "rapport du psychologue", "évaluation psychologique", "maladie"},
		{"health", "mental health", "medical", "diagnosis", "adhd", "autism", "allergy", "allergies", "medication", "disability", "dyslexia", "learning disability", "psychological assessment", "illness", "health record"},
	},
	PIIPhoto: {
		{"photo d'élève", "photos d'élèves", "photo de l'élève", "photos des élèves", "photo de classe", "photo d'un enfant", "photos des enfants", "photo d'un parent", "photo d'un collègue", "photos de personnes", "visage", "visages", "égoportrait"},
		{"student photo", "student photos", "photos of students", "photo of a student", "pictures of students", "picture of a student", "class photo", "photos of children", "photos of people", "pictures of people", "selfie"},
	},
	PIIAddress: {
		{"adresse", "adresses", "adresse du domicile", "adresse postale", "lieu de résidence"},
		{"home address", "home addresses", "mailing address", "street address", "student address", "address of the student"},
	},
	PIIPhone: {
		{"numéro de téléphone", "numéros de téléphone", "téléphone des parents", "téléphone de l'élève", "numéro de cellulaire"},
		{"phone number", "phone numbers", "cell number", "telephone number", "mobile number"},
	},
	PIIEmail: {
		{"adresse courriel", "adresses courriel", "adresse électronique", "courriel personnel", "courriel de l'élève"},
		{"email address", "email addresses", "e-mail address", "student email address"},
	},
	PIIBirthDate: {
		{"date de naissance", "dates de naissance", "né le", "née le"},
		{"date of birth", "birth date", "birthdate", "dob", "birthday"},
	},
	PIICodePermanent: {
		{"code permanent", "codes permanents"},
		{"permanent code", "permanent codes"},
	},
	PIISIN: {
		{"numéro d'assurance sociale", "assurance sociale", "nas"},
		{"social insurance number", "sin", "social security number", "ssn"},
	},
	PIIHRFile: {
		{"dossier RH", "dossier du personnel", "dossier d'employé", "dossier de l'employé", "dossier disciplinaire", "mesure disciplinaire", "évaluation du rendement", "salaire", "salaires", "congé de maladie", "cv", "curriculum vitae"},
		{"hr file", "personnel file", "employee file", "employee record", "disciplinary", "performance review", "performance evaluation", "salary", "salaries", "sick leave", "cvs"},
	},
	PIIConfidential: {
		{"confidentiel", "confidentielle", "confidentiels", "confidentielles", "secret professionnel", "huis clos"},
		{"confidential", "classified", "internal only", "privileged", "trade secret"},
	},
	PIIPersonalInfo: {
		{"renseignements personnels", "renseignement personnel", "données personnelles", "informations personnelles", "données nominatives", "nominatif", "nominatives", "données des élèves"},
		{"personal information", "personal data", "personal info", "personally identifiable", "pii", "identifiable information", "private information", "student data"},
	},
}

// piiPatterns are personal data written out literally. Each is checked on the raw
// question; a match is both a detection and a span to redact.
var piiPatterns = []struct {
	kind PIIKind
	re   *regexp.Regexp
}{
	{PIIEmail, regexp.MustCompile(`(?i)[a-z0-9._%+-]+@[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}`)},
	// North American numbers: 450-555-1234, (450) 555-1234, +1 450 555 1234, 4505551234.
	{PIIPhone, regexp.MustCompile(`(?:\+?1[ .-]?)?(?:\(\d{3}\)|\b\d{3})[ .-]?\d{3}[ .-]?\d{4}\b`)},
	// Code permanent (Québec student id): 4 letters then 8 digits, TREM12059801.
	{PIICodePermanent, regexp.MustCompile(`\b[A-Za-z]{4} ?\d{8}\b`)},
	// SIN / NAS: nine digits, grouped 3-3-3 or not.
	{PIISIN, regexp.MustCompile(`\b\d{3}[ -]?\d{3}[ -]?\d{3}\b`)},
	// Canadian postal code: H2X 1Y4 (letters D, F, I, O, Q, U never appear).
	{PIIPostalCode, regexp.MustCompile(`(?i)\b[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z] ?\d[ABCEGHJ-NPRSTV-Z]\d\b`)},
}

// placeholders replace personal data in the redacted form of a question; they are
// French, the organisation's language, so that logs read the same whoever asked.
var placeholders = map[PIIKind]string{
	PIIName: "[nom]", PIIEmail: "[courriel]", PIIPhone: "[téléphone]",
	PIICodePermanent: "[code permanent]", PIISIN: "[NAS]", PIIPostalCode: "[code postal]",
}

// numberPlaceholder replaces digits in a question that mentions personal data: a
// date of birth or a file number is personal too.
const numberPlaceholder = "[nombre]"

// personNouns introduce a person's name: "l'élève Léa", "Mme Tremblay", "my student Liam".
var personNouns = set(
	"eleve", "eleves", "etudiant", "etudiante", "enfant", "fils", "fille", "parent", "pere", "mere",
	"tuteur", "tutrice", "enseignant", "enseignante", "collegue", "employe", "employee",
	"directeur", "directrice", "mme", "madame", "m", "monsieur", "mlle", "mademoiselle",
	"student", "child", "son", "daughter", "kid", "mother", "father", "mom", "dad", "teacher",
	"colleague", "mr", "mrs", "ms", "miss", "dr", "docteur", "docteure", "named", "nomme", "nommee",
	"appele", "appelee", "prenomme",
)

// knownCapitalised are capitalised words that are not people's names, besides the
// tool, system and vendor names the engine adds.
var knownCapitalised = set(
	"teams", "microsoft", "google", "word", "excel", "powerpoint", "outlook", "onenote", "forms",
	"sharepoint", "onedrive", "classroom", "drive", "docs", "slides", "maestro", "mozaik", "cssdgs",
	"quebec", "canada", "montreal", "ia", "iag", "ai", "genai", "sti", "codir", "cprpsi", "efvp",
	"francais", "anglais", "english", "french", "mathematiques", "maths", "math", "sciences",
	"science", "histoire", "geographie", "univers", "social", "ecole", "secondaire", "primaire",
	"lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "monday", "tuesday",
	"wednesday", "thursday", "friday", "saturday", "sunday", "janvier", "fevrier", "mars", "avril",
	"mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre", "january",
	"february", "march", "april", "may", "june", "july", "august", "september", "october",
	"november", "december", "procedure", "politique", "pfeq", "sae", "pdf", "chat",
)
