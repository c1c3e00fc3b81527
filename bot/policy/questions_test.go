package policy

import (
	"os"
	"reflect"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/i18n"
	"github.com/cssdgs/iagbot/bot/inventory"
)

func testEngine(t testing.TB) *Engine {
	t.Helper()
	f, err := os.Open("testdata/inventory.yaml")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	inv, err := inventory.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	return NewEngine(inv)
}

// question is one row of the table: the question, its language, and the verdict,
// system, use, personal-data flag and deciding rule expected.
type question struct {
	lang    i18n.Lang
	q       string
	verdict Verdict
	system  string
	use     string
	pd      bool
	rule    int
}

const (
	fr = i18n.FR
	en = i18n.EN
	P  = Permitted
	R  = Restricted
	F  = Forbidden
	NA = NotApproved
	NC = NeedsClarification
)

// questions covers every verdict and every rule, in both languages, with varied
// phrasing, typos in tool names, text without accents or in capitals, aliases
// written with spaces or hyphens, personal data (and its negation), and tools from
// the catalogue. See testdata/inventory.yaml for the systems and their rules.
var questions = []question{
	// Rule 1: no tool recognised.
	{fr, "Puis-je utiliser l'IA pour résumer un texte ?", NC, "", "summary", false, 1},
	{fr, "Est-ce que je peux utiliser un outil d'intelligence artificielle pour corriger mes copies ?", NC, "", "grading", false, 1},
	{fr, "Quels outils sont approuvés ?", NC, "", "", false, 1},
	{fr, "Bonjour, j'ai une question sur l'IA générative.", NC, "", "", false, 1},
	{fr, "Quels outils puis-je utiliser pour traduire un document ?", NC, "", "translation", false, 1},
	{fr, "Puis-je entrer le code permanent d'un élève dans un robot conversationnel ?", NC, "", "", true, 1},
	{en, "Can I use AI to summarize an article?", NC, "", "summary", false, 1},
	{en, "Which tools are approved?", NC, "", "", false, 1},
	{en, "What AI tools can I use for lesson planning?", NC, "", "lesson-planning", false, 1},
	{en, "Is it ok to use a chatbot to grade essays?", NC, "", "grading", false, 1},
	{en, "Can I paste my students' phone numbers into an AI tool?", NC, "", "", true, 1},

	// Rule 2: in the inventory, but suspended or withdrawn.
	{fr, "Puis-je utiliser ScribeIA pour le compte rendu de la réunion ?", NA, "scribeia", "meeting-minutes", false, 2},
	{fr, "Est-ce que ImagiClasse est permis pour créer des images ?", NA, "imagiclasse", "image-generation", false, 2},
	{fr, "Puis-je utiliser Scribe IA ?", NA, "scribeia", "", false, 2},
	{fr, "ImagiClasse pour une affiche?", NA, "imagiclasse", "image-generation", false, 2},
	{fr, "scribeia pour faire une synthese des notes de reunion", NA, "scribeia", "meeting-minutes", false, 2},
	{en, "Can I use ScribeIA to take meeting minutes?", NA, "scribeia", "meeting-minutes", false, 2},
	{en, "Is ImagiClasse allowed for making posters?", NA, "imagiclasse", "image-generation", false, 2},
	{en, "May I still use Imagi-Classe?", NA, "imagiclasse", "", false, 2},
	{en, "Can ScribeIA summarize a meeting with the parents' names?", NA, "scribeia", "summary", true, 2},

	// Rule 3: a known public tool absent from the inventory.
	{fr, "Puis-je utiliser Claude pour rédiger un courriel ?", NA, "", "writing", false, 3},
	{fr, "Est-ce que Gemini est permis pour la planification de mes cours ?", NA, "", "lesson-planning", false, 3},
	{fr, "Puis-je utiliser Perplexity pour une recherche d'information ?", NA, "", "research", false, 3},
	{fr, "Je voudrais utiliser Midjourney pour créer une affiche.", NA, "", "image-generation", false, 3},
	{fr, "Puis-je utiliser Le Chat de Mistral pour traduire ?", NA, "", "translation", false, 3},
	{fr, "DeepSeek pour programmer une macro Excel ?", NA, "", "code", false, 3},
	{fr, "Puis-je utiliser Canva pour faire une affiche ?", NA, "", "image-generation", false, 3},
	{fr, "Est-ce que Grammarly peut corriger mon texte ?", NA, "", "rewording", false, 3},
	{fr, "MagicSchool pour créer des exercices de mathématiques ?", NA, "", "exercise-generation", false, 3},
	{fr, "Puis-je utiliser Gemeni pour résumer ?", NA, "", "summary", false, 3},
	{fr, "Puis-je utiliser NotebookLM pour résumer des articles ?", NA, "", "summary", false, 3},
	{fr, "Est-ce que je peux utiliser Khanmigo avec mes élèves ?", NA, "", "", false, 3},
	{en, "Can I use Claude to draft an email to parents?", NA, "", "parent-communication", false, 3},
	{en, "Is Google Gemini approved for translation?", NA, "", "translation", false, 3},
	{en, "Can I use DALL-E to generate an image for my class?", NA, "", "image-generation", false, 3},
	{en, "May I use Stable Diffusion for illustrations?", NA, "", "image-generation", false, 3},
	{en, "Can I use Suno to make a song for my class?", NA, "", "audio-generation", false, 3},
	{en, "Is QuillBot ok to paraphrase a text?", NA, "", "rewording", false, 3},
	{en, "Can I use Brisk to give feedback on essays?", NA, "", "feedback", false, 3},
	{en, "Can I use Diffit to adapt a text to reading levels?", NA, "", "differentiation", false, 3},
	{en, "Can I use Curipod for a lesson plan?", NA, "", "lesson-planning", false, 3},
	{en, "Can I use Perplexty to look up information?", NA, "", "research", false, 3},
	{en, "Can I use Grok for brainstorming?", NA, "", "ideation", false, 3},
	{en, "Can I use Meta AI to write a memo?", NA, "", "writing", false, 3},
	{en, "Can I use Firefly for a poster?", NA, "", "image-generation", false, 3},
	{en, "Can I use Gamma to make slides?", NA, "", "", false, 3},

	// Rule 4: personal or confidential data with a public system.
	{fr, "Puis-je mettre les notes de mes élèves dans Copilot pour faire des statistiques ?", F, "copilot-chat", "data-analysis", true, 4},
	{fr, "Puis-je demander à ChatGPT de résumer le plan d'intervention de mon élève ?", F, "chatgpt", "student-support-plan", true, 4},
	{fr, "Est-ce que je peux entrer l'adresse et le numéro de téléphone d'un parent dans Copilot ?", F, "copilot-chat", "", true, 4},
	{fr, "Copilot peut-il rédiger une lettre aux parents de Léa Tremblay ?", F, "copilot-chat", "parent-communication", true, 4},
	{fr, "Puis-je utiliser Copilot pour traduire le dossier médical d'un élève ?", F, "copilot-chat", "translation", true, 4},
	{fr, "Puis-je analyser les résultats scolaires de ma classe avec ChatGPT?", F, "chatgpt", "", true, 4},
	{fr, "Puis-je coller un courriel confidentiel dans Copilot pour le reformuler ?", F, "copilot-chat", "rewording", true, 4},
	{fr, "Puis-je utiliser ChatGPT pour écrire aux parents au sujet des allergies de leur enfant?", F, "chatgpt", "parent-communication", true, 4},
	{fr, "Puis-je envoyer la photo de classe à Copilot pour créer une affiche ?", F, "copilot-chat", "image-generation", true, 4},
	{fr, "Copilot pour rédiger une lettre au sujet de la mesure disciplinaire d'un employé ?", F, "copilot-chat", "writing", true, 4},
	{fr, "Je veux trier des CV avec ChatGPT, c'est correct ?", F, "chatgpt", "hr-screening", true, 4},
	{fr, "Puis-je donner à Copilot le NAS de mes employés ?", F, "copilot-chat", "", true, 4},
	{en, "Can I paste student grades into ChatGPT to analyze data?", F, "chatgpt", "data-analysis", true, 4},
	{en, "Can I ask Copilot to summarize an IEP?", F, "copilot-chat", "student-support-plan", true, 4},
	{en, "Can I upload photos of my students to Copilot to make a poster?", F, "copilot-chat", "image-generation", true, 4},
	{en, "Is it okay to put a student's date of birth and home address in ChatGPT?", F, "chatgpt", "", true, 4},
	{en, "Can I use ChatGPT to write to the parents of Emma Tremblay?", F, "chatgpt", "parent-communication", true, 4},
	{en, "Can Copilot translate a letter about a student's medical diagnosis?", F, "copilot-chat", "translation", true, 4},
	{en, "Can I use Copilot to draft an email to jean.tremblay@example.com?", F, "copilot-chat", "writing", true, 4},
	{en, "Can I enter a student's permanent code TREM12059801 in Copilot?", F, "copilot-chat", "", true, 4},
	{en, "Can ChatGPT help me write a performance review for an employee?", F, "chatgpt", "writing", true, 4},
	{en, "Can I share a confidential document with Copilot to summarize it?", F, "copilot-chat", "summary", true, 4},
	{en, "Can I use ChatGPT to rewrite my student's psychological assessment?", F, "chatgpt", "rewording", true, 4},
	{en, "Can I give Copilot the parent's number 450 555-1234 to write a reminder?", F, "copilot-chat", "writing", true, 4},
	{en, "Can I use ChatGPT to write report card comments with no student names?", F, "chatgpt", "report-card-comments", true, 4},

	// Rule 5: an approved system, but no use recognised.
	{fr, "Puis-je utiliser Copilot ?", NC, "copilot-chat", "", false, 5},
	{fr, "Est-ce que ChatGPT est approuvé au CSSDGS ?", NC, "chatgpt", "", false, 5},
	{fr, "Que puis-je faire avec Copilot Chat ?", NC, "copilot-chat", "", false, 5},
	{fr, "Qu'est-ce que je peux faire avec l'Assistant IAG ?", NC, "assistant-iag", "", false, 5},
	{fr, "PlanifIA, c'est permis ?", NC, "planifia", "", false, 5},
	{fr, "Est-ce que je peux me servir de chat gpt dans ma classe ?", NC, "chatgpt", "", false, 5},
	{fr, "Puis-je utiliser l'assistant privé pour le dossier de l'élève ?", NC, "assistant-iag", "", true, 5},
	{en, "Can I use Copilot?", NC, "copilot-chat", "", false, 5},
	{en, "Is ChatGPT approved?", NC, "chatgpt", "", false, 5},
	{en, "What can I do with PlanifIA?", NC, "planifia", "", false, 5},
	{en, "What is the private assistant allowed for?", NC, "assistant-iag", "", false, 5},
	{en, "What are the rules for Microsoft Copilot Chat?", NC, "copilot-chat", "", false, 5},
	{en, "Can I use Copilt?", NC, "copilot-chat", "", false, 5},

	// Rule 6: a use the system forbids.
	{fr, "Puis-je utiliser ChatGPT pour résumer un article ?", F, "chatgpt", "summary", false, 6},
	{fr, "Est-ce que Copilot peut corriger les examens de mes élèves ?", F, "copilot-chat", "grading", false, 6},
	{fr, "Puis-je utiliser ChatGPT pour une communication aux parents ?", F, "chatgpt", "parent-communication", false, 6},
	{fr, "Copilot pour faire une vidéo promotionnelle de l'école ?", F, "copilot-chat", "video-generation", false, 6},
	{fr, "Puis-je utiliser l'assistant IAG pour trier les candidatures d'un poste ?", F, "assistant-iag", "hr-screening", false, 6},
	{fr, "Puis-je utiliser PlanifIA pour corriger des copies ?", F, "planifia", "grading", false, 6},
	{fr, "Puis-je faire la rétroaction sur les travaux avec ChatGPT ?", F, "chatgpt", "feedback", false, 6},
	{fr, "Copilot peut-il m'aider pour le classement des élèves en groupes ?", F, "copilot-chat", "admissions-placement", false, 6},
	{fr, "chatgpt pour analyser des donnees de sondage", F, "chatgpt", "data-analysis", false, 6},
	{fr, "Puis-je utiliser Copilot pour rédiger des commentaires de bulletin génériques ?", F, "copilot-chat", "report-card-comments", false, 6},
	{en, "Can I use ChatGPT to summarize a research paper?", F, "chatgpt", "summary", false, 6},
	{en, "Can Copilot grade essays for me?", F, "copilot-chat", "grading", false, 6},
	{en, "Can I use ChatGPT to write a newsletter for parents?", F, "chatgpt", "parent-communication", false, 6},
	{en, "Can the private assistant screen resumes?", F, "assistant-iag", "hr-screening", false, 6},
	{en, "Can PlanifIA do the marking of exams?", F, "planifia", "grading", false, 6},
	{en, "Can I use Copilot for video editing?", F, "copilot-chat", "video-generation", false, 6},
	{en, "Is ChatGPT allowed for meeting minutes?", F, "chatgpt", "meeting-minutes", false, 6},
	{en, "May I use Copilot to decide student placement for next year?", F, "copilot-chat", "admissions-placement", false, 6},
	{en, "Can ChatGPT give feedback on my students' essays?", F, "chatgpt", "feedback", false, 6},

	// Rule 7: a restricted use, with its conditions.
	{fr, "Puis-je utiliser Copilot pour écrire un courriel aux parents ?", R, "copilot-chat", "parent-communication", false, 7},
	{fr, "Copilot pour donner de la rétroaction sur des textes d'élèves ?", R, "copilot-chat", "feedback", false, 7},
	{fr, "Puis-je générer une image avec Copilot pour ma classe ?", R, "copilot-chat", "image-generation", false, 7},
	{fr, "Puis-je utiliser ChatGPT pour planifier mes cours ?", R, "chatgpt", "lesson-planning", false, 7},
	{fr, "Est-ce que Copilot peut faire le compte rendu d'une réunion d'équipe ?", R, "copilot-chat", "meeting-minutes", false, 7},
	{fr, "Puis-je utiliser l'Assistant IAG pour les commentaires de bulletin ?", R, "assistant-iag", "report-card-comments", true, 7},
	{fr, "L'assistant IAG peut-il m'aider à corriger des copies ?", R, "assistant-iag", "grading", false, 7},
	{fr, "Puis-je utiliser PlanifIA pour créer des illustrations pédagogiques ?", R, "planifia", "image-generation", false, 7},
	{fr, "Puis-je utiliser l'assistant IAG pour la formation des groupes ?", R, "assistant-iag", "admissions-placement", false, 7},
	{fr, "copilot pour analyser des donnees anonymisees", R, "copilot-chat", "data-analysis", false, 7},
	{en, "Can I use Copilot to write an email to parents?", R, "copilot-chat", "parent-communication", false, 7},
	{en, "Can Copilot help me create an illustration for a worksheet?", R, "copilot-chat", "image-generation", false, 7},
	{en, "Can I use ChatGPT to plan my lessons?", R, "chatgpt", "lesson-planning", false, 7},
	{en, "Is Copilot okay for meeting notes?", R, "copilot-chat", "meeting-minutes", false, 7},
	{en, "Can I use Copilot for data analysis of survey results?", R, "copilot-chat", "data-analysis", false, 7},
	{en, "Can the private assistant help with grading?", R, "assistant-iag", "grading", false, 7},
	{en, "Can I use Copilot to give feedback on student work?", R, "copilot-chat", "feedback", false, 7},
	{en, "Can I make posters with PlanifIA?", R, "planifia", "image-generation", false, 7},
	{en, "Can the CSSDGS assistant help with class placement?", R, "assistant-iag", "admissions-placement", false, 7},
	{en, "can i use copilot chat to summarise meeting notes without names", R, "copilot-chat", "meeting-minutes", false, 7},
	{en, "Can I use Copilot to write a letter to parents about a field trip?", R, "copilot-chat", "parent-communication", false, 7},

	// Rule 8: a permitted use (restricted for an automated decision).
	{fr, "Puis-je utiliser ChatGPT pour traduire une lettre en anglais ?", P, "chatgpt", "translation", false, 8},
	{fr, "Est-ce que Copilot peut résumer un article de journal ?", P, "copilot-chat", "summary", false, 8},
	{fr, "Puis-je utiliser Copilot pour reformuler un paragraphe ?", P, "copilot-chat", "rewording", false, 8},
	{fr, "Copilot pour trouver des idées d'activités ?", P, "copilot-chat", "ideation", false, 8},
	{fr, "Puis-je utiliser PlanifIA pour préparer mes cours de sciences ?", P, "planifia", "lesson-planning", false, 8},
	{fr, "Puis-je créer un questionnaire avec Copilot ?", P, "copilot-chat", "exercise-generation", false, 8},
	{fr, "est-ce que je peux utiliser copilote pour ecrire un script python", P, "copilot-chat", "code", false, 8},
	{fr, "Puis-je utiliser ChatGPT pour faire du remue-méninges ?", P, "chatgpt", "ideation", false, 8},
	{fr, "L'assistant IAG peut-il faire la synthèse d'un rapport ?", P, "assistant-iag", "summary", false, 8},
	{fr, "Puis-je utiliser l'assistant privé pour rédiger le plan d'intervention d'un élève ?", R, "assistant-iag", "student-support-plan", true, 8},
	{fr, "Puis-je utiliser Copilot pour vulgariser un concept scientifique ?", P, "copilot-chat", "rewording", false, 8},
	{fr, "PlanifIA pour différencier le matériel ?", P, "planifia", "differentiation", false, 8},
	{fr, "Puis-je utiliser Copilot pour traduire une lettre sans renseignements personnels ?", P, "copilot-chat", "translation", false, 8},
	{fr, "Est-ce que je peux utiliser Copilot avec mes élèves pour trouver des idées ?", P, "copilot-chat", "ideation", false, 8},
	{fr, "PUIS-JE UTILISER COPILOT POUR TRADUIRE UN DOCUMENT ?", P, "copilot-chat", "translation", false, 8},
	{fr, "Est-ce que l'IA Copilot peut m'aider à planifier une situation d'apprentissage?", P, "copilot-chat", "lesson-planning", false, 8},
	{fr, "Puis-je utiliser Copilot Chat pour résumer des notes anonymisées d'élèves ?", P, "copilot-chat", "summary", false, 8},
	{en, "Can I use ChatGPT to translate a letter into French?", P, "chatgpt", "translation", false, 8},
	{en, "Can Copilot summarize this article for me?", P, "copilot-chat", "summary", false, 8},
	{en, "Is it OK to use Copilot to brainstorm ideas for a project?", P, "copilot-chat", "ideation", false, 8},
	{en, "Can I use Microsoft Copilot to create a quiz?", P, "copilot-chat", "exercise-generation", false, 8},
	{en, "Can I use Copilot to debug my Python code?", P, "copilot-chat", "code", false, 8},
	{en, "Can I use the private assistant to summarize a student's file?", P, "assistant-iag", "summary", true, 8},
	{en, "Can I use PlanifIA to differentiate a reading activity?", P, "planifia", "differentiation", false, 8},
	{en, "Can I rephrase my text with ChatGPT?", P, "chatgpt", "rewording", false, 8},
	{en, "Can I use Copilot to write a memo?", P, "copilot-chat", "writing", false, 8},
	{en, "Can the private assistant help me prepare an IEP?", R, "assistant-iag", "student-support-plan", true, 8},
	{en, "Can I use Copilot to summarize anonymized student grades?", P, "copilot-chat", "summary", false, 8},
	{en, "CAN I USE COPILOT TO TRANSLATE A DOCUMENT?", P, "copilot-chat", "translation", false, 8},
	{en, "Can I use Co-Pilot to write a memo?", P, "copilot-chat", "writing", false, 8},

	// Rule 9: a known use the system does not list.
	{fr, "Puis-je utiliser ChatGPT pour créer des exercices ?", F, "chatgpt", "exercise-generation", false, 9},
	{fr, "Puis-je utiliser Copilot pour faire une narration audio ?", F, "copilot-chat", "audio-generation", false, 9},
	{fr, "Puis-je générer des images avec l'assistant IAG ?", F, "assistant-iag", "image-generation", false, 9},
	{fr, "Puis-je utiliser PlanifIA pour traduire un texte ?", F, "planifia", "translation", false, 9},
	{fr, "ChatGPT pour écrire un script Python ?", F, "chatgpt", "code", false, 9},
	{fr, "Puis-je utiliser ChatGPT pour rédiger un rapport ?", F, "chatgpt", "writing", false, 9},
	{fr, "puis je utiliser chat gpt pour une affiche", F, "chatgpt", "image-generation", false, 9},
	{en, "Can I use ChatGPT to make a quiz?", F, "chatgpt", "exercise-generation", false, 9},
	{en, "Can I use ChatGPT to generate images?", F, "chatgpt", "image-generation", false, 9},
	{en, "Can I use the private assistant to make a video?", F, "assistant-iag", "video-generation", false, 9},
	{en, "Can I use PlanifIA to summarize a text?", F, "planifia", "summary", false, 9},
	{en, "Can I use ChatGPT to look up information for a project?", F, "chatgpt", "research", false, 9},
	{en, "Can I use PlanifIA for a podcast?", F, "planifia", "audio-generation", false, 9},
	{en, "Can I use Chat-GPT to write code?", F, "chatgpt", "code", false, 9},

	// No accents, no capitals, no punctuation.
	{fr, "puis je utiliser chatgpt pour resumer un texte", F, "chatgpt", "summary", false, 6},
	{fr, "est ce que copilot peut faire un resume de reunion", P, "copilot-chat", "summary", false, 8},
	{fr, "copilot pour ecrire aux parents", R, "copilot-chat", "parent-communication", false, 7},
	{fr, "je veux utiliser lassistant iag pour reformuler", P, "assistant-iag", "rewording", false, 8},
	{en, "can chatgpt translate my newsletter", F, "chatgpt", "parent-communication", false, 6},
	{en, "can copilot translate my newsletter", R, "copilot-chat", "parent-communication", false, 7},
	{en, "can i use copilot for a worksheet", P, "copilot-chat", "exercise-generation", false, 8},
}

