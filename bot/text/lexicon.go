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
	KindSocial        Kind = "social_services"
	KindFamily        Kind = "family"
	KindImmigration   Kind = "immigration"
	KindDiscipline    Kind = "discipline"
	KindAttendance    Kind = "attendance"
)

// Kinds lists every category in display order.
var Kinds = []Kind{KindName, KindGrades, KindStudentFile, KindSupportPlan, KindHealth, KindPhoto,
	KindAddress, KindPhone, KindEmail, KindBirthDate, KindCodePermanent, KindSIN, KindPostalCode,
	KindHRFile, KindConfidential, KindPersonalInfo, KindSocial, KindFamily, KindImmigration, KindDiscipline,
	KindAttendance}

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
		{"nom de l'élève", "noms des élèves", "nom d'un élève", "nom de chaque élève", "noms de tous les élèves", "nom de chaque enfant", "nom et prénom", "nom du parent", "noms des parents", "nom de l'enseignant", "nom complet", "prénom", "prénoms", "nom de famille", "noms des employés", "liste de classe", "liste des élèves"},
		{"student name", "student names", "names of students", "name of the student", "parent name", "parents names", "names of parents", "full name", "first name", "last name", "first names", "class list", "class roster", "staff names", "employee names", "each child's name", "each student's name", "every student's name", "names of all students", "each student name", "child's name", "student's name", "list of students", "list of the students", "student list"},
	},
	KindGrades: {
		{"notes des élèves", "notes de l'élève", "notes d'un élève", "résultats des élèves", "résultats de l'élève", "résultats scolaires", "relevé de notes", "bulletin", "bulletins", "moyenne de l'élève", "notes d'examen", "résultats d'évaluation", "notes de chaque élève", "résultat de chaque élève"},
		{"student grades", "grades of students", "grades of the student", "report card", "report cards", "transcript", "transcripts", "test scores", "exam results", "student marks", "marks of students", "student results", "gradebook", "grade book", "each student's grade", "each student's grades", "every student's grade", "student's grade", "student's grades"},
	},
	KindStudentFile: {
		{"dossier de l'élève", "dossier d'élève", "dossiers des élèves", "dossier scolaire", "dossier d'aide particulière", "dossier d'aide", "fiche de l'élève", "fiche d'élève", "dossier de mon élève", "dossier d'un élève", "fiche santé", "fiche de santé", "dossier DPJ", "portrait de classe", "notes évolutives", "note évolutive"},
		{"student file", "student files", "student record", "student records", "cumulative file", "school record", "student profile", "health sheet", "health form", "class profile", "progress notes"},
	},
	KindSupportPlan: {
		{"plan d'intervention", "plans d'intervention", "code de difficulté", "dossier d'aide particulière", "bilan orthopédagogique", "rapport d'orthophonie"},
		{"iep", "individualized education plan", "individual education plan", "intervention plan", "504 plan", "special education file"},
	},
	KindHealth: {
		{"état de santé", "dossier médical", "rapport médical", "rapport du psychologue", "évaluation psychologique", "billet médical", "certificat médical"},
		{"health record", "medical record", "medical report", "psychological assessment", "psychologist's report", "doctor's note", "medical certificate"},
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
		{"dossier RH", "dossier du personnel", "dossier d'employé", "dossier de l'employé", "dossier disciplinaire", "évaluation du rendement", "évaluation de rendement", "cv", "curriculum vitae", "lettre de réprimande"},
		{"hr file", "personnel file", "employee file", "employee record", "performance review", "performance evaluation", "cvs", "letter of reprimand", "disciplinary file"},
	},
	KindConfidential: {
		{"confidentiel", "confidentielle", "confidentiels", "confidentielles", "secret professionnel", "huis clos",
			"mandat de négociation", "mandats de négociation", "stratégie de négociation", "position de négociation",
			"soumissions reçues", "prix des soumissionnaires", "soumission d'un fournisseur", "offres des soumissionnaires",
			"avis juridique", "opinion juridique", "avis de nos avocats", "procès-verbal du huis clos", "séance à huis clos",
			"mot de passe", "mots de passe", "code d'alarme", "code d'accès", "plan de sécurité", "faille de sécurité", "vulnérabilité"},
		{"confidential", "classified information", "internal only", "privileged and confidential", "solicitor-client privilege", "trade secret",
			"negotiation mandate", "bargaining mandate", "bargaining position", "tender bids", "bids received", "bidder prices",
			"legal opinion", "legal advice", "closed session", "in camera", "password", "passwords", "alarm code", "access code",
			"security plan", "security vulnerability"},
	},
	KindPersonalInfo: {
		{"renseignements personnels", "renseignement personnel", "données personnelles", "informations personnelles", "données nominatives", "nominatif", "nominatives", "données des élèves"},
		{"personal information", "personal data", "personal info", "personally identifiable", "pii", "identifiable information", "private information", "student data"},
	},
}

