package text

// Kind is a category of personal information (3.6) or confidential data that must not
// go into a public system (6.2).
type Kind string

// The categories, in the order answers list them.
const (
	KindName          Kind = "name"
	KindGrades        Kind = "grades"
	KindStudentFile   Kind = "student_file"
	KindSupportPlan   Kind = "support_plan"
	KindHealth        Kind = "health"
	KindPhoto         Kind = "photo"
	KindAddress       Kind = "address"
	KindPhone         Kind = "phone"
	KindEmail         Kind = "email"
	KindBirthDate     Kind = "birth_date"
	KindCodePermanent Kind = "code_permanent"
	KindSIN           Kind = "sin"
	KindPostalCode    Kind = "postal_code"
	KindHRFile        Kind = "hr_file"
	KindConfidential  Kind = "confidential"
	KindPersonalInfo  Kind = "personal_info"
)

// Kinds lists every category in display order.
var Kinds = []Kind{KindName, KindGrades, KindStudentFile, KindSupportPlan, KindHealth, KindPhoto,
	KindAddress, KindPhone, KindEmail, KindBirthDate, KindCodePermanent, KindSIN, KindPostalCode,
	KindHRFile, KindConfidential, KindPersonalInfo}

// Kinds of spans the redactor masks although they are no category of their own: a date
// (other than of birth) and a long number (a file number, a year).
const (
	KindDate   Kind = "date"
	KindNumber Kind = "number"
)

// Lexicon holds the words and phrases that mention personal or confidential data, per
// category and language. They are matched like use keywords (stems, function words
// skipped). A plain "élèves" or "parents" is deliberately absent: mentioning students
// is not disclosing information about one.
var Lexicon = map[Kind][2][]string{
	KindName: {
		{"nom de l'élève", "noms des élèves", "nom d'un élève", "nom du parent", "noms des parents", "nom de l'enseignant", "nom complet", "prénom", "prénoms", "nom de famille", "noms des employés", "liste de classe", "liste des élèves"},
		{"student name", "student names", "names of students", "name of the student", "parent name", "parents names", "names of parents", "full name", "first name", "last name", "first names", "class list", "class roster", "staff names", "employee names"},
	},
	KindGrades: {
		{"notes des élèves", "notes de l'élève", "notes d'un élève", "résultats des élèves", "résultats de l'élève", "résultats scolaires", "relevé de notes", "bulletin", "bulletins", "moyenne de l'élève", "notes d'examen", "résultats d'évaluation"},
		{"student grades", "grades of students", "grades of the student", "report card", "report cards", "transcript", "transcripts", "test scores", "exam results", "student marks", "marks of students", "student results", "gradebook", "grade book"},
	},
	KindStudentFile: {
		{"dossier de l'élève", "dossier d'élève", "dossiers des élèves", "dossier scolaire", "dossier d'aide particulière", "dossier d'aide", "fiche de l'élève", "fiche d'élève", "dossier de mon élève"},
		{"student file", "student files", "student record", "student records", "cumulative file", "school record", "student profile"},
	},
	KindSupportPlan: {
		{"plan d'intervention", "plans d'intervention"},
		{"iep", "individualized education plan", "individual education plan", "intervention plan"},
	},
	KindHealth: {
		{"santé", "état de santé", "santé mentale", "dossier médical", "médical", "médicale", "diagnostic", "diagnostique", "tdah", "autisme", "allergie", "allergies", "médicament", "médication", "handicap", "dyslexie", "trouble d'apprentissage", "rapport du psychologue", "évaluation psychologique", "maladie"},
		{"health", "mental health", "medical", "diagnosis", "adhd", "autism", "allergy", "allergies", "medication", "disability", "dyslexia", "learning disability", "psychological assessment", "illness", "health record"},
	},
	KindPhoto: {
		{"photo d'élève", "photos d'élèves", "photo de l'élève", "photos des élèves", "photo de classe", "photo d'un enfant", "photos des enfants", "photo d'un parent", "photo d'un collègue", "photos de personnes", "visage", "visages", "égoportrait"},
		{"student photo", "student photos", "photos of students", "photo of a student", "pictures of students", "picture of a student", "class photo", "photos of children", "photos of people", "pictures of people", "selfie"},
	},
	KindAddress: {
		{"adresse", "adresses", "adresse du domicile", "adresse postale", "lieu de résidence"},
		{"home address", "home addresses", "mailing address", "street address", "student address", "address of the student"},
	},
	KindPhone: {
		{"numéro de téléphone", "numéros de téléphone", "téléphone des parents", "téléphone de l'élève", "numéro de cellulaire"},
		{"phone number", "phone numbers", "cell number", "telephone number", "mobile number"},
	},
	KindEmail: {
		{"adresse courriel", "adresses courriel", "adresse électronique", "courriel personnel", "courriel de l'élève"},
		{"email address", "email addresses", "e-mail address", "student email address"},
	},
	KindBirthDate: {
		{"date de naissance", "dates de naissance", "né le", "née le"},
		{"date of birth", "birth date", "birthdate", "dob", "birthday"},
	},
	KindCodePermanent: {
		{"code permanent", "codes permanents"},
		{"permanent code", "permanent codes"},
	},
	KindSIN: {
		{"numéro d'assurance sociale", "assurance sociale", "nas"},
		{"social insurance number", "sin", "social security number", "ssn"},
	},
	KindHRFile: {
		{"dossier RH", "dossier du personnel", "dossier d'employé", "dossier de l'employé", "dossier disciplinaire", "mesure disciplinaire", "évaluation du rendement", "salaire", "salaires", "congé de maladie", "cv", "curriculum vitae"},
		{"hr file", "personnel file", "employee file", "employee record", "disciplinary", "performance review", "performance evaluation", "salary", "salaries", "sick leave", "cvs"},
	},
	KindConfidential: {
		{"confidentiel", "confidentielle", "confidentiels", "confidentielles", "secret professionnel", "huis clos"},
		{"confidential", "classified", "internal only", "privileged", "trade secret"},
	},
	KindPersonalInfo: {
		{"renseignements personnels", "renseignement personnel", "données personnelles", "informations personnelles", "données nominatives", "nominatif", "nominatives", "données des élèves"},
		{"personal information", "personal data", "personal info", "personally identifiable", "pii", "identifiable information", "private information", "student data"},
	},
}
