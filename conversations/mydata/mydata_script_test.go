package mydata_test

import (
	"context"
	"testing"

	"github.com/cssdgs/iagbot/bot/privacy"
)

// fileReport has user file an incident report through the bot.
func fileReport(w *world, user string) {
	w.r.As(user).Say("J'ai mis par erreur des notes d'élèves dans ChatGPT hier").Say("oui").Say("non").Say("oui").
		Want("a été transmis au comité")
}

func personData(t *testing.T, w *world, key string) privacy.PersonData {
	t.Helper()
	d, err := w.db.PersonData(context.Background(), key)
	if err != nil {
		t.Fatal(err)
	}
	return d
}

func TestMyDataShowsWhatTheBotHolds(t *testing.T) {
	w := newWorld(t, "fr", true)
	fileReport(w, "alice")
	// An approval request in progress, as the Annexe 1 dialog keeps it.
	if err := w.db.SaveDialog(context.Background(), "terminal:alice", "annexe1", []byte(`{}`)); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.CreateDraft(context.Background(), "terminal:alice", "alice", "fr"); err != nil {
		t.Fatal(err)
	}
	w.r.Say("in English please").Say("my data").
		Want("WHAT I KEEP ABOUT YOU", "Terminal : last contact on 2026-06-10", "English (your choice)",
			"approval request in progress (Annexe 1)", "Approval requests", "#1 : (system not named) — draft",
			"#1 : 2026-06-10 — ChatGPT — student grades or results", "1 audit log entry in your name", "[1] Delete my data").
		WantNot("Reminders")
	w.r.Say("en français").Say("mes données svp").Want("CE QUE JE CONSERVE SUR VOUS", "français (votre choix)")
	if err := w.r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestDeleteMyDataWithConfirmation(t *testing.T) {
	w := newWorld(t, "fr", true)
	r := w.r
	fileReport(w, "alice")
	fileReport(w, "bob")
	// alice asks in a shared channel; bob must not be able to confirm for her.
	r.As("alice").In("equipe").Say("supprimer mes données").
		Want("SUPPRIMER VOS DONNÉES ?", "Je supprimerai", "1 canal où je vous ai vu", "votre nom sur 1 rapport d'incident",
			"Je garderai", "1 entrée du journal d'audit", "(5.1.9)", "[1] Oui, supprimer", "[2] Non, garder")
	r.As("bob").In("equipe").Press("Oui, supprimer", nil).Want("Ce bouton s'adresse à la personne qui a demandé la suppression")
	r.As("alice").In("equipe").Press("Oui, supprimer", nil).
		Want("Données supprimées.", "C'est fait. J'ai supprimé :", "1 canal", "votre nom sur 1 rapport d'incident",
			"J'ai gardé :", "1 entrée du journal d'audit", "je noterai à nouveau le canal").
		WantNot("conversation en cours")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	// alice: only what accountability requires (her report's audit entry and the erasure's).
	if got, want := personData(t, w, "terminal:alice").Plan(), (privacy.Erasure{KeptAudit: 2}); got != want {
		t.Errorf("alice after erasure: %+v, want %+v", got, want)
	}
	inc, err := w.db.IncidentByID(context.Background(), 1)
	if err != nil || inc.ReporterKey != "" || inc.System != "ChatGPT" {
		t.Errorf("alice's report after erasure = %+v, %v; want kept without its reporter", inc, err)
	}
	// bob: untouched.
	if d := personData(t, w, "terminal:bob"); len(d.Channels) != 1 || len(d.Incidents) != 1 {
		t.Errorf("bob's data after alice's erasure: %+v", d)
	}
}

func TestDeleteMyDataTyped(t *testing.T) {
	w := newWorld(t, "fr", true)
	r := w.r
	r.As("carol").Say("delete my data").Want("DELETE YOUR DATA?", "Answer \"yes\"")
	r.Say("yes").Want("Done. I deleted:", "1 channel where I met you")
	r.As("dan").Say("supprimer mes données").Say("non").Want("je ne supprime rien")
	// Saying something else drops the confirmation: a later "oui" erases nothing.
	r.As("eve").Say("supprimer mes données").Say("aide").Want("Voici ce que vous pouvez me demander")
	r.Say("oui").Want("Je n'ai pas compris")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		key          string
		wantChannels int
	}{{"terminal:carol", 0}, {"terminal:dan", 1}, {"terminal:eve", 1}} {
		if d := personData(t, w, tc.key); len(d.Channels) != tc.wantChannels || len(d.Dialogs) != 0 {
			t.Errorf("%s: %d channels, dialogs %v; want %d channels and no dialog", tc.key, len(d.Channels), d.Dialogs, tc.wantChannels)
		}
	}
}

func TestTransparencyAndDisclosure(t *testing.T) {
	w := newWorld(t, "fr", true)
	r := w.r
	r.As("paul").Say("Es-tu une IA ?").
		Want("COMMENT JE FONCTIONNE", "Je ne suis pas un système d'intelligence artificielle générative", "déterministes",
			"« pourquoi ? »", "supprimés après 365 jours", "supprimées après 730 jours sans échange", "journal d'audit", "CPRPSI")
	r.Say("how do you work?").Want("HOW I WORK", "deleted after 365 days", "deleted after 730 days without contact")
	r.Say("Comment divulguer une traduction ?").
		Want("L'intelligence artificielle générative a été utilisée pour la traduction. Le contenu a été vérifié et validé.",
			"En anglais : Generative artificial intelligence was used for translation.", "Dans un contexte pédagogique").
		WantNot("Dites-moi l'usage")
	r.Say("how do I disclose?").Want("[purpose, e.g. ideation/rewording/summarizing]", "Tell me the use")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

// TestMyDataListsFiveThenCounts: a long list shows the five newest, then how many more.
func TestMyDataListsFiveThenCounts(t *testing.T) {
	w := newWorld(t, "en", true)
	for range 7 {
		inc := privacy.Incident{ReporterKey: "terminal:alice", System: "ChatGPT", DataKinds: []string{"grades"}, OccurredAt: "unknown"}
		if _, err := w.db.FileIncident(context.Background(), inc, "alice"); err != nil {
			t.Fatal(err)
		}
	}
	w.r.As("alice").Say("my data").Want("#7 : 2026-06-10 — ChatGPT", "#3 : 2026-06-10 — ChatGPT", "… : and 2 more").
		WantNot("#2 :", "#1 :")
	if err := w.r.Err(); err != nil {
		t.Fatal(err)
	}
}

// A button press carries no words: the dialogs (an incident report, then an erasure)
// answer it in the language they were typed in, even where the platform's locale is
// French.
func TestButtonsAnswerInTheDialogLanguage(t *testing.T) {
	w := newWorld(t, "fr", true)
	r := w.r
	r.As("kim").Say("I accidentally pasted a student's IEP into ChatGPT today").Want("[1] Prepare the report")
	r.Press("Prepare the report", nil).Want("Report in progress.", "Would you like to add a short description")
	r.Say("no").Press("Send to the committee", nil).Want("Report sent.", "Your report #1 was sent")
	r.Say("delete my data").Press("Yes, delete", nil).Want("Data deleted.", "Done. I deleted:")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
