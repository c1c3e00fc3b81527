package policy

import (
	"fmt"
	"sort"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot/i18n"
)

// The generated corpus of issue #20: person shapes × sensitive contexts × a public
// and a private system × French and English, built here, never stored. Every
// sentence speaks of an identifiable person in a sensitive matter: the public system
// must answer forbidden (rule 4) and the private one must report personal data
// without forbidding it for that. Recall is measured per family of person shape and
// of context; precision per family comes with the hand-written negatives below, which
// must stay permitted.

// personShape is one way of naming or pointing at a person, in French and English.
type personShape struct{ family, fr, en string }

var personShapes = []personShape{
	// Names, capitalised, compound, with particles.
	{"name", "Léa Tremblay", "Léa Tremblay"}, {"name", "Noah Gagnon", "Noah Gagnon"},
	{"name", "Marie-Ève Côté", "Marie-Ève Côté"}, {"name", "Jean-François Bélanger", "Jean-François Bélanger"},
	{"name", "Zoé Roy-Lévesque", "Zoé Roy-Lévesque"}, {"name", "Sophie St-Pierre", "Sophie St-Pierre"},
	{"name", "Kevin O'Brien", "Kevin O'Brien"}, {"name", "Sarah McDonald", "Sarah McDonald"},
	{"name", "Jean de Lafontaine", "Jean de Lafontaine"}, {"name", "MARTIN Paul", "MARTIN Paul"},
	{"name", "Félix D'Amours", "Félix D'Amours"}, {"name", "Rosalie Côté", "Rosalie Côté"},
	{"name", "William Morin", "William Morin"}, {"name", "Olivia Chen", "Olivia Chen"},
	{"name", "Ethan Nguyen", "Ethan Nguyen"}, {"name", "Mia Patel", "Mia Patel"},
	{"name", "Jacob Singh", "Jacob Singh"}, {"name", "Alice Bouchard", "Alice Bouchard"},
	{"name", "Éloïse Pelletier", "Éloïse Pelletier"}, {"name", "Mathis Lévesque-Roy", "Mathis Lévesque-Roy"},
	// Names in lower case.
	{"lowercase", "léa tremblay", "léa tremblay"}, {"lowercase", "noah gagnon", "noah gagnon"},
	{"lowercase", "marie-ève côté", "marie-ève côté"}, {"lowercase", "jean tremblay", "jean tremblay"},
	{"lowercase", "zoé bouchard", "zoé bouchard"}, {"lowercase", "william morin", "william morin"},
	{"lowercase", "alice roy", "alice roy"}, {"lowercase", "jacob pelletier", "jacob pelletier"},
	// A first name or surname introduced as a person's.
	{"introduced", "mon élève Léa", "my student Léa"}, {"introduced", "l'élève Noah", "student Noah"},
	{"introduced", "l'élève léa", "student emma"}, {"introduced", "ma collègue Nathalie", "my colleague Nathalie"},
	{"introduced", "mon collègue Marc", "my colleague Marc"}, {"introduced", "Mme Gagnon", "Mrs. Gagnon"},
	{"introduced", "M. Tremblay", "Mr. Tremblay"}, {"introduced", "Dr Côté", "Dr. Côté"},
	{"introduced", "l'élève Maëlle", "student Maëlle"}, {"introduced", "mon élève Jacob", "my pupil Jacob"},
	{"introduced", "la petite Rosalie", "little Rosalie"},
	// Relatives of a named person.
	{"relative", "la mère de Jacob Morin", "the mother of Jacob Morin"}, {"relative", "le père de William", "the father of William"},
	{"relative", "la sœur de Zoé", "the sister of Zoé"}, {"relative", "le fils de Mme Roy", "the son of Mrs. Roy"},
	{"relative", "la fille de M. Nguyen", "the daughter of Mr. Nguyen"}, {"relative", "la mère de jean tremblay", "the mother of jean tremblay"},
	// Initials.
	{"initials", "L.T. du groupe 302", "L.T. in group 302"}, {"initials", "Léa T.", "Léa T."},
	{"initials", "J. Tremblay", "J. Tremblay"}, {"initials", "l'élève J.R.", "student J.R."},
	// Staff by role and name.
	{"role", "la directrice Lucie Hamel", "the principal Lucie Hamel"}, {"role", "l'enseignante Julie Gagné", "the teacher Julie Gagné"},
	{"role", "la secrétaire Nathalie", "the secretary Nathalie"}, {"role", "l'orthopédagogue Karine", "the resource teacher Karine"},
	// A person spoken of without a name.
	{"reference", "un élève", "a student"}, {"reference", "un de mes élèves", "one of my students"},
	{"reference", "mon fils", "my son"}, {"reference", "une employée", "an employee"},
	{"reference", "ma collègue", "my colleague"}, {"reference", "un enfant de ma classe", "a child in my class"},
	{"reference", "cet élève", "this student"},
}

