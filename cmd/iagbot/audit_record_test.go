package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/cssdgs/iagbot/bot/audit"
	"github.com/cssdgs/iagbot/bot/config"
	"github.com/cssdgs/iagbot/bot/requests"
	"github.com/cssdgs/iagbot/bot/workflow"
	"github.com/cssdgs/iagbot/storage"
)

// recordDB writes request 1, rejected by CODIR-IN, whose SGC consultation was answered
// a day after the decision, into a new database file and returns its path.
func recordDB(t *testing.T) string {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "record.db")
	db, err := storage.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	clock := time.Date(2026, 9, 1, 14, 0, 0, 0, time.UTC)
	db.Now = func() time.Time { return clock }
	r, err := db.CreateDraft(ctx, "marie@cssdgs.gouv.qc.ca", "Marie Tremblay", "fr")
	if err != nil {
		t.Fatal(err)
	}
	for tag, v := range map[requests.Tag]string{requests.TagSystemName: "ChatGPT Édu", requests.TagSystemKind: "public",
		requests.TagEFVPDate: "2026-08-15", requests.TagEFVPStatus: "done"} {
		if err := db.SetAnswer(ctx, r.ID, tag, requests.Answer{Value: v}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := db.SubmitRequest(ctx, r.ID, "marie@cssdgs.gouv.qc.ca", "Marie Tremblay"); err != nil {
		t.Fatal(err)
	}
	if _, err := db.StartReview(ctx, r.ID, requests.CODIRReview, audit.Actor{Key: "system"}, []string{"6.3.3"}); err != nil {
		t.Fatal(err)
	}
	c, err := db.AskConsultation(ctx, workflow.Consultation{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview,
		Role: config.RoleSGC, AskedByKey: "codir@cssdgs.gouv.qc.ca", AskedByName: "Chantal Codir", Question: "Droit d'auteur ?"})
	if err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(time.Hour)
	if _, err := db.Decide(ctx, workflow.Decision{RequestID: r.ID, Round: 1, Stage: requests.CODIRReview, Decision: workflow.Reject,
		ActorKey: "codir@cssdgs.gouv.qc.ca", ActorName: "Chantal Codir", Comment: "Un système privé existe déjà.",
		To: requests.Rejected}, nil); err != nil {
		t.Fatal(err)
	}
	clock = clock.Add(24 * time.Hour)
	if _, err := db.GiveOpinion(ctx, c.ID, workflow.Unfavourable, "Licences des œuvres à vérifier.", "sgc@cssdgs.gouv.qc.ca", "Sophie Gagnon"); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestAuditRecord(t *testing.T) {
	env := map[string]string{"IAGBOT_DB": recordDB(t)}
	t.Run("markdown in French by default", func(t *testing.T) {
		code, out, errOut := runCLI(t, env, "", "audit", "record", "1", "--format", "md")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		for _, want := range []string{"# Registre de décision — demande n° 1 — ChatGPT Édu", "**Décision** : Refusée",
			"**Avis** : Défavorable", "donné après la décision : le comité a statué sans cet avis", "Licences des œuvres à vérifier."} {
			if !strings.Contains(out, want) {
				t.Errorf("output lacks %q:\n%s", want, out)
			}
		}
	})
	t.Run("json in English, flags before the id", func(t *testing.T) {
		code, out, errOut := runCLI(t, env, "", "audit", "record", "--format", "json", "--lang", "en", "1")
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		var rec struct {
			Lang     string `json:"lang"`
			Outcome  string `json:"outcome"`
			Opinions []struct {
				Role          string `json:"role"`
				Opinion       string `json:"opinion"`
				AfterDecision bool   `json:"after_decision"`
			} `json:"opinions"`
			Sections []string `json:"sections"`
		}
		if err := json.Unmarshal([]byte(out), &rec); err != nil {
			t.Fatalf("not JSON: %v\n%s", err, out)
		}
		if rec.Lang != "en" || rec.Outcome != "rejected" || len(rec.Opinions) != 1 || rec.Opinions[0].Role != "sgc" ||
			rec.Opinions[0].Opinion != "unfavourable" || !rec.Opinions[0].AfterDecision {
			t.Errorf("record = %+v", rec)
		}
	})
	t.Run("pdf to a file", func(t *testing.T) {
		file := filepath.Join(t.TempDir(), "r.pdf")
		code, _, errOut := runCLI(t, env, "", "audit", "record", "1", "--format", "pdf", "-o", file)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
		b, err := os.ReadFile(file)
		if err != nil || !bytes.HasPrefix(b, []byte("%PDF-")) {
			t.Fatalf("file = %.20q, %v; want a PDF", b, err)
		}
		if st, _ := os.Stat(file); st.Mode().Perm() != 0o600 {
			t.Errorf("file mode %v, want 0600", st.Mode().Perm())
		}
		_, stdout, _ := runCLI(t, env, "", "audit", "record", "1", "--format", "pdf")
		if stdout != string(b) {
			t.Errorf("the PDF on standard output differs from the file")
		}
	})
	for _, tc := range []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no id", []string{"audit", "record", "--format", "md"}, 2, "want one request number"},
		{"bad format", []string{"audit", "record", "1", "--format", "docx"}, 2, "want md, pdf or json"},
		{"bad lang", []string{"audit", "record", "1", "--lang", "de"}, 2, "want fr or en"},
		{"no such request", []string{"audit", "record", "99", "--format", "md"}, 1, "no request 99"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, _, errOut := runCLI(t, env, "", tc.args...)
			if code != tc.code || !strings.Contains(errOut, tc.want) {
				t.Errorf("exit %d, stderr %q; want %d and %q", code, errOut, tc.code, tc.want)
			}
		})
	}
}
