package annexe_test

import (
	"context"
	"strings"
	"testing"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/conversations/annexe"
)

func TestCancelAsksForConfirmation(t *testing.T) {
	e := newEnv(t)
	e.fill("alice", 3)
	e.r.Say("annuler").Want("Voulez-vous vraiment annuler la demande n° 1 (ChatGPT Edu) ?")
	e.r.Say("peut-être").Want("Répondez « oui » ou « non ».", "Voulez-vous vraiment annuler")
	e.r.Say("non").Want("D'accord, la demande n'est pas annulée.", step(4))
	e.r.Say("cancel").Say("oui").Want("La demande n° 1 est annulée.")
	e.done()
	if got := e.request(1); got.Status != requests.Cancelled {
		t.Errorf("status = %s, want cancelled", got.Status)
	}
	// The dialog is over: "bonjour" is a greeting again, not an answer.
	e.r.Say("bonjour").Want("Bonjour alice").WantNot(step(4))
	e.done()
}

func TestOneDraftAtATime(t *testing.T) {
	e := newEnv(t)
	e.fill("alice", 3)
	e.r.Say("nouvelle demande").Want("Vous remplissez déjà la demande n° 1", step(4))
	e.r.Say("pause").Want("la demande n° 1 est enregistrée telle quelle", "« reprendre »")
	e.r.Say("faire une demande").Want("Vous avez déjà une demande en brouillon : n° 1 (ChatGPT Edu), réponses : 3 sur 35", "1. Reprendre ce brouillon")
	e.r.Say("peut-être").Want("Je n'ai pas compris votre choix.", "Répondez 1 ou 2.")
	e.r.Say("1").Want("On reprend la demande n° 1 à l'étape 4 de 35.", step(4))
	e.r.Say("pause").Say("faire une demande").Say("2").Want("Le brouillon n° 1 est abandonné.", "n° 2", step(1))
	e.done()
	if got := e.request(1); got.Status != requests.Cancelled {
		t.Errorf("first draft status = %s, want cancelled", got.Status)
	}
	if got := e.draftOf("terminal:alice"); got.ID != 2 {
		t.Errorf("current draft = %d, want 2", got.ID)
	}
}

func TestPolicyQuestionMidDialogIsAnsweredThenSameQuestion(t *testing.T) {
	e := newEnv(t)
	e.fill("alice", 4)
	e.r.Say("Puis-je utiliser ChatGPT pour corriger des copies ?").Want("POLICY ANSWER (6.2)", "On reprend à l'étape 5 :", step(5))
	e.r.Say("Can I use Copilot to grade?").Want("POLICY ANSWER (6.2)", "Back to step 5:", stepEN(5)) // asked in English, answered so
	e.r.Say("non").Want(stepEN(6))
	e.done()
	r := e.draftOf("terminal:alice")
	if len(r.Answers) != 5+3 || r.Answers[requests.TagPersonalData].Value != "no" { // 5 steps and step 3's follow-ups
		t.Errorf("answers = %v; the questions must not be stored as answers", r.Answers)
	}
}

func TestMyRequests(t *testing.T) {
	e := newEnv(t)
	e.r.As("alice").Say("mes demandes").Want("Vous n'avez encore fait aucune demande d'approbation.")
	e.fill("alice", 2)
	e.r.Say("mes demandes").Want("n° 1 — ChatGPT Edu — Brouillon, réponses : 2 sur 35 (mise à jour le 10 janvier 2027)", step(3))
	e.r.Say("pause").Say("my requests").Want("You have one request:", "#1 — ChatGPT Edu — Draft, answers: 2 of 35", `Type "resume"`).
		WantNot("edit my request N")
	e.r.As("bob").Say("mes demandes").Want("aucune demande")
	e.done()
}

func TestResumeWithoutDraft(t *testing.T) {
	e := newEnv(t)
	e.r.As("alice").Say("reprendre").Want("Vous n'avez aucune demande en cours.")
	e.r.Say("modifier ma demande 7").Want("Je ne trouve pas de demande n° 7 à votre nom.")
	e.done()
}

// complete fills every answer of frScript and stops at the summary.
func (e *env) complete(user string) requests.Request {
	e.fill(user, 35)
	e.r.Want("Toutes les questions de la demande")
	return e.draftOf("terminal:" + user)
}

