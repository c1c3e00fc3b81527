package annexe_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
)

func TestMovesWithinTheDialog(t *testing.T) {
	for _, tc := range []struct {
		name   string
		script func(e *env)
		check  func(t *testing.T, r requests.Request)
	}{
		{"back shows the previous question with its answer, keep moves on", func(e *env) {
			e.fill("alice", 2)
			e.r.Say("retour").Want(step(2), "Réponse actuelle : (question passée)", "« garder »")
			e.r.Say("retour").Want(step(1), "Réponse actuelle : ChatGPT Edu")
			e.r.Say("retour").Want("Vous êtes déjà à la première question.", step(1))
			e.r.Say("garder").Want("Réponse conservée.", step(3))
		}, func(t *testing.T, r requests.Request) {
			if got := r.Answers[requests.TagSystemName].Value; got != "ChatGPT Edu" {
				t.Errorf("system name = %q, want kept", got)
			}
		}},
		{"edit N changes an answer and returns to the first unanswered question", func(e *env) {
			e.fill("alice", 5)
			e.r.Say("modifier 1").Want(step(1), "Réponse actuelle : ChatGPT Edu")
			e.r.Say("Microsoft Copilot Chat").Want("C'est noté.", step(6))
			e.r.Say("modifier 99").Want("Il n'y a pas d'étape 99 : les étapes vont de 1 à 35.", step(6))
			e.r.Say("edit 3").Want(step(3), "Réponse actuelle : Privé sécurisé")
		}, func(t *testing.T, r requests.Request) {
			if got := r.Answers[requests.TagSystemName].Value; got != "Microsoft Copilot Chat" {
				t.Errorf("system name = %q, want the edited one", got)
			}
			if r.SystemName != "Microsoft Copilot Chat" {
				t.Errorf("request's system name = %q, want the edited one", r.SystemName)
			}
		}},
		{"skip only where optional", func(e *env) {
			e.r.As("alice").Say("nouvelle demande").Say("passer").Want("Cette question est obligatoire", step(1))
			e.r.Say("ChatGPT Edu").Say("skip").Want("Question passée.", step(3))
			e.r.Say("modifier 18").Say("passer").Want("« à compléter avec le STI »", step(18))
			e.r.Say("modifier 35").Say("passer").Want("l'EFVP est obligatoire pour toute demande d'approbation (art. 6.3.2)", step(35))
		}, func(t *testing.T, r requests.Request) {
			if a, ok := r.Answers[requests.TagSystemVendor]; !ok || a.Value != "" {
				t.Errorf("vendor = %+v, %v; want skipped (stored empty)", a, ok)
			}
			if len(r.Answers) != 2 {
				t.Errorf("answers = %v, want name and vendor only", r.Answers)
			}
		}},
		{"the STI part only can be left to the STI", func(e *env) {
			e.fill("alice", 7)
			e.r.Say("à compléter avec le STI").Want("ne peut pas être laissée au STI", step(8))
		}, func(t *testing.T, r requests.Request) {
			if _, ok := r.Answers["a1.requester.system_description"]; ok {
				t.Error("a requester item was stored as left to the STI")
			}
		}},
		{"help and summary show, then ask the same question", func(e *env) {
			e.fill("alice", 3)
			e.r.Say("aide").Want("« retour »", "« modifier 7 »", "« pause »", step(4))
			e.r.Say("résumé").Want("DEMANDE D'APPROBATION N° 1 — CHATGPT EDU", "réponses : 3 sur 35", "4. Types d'usages demandés : —", step(4)).
				WantNot("Soumettre la demande")
		}, nil},
		{"a greeting or thanks is not an answer", func(e *env) {
			e.fill("alice", 0)
			e.r.Say("Bonjour !").Want("Bonjour ! Nous en étions à votre demande n° 1.", step(1))
			e.r.Say("merci").Want("Avec plaisir !", step(1))
		}, func(t *testing.T, r requests.Request) {
			if len(r.Answers) != 0 {
				t.Errorf("answers = %v, want none", r.Answers)
			}
		}},
		{"language switches mid-dialog and stays", func(e *env) {
			e.fill("alice", 3)
			e.r.Say("in English please").Want(stepEN(4), "For which types of use")
			e.r.Say("Microsoft").Want("Noted.", stepEN(5)) // an answer does not switch back
			e.r.Say("en français svp").Want(step(5))
		}, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			tc.script(e)
			e.done()
			if tc.check != nil {
				tc.check(t, e.draftOf("terminal:alice"))
			}
		})
	}
}

