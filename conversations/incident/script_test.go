package incident_test

import (
	"bytes"
	"context"
	"errors"
	"os"
	"reflect"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot"
	"github.com/cssdgs/iagbot/bot/privacy"
)

// secrets are the personal data the reporter types; none may leave the turn.
var secrets = []string{"Julie", "Tremblay", "TREJ12345678", "julie.mere@exemple.ca", "450-555-1234"}

func TestIncidentReportReachesCommitteeWithoutPersonalData(t *testing.T) {
	w := newWorld(t, "fr", true)
	r := w.r
	r.As("marie").Say("Oups, j'ai collé par erreur le bulletin de Julie Tremblay (code permanent TREJ12345678) dans ChatGPT ce matin").
		Want("Arrêtez", "Ne repartagez pas", "Notez", "ChatGPT est un système public (3.9) : il s'agit donc d'un incident de confidentialité (3.3)", formURL,
			"PRÉPARER UN COURT RAPPORT ?", "[1] Préparer le rapport", "[2] Non merci")
	// The system, the time and the kinds were in the message: only the description is left.
	r.Press("Préparer le rapport", nil).Want("Rapport en préparation.", "Voulez-vous ajouter une courte description")
	r.Say("Je voulais corriger le bulletin de Julie Tremblay; sa mère (julie.mere@exemple.ca, 450-555-1234) l'a demandé.").
		Want("J'ai masqué 3 éléments", "nom, courriel et téléphone", "Outil : ChatGPT", "Moment : 2026-06-10",
			"Renseignements en cause : notes ou résultats d'élèves, identifiants", "Description (masquée) : Je voulais corriger le bulletin de [nom];",
			"[1] Envoyer au comité", "[2] Annuler")
	r.Press("Envoyer au comité", nil).
		Want("→ #cprpsi", "INCIDENT DE CONFIDENTIALITÉ SIGNALÉ — N° 1", "Signalé par : marie (terminal:marie)",
			"[courriel]", "Procédure 30-02 : 3.3 et section 8", "Rapport envoyé.",
			"Votre rapport n° 1 a été transmis au comité", formURL)
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	// The console prints only what the bot says: none of it may repeat what was typed.
	for _, s := range secrets {
		if strings.Contains(r.All(), s) {
			t.Errorf("the bot's output contains %q:\n%s", s, r.All())
		}
	}

	ctx := context.Background()
	got, err := w.db.IncidentByID(ctx, 1)
	if err != nil {
		t.Fatal(err)
	}
	if got.ReporterKey != "terminal:marie" || got.System != "ChatGPT" || got.OccurredAt != "2026-06-10" ||
		!reflect.DeepEqual(got.DataKinds, []string{"grades", "identifiers"}) || !strings.Contains(got.Description, "de [nom];") {
		t.Errorf("stored incident = %+v", got)
	}
	log, err := w.db.AuditLog(ctx)
	if err != nil || len(log) != 1 || log[0].Action != privacy.AuditIncidentReport || log[0].Subject != "incident:1" {
		t.Errorf("audit log = %+v, %v; want one incident.report on incident:1", log, err)
	}
	// Nor may the database file keep any of it, in any table or in the journal.
	for _, file := range []string{w.path, w.path + "-wal"} {
		b, err := os.ReadFile(file)
		if errors.Is(err, os.ErrNotExist) {
			continue
		}
		if err != nil {
			t.Fatal(err)
		}
		for _, s := range secrets {
			if bytes.Contains(b, []byte(s)) {
				t.Errorf("%s contains %q", file, s)
			}
		}
	}
}