// Topics holds the words of sensitive matters (health, youth protection, special
// needs, family, immigration, discipline, attendance, employment): about an
// identifiable person they are personal information; alone (« un atelier sur la santé
// mentale ») they are only a reason for doubt. Matched like Lexicon.
var Topics = map[Kind][2][]string{
	// Results say something of a person only when one is spoken of; alone they raise
	// no doubt (« prendre des notes »).
	KindGrades: {
		{"notes", "résultats", "résultats d'examen", "moyenne", "échec", "note finale", "note de passage"},
		{"grades", "marks", "exam results", "test results", "scores", "failing grade", "final grade"},
	},
	KindHealth: {
		{"santé", "santé mentale", "médical", "médicale", "diagnostic", "diagnostique", "diagnostiqué", "tdah", "tsa", "autisme", "autiste", "allergie", "allergies", "médicament", "médication", "handicap", "dyslexie", "dysphasie", "trouble d'apprentissage", "trouble du comportement", "maladie", "orthophonie", "orthophoniste", "psychologue", "ergothérapie", "anxiété", "dépression", "asthme", "diabète", "épilepsie", "hospitalisé", "hospitalisation", "thérapie", "ritalin", "concerta", "épipen", "suicide", "idées suicidaires", "enceinte", "grossesse", "pédopsychiatrie", "pédopsychiatre", "psychiatrie", "psychiatre"},
		{"health", "mental health", "medical", "diagnosis", "diagnosed", "adhd", "autism", "autistic", "allergy", "allergies", "medication", "disability", "dyslexia", "learning disability", "illness", "speech therapy", "speech therapist", "psychologist", "therapist", "anxiety", "depression", "asthma", "diabetes", "epilepsy", "hospitalized", "therapy", "epipen", "suicidal", "pregnant", "pregnancy", "psychiatry", "psychiatrist", "psychiatric"},
	},
	KindSupportPlan: {
		{"orthopédagogie", "orthopédagogue", "ehdaa", "hdaa", "besoins particuliers", "difficulté d'apprentissage", "classe spéciale", "classe adaptée", "éducatrice spécialisée"},
		{"special needs", "special education", "resource teacher", "learning support", "special ed"},
	},
	KindSocial: {
		{"dpj", "protection de la jeunesse", "signalement", "clsc", "cisss", "ciusss", "intervenant social", "intervenante sociale", "intervenant", "intervenante", "travailleur social", "travailleuse sociale", "famille d'accueil", "centre jeunesse", "négligence", "maltraitance"},
		{"youth protection", "child protection", "child protective services", "cps", "social worker", "social services", "foster care", "foster family", "neglect", "abuse", "maltreatment", "caseworker"},
	},
	KindFamily: {
		{"garde partagée", "garde des enfants", "droit de garde", "ordonnance de la cour", "ordonnance du tribunal", "jugement de garde", "divorce", "séparation", "parents séparés", "violence conjugale", "conflit familial", "situation familiale", "interdiction de contact"},
		{"custody", "shared custody", "court order", "custody order", "divorce", "separation", "separated parents", "domestic violence", "family situation", "restraining order", "no-contact order"},
	},
	KindImmigration: {
		{"statut d'immigration", "réfugié", "réfugiée", "demandeur d'asile", "demandeuse d'asile", "sans statut", "permis de séjour", "permis d'études", "permis de travail", "résidence permanente", "citoyenneté", "déportation"},
		{"immigration status", "refugee", "asylum seeker", "undocumented", "study permit", "work permit", "permanent residence", "citizenship", "deportation"},
	},
	KindDiscipline: {
		{"suspension", "suspendu", "suspendue", "expulsion", "expulsé", "renvoi", "retenue", "sanction", "mesure disciplinaire", "plainte", "policier", "policière", "casier judiciaire", "accusation", "accusé", "intimidation", "taxage", "agression", "arrestation", "arrêté", "tribunal", "lsjpa", "fugue", "rapport d'incident", "bataille", "batailles"},
		{"suspended", "suspension", "expelled", "expulsion", "detention", "disciplinary", "complaint", "police", "criminal record", "charged", "bullying", "assault", "theft", "arrested", "juvenile court", "ran away", "incident report", "fight"},
	},
	KindAttendance: {
		{"absences", "absentéisme", "retards", "motif d'absence", "absent", "absente", "décrochage"},
		{"absences", "attendance", "tardiness", "truancy", "absent", "dropout"},
	},
	KindHRFile: {
		{"probation", "période de probation", "salaire", "salaires", "congé de maladie", "congé de maternité", "arrêt de travail", "invalidité", "cnesst", "grief", "réprimande", "congédiement", "congédié", "démission"},
		{"probation", "probationary period", "salary", "salaries", "sick leave", "maternity leave", "disability leave", "grievance", "reprimand", "dismissal", "fired", "resignation"},
	},
}

// NotPersonal are phrases that contain words of Lexicon or Topics without being
// personal information: a newsletter is no report card, a school subject no health
// record, the school's own phone number no one's. A match inside one of them is
// ignored.
var NotPersonal = [2][]string{
	{"bulletin d'information", "bulletin d'informations", "bulletin de nouvelles", "bulletin électronique", "bulletin mensuel", "bulletin hebdomadaire", "infolettre",
		"éducation physique et à la santé", "saines habitudes de vie", "santé et sécurité", "santé publique", "semaine de la santé", "santé des océans", "santé de la planète", "santé environnementale", "santé des écosystèmes",
		"téléphone de l'école", "numéro de l'école", "adresse de l'école", "courriel de l'école", "téléphone du secrétariat", "coordonnées de l'école",
		"plan d'intervention type", "modèle de plan d'intervention", "gabarit de plan d'intervention"},
	{"school newsletter", "news bulletin", "bulletin board", "physical and health education", "health and safety", "public health", "health class", "ocean health", "planetary health",
		"school's phone number", "school phone number", "school address", "school's address", "office phone number",
		"iep template", "sample iep"},
}