func TestChangesRequestedReopensAtTheSummary(t *testing.T) {
	e := newEnv(t)
	r := e.complete("alice")
	e.r.Say("soumettre").Want("est soumise pour analyse")
	e.r.As("bob").Say("modifier ma demande 1").Want("Je ne trouve pas de demande n° 1 à votre nom.")
	e.r.As("alice").Say("modifier ma demande 1").Want("ne peut pas être modifiée : son statut est « Soumise »")
	e.done()
	// The review workflow asks for changes.
	e.changesRequested(r.ID)
	e.r.Say("mes demandes").Want("n° 1 — ChatGPT Edu — Modifications demandées", "« modifier ma demande N »").WantNot("« reprendre »")
	e.r.Say("reprendre").Want("Des modifications ont été demandées à votre demande n° 1.", "Modifications demandées · réponses : 35 sur 35", "[1] Soumettre la demande")
	// A change to a complete request is confirmed in one line, not with the summary.
	e.r.Say("modifier 1").Want(step(1)).Say("ChatGPT Edu Entreprise").Want("C'est noté. La demande n° 1 est complète").WantNot("réponses : 35 sur 35")
	e.r.Say("soumettre").Want("La demande n° 1 (ChatGPT Edu Entreprise) est soumise")
	e.done()
	if got := e.request(r.ID); got.Status != requests.Submitted || got.Round != 2 || got.Answers[requests.TagSystemName].Value != "ChatGPT Edu Entreprise" {
		t.Errorf("resubmitted = %s round %d name %q; want submitted round 2 with the new name", got.Status, got.Round, got.Answers[requests.TagSystemName].Value)
	}
}

func TestSubmissionRefusedWithoutEFVP(t *testing.T) {
	e := newEnv(t)
	e.fill("alice", 35-2)
	e.r.Say("soumettre").Want("La demande ne peut pas être soumise sans EFVP", step(34))
	e.done()
	// A forged or stale submit button is refused the same way.
	replies, err := e.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "alice"}, Locale: "fr",
		Action: &bot.Action{Verb: "annexe.submit", Subject: "1"}})
	if err != nil || len(replies) == 0 || !strings.Contains(replies[0].Text, "sans EFVP") {
		t.Fatalf("submit button without EFVP = %+v, %v; want refused", replies, err)
	}
	// Someone else's button does nothing.
	replies, _ = e.e.Handle(context.Background(), bot.Turn{Channel: bot.Terminal, User: bot.User{ID: "mallory"}, Locale: "fr",
		Action: &bot.Action{Verb: "annexe.submit", Subject: "1"}})
	if len(replies) != 1 || !replies[0].Private || !strings.Contains(replies[0].Text, "Seule la personne") {
		t.Errorf("someone else's press = %+v, want a private refusal", replies)
	}
	if got := e.request(1); got.Status != requests.Draft {
		t.Errorf("status = %s, want draft", got.Status)
	}
}

func TestDoneEFVPMustNotBeInTheFuture(t *testing.T) {
	e := newEnv(t)
	e.complete("alice")
	// The planned date stays in the future; saying it is done asks for the date again.
	e.r.Say("modifier 34").Say("réalisée").Want("Vérifions la date de l'EFVP", step(35), "À quelle date l'EFVP a-t-elle été réalisée ?")
	e.r.Say("15 février 2027").Want("Une EFVP réalisée ne peut pas avoir une date future")
	e.r.Say("soumettre").Want("Vérifions la date de l'EFVP", step(35))
	e.r.Say("5 janvier 2027").Want("La demande n° 1 est complète")
	e.done()
}

func TestClosedDraftEndsTheDialog(t *testing.T) {
	e := newEnv(t)
	e.fill("alice", 3)
	e.done()
	if err := e.db.CloseDraft(context.Background(), 1, "idle"); err != nil {
		t.Fatal(err)
	}
	e.r.Say("Microsoft").Want("La demande n° 1 n'est plus modifiable (statut : Fermée (inactive)).")
	e.r.Say("Microsoft").Want("Je n'ai pas compris") // the dialog is gone
	e.done()
}

func TestCancelButtonAsksForConfirmation(t *testing.T) {
	e := newEnv(t)
	e.complete("alice")
	e.r.Press("Annuler la demande", nil).Want("Voulez-vous vraiment annuler la demande n° 1")
	e.r.Say("non").Want("n'est pas annulée", "Votre demande n° 1 (ChatGPT Edu) est prête")
	e.r.Say("soumettre").Want("est soumise")
	e.done()
}

// TestOneWordLeavesTheSTIPartToTheSTI: at the STI part's first question, « je sais
// pas » leaves every item of the part to the STI, and the EFVP comes next; further on,
// "STI" leaves one item only.
func TestOneWordLeavesTheSTIPartToTheSTI(t *testing.T) {
	e := newEnv(t)
	e.fill("alice", 17)
	e.r.Say("je sais pas").Want("le STI complétera ces 16 éléments", step(34))
	e.done()
	r := e.draftOf("terminal:alice")
	for _, it := range annexe.Items() {
		want := it.Part == annexe.PartSTI
		if subTags[it.Tag] {
			want = it.Tag == requests.TagSystemOpen // « je sais pas » in frScript, before the STI part
		}
		if a := r.Answers[it.Tag]; want != a.ForSTI {
			t.Errorf("%s: ForSTI = %v, want %v", it.Tag, a.ForSTI, want)
		}
	}
	e.r.Say("modifier 20").Say("STI").Want("le STI complétera cet élément")
	e.done()
}