// sensitiveContext is a use of the tool about a person in a sensitive matter; "%s" is
// the person.
type sensitiveContext struct{ family, fr, en string }

var sensitiveContexts = []sensitiveContext{
	{"social", "résumer le signalement à la DPJ concernant %s", "summarize the youth protection report about %s"},
	{"social", "rédiger un courriel à l'intervenante du CLSC qui suit %s", "write an email to the social worker who follows %s"},
	{"social", "traduire la lettre de la famille d'accueil de %s", "translate the letter from the foster family of %s"},
	{"special", "résumer le plan d'intervention de %s", "summarize the IEP of %s"},
	{"special", "traduire le bilan orthopédagogique de %s", "translate the special education report of %s"},
	{"special", "résumer le code de difficulté de %s", "summarize the special needs file of %s"},
	{"health", "résumer le diagnostic de TDAH de %s", "summarize the ADHD diagnosis of %s"},
	{"health", "traduire la fiche santé de %s", "translate the health form of %s"},
	{"health", "rédiger un courriel sur les allergies de %s", "write an email about the allergies of %s"},
	{"health", "résumer le rapport du psychologue sur %s", "summarize the psychologist's report on %s"},
	{"health", "rédiger un courriel au sujet de la médication de %s", "write an email about the medication of %s"},
	{"health", "résumer le suivi en orthophonie de %s", "summarize the speech therapy notes of %s"},
	{"health", "rédiger un courriel sur l'anxiété de %s", "write an email about the anxiety of %s"},
	{"family", "résumer le jugement de garde partagée de %s", "summarize the custody order for %s"},
	{"family", "rédiger un courriel sur la séparation des parents de %s", "write an email about the divorce of the parents of %s"},
	{"family", "traduire l'ordonnance de la cour concernant %s", "translate the court order about %s"},
	{"immigration", "résumer le dossier de demandeur d'asile de %s", "summarize the asylum seeker file of %s"},
	{"immigration", "traduire le permis d'études de %s", "translate the study permit of %s"},
	{"discipline", "rédiger la lettre de suspension de %s", "write the suspension letter for %s"},
	{"discipline", "résumer le rapport de police sur %s", "summarize the police report about %s"},
	{"discipline", "rédiger un courriel sur l'intimidation subie par %s", "write an email about the bullying of %s"},
	{"attendance", "résumer les absences de %s ce mois-ci", "summarize the absences of %s this month"},
	{"attendance", "rédiger un courriel sur les retards de %s", "write an email about the tardiness of %s"},
	{"hr", "résumer l'évaluation de rendement de %s", "summarize the performance review of %s"},
	{"hr", "rédiger un courriel sur le congé de maladie de %s", "write an email about the sick leave of %s"},
	{"hr", "résumer le dossier disciplinaire de %s", "summarize the disciplinary file of %s"},
	{"hr", "rédiger la lettre de fin de probation de %s", "write the letter ending the probation of %s"},
	{"hr", "résumer le grief déposé par %s", "summarize the grievance filed by %s"},
	{"grades", "résumer les notes de %s en mathématiques", "summarize the grades of %s in math"},
	{"grades", "traduire le bulletin de %s", "translate the report card of %s"},
	{"grades", "résumer le dossier scolaire de %s", "summarize the school record of %s"},
	{"grades", "rédiger un courriel sur les résultats d'examen de %s", "write an email about the exam results of %s"},
}