func TestIncidentReportInEnglishTyped(t *testing.T) {
	w := newWorld(t, "en", true)
	r := w.r
	r.As("sam").Say("I accidentally pasted a parent's email into Gemini yesterday").
		Want("Stop", "Do not share again", "Write down", formURL, "[1] Prepare the report")
	r.Say("yes").Want("Would you like to add a short description")
	r.Say("no").Want("Tool : Google Gemini", "When : 2026-06-09", "Information involved : contact details", "[1] Send to the committee").
		WantNot("Description")
	// The committee reads its reports in French, whatever the reporter's language.
	r.Say("yes").Want("→ #cprpsi", "INCIDENT DE CONFIDENTIALITÉ SIGNALÉ — N° 1", "Outil : Google Gemini",
		"Your report #1 was sent to the privacy committee (CPRPSI)", formURL)
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.IncidentByID(context.Background(), 1); err != nil {
		t.Errorf("incident not stored: %v", err)
	}
}

func TestIncidentDialogAsksAndCancels(t *testing.T) {
	w := newWorld(t, "fr", true)
	r := w.r
	r.As("luc").Say("j'ai mis des données de santé d'un élève dans un outil d'IA").Want("[1] Préparer le rapport")
	r.Press("Préparer le rapport", nil).Want("Dans quel outil")
	r.Say("Notion").Want("Je ne reconnais pas cet outil", "Quand est-ce arrivé")
	r.Say("la semaine prochaine").Want("Je n'ai pas reconnu le moment")
	r.Say("il y a 2 jours").Want("Voulez-vous ajouter une courte description")
	// A question mid-dialog is answered elsewhere, then the same question comes back.
	r.Say("Dois-je avertir ma direction ?").Want("Je n'ai pas compris", "Voulez-vous ajouter une courte description")
	r.Say("non").Want("Outil : autre outil (à préciser dans le formulaire)", "Moment : 2026-06-08", "santé")
	r.Say("annuler").Want("je n'envoie rien", formURL).WantNot("→ #cprpsi")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.IncidentByID(context.Background(), 1); !errors.Is(err, bot.ErrNotFound) {
		t.Errorf("IncidentByID after cancel = %v, want ErrNotFound", err)
	}
}

func TestIncidentOfferDeclinedOrLapsed(t *testing.T) {
	w := newWorld(t, "fr", true)
	r := w.r
	incident := "J'ai copié les coordonnées des parents dans ChatGPT par erreur"
	r.As("ana").Say(incident).Press("Non merci", nil).Want("Pas de rapport.", "je ne prépare pas de rapport", formURL)
	r.Say(incident).Say("non").Want("je ne prépare pas de rapport")
	// Talking of something else lets the offer lapse: a later "oui" starts nothing.
	r.Say(incident).Say("aide").Want("Voici ce que vous pouvez me demander")
	r.Say("oui").Want("Je n'ai pas compris").WantNot("Dans quel outil", "Voulez-vous ajouter")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}

func TestIncidentReportKeptWhenCommitteeUnreachable(t *testing.T) {
	w := newWorld(t, "fr", false) // no committee channel, no members configured
	r := w.r
	r.As("zoe").Say("Oups, j'ai mis le dossier d'un élève dans Copilot aujourd'hui").Say("oui").Say("non").
		Want("Outil : Microsoft Copilot")
	r.Say("oui").Want("Votre rapport n° 1 est enregistré, mais je n'ai pas pu le transmettre", formURL).WantNot("→ #cprpsi")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
	if _, err := w.db.IncidentByID(context.Background(), 1); err != nil {
		t.Errorf("incident not stored when the committee is unreachable: %v", err)
	}
}

// TestLastNightIsAQuebecEvening: at 23 h 41 in Québec (03:41 UTC the next day),
// « hier soir » is the day before the Québec date, not the UTC one.
func TestLastNightIsAQuebecEvening(t *testing.T) {
	w := newWorld(t, "fr", true)
	w.e.SetClock(func() time.Time { return time.Date(2026, 6, 11, 3, 41, 0, 0, time.UTC) })
	r := w.r
	r.As("marie").Say("J'ai mis par erreur des notes d'élèves dans ChatGPT hier soir")
	r.Press("Préparer le rapport", nil)
	r.Say("non").Want("Moment : 2026-06-09")
	if err := r.Err(); err != nil {
		t.Fatal(err)
	}
}