func TestBadAnswersGetAClearMessageAndTheSameQuestion(t *testing.T) {
	for _, tc := range []struct {
		name     string
		at       int // answers given before
		say      string
		want     []string
		tag      requests.Tag
		stored   string // "" and ok=false: nothing stored
		isStored bool
	}{
		{"empty", 0, "...", []string{"Il me faut une réponse à cette question.", step(1)}, requests.TagSystemName, "", false},
		{"empty optional", 1, " - ", []string{"Tapez « passer » pour la sauter.", step(2)}, requests.TagSystemVendor, "", false},
		{"over-long", 7, strings.Repeat("a", 2001), []string{"Votre réponse compte 2001 caractères ; la limite est de 2000.", step(8)}, "a1.requester.system_description", "", false},
		{"too short", 7, "Bien.", []string{"il faut au moins 10 caractères", step(8)}, "a1.requester.system_description", "", false},
		{"long name", 0, strings.Repeat("n", 151), []string{"la limite est de 150", step(1)}, requests.TagSystemName, "", false},
		{"choice out of list", 2, "hybride", []string{"Répondez par le numéro d'un des choix (1 à 2) ou par son nom.", step(3)}, requests.TagSystemKind, "", false},
		{"yes or no", 4, "peut-être", []string{"Répondez « oui » ou « non ».", step(5)}, requests.TagPersonalData, "", false},
		{"no with a detail", 4, "non, seulement des textes publics", []string{"J'ai retenu « Non »", step(6)}, requests.TagPersonalData, "no", true},
		{"bad e-mail", 6, "chef@", []string{"Cette adresse courriel ne semble pas valide", step(7)}, requests.TagSupervisor, "", false},
		{"a name alone", 6, "Marc Lapointe, directeur de l'école des Bâtisseurs", []string{"Un nom seul ne me permet pas de joindre cette personne", step(7)}, requests.TagSupervisor, "", false},
		{"a name and an e-mail", 6, "Marc Lapointe <Marc.Lapointe@cssdgs.gouv.qc.ca>", []string{step(8)}, requests.TagSupervisor, "Marc.Lapointe@cssdgs.gouv.qc.ca", true},
		{"a Slack mention", 6, "@U04ABCDEF", []string{step(8)}, requests.TagSupervisor, "slack:U04ABCDEF", true},
		{"not a date, accents kept", 13, "avant la relâche", []string{"Je n'ai pas reconnu « avant la relâche » comme une date", step(14)}, requests.TagTrainingCalendar, "", false},
		{"not a date", 13, "au printemps", []string{"Je n'ai pas reconnu « au printemps » comme une date", "03/03/2027 (jour/mois/année)", step(14)}, requests.TagTrainingCalendar, "", false},
		{"impossible date", 13, "31 février 2027", []string{"La date « 31 février 2027 » n'existe pas.", step(14)}, requests.TagTrainingCalendar, "", false},
		{"dd/mm assumed and said", 13, "03/04/2027", []string{"J'ai lu « 03/04/2027 » au format jour/mois/année : 3 avril 2027.", step(15)}, requests.TagTrainingCalendar, "2027-04-03", true},
		{"mm/dd when it cannot be dd/mm", 13, "04/13/2027", []string{"au format mois/jour/année", "13 avril 2027", step(15)}, requests.TagTrainingCalendar, "2027-04-13", true},
		{"English date", 13, "March 3, 2027", []string{"C'est noté.", step(15)}, requests.TagTrainingCalendar, "2027-03-03", true},
		{"a session already past", 13, "5 janvier 2027 et 3 mars 2027", []string{"la séance du 5 janvier 2027 est déjà passée", step(15)}, requests.TagTrainingCalendar, "2027-01-05,2027-03-03", true},
		{"deployment in the past", 14, "2026-12-01", []string{"La date de déploiement prévue ne peut pas être déjà passée.", step(15)}, requests.TagDeploymentDate, "", false},
		{"deployment before training", 14, "2027-03-05", []string{"Le déploiement doit suivre la formation du personnel (art. 7) : la dernière séance est prévue le 10 mars 2027", "« modifier 14 »", step(15)}, requests.TagDeploymentDate, "", false},
		{"two deployment dates", 14, "1er avril 2027 ou 2 avril 2027", []string{"Indiquez une seule date.", step(15)}, requests.TagDeploymentDate, "", false},
		{"interval not understood", 23, "de temps en temps", []string{"Je n'ai pas compris cette fréquence.", step(24)}, requests.TagRiskReviewInterval, "", false},
		{"interval too short", 23, "2 jours", []string{"Une revue aux 2 jours n'est pas raisonnable", step(24)}, requests.TagRiskReviewInterval, "", false},
		{"EFVP after deployment", 34, "1er mai 2027", []string{"l'EFVP est prévue après le déploiement du 1er avril 2027"}, requests.TagEFVPDate, "2027-05-01", true},
		{"planned EFVP in the past", 34, "2026-06-01", []string{"Une EFVP prévue ne peut pas avoir une date déjà passée", "« modifier 34 »", step(35)}, requests.TagEFVPDate, "", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			e := newEnv(t)
			e.fill("alice", tc.at)
			e.r.Say(tc.say).Want(tc.want...)
			e.done()
			a, ok := e.draftOf("terminal:alice").Answers[tc.tag]
			if ok != tc.isStored || a.Value != tc.stored {
				t.Errorf("%s stored = %q (%v), want %q (%v)", tc.tag, a.Value, ok, tc.stored, tc.isStored)
			}
		})
	}
}

func TestEmptyTurnFromAChannel(t *testing.T) {
	e := newEnv(t)
	e.fill("alice", 0)
	e.done()
	// Teams sends an empty text with an attachment only: the question is asked again.
	replies, err := e.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "alice"}, Locale: "fr"})
	if err != nil || len(replies) != 1 || !strings.Contains(replies[0].Text, "Il me faut une réponse") || !strings.Contains(replies[0].Text, step(1)) {
		t.Fatalf("empty turn = %+v, %v; want the empty-answer message and step 1", replies, err)
	}
}