// negatives are hand-written questions about no identifiable person, in the shapes that
// raised false alarms: school levels, newsletters, the school's public contact
// details, tool words used as common nouns, negations, anonymised data, people in
// general, long texts. Each must stay permitted on the public system.
var negatives = []struct{ family, q string }{
	{"level", "Puis-je utiliser Copilot pour créer un quiz sur les fractions pour la 6e année ?"},
	{"level", "Is Copilot OK for making a quiz on fractions for grade 6?"},
	{"level", "Puis-je utiliser Copilot pour créer des exercices de grammaire en secondaire 3 ?"},
	{"level", "Can I use Copilot to create exercises for grade 10 chemistry?"},
	{"level", "Puis-je utiliser Copilot pour planifier un cours de 5e année sur les volcans ?"},
	{"level", "Can I use Copilot to plan a lesson for Year 5 on the water cycle?"},
	{"level", "Puis-je utiliser Copilot pour traduire un texte pour mes élèves de 2e secondaire ?"},
	{"level", "Can I use Copilot to translate a text for my grade 3 class?"},
	{"level", "Puis-je utiliser Copilot pour créer un questionnaire pour le groupe 302 ?"},
	{"level", "Puis-je utiliser Copilot pour résumer le programme de 4e secondaire en histoire ?"},
	{"level", "Can I use Copilot to summarize the grade 8 science curriculum?"},
	{"level", "Puis-je utiliser Copilot pour adapter un texte aux niveaux de lecture de ma classe de 1re année ?"},
	{"newsletter", "Puis-je utiliser Copilot pour traduire le bulletin d'information de l'école ?"},
	{"newsletter", "Puis-je utiliser Copilot pour résumer le bulletin d'information du mois ?"},
	{"newsletter", "Can I use Copilot to translate the school newsletter?"},
	{"newsletter", "Puis-je utiliser Copilot pour résumer le bulletin électronique de l'école ?"},
	{"newsletter", "Can I use Copilot to summarize the news bulletin for staff?"},
	{"newsletter", "Puis-je utiliser Copilot pour traduire le bulletin de nouvelles de la semaine ?"},
	{"contact", "Puis-je utiliser Copilot pour traduire l'avis de l'école : téléphone de l'école 450 555-1234 ?"},
	{"contact", "Puis-je utiliser Copilot pour reformuler le message du secrétariat, joignable au 450-555-1234 ?"},
	{"contact", "Can I use Copilot to translate the school office notice: call the school office at 450-555-1234?"},
	{"contact", "Puis-je utiliser Copilot pour traduire un texte avec le courriel info@ecole.qc.ca ?"},
	{"contact", "Can I use Copilot to rewrite a notice with the address secretariat@ecole.qc.ca?"},
	{"contact", "Puis-je utiliser Copilot pour résumer les coordonnées de l'école et l'adresse de l'école ?"},
	{"contact", "Can I use Copilot to summarize the school address and the school phone number for a flyer?"},
	{"tool-noun", "Puis-je utiliser Copilot pour écrire un texte sur le mistral en Provence ?"},
	{"tool-noun", "Puis-je utiliser Copilot pour traduire un texte sur l'antidote au venin de serpent ?"},
	{"tool-noun", "Can I use Copilot to summarize an article about the Gemini zodiac sign?"},
	{"tool-noun", "Puis-je utiliser Copilot pour résumer un article sur le copilote du rallye Dakar ?"},
	{"tool-noun", "Puis-je utiliser Copilot pour trouver des idées sur le signe des Gémeaux ?"},
	{"tool-noun", "Can I use Copilot to translate a story about a rally co-driver?"},
	{"tool-noun", "Puis-je utiliser Copilot pour écrire un texte sur la gamme de do majeur ?"},
	{"tool-noun", "Mon collègue Claude m'a dit que je pouvais utiliser Copilot pour résumer un texte"},
	{"tool-noun", "Claude told me I can use Copilot to summarize an article"},
	{"tool-noun", "Puis-je utiliser Copilot pour écrire un texte qui parle de ChatGPT ?"},
	{"negation", "Puis-je utiliser Copilot pour résumer un texte sans renseignements personnels ?"},
	{"negation", "Can I use Copilot to brainstorm ideas? No student names or personal info."},
	{"negation", "I'll brainstorm with Copilot, without any personal information or names."},
	{"negation", "Puis-je utiliser Copilot pour trouver des idées, sans aucun nom d'élève ?"},
	{"negation", "Can I use Copilot to summarize an article that contains no personal data?"},
	{"negation", "Puis-je utiliser Copilot pour traduire un texte qui ne contient aucune donnée personnelle ?"},
	{"negation", "Can I use Copilot to rewrite my text? It has no names and no grades."},
	{"negation", "Puis-je utiliser Copilot pour reformuler mon texte ? Il n'y a pas de nom ni de note."},
	{"anonymised", "Puis-je utiliser Copilot pour résumer des résultats anonymisés ?"},
	{"anonymised", "Can I use Copilot to summarize anonymized survey answers?"},
	{"anonymised", "Puis-je utiliser Copilot pour reformuler des commentaires génériques ?"},
	{"anonymised", "Can I use Copilot to rewrite fictional names in a story?"},
	{"anonymised", "Puis-je utiliser Copilot pour écrire un texte avec des noms fictifs ?"},
	{"general", "Puis-je utiliser Copilot pour résumer un texte ?"},
	{"general", "Can I use Copilot to summarize an article?"},
	{"general", "Puis-je utiliser Copilot pour traduire un texte pour les parents ?"},
	{"general", "Puis-je utiliser Copilot pour écrire un texte sur la Nouvelle-France ?"},
	{"general", "Puis-je utiliser Copilot pour écrire un texte sur le Moyen Âge ?"},
	{"general", "Can I use Copilot to write a text about the Middle Ages?"},
	{"general", "Puis-je utiliser Copilot pour créer un quiz sur Pâques ?"},
	{"general", "Puis-je utiliser Copilot pour trouver des idées pour la Saint-Valentin ?"},
	{"general", "Can I use Copilot to brainstorm ideas for Halloween?"},
	{"general", "Puis-je utiliser Copilot pour résumer un article sur la traite des fourrures ?"},
	{"general", "Can I use Copilot to summarize a chapter on the fur trade?"},
	{"general", "Puis-je utiliser Copilot pour traduire un poème sur l'hiver ?"},
	{"general", "Puis-je utiliser Copilot pour résumer un roman de Michel Tremblay ?"},
	{"general", "Can I use Copilot to write a quiz about Montréal?"},
	{"general", "Puis-je utiliser Copilot pour créer des exercices sur le Québec ?"},
	{"general", "Puis-je utiliser Copilot pour trouver des idées de sortie scolaire ?"},
	{"general", "Can I use Copilot to brainstorm ideas for the field trip?"},
	{"general", "Puis-je utiliser Copilot pour planifier une activité pédagogique sur la santé des océans ?"},
	{"general", "Puis-je utiliser Copilot pour créer un quiz sur le cycle de l'eau ?"},
	{"general", "Can I use Copilot to summarize a research article about reading?"},
	{"general", "Puis-je utiliser Copilot pour traduire la politique de l'école sur les devoirs ?"},
	{"general", "Puis-je utiliser Copilot pour résumer la procédure 30-02 ?"},
	{"general", "Can I use Copilot to rewrite the school code of conduct?"},
	{"general", "Puis-je utiliser Copilot pour créer des exercices de calcul mental ?"},
	{"general", "Puis-je utiliser Copilot pour traduire un message de bienvenue pour les élèves ?"},
	{"general", "Can I use Copilot to translate a welcome message for students?"},
	{"general", "Puis-je utiliser Copilot pour résumer un texte de 3 pages écrit en 2026 ?"},
	{"general", "Can I use Copilot to write a 500-word text for my class?"},
	{"general", "Puis-je utiliser Copilot pour planifier mes cours de la semaine du 12 mars ?"},
	{"general", "Puis-je utiliser Copilot pour rédiger un courriel pour la rencontre de parents du 12 mars ?"},
	{"general", "Puis-je utiliser Copilot pour programmer une macro Excel ?"},
	{"general", "Can I use Copilot to debug my Python script?"},
	{"general", "Puis-je utiliser Copilot pour rechercher de l'information sur les volcans ?"},
	{"general", "Can I use Copilot to research the history of Canada?"},
	{"general", "Puis-je utiliser Copilot pour trouver des idées de projet en robotique ?"},
	{"general", "Puis-je utiliser Copilot pour reformuler les consignes d'un examen ?"},
	{"general", "Can I use Copilot to simplify a text for my students?"},
	{"general", "Puis-je utiliser Copilot pour différencier une activité de lecture ?"},
	{"general", "Puis-je utiliser Copilot pour créer une banque de questions sur les fractions ?"},
	{"general", "Can I use Copilot to create flashcards about French verbs?"},
	{"general", "Puis-je utiliser Copilot pour résumer le rapport annuel du comité pédagogique ?"},
	{"general", "Puis-je utiliser Copilot pour traduire un texte sur la vaccination à l'école ?"},
	{"general", "Puis-je utiliser Copilot pour rédiger un texte sur l'éducation physique et à la santé ?"},
	{"general", "Can I use Copilot for a lesson plan in physical and health education?"},
	{"general", "Puis-je utiliser Copilot pour créer un quiz sur les élections au Canada ?"},
	{"general", "Puis-je utiliser Copilot pour écrire un texte pour les enfants de maternelle ?"},
	{"general", "Can I use Copilot to write a story for kindergarten children?"},
	{"general", "Puis-je utiliser Copilot pour reformuler une note de service aux enseignants ?"},
	{"general", "Can I use Copilot to translate a memo to all teachers?"},
	{"general", "Puis-je utiliser Copilot pour trouver des idées d'activités pour la semaine des enseignants ?"},
	{"general", "Puis-je utiliser Copilot pour rédiger un texte sur la Journée nationale des patriotes ?"},
	{"general", "Puis-je utiliser Copilot pour résumer un article du Devoir sur l'éducation ?"},
	{"general", "Can I use Copilot to summarize a long article on climate change, the economy and the history of Québec, which our team discussed at length in several meetings over the year?"},
	{"general", "Puis-je utiliser Copilot pour résumer un long texte sur l'histoire de l'éducation au Québec, qui traite des réformes, des programmes et des écoles de plusieurs régions, et que je dois présenter à mon équipe ?"},
	{"general", "Puis-je utiliser Copilot pour rédiger un plan de cours d'anglais ?"},
	{"general", "Can I use Copilot for the lesson plan of my math class?"},
}