func TestQuestions(t *testing.T) {
	e := testEngine(t)
	rules := map[int]bool{}
	verdicts := map[Verdict]bool{}
	langs := map[i18n.Lang]int{}
	for _, c := range questions {
		r := e.Evaluate(c.q, "")
		if r.Verdict != c.verdict || r.SystemID != c.system || r.UseID != c.use || r.PersonalData != c.pd || r.Rule != c.rule || r.Lang != c.lang {
			t.Errorf("%q\n got  %s sys=%q use=%q pd=%v rule=%d lang=%s %v\n want %s sys=%q use=%q pd=%v rule=%d lang=%s",
				c.q, r.Verdict, r.SystemID, r.UseID, r.PersonalData, r.Rule, r.Lang, r.PersonalDataKinds,
				c.verdict, c.system, c.use, c.pd, c.rule, c.lang)
		}
		rules[c.rule] = true
		verdicts[c.verdict] = true
		langs[c.lang]++
	}
	if len(questions) < 150 {
		t.Errorf("%d questions, want 150+", len(questions))
	}
	for rule := 1; rule <= 9; rule++ {
		if !rules[rule] {
			t.Errorf("no question decided by rule %d", rule)
		}
	}
	for _, v := range []Verdict{P, R, F, NA, NC} {
		if !verdicts[v] {
			t.Errorf("no question with verdict %s", v)
		}
	}
	if langs[fr] < len(questions)*2/5 || langs[en] < len(questions)*2/5 {
		t.Errorf("unbalanced languages: %v", langs)
	}
}

// TestEvaluateAnalysis: evaluating an analysis already made (the Q&A's matcher made
// it) answers as Evaluate does, for every question of the table and on any day.
func TestEvaluateAnalysis(t *testing.T) {
	e := testEngine(t)
	day := time.Date(2026, 9, 1, 0, 0, 0, 0, time.UTC)
	for _, c := range questions {
		for _, lang := range []i18n.Lang{"", i18n.FR, i18n.EN} {
			want, got := e.EvaluateAt(c.q, lang, day), e.EvaluateAnalysisAt(e.Analyze(c.q), lang, day)
			if !reflect.DeepEqual(got, want) {
				t.Errorf("%q (%s):\n got  %+v\n want %+v", c.q, lang, got, want)
			}
		}
	}
}