func fillPerson(ctx, person string, fr bool) string {
	s := fmt.Sprintf(ctx, person)
	if fr {
		for _, r := range [][2]string{{"de un ", "d'un "}, {"de une ", "d'une "}, {"de le ", "du "}, {"à le ", "au "},
			{"de mon ", "de mon "}, {"par un ", "par un "}, {"de L.", "de L."}} {
			s = strings.ReplaceAll(s, r[0], r[1])
		}
	}
	return s
}

type tally struct{ tp, fn, fp int }

func (c tally) recall() float64    { return ratio(c.tp, c.tp+c.fn) }
func (c tally) precision() float64 { return ratio(c.tp, c.tp+c.fp) }

func ratio(a, b int) float64 {
	if b == 0 {
		return 1
	}
	return float64(a) / float64(b)
}

func TestGeneratedPersonalCorpus(t *testing.T) {
	if len(personShapes) < 60 || len(sensitiveContexts) < 30 || len(negatives) < 100 {
		t.Fatalf("corpus too small: %d shapes, %d contexts, %d negatives", len(personShapes), len(sensitiveContexts), len(negatives))
	}
	e := testEngine(t)
	byShape, byContext := map[string]*tally{}, map[string]*tally{}
	get := func(m map[string]*tally, k string) *tally {
		if m[k] == nil {
			m[k] = &tally{}
		}
		return m[k]
	}
	var misses []string
	n := 0
	for _, p := range personShapes {
		for _, c := range sensitiveContexts {
			for _, lang := range []i18n.Lang{i18n.FR, i18n.EN} {
				for _, sys := range []string{"Copilot", "l'Assistant IAG CSSDGS"} {
					var q string
					if lang == i18n.FR {
						q = "Puis-je utiliser " + sys + " pour " + fillPerson(c.fr, p.fr, true) + " ?"
					} else {
						sysEN := strings.TrimPrefix(sys, "l'")
						q = "Can I use " + sysEN + " to " + fillPerson(c.en, p.en, false) + "?"
					}
					n++
					r := e.Evaluate(q, lang)
					public := sys == "Copilot"
					ok := r.PersonalData && (!public || r.Verdict == Forbidden && r.Rule == 4) && (public || r.Rule != 4)
					for _, tl := range []*tally{get(byShape, p.family), get(byContext, c.family)} {
						if ok {
							tl.tp++
						} else {
							tl.fn++
						}
					}
					if !ok && len(misses) < 40 {
						misses = append(misses, fmt.Sprintf("%s → %s rule %d pd=%v doubt=%v", q, r.Verdict, r.Rule, r.PersonalData, r.Doubt))
					}
				}
			}
		}
	}
	fpByFamily := map[string]int{}
	for _, neg := range negatives {
		r := e.Evaluate(neg.q, i18n.FR)
		if r.Verdict != Permitted || r.PersonalData || r.Doubt {
			fpByFamily[neg.family]++
			t.Errorf("negative %q → %s rule %d pd=%v %v doubt=%v %v", neg.q, r.Verdict, r.Rule, r.PersonalData, r.PersonalDataKinds, r.Doubt, r.DoubtReasons)
		}
	}
	// Every false positive counts against the precision of every family: a negative
	// belongs to no family of person or context.
	fp := 0
	for _, v := range fpByFamily {
		fp += v
	}
	report := func(title string, m map[string]*tally, minRecall float64) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			c := *m[k]
			c.fp = fp
			t.Logf("%-10s %-12s recall %.3f (%d/%d)  precision %.3f", title, k, c.recall(), c.tp, c.tp+c.fn, c.precision())
			if c.recall() < minRecall {
				t.Errorf("%s %s: recall %.3f below %.2f", title, k, c.recall(), minRecall)
			}
			if c.precision() < 0.97 {
				t.Errorf("%s %s: precision %.3f below 0.97", title, k, c.precision())
			}
		}
	}
	t.Logf("%d generated sentences, %d negatives (%d false alarms)", n, len(negatives), fp)
	report("person", byShape, 0.95)
	report("context", byContext, 0.95)
	for _, m := range misses {
		t.Log("miss: " + m)
	}
}
